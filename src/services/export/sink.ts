/** The export's formats, where an export goes, the writers it is given, and what it reports. */
import type { WxrWriter } from './wxr-model.js';

export const exportFormats = ['json', 'markdown', 'wxr'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** Where an export goes: files by relative path ('/'-separated, never leaving the target). */
export interface ExportSink {
  /** Writes a whole file. */
  write(path: string, data: string | Buffer): Promise<void>;
  /** Appends to a file (created on first use). */
  append(path: string, text: string): Promise<void>;
}

/** The writers of the file formats, which the caller brings (services hold no format code). */
export interface ExportWriters {
  /** Front matter as YAML text. */
  frontMatter: (data: Record<string, unknown>) => string;
  wxr: WxrWriter;
}

export interface ExportReport {
  format: ExportFormat;
  counts: Record<string, number>;
  /** Files written, media included. */
  files: number;
  /** Storage keys of media files the database names but storage lacks. */
  missingMedia: string[];
  /** Per item problems (a document that could not be written as Markdown), the rest written. */
  problems: { post: string; language: string; message: string }[];
}
