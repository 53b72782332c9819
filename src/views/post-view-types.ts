/** Shapes of post data as views consume them. */
export interface PublicPersonView {
  id: string;
  username: string;
  displayName: string;
}

export interface OrganizationView {
  id: string;
  slug: string;
  name: string;
  country: string | null;
  website: string | null;
}

export interface ImageView {
  url: string;
  width: number | null;
  height: number | null;
  variants: { width: number; url: string }[];
}

export interface PostPageView {
  title: string;
  excerpt: string;
  language: string;
  dir: 'ltr' | 'rtl';
  path: string;
  publishedAt: string | null;
  authors: PublicPersonView[];
  organizations: OrganizationView[];
  /** `lang`/`dir` of a name shown in another language than the page's (content l10n). */
  tags: { slug: string; name: string; lang?: string; dir?: 'ltr' | 'rtl' }[];
  categories: { slug: string; name: string; lang?: string; dir?: 'ltr' | 'rtl' }[];
  events: {
    slug: string;
    name: string;
    startsOn: string | null;
    location: string;
    lang?: string;
    dir?: 'ltr' | 'rtl';
  }[];
  featured: ImageView | null;
  featuredAlt: string;
  /** The language of the alt text shown (a translation's, or the original's). */
  featuredAltLang?: { lang: string; dir: 'ltr' | 'rtl' };
  bodyHtml: string;
  preview?: { revision: number; status: string };
  sourceLanguage: string;
  /** Set when the page shows a translation: its state and who made it. */
  translation: {
    completion: number;
    outdated: number;
    translators: PublicPersonView[];
    reviewers: PublicPersonView[];
    originalPath: string;
  } | null;
}
