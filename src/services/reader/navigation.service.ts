/**
 * The site's navigation: links to the published pages (posts of kind `page`) readable in a
 * language, for the header of every reader page in it. One query; the page cache keeps the
 * result with each page, tagged PAGES_KEY, which publishing, unpublishing or retyping a page
 * (or a page's translation) drops.
 */
import { languageDirection } from '../../domain/language.js';
import { postPath } from '../../domain/post.js';
import { PAGES_KEY } from '../../domain/post-kind.js';
import { plainText } from '../../domain/units/index.js';
import type { ServiceDeps } from '../deps.js';
import { untilChanged } from './shared-reads.js';

/** At most this many pages are linked (a navigation, not a listing). */
export const NAVIGATION_LIMIT = 12;

export interface NavigationLink {
  title: string;
  /** The page's version in the navigation's language. */
  href: string;
  /** The language of the title shown (a translation's title may not be translated yet). */
  lang: string;
  dir: 'ltr' | 'rtl';
}

export interface SiteNavigation {
  links: NavigationLink[];
  /** For the page cache: the pages showing the navigation carry these. */
  cacheKeys: string[];
}

/**
 * The pages written in `language` or published in a translation into it, oldest first, each
 * linked to its version in that language and titled in it where the title is translated.
 */
export async function siteNavigation(deps: ServiceDeps, language: string): Promise<SiteNavigation> {
  const pages = await untilChanged(deps, `navigationPages:${language}`, [PAGES_KEY], () =>
    deps.store.posts.navigationPages(language, NAVIGATION_LIMIT),
  );
  const links = pages.map((page): NavigationLink => {
    const translated =
      page.sourceLanguage !== language && page.translation ? page.translation : null;
    const title = translated?.titleText ? plainText(translated.titleText) : '';
    const lang = title ? language : page.sourceLanguage;
    return {
      title: title || page.title,
      href: postPath({
        language: translated ? language : page.sourceLanguage,
        slug: translated ? translated.slug : page.slug,
        publishedAt: page.publishedAt,
      }),
      lang,
      dir: languageDirection(lang),
    };
  });
  return { links, cacheKeys: [PAGES_KEY] };
}
