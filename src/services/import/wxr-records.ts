/** The records a WordPress eXtended RSS (WXR) export holds, as `readWxr` hands them over. */

/** The channel's own fields, emitted once before the first author, term or item. */
export interface WxrSite {
  title: string;
  link: string;
  baseSiteUrl: string;
  baseBlogUrl: string;
  language: string;
  /** When the export was made (RFC 822, as written), '' when absent. */
  pubDate: string;
  /** `wp:wxr_version` as written ('1.0', '1.1', '1.2'), '' when absent. */
  wxrVersion: string;
}

export interface WxrAuthor {
  id: number | null;
  login: string;
  email: string;
  displayName: string;
  firstName: string;
  lastName: string;
}

/** A `wp:category`, `wp:tag` or `wp:term`. */
export interface WxrTerm {
  /** 'category', 'post_tag', or the taxonomy of a `wp:term` ('language', 'nav_menu', …). */
  kind: string;
  id: number | null;
  slug: string;
  /** The parent's slug, '' when none. */
  parent: string;
  name: string;
  description: string;
}

export interface WxrMeta {
  key: string;
  value: string;
}

/** An item's `<category domain=… nicename=…>name</category>`. */
export interface WxrItemTerm {
  domain: string;
  nicename: string;
  name: string;
}

export interface WxrComment {
  id: number | null;
  author: string;
  authorEmail: string;
  authorUrl: string;
  /** As in the file; `0000-00-00 00:00:00` or empty → null. */
  date: string | null;
  dateGmt: string | null;
  contentText: string;
  /** '1' | '0' | 'spam' | 'trash' (as written). */
  approved: string;
  type: string;
  /** 0 = none. */
  parent: number;
  userId: number;
  meta: WxrMeta[];
}

export interface WxrItem {
  postId: number;
  guid: string;
  title: string;
  link: string;
  pubDate: string;
  /** The author's login (`dc:creator`). */
  creator: string;
  contentHtml: string;
  excerptHtml: string;
  postDate: string | null;
  postDateGmt: string | null;
  /** The slug. */
  postName: string;
  /** publish, future, draft, pending, private, trash, inherit, auto-draft… */
  status: string;
  postParent: number;
  menuOrder: number;
  /** post, page, attachment, nav_menu_item… */
  postType: string;
  postPassword: string;
  commentStatus: string;
  isSticky: boolean;
  attachmentUrl: string;
  terms: WxrItemTerm[];
  meta: WxrMeta[];
  comments: WxrComment[];
}

/** A bad record that was skipped: 1-based line and column where its start tag ends. */
export interface WxrProblem {
  line: number;
  column: number;
  element: string;
  message: string;
  postId?: number;
}

/** What the reader calls, in file order; each promise is awaited before reading on. */
export interface WxrHandler {
  site?(site: WxrSite): void | Promise<void>;
  author?(author: WxrAuthor): void | Promise<void>;
  term?(term: WxrTerm): void | Promise<void>;
  item?(item: WxrItem): void | Promise<void>;
  problem?(problem: WxrProblem): void | Promise<void>;
}

/** Counts of what was read (skipped records are counted in `problems` only). */
export interface WxrSummary {
  authors: number;
  /** By kind: category, post_tag, language, … */
  terms: Record<string, number>;
  items: number;
  itemsByType: Record<string, number>;
  itemsByStatus: Record<string, number>;
  /** postType → status → count. */
  itemsByTypeAndStatus: Record<string, Record<string, number>>;
  comments: number;
  problems: number;
}
