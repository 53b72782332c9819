/**
 * The WordPress import (issue 11, acceptance 1) of test/fixtures/wxr/site.xml, whose header
 * lists what it holds: every record is accounted for in the report, the database holds what the
 * file holds (titles, dates, slugs, authors, terms, statuses, comment threads, media), the
 * Polylang and WPML groups become translations with their units aligned, and running the
 * import again changes nothing. On SQLite and the PostgreSQL server (PGlite where none).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { uploadsDirectory, wordPressFile } from '../../src/interchange/wxr/wordpress-file.js';
import { idOf } from '../../src/services/import/import-context.js';
import { importWxr } from '../../src/services/import/import-wxr.service.js';
import type { ImportReport } from '../../src/services/import/import-report.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { Agent, buildUser, testDeps } from '../support/app.js';
import { engines } from '../support/databases.js';
import type { DatabaseHandle } from '../../src/db/connection.js';
import { canonicalDump } from '../support/dump.js';

const FIXTURE = join(import.meta.dirname, '../fixtures/wxr/site.xml');
const SITE = { site: 'https://old.example.org' };
const postId = (wpId: number) => idOf(SITE, `post:${wpId}`);

const cases = engines().filter((e) => e.name !== 'pglite' || !process.env.TEST_POSTGRES_URL);

/** A copy of wp-content/uploads holding two of the three attachments (water-point.jpg is lost). */
async function uploadsCopy(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'polyphony-wp-uploads-'));
  mkdirSync(join(dir, '2024/03'), { recursive: true });
  const jpeg = await sharp({
    create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 120, b: 40 } },
  })
    .jpeg()
    .toBuffer();
  writeFileSync(join(dir, '2024/03/kiosk.jpg'), jpeg);
  writeFileSync(
    join(dir, '2024/03/annual-report-2023.pdf'),
    '%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n',
  );
  return dir;
}

describe.each(cases)('WordPress import on $name', (engine) => {
  let handle: DatabaseHandle;
  let deps: ServiceDeps;
  let report: ImportReport;
  let uploads: string;
  const mediaDir = mkdtempSync(join(tmpdir(), 'polyphony-import-media-'));

  beforeAll(async () => {
    handle = await engine.open();
    deps = testDeps(handle.db, mediaDir);
    deps.settings.languages = ['en', 'es', 'fr'];
    const admin = await buildUser(deps, ['admin'], { username: 'siteadmin' });
    uploads = await uploadsCopy();
    report = await importWxr(deps, { id: admin.id, roles: admin.roles }, wordPressFile(FIXTURE), {
      uploads: uploadsDirectory(uploads),
    });
  }, 120_000);
  afterAll(async () => {
    await handle?.close();
    rmSync(mediaDir, { recursive: true, force: true });
    rmSync(uploads, { recursive: true, force: true });
  });

  it('accounts for every record of the file in the report', () => {
    const byKind = (kind: string) => report.entries.filter((e) => e.kind === kind);
    expect(byKind('author').map((e) => e.wpId)).toEqual(['amina', 'carlos', 'claire']);
    expect(byKind('term')).toHaveLength(13);
    // 18 items: 13 posts, 2 pages, 3 attachments, each exactly once.
    const items = report.entries.filter((e) =>
      ['post', 'page', 'translation', 'attachment', 'other'].includes(e.kind),
    );
    expect(items.map((e) => Number(e.wpId)).sort((a, b) => a - b)).toEqual([
      101, 102, 103, 104, 105, 106, 107, 108, 110, 111, 112, 120, 121, 130, 131, 201, 202, 203,
    ]);
    expect(
      byKind('comment')
        .map((e) => e.wpId)
        .sort(),
    ).toEqual(['501', '502', '503', '504', '505', '506']);
    const outcome = (wpId: string) => report.entries.find((e) => e.wpId === wpId)?.outcome;
    expect(outcome('108')).toBe('skipped'); // trash
    expect(outcome('504')).toBe('skipped'); // spam
    expect(outcome('202')).toBe('failed'); // its file is not in the uploads copy
    expect(report.entries.find((e) => e.wpId === '202')?.notes.join()).toMatch(/missing file/);
    const failures = report.entries.filter((e) => e.outcome === 'failed').map((e) => e.wpId);
    expect(failures).toEqual(['202']);
    const notes = (wpId: string) => report.entries.find((e) => e.wpId === wpId)?.notes.join('\n');
    expect(notes('101')).toMatch(/sticky in WordPress: pinned/);
    expect(notes('131')).toMatch(/child of WordPress page 130: imported as a page of its own/);
    expect(notes('102')).toMatch(/kept as HTML: (iframe|shortcode)/);
  });

  it('stores what the file holds: posts, statuses, dates, slugs, authors and terms', async () => {
    const posts = await handle.db.selectFrom('posts').selectAll().execute();
    // 15 posts and pages, less the trashed one and the three translations.
    expect(posts).toHaveLength(11);
    const post = async (wpId: number) => (await deps.store.posts.findById(postId(wpId)))!;
    const p101 = await post(101);
    expect(p101).toMatchObject({
      status: 'published',
      slug: 'solar-kiosks-reach-40-villages',
      sourceLanguage: 'en',
      publishedAt: '2024-03-05T05:30:00.000Z',
      sticky: true,
    });
    expect((await post(102)).sticky).toBe(false);
    const revision = (await deps.store.posts.revision(p101.id, p101.currentRevision))!;
    expect(revision.title).toBe('Solar kiosks reach 40 villages in Kisumu County');
    expect(revision.excerpt).toBe(
      'Forty villages now charge their phones at a kiosk run by their own cooperative.',
    );
    const amina = await deps.store.users.findByUsername('amina');
    expect(amina).toMatchObject({
      displayName: 'Amina Odhiambo',
      passwordHash: null,
      roles: ['author'],
    });
    expect(revision.metadata.authorIds).toEqual([amina!.id]);
    expect(revision.metadata.categories).toEqual(['Kenya']);
    expect(revision.metadata.tags).toEqual(['Solar', 'Community']);
    expect((await deps.store.posts.findTerm('category', 'kenya'))?.name).toBe('Kenya');
    // The hierarchy: news › africa › kenya, guides at the top.
    const tree = await deps.store.posts.categoryTree();
    const parentOf = (slug: string) => {
      const parentId = tree.find((t) => t.slug === slug)?.parentId ?? null;
      return tree.find((t) => t.id === parentId)?.slug ?? null;
    };
    expect(parentOf('kenya')).toBe('africa');
    expect(parentOf('africa')).toBe('news');
    expect(parentOf('news')).toBeNull();
    expect(parentOf('guides')).toBeNull();
    expect((await post(104)).status).toBe('scheduled');
    expect((await post(104)).scheduledAt).not.toBeNull();
    expect((await post(105)).status).toBe('draft'); // private
    expect((await post(106)).status).toBe('draft');
    expect((await post(107)).status).toBe('submitted');
    expect((await post(130)).status).toBe('published');
    // WordPress's pages are pages (in the navigation, not the listings); the rest are posts.
    expect((await post(130)).kind).toBe('page');
    expect((await post(131)).kind).toBe('page');
    expect((await post(101)).kind).toBe('post');
    const kinds = await handle.db.selectFrom('posts').select('kind').execute();
    expect(kinds.filter((k) => k.kind === 'page')).toHaveLength(2);
    // The caption's image became a figure of the imported media.
    const kiosk = report.entries.find((e) => e.wpId === '201')!;
    expect(revision.bodyMarkdown).toContain(kiosk.id);
    expect(await deps.store.media.findById(kiosk.id!)).toMatchObject({ kind: 'image', width: 64 });
  });

  it('notifies nobody: the WordPress authors are not told again of what they did', async () => {
    const notices = await handle.db.selectFrom('notifications').select('id').execute();
    expect(notices).toEqual([]);
  });

  it('keeps comment threads, approval and authors', async () => {
    const comments = await handle.db
      .selectFrom('comments')
      .selectAll()
      .orderBy('created_at')
      .execute();
    expect(comments).toHaveLength(5); // 504 was spam
    const comment = (wpId: number) => comments.find((c) => c.id === idOf(SITE, `comment:${wpId}`))!;
    expect(comment(501)).toMatchObject({
      post_id: postId(101),
      parent_id: null,
      status: 'published',
    });
    expect(comment(502)).toMatchObject({ parent_id: comment(501).id, status: 'published' });
    expect(comment(503).status).toBe('pending');
    expect(comment(506)).toMatchObject({ post_id: postId(102), parent_id: comment(505).id });
    const amina = await deps.store.users.findByUsername('amina');
    expect(comment(502).author_id).toBe(amina!.id);
    const peter = await deps.store.users.findById(comment(501).author_id!);
    expect(peter).toMatchObject({
      displayName: 'Peter Otieno',
      email: 'peter.otieno@example.com',
      passwordHash: null,
      roles: ['reader'],
    });
  });

  it('turns the Polylang and WPML groups into translations with aligned units', async () => {
    const translations = await deps.store.translations.translationsOfPosts([
      postId(110),
      postId(120),
    ]);
    expect(translations.map((t) => `${t.language}:${t.status}:${t.slug}`).sort()).toEqual([
      'es:published:como-solicitar-una-beca-de-formacion',
      'es:published:se-abren-puntos-de-agua-potable-en-kisumu',
      'fr:published:des-points-deau-potable-ouvrent-a-kisumu',
    ]);
    const polylang = report.groups.find((g) => g.group.startsWith('pll:'))!;
    expect(polylang.source).toBe('110');
    expect(polylang.translations).toEqual([
      { wpId: '111', language: 'es', aligned: 6, left: 0 },
      { wpId: '112', language: 'fr', aligned: 6, left: 0 },
    ]);
    const es = translations.find((t) => t.postId === postId(110) && t.language === 'es')!;
    const targets = await deps.store.translations.targets([es.id]);
    expect(targets).toHaveLength(6);
    expect(targets.every((t) => t.state === 'translated')).toBe(true);
    expect(targets.map((t) => t.text)).toContain('El mercado de Kombewa');
    const wpml = report.groups.find((g) => g.group === 'wpml:77')!;
    expect(wpml.source).toBe('120');
    expect(wpml.translations[0]?.aligned).toBeGreaterThan(0);
  });

  it('answers the old addresses with permanent redirects, and shows the translations', async () => {
    const app = await buildApp({ deps, cookieSecret: 'test-cookie-secret-of-enough-length' });
    try {
      const expectRedirect = async (from: string, to: string) => {
        const response = await app.inject({ method: 'GET', url: from });
        expect(response.statusCode, from).toBe(301);
        expect(response.headers.location, from).toBe(to);
      };
      const kiosks = '/en/2024/03/05/solar-kiosks-reach-40-villages';
      await expectRedirect('/2024/03/solar-kiosks-reach-40-villages/', kiosks);
      await expectRedirect('/?p=101', kiosks);
      await expectRedirect('/?page_id=130', '/en/2023/11/01/about');
      // The imported pages are in the navigation and the sitemap, not on the home page.
      const home = await app.inject({ method: 'GET', url: '/en/' });
      expect(home.body).toMatch(/<li class="site-page"><a href="\/en\/2023\/11\/01\/about"/);
      expect(home.body.slice(home.body.indexOf('<main'))).not.toContain('/en/2023/11/01/about');
      const sitemap = await app.inject({ method: 'GET', url: '/sitemap.xml' });
      expect(sitemap.body).toContain('/en/2023/11/01/about</loc>');
      await expectRedirect(
        '/2024/03/se-abren-puntos-de-agua-potable-en-kisumu/',
        '/es/2024/03/20/se-abren-puntos-de-agua-potable-en-kisumu',
      );
      await expectRedirect('/category/news/africa/kenya/', '/en/category/kenya');
      // A parent category's archive lists the posts filed below it, and links down; the
      // child's shows the trail up.
      const news = await app.inject({ method: 'GET', url: '/en/category/news' });
      expect(news.statusCode).toBe(200);
      expect(news.body).toContain('Solar kiosks reach 40 villages in Kisumu County');
      expect(news.body).toMatch(/class="subcategories"[\s\S]*href="\/en\/category\/africa"/);
      const kenya = await app.inject({ method: 'GET', url: '/en/category/kenya' });
      expect(kenya.body).toMatch(
        /class="category-trail"[\s\S]*href="\/en\/category\/news"[\s\S]*href="\/en\/category\/africa"[\s\S]*aria-current="page"><bdi>Kenya<\/bdi>/,
      );
      await expectRedirect('/tag/solar/', '/en/tag/solar');
      await expectRedirect('/author/amina/', '/en/author/amina');
      await expectRedirect('/feed/', '/en/feed.xml');
      // Drafts have no public address: their old one is not redirected anywhere.
      expect((await app.inject({ method: 'GET', url: '/?p=106' })).statusCode).not.toBe(301);

      const page = await app.inject({
        method: 'GET',
        url: '/en/2024/03/20/clean-water-points-open-in-kisumu',
      });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('hreflang="es"');
      expect(page.body).toContain('hreflang="fr"');
      const spanish = await app.inject({
        method: 'GET',
        url: '/es/2024/03/20/se-abren-puntos-de-agua-potable-en-kisumu',
      });
      expect(spanish.statusCode).toBe(200);
      expect(spanish.body).toContain('El mercado de Kombewa');

      // The translator sees the whole WordPress text the translation was imported from.
      const translator = await buildUser(deps, ['translator']);
      const agent = new Agent(app);
      await agent.signIn(translator.username);
      const editor = await agent.get(`/translate/${postId(110)}/fr`);
      expect(editor.statusCode).toBe(200);
      expect(editor.body).toContain('The text imported from WordPress');
      expect(editor.body).toContain('Every unit of the original was matched with this text.');
      expect(editor.body).toContain('Le marché de Kombewa');
      // Units left unmatched open the panel and say how many; the text is sanitized.
      await deps.store.translations.saveReference({
        postId: postId(101),
        language: 'de',
        source: 'wordpress',
        title: 'Solarkioske erreichen 40 Dörfer',
        bodyMarkdown: 'Ein **Text** <script>alert(1)</script> mit <img src=x onerror="alert(2)">',
        unaligned: 2,
        createdAt: '2024-03-06T00:00:00.000Z',
      });
      const german = await agent.get(`/translate/${postId(101)}/de`);
      expect(german.body).toMatch(/<details class="imported-reference" open/);
      expect(german.body).toContain('2 units of the original could not be matched');
      expect(german.body).toContain('<strong>Text</strong>');
      expect(german.body).not.toMatch(/<script>alert|<img[^>]*onerror/);
      // A translation started here has no imported text.
      expect((await agent.get(`/translate/${postId(101)}/fr`)).body).not.toContain(
        'imported-reference',
      );
    } finally {
      await app.close();
    }
  });

  it('changes nothing when run again', async () => {
    const before = await canonicalDump(handle.db);
    const admin = (await deps.store.users.findByUsername('siteadmin'))!;
    const again = await importWxr(
      deps,
      { id: admin.id, roles: admin.roles },
      wordPressFile(FIXTURE),
      { uploads: uploadsDirectory(uploads) },
    );
    const outcomes = new Set(again.entries.map((e) => e.outcome));
    expect([...outcomes].sort()).toEqual(['failed', 'skipped', 'unchanged']);
    expect(await canonicalDump(handle.db)).toEqual(before);
  }, 120_000);
});
