/**
 * RSS 2.0, Atom 1.0 and JSON Feed 1.1 documents from plain feed data. RSS and Atom are written
 * by the `feed` package; this module only prepares what it would get wrong:
 *
 * - Titles and summaries are plain text, but RSS and Atom (`type="html"`) carry them as HTML
 *   inside CDATA, so they are HTML-escaped here (readers decode them back to the same text).
 * - The package's XML writer splits only the first `]]>` of a CDATA section, so body HTML gets
 *   every `]]>` written as the equivalent `]]&gt;` (escaped text is never in danger).
 * - Attributes are escaped for `"` and `&` only, so a category label holding `<` is left out
 *   (the term, a slug, remains).
 * - Characters XML 1.0 forbids (C0 controls, lone surrogates) are dropped everywhere.
 * - Root-relative links and images in the body (`/media/…`) are made absolute, since feed
 *   readers show content away from the site.
 *
 * JSON Feed is written directly: the package emits version 1 (singular `author`, no
 * `language`), and a JSON document needs none of the care above.
 */
import { Feed } from 'feed';
import type { Item } from 'feed';
import type { FeedItemData } from '../../services/reader/feeds.service.js';

/** A feed ready to serialize: the service's data plus its title and description. */
export interface FeedDocument {
  language: string;
  title: string;
  description: string;
  homeUrl: string;
  feedUrls: { rss: string; atom: string; json: string };
  updated: string;
  /** Name of the publisher (the site), the author of entries that name nobody. */
  publisher: string;
  items: FeedItemData[];
}

const GENERATOR = 'Polyphony';

/** RSS 2.0 with full content (content:encoded), authors as dc:creator and a self link. */
export function renderRss(doc: FeedDocument): string {
  const feed = baseFeed(doc);
  for (const item of doc.items) {
    feed.addItem({
      ...commonItem(doc, item),
      // RSS <author> must be an e-mail address; names go in dc:creator (xmlns:dc is declared
      // by the package whenever items have content).
      extensions:
        item.authors.length > 0
          ? [
              {
                name: 'dc:creator',
                objects: repeated(item.authors.map((a) => ({ _text: xmlText(a.name) }))),
              },
            ]
          : [],
      category: item.categories.map((c) => ({ name: xmlText(c.name), domain: c.url })),
    });
  }
  return feed.rss2();
}

/** Atom 1.0 with full content, authors, categories (term = slug) and `xml:lang`. */
export function renderAtom(doc: FeedDocument): string {
  const feed = baseFeed(doc);
  for (const item of doc.items) {
    feed.addItem({
      ...commonItem(doc, item),
      id: item.id,
      author: item.authors.map((a) => ({ name: xmlText(a.name), link: a.url })),
      category: item.categories.map((c) => ({
        term: c.slug,
        // The listing URL without the slug: `https://…/es/tag/` (an encoded slug has no `/`).
        scheme: c.url.slice(0, c.url.lastIndexOf('/') + 1),
        ...(c.name.includes('<') ? {} : { name: xmlText(c.name) }),
      })),
    });
  }
  // The package has no option for the feed's language in Atom, which is `xml:lang` on the root.
  const root = '<feed xmlns="http://www.w3.org/2005/Atom">';
  return feed
    .atom1()
    .replace(
      root,
      `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeHtml(doc.language)}">`,
    );
}

/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). */
export function renderJsonFeed(doc: FeedDocument): string {
  const json = {
    version: 'https://jsonfeed.org/version/1.1',
    title: doc.title,
    home_page_url: doc.homeUrl,
    feed_url: doc.feedUrls.json,
    description: doc.description,
    language: doc.language,
    authors: [{ name: doc.publisher, url: doc.homeUrl }],
    items: doc.items.map((item) => ({
      id: item.id,
      url: item.url,
      title: item.title,
      content_html: absoluteUrls(item.contentHtml, origin(doc.homeUrl)),
      ...(item.summary ? { summary: item.summary } : {}),
      date_published: item.publishedAt,
      date_modified: item.updatedAt,
      ...(item.authors.length > 0
        ? { authors: item.authors.map((a) => ({ name: a.name, url: a.url })) }
        : {}),
      tags: item.categories.map((c) => c.name),
      language: item.language,
    })),
  };
  return JSON.stringify(json, null, 2);
}

function baseFeed(doc: FeedDocument): Feed {
  return new Feed({
    id: doc.feedUrls.atom,
    title: xmlText(doc.title),
    description: xmlText(doc.description),
    link: doc.homeUrl,
    language: doc.language,
    updated: new Date(doc.updated),
    generator: GENERATOR,
    feedLinks: doc.feedUrls,
    author: { name: xmlText(doc.publisher), link: doc.homeUrl },
    docs: 'https://www.rssboard.org/rss-specification',
  });
}

function commonItem(doc: FeedDocument, item: FeedItemData): Item {
  return {
    // RSS: no id, so the guid is the link with isPermaLink="true"; Atom adds the id.
    link: item.url,
    title: escapeHtml(xmlText(item.title)),
    ...(item.summary ? { description: escapeHtml(xmlText(item.summary)) } : {}),
    content: cdataSafe(absoluteUrls(xmlText(item.contentHtml), origin(doc.homeUrl))),
    date: new Date(item.updatedAt),
    published: new Date(item.publishedAt),
  };
}

function origin(url: string): string {
  return new URL(url).origin;
}

/**
 * One element per entry. The package hands extension objects to xml-js, whose compact form
 * writes an array as repeated elements; the package's typings admit only a single object.
 */
function repeated(elements: { _text: string }[]): Record<string, unknown> {
  return elements as unknown as Record<string, unknown>;
}

/** Drops characters XML 1.0 cannot carry at all (even escaped). */
export function xmlText(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex -- matching the control characters is the point
    /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '',
  );
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** `]]>` in HTML text or attribute values means the same written as `]]&gt;`. */
function cdataSafe(html: string): string {
  return html.replaceAll(']]>', ']]&gt;');
}

/**
 * Makes root-relative `href`, `src`, `poster` and `srcset` URLs absolute. The HTML is the
 * sanitizer's serialization: `<` only ever opens a tag (text has it as `&lt;`) and attribute
 * values are double-quoted with `"` escaped, so a match inside a tag is always an attribute.
 */
export function absoluteUrls(html: string, base: string): string {
  const absolute = (url: string) =>
    url.startsWith('/') && !url.startsWith('//') ? `${base}${url}` : url;
  return html.replace(/<[a-zA-Z](?:[^>"]|"[^"]*")*>/g, (tag) =>
    tag.replace(
      /(\s(?:href|src|poster|srcset))="([^"]*)"/g,
      (_match, name: string, value: string) => {
        const rewritten =
          name.trim() === 'srcset'
            ? value
                .split(',')
                .map((candidate) =>
                  candidate.replace(
                    /^(\s*)(\S+)/,
                    (_m, space: string, url: string) => `${space}${absolute(url)}`,
                  ),
                )
                .join(',')
            : absolute(value);
        return `${name}="${rewritten}"`;
      },
    ),
  );
}
