/**
 * What `polyphony export --format wxr` hands its writer (src/interchange/wxr/write-wxr.ts):
 * a WordPress eXtended RSS 1.2 document as plain records, numbered the way WordPress numbers
 * (users, terms, posts and comments each from 1), translations grouped the way Polylang stores
 * them (a `language` term per language, a `post_translations` term per group).
 */

export interface WxrOutAuthor {
  id: number;
  login: string;
  email: string;
  displayName: string;
}

export interface WxrOutTerm {
  id: number;
  taxonomy: 'category' | 'post_tag' | 'language' | 'post_translations';
  slug: string;
  name: string;
  /** A `language` term's Polylang settings (locale, rtl), serialized by the writer. */
  language?: { locale: string; rtl: boolean };
  /** A `post_translations` term's group: language slug → post id, serialized by the writer. */
  group?: Record<string, number>;
  description?: string;
  /** A category's parent's slug ('' at the top); parents come first in the file. */
  parentSlug?: string;
}

export interface WxrOutComment {
  id: number;
  author: string;
  authorEmail: string;
  /** 'YYYY-MM-DD HH:MM:SS' in UTC (the site's time zone is UTC). */
  date: string;
  content: string;
  approved: '1' | '0' | 'trash';
  parent: number;
  userId: number;
}

export interface WxrOutItem {
  id: number;
  /** `page` for Polyphony's pages (migration 0034), as WordPress's `wp:post_type`. */
  type: 'post' | 'page' | 'attachment';
  title: string;
  link: string;
  guid: string;
  /** RFC 822 date, for `pubDate`. */
  pubDate: string;
  creator: string;
  contentHtml: string;
  excerptHtml: string;
  /** 'YYYY-MM-DD HH:MM:SS' in UTC; null when never dated (a draft). */
  date: string | null;
  slug: string;
  status: 'publish' | 'future' | 'draft' | 'pending' | 'inherit';
  attachmentUrl?: string;
  /** WordPress's sticky flag (a pinned post). */
  sticky?: boolean;
  /** `category`, `post_tag`, `language` and `post_translations` assignments. */
  terms: { domain: string; nicename: string; name: string }[];
  meta: { key: string; value: string }[];
  comments: WxrOutComment[];
}

export interface WxrOutChannel {
  title: string;
  link: string;
  description: string;
  language: string;
  authors: WxrOutAuthor[];
  terms: WxrOutTerm[];
}

/** Writes a WXR document a piece at a time (the caller appends the pieces in order). */
export interface WxrWriter {
  open(channel: WxrOutChannel): string;
  item(item: WxrOutItem): string;
  close(): string;
}
