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
  tags: { slug: string; name: string }[];
  categories: { slug: string; name: string }[];
  events: { slug: string; name: string; startsOn: string | null; location: string }[];
  featured: ImageView | null;
  featuredAlt: string;
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
