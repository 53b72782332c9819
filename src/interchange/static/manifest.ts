/**
 * The export's own record, `.polyphony-export.json` at the root of the export directory: every
 * file it wrote with the address it answers, its content type, the page cache keys the page
 * shows (the app's `Surrogate-Key`), its size and SHA-256, and when and how many times the
 * directory was exported. An incremental run compares against it.
 */
import { z } from 'zod';

export const MANIFEST_FILE = '.polyphony-export.json';
export const MANIFEST_VERSION = 1;

const fileEntry = z.object({
  /** The address (percent-encoded path) the file answers. */
  url: z.string(),
  /** The Content-Type the app sent; the static host must send the same (README.md). */
  type: z.string(),
  /** The cache keys of the page (the app's Surrogate-Key, without the site tag); may be empty. */
  keys: z.array(z.string()),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** The app said the bytes at this address never change (media): not fetched again. */
  immutable: z.boolean().optional(),
});

export const manifestSchema = z.object({
  version: z.literal(MANIFEST_VERSION),
  /** The site address the pages' absolute links (canonical, feeds, sitemap) point at. */
  publicUrl: z.string(),
  /** Counts the runs into this directory: 1 for the first export. */
  sequence: z.number().int().positive(),
  /** When the last run started (ISO 8601): the pages show the site as it was then or later. */
  exportedAt: z.string(),
  /** By file path, relative to the directory, `/`-separated. */
  files: z.record(z.string(), fileEntry),
});

export type ExportManifest = z.infer<typeof manifestSchema>;
export type ManifestFile = z.infer<typeof fileEntry>;

/** Reads a manifest's text; throws when it is not one this version wrote. */
export function parseManifest(text: string): ExportManifest {
  const parsed = manifestSchema.safeParse(JSON.parse(text));
  if (!parsed.success)
    throw new Error(`${MANIFEST_FILE} is not a static export manifest: ${parsed.error.message}`);
  return parsed.data;
}

/** The manifest's text: files in path order, so two runs with one change differ in its lines. */
export function serializeManifest(manifest: ExportManifest): string {
  const files = Object.fromEntries(
    Object.entries(manifest.files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  return `${JSON.stringify({ ...manifest, files }, null, 1)}\n`;
}
