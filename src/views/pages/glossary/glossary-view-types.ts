/** The shapes the glossary pages show; the routes build them from service records. */

/** The language pair a glossary page is about, with names in the interface language. */
export interface GlossaryPairView {
  from: string;
  to: string;
  fromName: string;
  toName: string;
}

/** One term as the list shows it. */
export interface GlossaryTermView {
  id: string;
  term: string;
  translation: string | null;
  partOfSpeech: string;
  definition: string;
  note: string;
  caseSensitive: boolean;
  doNotTranslate: boolean;
  forbidden: string[];
  updatedAt: string;
}

/** An import's report as the page shows it. */
export interface GlossaryReportView {
  created: number;
  updated: number;
  unchanged: number;
  problems: { line: number; field?: string | undefined; message: string }[];
}
