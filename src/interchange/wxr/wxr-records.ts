/** The records `readWxr` hands over, built from the text of their fields (by qualified name). */
import type { WxrAuthor, WxrComment, WxrItem, WxrMeta, WxrTerm } from './types.js';

type Fields = ReadonlyMap<string, string>;

const getter = (fields: Fields) => (key: string) => fields.get(key) ?? '';

/** A date as in the file; `0000-00-00 00:00:00` or empty → null. */
export function nullDate(value: string | undefined): string | null {
  const v = (value ?? '').trim();
  return v === '' || v.startsWith('0000-00-00') ? null : v;
}

/** An integer field, or `fallback` when empty or not a number. */
export function intOr(value: string | undefined, fallback: number): number {
  const v = (value ?? '').trim();
  if (!/^-?\d{1,15}$/.test(v)) return fallback;
  return Number(v);
}

/** A non-negative id, or null. */
export function idOrNull(value: string | undefined): number | null {
  const n = intOr(value, -1);
  return n >= 0 ? n : null;
}

export function commentFrom(fields: Fields, meta: WxrMeta[]): WxrComment {
  const f = getter(fields);
  return {
    id: idOrNull(f('wp:comment_id')),
    author: f('wp:comment_author'),
    authorEmail: f('wp:comment_author_email'),
    authorUrl: f('wp:comment_author_url'),
    date: nullDate(f('wp:comment_date')),
    dateGmt: nullDate(f('wp:comment_date_gmt')),
    contentText: f('wp:comment_content'),
    approved: f('wp:comment_approved').trim(),
    type: f('wp:comment_type').trim(),
    parent: intOr(f('wp:comment_parent'), 0),
    userId: intOr(f('wp:comment_user_id'), 0),
    meta,
  };
}

export function authorFrom(fields: Fields): WxrAuthor {
  const f = getter(fields);
  return {
    id: idOrNull(f('wp:author_id')),
    login: f('wp:author_login'),
    email: f('wp:author_email'),
    displayName: f('wp:author_display_name'),
    firstName: f('wp:author_first_name'),
    lastName: f('wp:author_last_name'),
  };
}

/** A `wp:category` ('category'), `wp:tag` ('tag') or `wp:term` ('term'). */
export function termFrom(element: string, fields: Fields): WxrTerm {
  const f = getter(fields);
  return element === 'category'
    ? {
        kind: 'category',
        id: idOrNull(f('wp:term_id')),
        slug: f('wp:category_nicename'),
        parent: f('wp:category_parent'),
        name: f('wp:cat_name'),
        description: f('wp:category_description'),
      }
    : element === 'tag'
      ? {
          kind: 'post_tag',
          id: idOrNull(f('wp:term_id')),
          slug: f('wp:tag_slug'),
          parent: '',
          name: f('wp:tag_name'),
          description: f('wp:tag_description'),
        }
      : {
          kind: f('wp:term_taxonomy').trim(),
          id: idOrNull(f('wp:term_id')),
          slug: f('wp:term_slug'),
          parent: f('wp:term_parent'),
          name: f('wp:term_name'),
          description: f('wp:term_description'),
        };
}

export function itemFrom(
  postId: number,
  fields: Fields,
  parts: Pick<WxrItem, 'terms' | 'meta' | 'comments'>,
): WxrItem {
  const f = getter(fields);
  return {
    postId,
    guid: f('guid').trim(),
    title: f('title'),
    link: f('link').trim(),
    pubDate: f('pubDate').trim(),
    creator: f('dc:creator').trim(),
    contentHtml: f('content:encoded'),
    excerptHtml: f('excerpt:encoded'),
    postDate: nullDate(f('wp:post_date')),
    postDateGmt: nullDate(f('wp:post_date_gmt')),
    postName: f('wp:post_name').trim(),
    status: f('wp:status').trim(),
    postParent: intOr(f('wp:post_parent'), 0),
    menuOrder: intOr(f('wp:menu_order'), 0),
    postType: f('wp:post_type').trim(),
    postPassword: f('wp:post_password'),
    commentStatus: f('wp:comment_status').trim(),
    isSticky: f('wp:is_sticky').trim() === '1',
    attachmentUrl: f('wp:attachment_url').trim(),
    terms: parts.terms,
    meta: parts.meta,
    comments: parts.comments,
  };
}
