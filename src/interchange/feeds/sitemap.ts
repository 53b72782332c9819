/**
 * sitemap.xml (sitemaps.org 0.9) with language alternates as `xhtml:link` elements, the form
 * search engines read hreflang from in sitemaps. Written by fast-xml-parser's XMLBuilder,
 * which escapes text and attribute values.
 */
import { XMLBuilder } from 'fast-xml-parser';
import type { SitemapEntry } from '../../services/reader/sitemap.service.js';

export const SITEMAP_NAMESPACE = 'http://www.sitemaps.org/schemas/sitemap/0.9';
export const XHTML_NAMESPACE = 'http://www.w3.org/1999/xhtml';

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  format: true,
  indentBy: '  ',
  suppressEmptyNode: true,
});

/**
 * One `<url>` per entry with its `xhtml:link` alternates. The protocol allows 50,000 URLs per
 * file; beyond that the site needs a sitemap index (not written yet).
 */
export function renderSitemap(entries: readonly SitemapEntry[]): string {
  const url = entries.map((entry) => ({
    loc: entry.loc,
    ...(entry.lastmod ? { lastmod: entry.lastmod } : {}),
    'xhtml:link': entry.alternates.map((a) => ({
      '@_rel': 'alternate',
      '@_hreflang': a.hreflang,
      '@_href': a.href,
    })),
  }));
  return builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    urlset: { '@_xmlns': SITEMAP_NAMESPACE, '@_xmlns:xhtml': XHTML_NAMESPACE, url },
  });
}
