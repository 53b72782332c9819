/**
 * Full-text search over published posts, per language, with highlighted snippets; and the
 * indexing the editorial workflow calls when a post is published or unpublished. Only
 * published revisions are ever indexed, so drafts and unpublished posts are never found.
 * Words match by stem and without accents on every engine (src/domain/search-text.ts). This
 * service cleans what is indexed and searched, and has the text analysed for the index in the
 * content format's worker threads (`ContentFormat.analyzeForSearch`: a long body takes a few
 * hundred milliseconds), before the publishing transaction where the text is known by then.
 */
import type { Root } from 'mdast';
import { documentText } from '../../domain/document-text.js';
import { postPath } from '../../domain/post.js';
import { plainText } from '../../domain/units/index.js';
import type { ServiceDeps } from '../deps.js';
import type { PostRecord, SearchDocument, SearchText, Store } from '../repositories.js';
import { snippetMarks } from '../repositories.js';

/** Results per page. */
export const SEARCH_PAGE_SIZE = 10;
/** Longer queries are cut to this many characters (not refused). */
export const MAX_QUERY_LENGTH = 200;
/**
 * Queries with more words are cut to this many (not refused): every word is one more term the
 * index intersects, and no one searches with more.
 */
export const MAX_QUERY_TERMS = 20;

/** A piece of a snippet: plain text, `marked` where it matched the query. */
export interface SnippetPart {
  text: string;
  marked: boolean;
}

export interface SearchResult {
  postId: string;
  /** Language of the indexed version (its `lang`). */
  language: string;
  title: string;
  path: string;
  publishedAt: string;
  snippet: SnippetPart[];
}

export interface SearchPage {
  /** The query actually searched (trimmed, cut to MAX_QUERY_LENGTH); '' shows the form only. */
  query: string;
  /** True when the reader's text was longer than MAX_QUERY_LENGTH and was cut. */
  shortened: boolean;
  language: string;
  total: number;
  page: number;
  pages: number;
  results: SearchResult[];
}

/**
 * Published posts in `language` matching the reader's words, best first, SEARCH_PAGE_SIZE per
 * page. Never throws on what the reader typed: any text is a valid query.
 */
export async function searchPosts(
  deps: ServiceDeps,
  input: { language: string; text: string; page: number },
): Promise<SearchPage> {
  const { query, shortened } = cleanQuery(input.text);
  const page = Math.max(1, Math.floor(input.page));
  const base = { query, shortened, language: input.language, page };
  if (query === '') return { ...base, total: 0, pages: 1, results: [] };
  // Under a language's prefix the reader finds what its listings show: posts in the language
  // and the originals in other site languages not translated into it.
  const originalsIn = deps.settings.languages.filter((l) => l !== input.language);
  const [total, hits] = await Promise.all([
    deps.store.search.count({ language: input.language, text: query, originalsIn }),
    deps.store.search.search({
      language: input.language,
      text: query,
      originalsIn,
      limit: SEARCH_PAGE_SIZE,
      offset: (page - 1) * SEARCH_PAGE_SIZE,
    }),
  ]);
  // A hit in a translation lives at the translation's own slug.
  const translations = await deps.store.translations.translationsOfPosts(hits.map((h) => h.postId));
  const slugOf = (hit: (typeof hits)[number]) =>
    translations.find(
      (t) => t.postId === hit.postId && t.language === hit.language && t.status === 'published',
    )?.slug ?? hit.slug;
  return {
    ...base,
    total,
    pages: Math.max(1, Math.ceil(total / SEARCH_PAGE_SIZE)),
    results: hits.map((hit) => ({
      postId: hit.postId,
      language: hit.language,
      title: hit.title,
      path: postPath({ language: hit.language, slug: slugOf(hit), publishedAt: hit.publishedAt }),
      publishedAt: hit.publishedAt,
      snippet: splitSnippet(hit.snippet),
    })),
  };
}

/** A post's revision analysed for search ahead of the transaction that indexes it. */
export interface PreparedPostIndex {
  revision: number;
  document: SearchDocument;
}

/**
 * The post's revision as `indexPublishedPost` indexes it, analysed now: call it before the
 * transaction that publishes (the analysis waits for a worker thread, and an SQLite
 * transaction holds the write lock while it waits). Throws if the revision does not exist;
 * DomainError `too_complex` or `rate_limited` from the content format.
 */
export async function preparePostIndex(
  deps: ServiceDeps,
  store: Store,
  post: Pick<PostRecord, 'id' | 'sourceLanguage'>,
  revisionNumber: number,
): Promise<PreparedPostIndex> {
  const text = await revisionText(store, post, revisionNumber);
  return { revision: revisionNumber, document: await analyzed(deps, store, text) };
}

/**
 * Indexes the post's published revision in its source language (translations add their own
 * rows). Call inside the transaction that publishes, with that transaction's store, and with
 * what `preparePostIndex` made of that revision before it: when `prepared` is of another post,
 * language or revision (the post changed meanwhile) the text is analysed here, with the
 * transaction open. Throws if the revision does not exist; DomainError `too_complex` or
 * `rate_limited` from the content format.
 */
export async function indexPublishedPost(
  deps: ServiceDeps,
  store: Store,
  post: Pick<PostRecord, 'id' | 'sourceLanguage'>,
  revisionNumber: number,
  prepared?: PreparedPostIndex | null,
): Promise<void> {
  const ready =
    prepared &&
    prepared.revision === revisionNumber &&
    prepared.document.postId === post.id &&
    prepared.document.language === post.sourceLanguage &&
    prepared.document.analysis.kind === store.search.analysisKind
      ? prepared.document
      : await analyzed(deps, store, await revisionText(store, post, revisionNumber));
  await store.search.index(ready);
}

/** The searchable text of a revision; throws if it does not exist. */
async function revisionText(
  store: Store,
  post: Pick<PostRecord, 'id' | 'sourceLanguage'>,
  revisionNumber: number,
): Promise<SearchText> {
  const revision = await store.posts.revision(post.id, revisionNumber);
  if (!revision) throw new Error(`Post ${post.id} has no revision ${revisionNumber}`);
  const doc = JSON.parse(revision.bodyDoc) as Root;
  const body = [revision.excerpt, documentText(doc)].filter((part) => part !== '').join('\n');
  return { postId: post.id, language: post.sourceLanguage, title: revision.title, body };
}

/**
 * Indexes a published translation as its own row in its language: the translated text only
 * (untranslated parts stay searchable in the original's language). Its callers run it inside
 * the transaction that changed the targets, which is where the text is known: the analysis
 * waits for a worker thread with that transaction open (on SQLite, holding the write lock).
 * Throws DomainError `too_complex` or `rate_limited` from the content format.
 */
export async function indexTranslation(
  deps: ServiceDeps,
  store: Store,
  translation: { postId: string; language: string },
  units: readonly { unitId: string; kind: string }[],
  targets: readonly { unitId: string; text: string; state: string }[],
): Promise<void> {
  const textOf = (unitId: string) => {
    const target = targets.find((t) => t.unitId === unitId);
    return target && target.state !== 'draft' && target.state !== 'untranslated'
      ? plainText(target.text)
      : '';
  };
  const title = units
    .filter((u) => u.kind === 'title')
    .map((u) => textOf(u.unitId))
    .join(' ');
  const body = units
    .filter((u) => u.kind !== 'title')
    .map((u) => textOf(u.unitId))
    .filter(Boolean)
    .join('\n');
  const text = { postId: translation.postId, language: translation.language, title, body };
  await store.search.index(await analyzed(deps, store, text));
}

/** The text made indexable, with the analysis the store's index needs (from a worker). */
async function analyzed(
  deps: ServiceDeps,
  store: Store,
  text: SearchText,
): Promise<SearchDocument> {
  const title = indexable(text.title);
  const body = indexable(text.body);
  const analysis = await deps.content.analyzeForSearch({
    kind: store.search.analysisKind,
    language: text.language,
    title,
    body,
  });
  return { ...text, title, body, analysis };
}

/** Takes the post out of search in every language (on unpublishing). */
export async function removeFromSearch(store: Store, postId: string): Promise<void> {
  await store.search.remove(postId);
}

/**
 * Rebuilds the whole index from the published posts (after a restore or an import). The texts
 * are analysed before the transaction (all of them held in memory until it commits); a post
 * published or changed in between is analysed inside it.
 */
export async function rebuildSearchIndex(deps: ServiceDeps): Promise<number> {
  const prepared = new Map<string, PreparedPostIndex>();
  for (const { post } of await deps.store.posts.listByStatus(['published']))
    if (post.publishedRevision !== null)
      prepared.set(post.id, await preparePostIndex(deps, deps.store, post, post.publishedRevision));
  return deps.store.transaction(async (store) => {
    await store.search.clear();
    const published = await store.posts.listByStatus(['published']);
    for (const { post } of published)
      if (post.publishedRevision !== null)
        await indexPublishedPost(deps, store, post, post.publishedRevision, prepared.get(post.id));
    return published.length;
  });
}

/**
 * Trimmed, NFC, without control characters, at most MAX_QUERY_LENGTH characters and
 * MAX_QUERY_TERMS words (`shortened` says when either cut happened).
 */
export function cleanQuery(text: string): { query: string; shortened: boolean } {
  const chars = Array.from(withoutControls(text.normalize('NFC')).replace(/\s+/gu, ' ').trim());
  const words = chars.slice(0, MAX_QUERY_LENGTH).join('').trim().split(' ');
  return {
    query: words.slice(0, MAX_QUERY_TERMS).join(' '),
    shortened: chars.length > MAX_QUERY_LENGTH || words.length > MAX_QUERY_TERMS,
  };
}

/** Splits a snippet on the repository's marks into plain and marked parts. */
export function splitSnippet(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let marked = false;
  let text = '';
  for (const char of snippet) {
    if (char === snippetMarks.start || char === snippetMarks.end) {
      if (text !== '') parts.push({ text, marked });
      text = '';
      marked = char === snippetMarks.start;
    } else text += char;
  }
  if (text !== '') parts.push({ text, marked });
  return parts;
}

/** Text safe to index: NFC, and no control characters (so none can pose as a snippet mark). */
function indexable(text: string): string {
  return withoutControls(text.normalize('NFC'));
}

function withoutControls(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/gu, '');
}
