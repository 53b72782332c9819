/** What the glossary page shows: a pair's terms (a page of them, searched) and the pairs. */
import { fold } from '../../domain/glossary/index.js';
import type { Actor } from '../../domain/roles.js';
import type { ServiceDeps } from '../deps.js';
import type { GlossaryTermRecord, LanguagePair } from '../repositories.js';
import { canManageGlossary, languagePair, requireReader } from './term-input.js';

/** Terms per page of the glossary page. */
export const GLOSSARY_PAGE_SIZE = 100;

export interface GlossaryListing {
  pair: LanguagePair;
  terms: GlossaryTermRecord[];
  total: number;
  page: number;
  pages: number;
  search: string;
  /** The actor may add, change, delete and import terms. */
  canManage: boolean;
}

/**
 * A page of the pair's terms in term order; `search` matches anywhere in a term or its
 * translation, case folded. Everyone signed in reads.
 * @throws UnauthenticatedError; ValidationError on `from`/`to`.
 */
export async function listGlossary(
  deps: ServiceDeps,
  actor: Actor | null,
  input: { from: string; to: string; search?: string; page?: number },
): Promise<GlossaryListing> {
  const reader = requireReader(actor);
  const pair = languagePair(input.from, input.to);
  const search = (input.search ?? '').trim().slice(0, 200);
  const folded = search ? fold(search, pair.sourceLanguage) : undefined;
  const total = await deps.store.glossary.count(pair, { ...(folded ? { search: folded } : {}) });
  const pages = Math.max(1, Math.ceil(total / GLOSSARY_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(input.page ?? 1)), pages);
  const terms = await deps.store.glossary.list(pair, {
    ...(folded ? { search: folded } : {}),
    limit: GLOSSARY_PAGE_SIZE,
    offset: (page - 1) * GLOSSARY_PAGE_SIZE,
  });
  return { pair, terms, total, page, pages, search, canManage: canManageGlossary(reader) };
}

/** The language pairs that have glossaries, with their term counts. @throws UnauthenticatedError */
export async function glossaryPairs(
  deps: ServiceDeps,
  actor: Actor | null,
): Promise<(LanguagePair & { terms: number })[]> {
  requireReader(actor);
  return deps.store.glossary.pairs();
}
