/**
 * sitemap.xml and robots.txt: the sitemap validates against the sitemaps.org schema (with a
 * small schema of ours for the `xhtml:link` alternates, which the official schema's strict
 * wildcard requires), lists every published post and every language's home page and no draft,
 * and its hreflang sets are reciprocal.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostRecord, UserRecord } from '../../src/services/repositories.js';
import { engines } from '../support/databases.js';
import { Agent, buildUser, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import { postIdFrom } from './http-helpers.js';

const ORIGIN = 'http://localhost:3000';
const SITE_LANGUAGES = ['en', 'es', 'ar', 'sw', 'de', 'sr-Cyrl'];

const XHTML_LINK_XSD = `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
  targetNamespace="http://www.w3.org/1999/xhtml" elementFormDefault="qualified">
  <xs:element name="link">
    <xs:complexType>
      <xs:attribute name="rel" use="required">
        <xs:simpleType><xs:restriction base="xs:string"><xs:enumeration value="alternate"/></xs:restriction></xs:simpleType>
      </xs:attribute>
      <xs:attribute name="hreflang" type="xs:string" use="required"/>
      <xs:attribute name="href" type="xs:anyURI" use="required"/>
    </xs:complexType>
  </xs:element>
</xs:schema>
`;

const wrapperXsd = (sitemapXsd: string) => `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:import namespace="http://www.sitemaps.org/schemas/sitemap/0.9" schemaLocation="${pathToFileURL(sitemapXsd).href}"/>
  <xs:import namespace="http://www.w3.org/1999/xhtml" schemaLocation="xhtml-link.xsd"/>
</xs:schema>
`;

function hasXmllint(): boolean {
  return spawnSync('xmllint', ['--version']).status === 0;
}

interface Alternate {
  '@_rel': string;
  '@_hreflang': string;
  '@_href': string;
}
interface UrlEntry {
  loc: string;
  lastmod?: string;
  'xhtml:link': Alternate[];
}

function parseSitemap(xml: string): UrlEntry[] {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    isArray: (name) => name === 'url' || name === 'xhtml:link',
  });
  const doc = parser.parse(xml) as { urlset?: { url?: UrlEntry[] } };
  return doc.urlset?.url ?? [];
}

/** hreflang → href, as a sorted list of pairs for comparison. */
const alternateSet = (entry: UrlEntry) =>
  entry['xhtml:link'].map((a) => `${a['@_hreflang']} ${a['@_href']}`).sort();

describe.each(engines())('sitemap on $name', (engine) => {
  let ctx: TestContext;
  let amy: UserRecord;
  let writer: Agent;
  let editor: Agent;
  let published: PostRecord[];
  let tmp: string;

  const get = (url: string) => ctx.app.inject({ method: 'GET', url });

  async function publishNew(language: string, title: string, slug: string): Promise<PostRecord> {
    const id = postIdFrom(
      await writer.post('/write/new', {
        language,
        title,
        slug,
        body: `Body of ${title}.`,
        authorIds: [amy.id],
      }),
    );
    expect((await editor.post(`/write/${id}/publish`)).statusCode).toBe(303);
    const post = await ctx.deps.store.posts.findById(id);
    if (!post) throw new Error('missing post');
    return post;
  }

  const permalink = (post: PostRecord) =>
    `${ORIGIN}/${post.sourceLanguage}/${post.publishedAt!.slice(0, 10).replaceAll('-', '/')}/${encodeURIComponent(post.slug)}`;

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    tmp = mkdtempSync(join(tmpdir(), 'polyphony-sitemap-'));
    amy = await buildUser(ctx.deps, ['author']);
    writer = new Agent(ctx.app);
    await writer.signIn(amy.username);
    editor = new Agent(ctx.app);
    await editor.signIn((await buildUser(ctx.deps, ['editor'])).username);
    published = [
      await publishNew('en', 'Meeting notes', 'meeting-notes'),
      await publishNew('es', 'Notas & acuerdos', 'notas-acuerdos'),
      await publishNew('ar', 'مرحبا بالعالم', 'مرحبا-بالعالم'),
    ];
    await writer.post('/write/new', {
      language: 'en',
      title: 'Secret draft',
      slug: 'secret-draft',
      body: 'Not yet.',
      authorIds: [amy.id],
    });
  });
  afterAll(async () => {
    await ctx.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('lists every published post and every home page with lastmod, and no draft', async () => {
    const res = await get('/sitemap.xml');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(XMLValidator.validate(res.body)).toBe(true);
    expect(res.body).toContain('xmlns:xhtml="http://www.w3.org/1999/xhtml"');
    expect(res.body).not.toContain('secret-draft');

    const entries = parseSitemap(res.body);
    const locs = entries.map((e) => e.loc);
    for (const language of SITE_LANGUAGES) expect(locs).toContain(`${ORIGIN}/${language}/`);
    for (const post of published) {
      const entry = entries.find((e) => e.loc === permalink(post));
      expect(entry, post.slug).toBeDefined();
      expect(entry?.lastmod).toBe(post.updatedAt);
    }
    expect(entries).toHaveLength(SITE_LANGUAGES.length + published.length);
  });

  it('has reciprocal hreflang sets with x-default', async () => {
    const entries = parseSitemap((await get('/sitemap.xml')).body);
    const byLoc = new Map(entries.map((e) => [e.loc, e]));
    for (const entry of entries) {
      const set = alternateSet(entry);
      const links = entry['xhtml:link'];
      expect(links.every((a) => a['@_rel'] === 'alternate')).toBe(true);
      expect(links.some((a) => a['@_hreflang'] === 'x-default')).toBe(true);
      // The page is one of its own alternates.
      expect(links.some((a) => a['@_href'] === entry.loc && a['@_hreflang'] !== 'x-default')).toBe(
        true,
      );
      for (const alternate of links) {
        const target = byLoc.get(alternate['@_href']);
        expect(target, `${entry.loc} → ${alternate['@_href']}`).toBeDefined();
        expect(alternateSet(target!)).toEqual(set);
      }
    }
    const home = byLoc.get(`${ORIGIN}/es/`)!;
    expect(home['xhtml:link'].map((a) => a['@_hreflang'])).toEqual([
      ...SITE_LANGUAGES,
      'x-default',
    ]);
    expect(home['xhtml:link'].at(-1)?.['@_href']).toBe(`${ORIGIN}/en/`);
  });

  it('validates against the sitemaps.org schema', async (context) => {
    if (!hasXmllint()) {
      if (process.env.CI === 'true')
        throw new Error('xmllint is required in CI (apt-get install libxml2-utils)');
      console.warn(
        '\n*** xmllint not found: the sitemap schema test is SKIPPED. Install it: apt-get install libxml2-utils\n',
      );
      context.skip();
    }
    const sitemapXsd = resolve(process.cwd(), '../shared/schemas/sitemap/sitemap.xsd');
    expect(existsSync(sitemapXsd), sitemapXsd).toBe(true);
    writeFileSync(join(tmp, 'xhtml-link.xsd'), XHTML_LINK_XSD);
    writeFileSync(join(tmp, 'sitemap-with-alternates.xsd'), wrapperXsd(sitemapXsd));
    const schema = join(tmp, 'sitemap-with-alternates.xsd');
    const validate = (xml: string, name: string) => {
      const file = join(tmp, name);
      writeFileSync(file, xml);
      return spawnSync('xmllint', ['--nonet', '--noout', '--schema', schema, file], {
        encoding: 'utf8',
      });
    };

    const xml = (await get('/sitemap.xml')).body;
    const result = validate(xml, 'sitemap.xml');
    expect(result.stderr).toContain('validates');
    expect(result.status).toBe(0);

    // The schema really checks: an alternate without href, or a url without loc, fails.
    expect(validate(xml.replace(/ href="[^"]*"\/>/, '/>'), 'no-href.xml').status).not.toBe(0);
    expect(validate(xml.replace(/<loc>[^<]*<\/loc>/, ''), 'no-loc.xml').status).not.toBe(0);
    expect(
      execFileSync('xmllint', ['--noout', join(tmp, 'sitemap.xml')], { encoding: 'utf8' }),
    ).toBe('');
  });

  it('serves robots.txt allowing readers, keeping crawlers out of private areas, naming the sitemap', async () => {
    const res = await get('/robots.txt');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    const lines = res.body.split('\n');
    expect(lines[0]).toBe('User-agent: *');
    expect(lines).toContain('Allow: /');
    for (const path of [
      '/write',
      '/admin',
      '/editorial',
      '/translate',
      '/signin',
      '/signup',
      '/password',
    ]) {
      expect(lines).toContain(`Disallow: ${path}`);
    }
    // Media files (images in posts) must stay crawlable.
    expect(res.body).not.toMatch(/Disallow: \/media/);
    expect(lines).toContain(`Sitemap: ${ORIGIN}/sitemap.xml`);
  });

  it('is refreshed when a post is published', async () => {
    expect((await get('/sitemap.xml')).statusCode).toBe(200);
    expect((await get('/sitemap.xml')).headers['x-cache']).toBe('HIT');
    const fresh = await publishNew('en', 'Fresh news', 'fresh-news');
    const entries = parseSitemap((await get('/sitemap.xml')).body);
    expect(entries.map((e) => e.loc)).toContain(permalink(fresh));
  });
});
