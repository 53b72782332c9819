/**
 * Addresses listed by the non-HTML files a crawl starts from: the sitemap (read with
 * fast-xml-parser) and robots.txt (its `Sitemap:` lines).
 */
import { XMLParser } from 'fast-xml-parser';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  processEntities: true,
  isArray: (name) => name === 'url' || name === 'link' || name === 'sitemap',
});

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function text(value: unknown): string | null {
  if (typeof value === 'string') return value.trim();
  const node = record(value);
  return typeof node?.['#text'] === 'string' ? node['#text'].trim() : null;
}

/**
 * The addresses of a sitemap (sitemaps.org 0.9): every `<url><loc>` and its `xhtml:link`
 * alternates, and the `<sitemap><loc>` of a sitemap index. Throws on text that is not XML.
 */
export function sitemapUrls(xml: string): string[] {
  const document = record(parser.parse(xml));
  const urls: string[] = [];
  const urlset = record(document?.urlset);
  for (const entry of list(urlset?.url)) {
    const url = record(entry);
    const loc = text(url?.loc);
    if (loc) urls.push(loc);
    for (const link of list(url?.link)) {
      const href = record(link)?.['@_href'];
      if (typeof href === 'string' && href !== '') urls.push(href);
    }
  }
  const index = record(document?.sitemapindex);
  for (const entry of list(index?.sitemap)) {
    const loc = text(record(entry)?.loc);
    if (loc) urls.push(loc);
  }
  return urls;
}

/** The `Sitemap:` addresses of a robots.txt (the field name is case-insensitive). */
export function robotsSitemaps(robots: string): string[] {
  const found: string[] = [];
  for (const line of robots.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon < 0 || line.slice(0, colon).trim().toLowerCase() !== 'sitemap') continue;
    const value = line.slice(colon + 1).trim();
    if (value !== '') found.push(value);
  }
  return found;
}
