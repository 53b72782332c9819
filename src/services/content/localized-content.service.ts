/**
 * What readers see of site content in their language: the approved translation of a name,
 * description, bio or alt text where there is one, else the original — each with the
 * language and direction of the text actually shown (for `lang`/`dir`).
 */
import { languageDirection } from '../../domain/language.js';
import type { ServiceDeps } from '../deps.js';
import type {
  ApprovedContentText,
  ContentField,
  ContentKind,
  ContentSubjectRef,
} from '../ports/content.repository.js';

/** A text as shown, with its own language and direction. */
export interface ShownText {
  text: string;
  lang: string;
  dir: 'ltr' | 'rtl';
  /** The original is shown (no approved translation into the page's language). */
  original: boolean;
}

/** Look-ups over one batch of approved texts. */
export interface LocalizedContent {
  /** The text of `field` of subject `id` of `kind`, translated or `original`. */
  text(kind: ContentKind, id: string, field: ContentField, original: string): ShownText;
  /** The same for a term known by its kind and slug (posts name their terms so). */
  term(
    termKind: 'tag' | 'category',
    slug: string,
    field: 'name' | 'description',
    original: string,
  ): ShownText;
  /** The approved translation of `field` of a subject and the original it was written for. */
  approved(
    kind: ContentKind,
    id: string,
    field: ContentField,
  ): { text: string; sourceText: string } | null;
}

/**
 * The approved texts in `language` of every subject named, in one query (none at all when the
 * language is the originals' own or not a site language).
 */
export async function localizedContent(
  deps: Pick<ServiceDeps, 'store' | 'settings'>,
  language: string,
  subjects: readonly ContentSubjectRef[],
): Promise<LocalizedContent> {
  const originalLang = deps.settings.defaultLanguage;
  const translated =
    language !== originalLang && deps.settings.languages.includes(language) && subjects.length > 0;
  const rows: ApprovedContentText[] = translated
    ? await deps.store.content.approvedFor(language, subjects)
    : [];
  const byId = new Map<string, ApprovedContentText>();
  const byTerm = new Map<string, ApprovedContentText>();
  for (const row of rows) {
    byId.set(`${row.subjectKind}:${row.subjectId}:${row.field}`, row);
    if (row.termKind && row.termSlug)
      byTerm.set(`${row.termKind}:${row.termSlug}:${row.field}`, row);
  }
  const shown = (row: ApprovedContentText | undefined, original: string): ShownText =>
    row
      ? { text: row.text, lang: language, dir: languageDirection(language), original: false }
      : {
          text: original,
          lang: originalLang,
          dir: languageDirection(originalLang),
          original: true,
        };
  return {
    text: (kind, id, field, original) =>
      original === '' ? shown(undefined, '') : shown(byId.get(`${kind}:${id}:${field}`), original),
    term: (termKind, slug, field, original) =>
      original === ''
        ? shown(undefined, '')
        : shown(byTerm.get(`${termKind}:${slug}:${field}`), original),
    approved: (kind, id, field) => {
      const row = byId.get(`${kind}:${id}:${field}`);
      return row ? { text: row.text, sourceText: row.sourceText } : null;
    },
  };
}
