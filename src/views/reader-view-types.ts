/** What reader pages render: listings, posts and their language versions. */
import type { ImageView, PublicPersonView } from './post-view-types.js';

export interface EntryView {
  title: string;
  excerpt: string;
  path: string;
  language: string;
  dir: 'ltr' | 'rtl';
  /** Set when the entry is in another language than the page: the language's name. */
  badge: string | null;
  publishedAt: string;
  authors: PublicPersonView[];
  featured: ImageView | null;
  featuredAlt: string;
  /** The language of the alt text shown, when known (content translations). */
  featuredAltLang?: { lang: string; dir: 'ltr' | 'rtl' };
  /** Published comments in the thread the card links to (listings; absent elsewhere). */
  commentCount?: number;
  /** Pinned by an editor to the top of the home page. */
  pinned?: boolean;
}

export type SubjectView =
  | { kind: 'home' }
  | {
      kind: 'tag' | 'category';
      name: string;
      /** Categories: the breadcrumb (top down) and the subcategories, with their archives. */
      trail?: { name: string; href: string }[];
      children?: { name: string; href: string }[];
    }
  | { kind: 'author'; name: string; bio: string }
  | {
      kind: 'organization';
      name: string;
      country: string | null;
      website: string | null;
      description: string;
      /** The organization's logo, with the media library's alt text. */
      logo: (ImageView & { alt: string }) | null;
    }
  | {
      kind: 'event';
      name: string;
      startsOn: string | null;
      endsOn: string | null;
      location: string;
      url: string | null;
    }
  | { kind: 'month'; year: number; month: number };

export interface VersionView {
  language: string;
  autonym: string;
  name: string;
  path: string;
  completion: number;
  isOriginal: boolean;
  current: boolean;
}

export interface MissingLanguageView {
  tag: string;
  autonym: string;
  name: string;
  href: string;
}

export interface PageChrome {
  /** The listing or post base path in this language, e.g. `/es` or `/es/tag/wiki`. */
  basePath: string;
  /** Absolute URLs for canonical and alternates. */
  origin: string;
  languageMenu: { tag: string; label: string; href: string; current: boolean }[];
  searchAction: string;
  homeHref: string;
  /** Links to the site's pages in this language (the header navigation); none when absent. */
  navigation?: { title: string; href: string; lang: string; dir: 'ltr' | 'rtl' }[];
}

/** An archive subject's name, description or bio as shown, with its own language. */
export type SubjectTextsView = Partial<
  Record<'name' | 'description' | 'bio', { text: string; lang: string; dir: 'ltr' | 'rtl' }>
>;
