/**
 * Old addresses keep working: every WordPress permalink of what was imported and is public
 * here — posts and pages (`/?p=ID`, `/?page_id=ID` and the pretty permalink the file gives),
 * translations (Polylang's `/es/…` permalinks), categories (`/category/news/africa/`), tags,
 * authors and feeds — is stored as a permanent redirect to its new address. Storing is an
 * upsert, so re-runs write nothing new.
 */
import { postPath } from '../../domain/post.js';
import { listingPath } from '../reader/feeds.service.js';
import type { ImportContext } from './import-context.js';

function put(ctx: ImportContext, paths: string[], target: string): Promise<void> {
  return ctx.deps.store.redirects.put(
    [...new Set(paths.filter((p) => p !== ''))].map((path) => ({
      path,
      target,
      source: 'wordpress',
      createdAt: ctx.exportedAt.toISOString(),
    })),
  );
}

/** The old addresses of a published post, page or translation. */
export function redirectItem(
  ctx: ImportContext,
  item: { postId: number; postType: string; link: string; guid: string },
  shown: { language: string; slug: string; publishedAt: string | null },
): Promise<void> {
  const paths = [item.link, `/?p=${item.postId}`];
  if (item.postType === 'page') paths.push(`/?page_id=${item.postId}`);
  // The guid is `https://old.example/?p=ID` on most sites: the same address as `/?p=ID`.
  if (/^https?:\/\/[^/]+\/\?p=\d+$/.test(item.guid)) paths.push(item.guid);
  return put(ctx, paths, postPath(shown));
}

/** `/category/news/africa/kenya/` (WordPress nests the parents' slugs) and `/tag/solar/`. */
export function redirectTerm(
  ctx: ImportContext,
  term: { kind: 'category' | 'tag'; wpPath: string; wpId: number | null },
  stored: { id: string; slug: string; name: string },
): Promise<void> {
  const base = term.kind === 'category' ? 'category' : 'tag';
  const target = listingPath(ctx.deps.settings.defaultLanguage, {
    kind: term.kind,
    term: { id: stored.id, kind: term.kind, slug: stored.slug, name: stored.name },
  });
  const paths = [`/${base}/${term.wpPath}/`];
  if (term.wpId !== null && term.kind === 'category') paths.push(`/?cat=${term.wpId}`);
  if (term.kind === 'tag') paths.push(`/?tag=${term.wpPath}`);
  return Promise.all([
    put(ctx, paths, target),
    put(ctx, [`/${base}/${term.wpPath}/feed/`], `${target}/feed.xml`),
  ]).then(() => undefined);
}

/** `/author/amina/` and `/?author=1`. */
export async function redirectAuthor(
  ctx: ImportContext,
  author: { login: string; id: number | null },
  userId: string,
): Promise<void> {
  const user = await ctx.deps.store.users.findById(userId);
  if (!user) return;
  const target = listingPath(ctx.deps.settings.defaultLanguage, { kind: 'author', person: user });
  const paths = [`/author/${author.login}/`];
  if (author.id !== null) paths.push(`/?author=${author.id}`);
  await put(ctx, paths, target);
}

/** The site's feeds, and each imported language's (Polylang's `/es/feed/`). */
export async function redirectFeeds(
  ctx: ImportContext,
  languages: Iterable<string>,
): Promise<void> {
  const home = `/${ctx.deps.settings.defaultLanguage}`;
  await put(ctx, ['/feed/', '/feed/rss2/', '/?feed=rss2', '/?feed=rss'], `${home}/feed.xml`);
  await put(ctx, ['/feed/atom/', '/?feed=atom'], `${home}/atom.xml`);
  for (const language of languages) {
    if (!ctx.deps.settings.languages.includes(language)) continue;
    await put(ctx, [`/${language}/feed/`], `/${language}/feed.xml`);
  }
}
