/**
 * What the sitemap lists: the home page of every site language and every published post in
 * every public language version, each with its last change and the full set of its language
 * alternates (hreflang, plus x-default). Every page of a set lists the same set, so the
 * alternates are reciprocal, which search engines require before they trust them.
 */
import { postPath } from '../../domain/post.js';
import type { ServiceDeps } from '../deps.js';
import type { PublishedIndexEntry } from '../repositories.js';
import { siteOrigin } from './feeds.service.js';

export interface SitemapAlternate {
  /** A BCP 47 tag, or `x-default`. */
  hreflang: string;
  href: string;
}

export interface SitemapEntry {
  /** Absolute URL. */
  loc: string;
  /** ISO instant of the last change, when known. */
  lastmod: string | null;
  /** The page's language versions (itself included) and x-default, the same for each of them. */
  alternates: SitemapAlternate[];
}

export interface SitemapData {
  entries: SitemapEntry[];
  /** Any publication can change the sitemap. */
  cacheKeys: string[];
}

/** One query for all posts, none per post: cheap at ten thousand posts. */
export async function buildSitemap(deps: ServiceDeps): Promise<SitemapData> {
  const origin = siteOrigin(deps);
  const { languages, defaultLanguage } = deps.settings;
  const [posts, translations] = await Promise.all([
    deps.store.posts.publishedIndex(),
    deps.store.translations.publishedTranslationIndex(),
  ]);
  const translationsOf = new Map<string, { language: string; slug: string }[]>();
  for (const t of translations) {
    const list = translationsOf.get(t.postId) ?? [];
    list.push(t);
    translationsOf.set(t.postId, list);
  }
  const newest = posts.reduce<string | null>(
    (max, p) => (max === null || p.updatedAt > max ? p.updatedAt : max),
    null,
  );

  const homes = versionSet(
    languages.map((language) => ({ language, url: `${origin}/${language}/` })),
    `${origin}/${defaultLanguage}/`,
    newest,
  );
  const articles = posts.flatMap((post) => {
    const versions = publicVersions(post, translationsOf.get(post.id) ?? []).map((v) => ({
      language: v.language,
      url: `${origin}${v.path}`,
    }));
    const original = versions[0];
    return original ? versionSet(versions, original.url, post.updatedAt) : [];
  });
  return { entries: [...homes, ...articles], cacheKeys: ['list:all'] };
}

/** The public language versions of a post: the original first, then its published translations. */
function publicVersions(
  post: PublishedIndexEntry,
  translations: readonly { language: string; slug: string }[],
): { language: string; path: string }[] {
  return [
    {
      language: post.sourceLanguage,
      path: postPath({
        language: post.sourceLanguage,
        slug: post.slug,
        publishedAt: post.publishedAt,
      }),
    },
    ...translations.map((t) => ({
      language: t.language,
      path: postPath({ language: t.language, slug: t.slug, publishedAt: post.publishedAt }),
    })),
  ];
}

/** One entry per version, each carrying the whole set, so the alternates are reciprocal. */
function versionSet(
  versions: { language: string; url: string }[],
  xDefault: string,
  lastmod: string | null,
): SitemapEntry[] {
  const alternates: SitemapAlternate[] = [
    ...versions.map((v) => ({ hreflang: v.language, href: v.url })),
    { hreflang: 'x-default', href: xDefault },
  ];
  return versions.map((v) => ({ loc: v.url, lastmod, alternates }));
}
