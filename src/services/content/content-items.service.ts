/**
 * What volunteers see of translatable site content: each target language with its completion
 * per kind, and one language's items of one kind — the original, the current approved text
 * (flagged when the original changed since) and the proposals waiting — a page at a time.
 */
import type { Actor } from '../../domain/roles.js';
import type { ServiceDeps } from '../deps.js';
import { requireRole } from '../interface/interface-languages.js';
import { CONTENT_KINDS } from '../ports/content.repository.js';
import type { ContentField, ContentKind, ContentTextRecord } from '../ports/content.repository.js';
import {
  contentTargetLanguages,
  requireContentKind,
  requireContentLanguage,
} from './content-languages.js';

export const CONTENT_PAGE_SIZE = 25;

export interface ContentKindProgress {
  kind: ContentKind;
  /** Non-empty original fields. */
  total: number;
  approved: number;
}

export interface ContentLanguageSummary {
  language: string;
  kinds: ContentKindProgress[];
  pending: number;
}

export interface ContentFieldView {
  field: ContentField;
  source: string;
  current: string | null;
  /** The approved text was written against another original. */
  outdated: boolean;
  pending: { id: string; text: string; createdBy: string | null }[];
}

export interface ContentItemView {
  kind: ContentKind;
  id: string;
  termKind: 'tag' | 'category' | null;
  label: string;
  slug: string;
  fields: ContentFieldView[];
}

/** Every target language with its completion per kind. Needs the translator role. */
export async function listContentLanguages(
  deps: ServiceDeps,
  actor: Actor | null,
): Promise<ContentLanguageSummary[]> {
  requireRole(actor, 'translator', 'translate site content');
  const totals = new Map<ContentKind, number>();
  for (const kind of CONTENT_KINDS)
    totals.set(kind, (await deps.store.content.countSources(kind)).fields);
  const out: ContentLanguageSummary[] = [];
  for (const language of contentTargetLanguages(deps)) {
    const approved = await deps.store.content.countApproved(language);
    const pending = await deps.store.content.countPending(language);
    out.push({
      language,
      pending,
      kinds: CONTENT_KINDS.map((kind) => {
        const total = totals.get(kind) ?? 0;
        // Approved texts of subjects deleted since are kept, never counted past the total.
        return { kind, total, approved: Math.min(total, approved[kind] ?? 0) };
      }),
    });
  }
  return out;
}

/**
 * A page of one kind's items in `language`. Needs the translator role; NotFoundError for a
 * language the site does not offer as a target or an unknown kind.
 */
export async function listContentItems(
  deps: ServiceDeps,
  actor: Actor | null,
  query: { language: string; kind: string; page: number },
): Promise<{
  language: string;
  kind: ContentKind;
  items: ContentItemView[];
  page: number;
  pages: number;
  total: number;
}> {
  requireRole(actor, 'translator', 'translate site content');
  const language = requireContentLanguage(deps, query.language);
  const kind = requireContentKind(query.kind);
  const { subjects } = await deps.store.content.countSources(kind);
  const pages = Math.max(1, Math.ceil(subjects / CONTENT_PAGE_SIZE));
  const page = Math.min(Math.max(1, query.page), pages);
  const sources = await deps.store.content.listSources(
    kind,
    CONTENT_PAGE_SIZE,
    (page - 1) * CONTENT_PAGE_SIZE,
  );
  const open = await deps.store.content.openFor(
    language,
    sources.map((s) => s.id),
  );
  const items = sources.map((source) => ({
    kind,
    id: source.id,
    termKind: source.termKind,
    label: source.label,
    slug: source.slug,
    fields: source.fields.map(({ field, text }) => {
      const mine = (r: ContentTextRecord) =>
        r.subjectKind === kind && r.subjectId === source.id && r.field === field;
      const approved = open.find((r) => mine(r) && r.status === 'approved');
      return {
        field,
        source: text,
        current: approved?.text ?? null,
        outdated: approved !== undefined && approved.sourceText !== text,
        pending: open
          .filter((r) => mine(r) && r.status === 'pending')
          .map((r) => ({ id: r.id, text: r.text, createdBy: r.createdBy })),
      };
    }),
  }));
  return { language, kind, items, page, pages, total: subjects };
}
