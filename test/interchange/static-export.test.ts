/**
 * Issue 12, acceptance 4: `polyphony export-static`. The demo site (plus eleven posts, so the
 * English home has a second page) is exported from the real app, then served by a real nginx
 * with the README's server block and crawled over HTTP: every internal link answers 200 with
 * the app's content type, and every file is the live app's answer byte for byte apart from the
 * language switch links. Then one post is edited through the services and `--incremental`
 * rewrites exactly the files that show it: every rewritten file carries the post's key, the
 * pages known to show it are among them, and every other file keeps its mtime.
 *
 * nginx is Debian's nginx-light (/usr/sbin/nginx). In CI (CI=true) its absence fails the
 * suite; elsewhere the HTTP part is skipped with a loud line saying what to install.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoAssets } from '../../src/demo/assets.js';
import { assetUrl } from '../../src/views/asset-urls.js';
import { slugify } from '../../src/domain/slug.js';
import { htmlReferences } from '../../src/interchange/static/html-links.js';
import { MANIFEST_FILE, parseManifest } from '../../src/interchange/static/manifest.js';
import type { ExportManifest } from '../../src/interchange/static/manifest.js';
import { isHtml, isLiveOnly } from '../../src/interchange/static/site-paths.js';
import type { StaticExportReport } from '../../src/interchange/static/export-static.js';
import { runStaticExport } from '../../src/cli/static-export-command.js';
import { runDueJobs } from '../../src/jobs/runner.js';
import { seedDemoOnce } from '../../src/services/demo/seed-demo.service.js';
import { savePost } from '../../src/services/posts/save-post.service.js';
import { publishPost } from '../../src/services/posts/workflow.service.js';
import type { UserRecord } from '../../src/services/repositories.js';
import { buildUser, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import { engines } from '../support/databases.js';
import { nginxAvailable, startNginx } from '../support/nginx.js';
import { writePost } from '../http/reader/reader-support.js';

const HAVE_NGINX = nginxAvailable();
if (!HAVE_NGINX && process.env.CI !== 'true')
  console.warn(
    '\n*** nginx is not installed: the static export is not served over HTTP in this run.\n' +
      '*** Install it with: apt-get install nginx-light\n',
  );

const ORIGIN = 'http://localhost:3000';
const README = new URL('../../src/interchange/static/README.md', import.meta.url);

/** The README's first nginx block: the server the export is documented to be served with. */
function readmeServerBlock(): string {
  const text = readFileSync(README, 'utf8');
  const start = text.indexOf('```nginx\n');
  const end = text.indexOf('```', start + 9);
  if (start < 0 || end < 0) throw new Error('the README has no nginx block');
  return text.slice(start + 9, end);
}

/** The `href`s of a page's `a` elements (parse5, as the test's own reading). */
function anchorHrefs(html: string): string[] {
  const hrefs: string[] = [];
  const stack: DefaultTreeAdapterMap['parentNode'][] = [parse(html)];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node) break;
    if ('tagName' in node && node.tagName === 'a') {
      const href = node.attrs.find((a) => a.name === 'href')?.value;
      if (href !== undefined) hrefs.push(href);
    }
    for (const child of node.childNodes) if ('childNodes' in child) stack.push(child);
  }
  return hrefs;
}

/**
 * What the export is documented to write for a live HTML page: the same bytes with each
 * language switch (`/language/{tag}?next={page}`) leading straight to its page.
 */
function withDirectLanguageLinks(html: string): string {
  let out = html;
  for (const href of new Set(anchorHrefs(html))) {
    if (!href.startsWith('/language/')) continue;
    const next = new URL(href, ORIGIN).searchParams.get('next');
    if (next === null) continue;
    const escape = (v: string) => v.replaceAll('&', '&amp;').replaceAll('"', '&quot;');
    out = out.replaceAll(`href="${escape(href)}"`, `href="${escape(next)}"`);
  }
  return out;
}

describe.each(engines())('static export on $name', (engine) => {
  let ctx: TestContext;
  let editor: UserRecord;
  let dir: string;
  let work: string;
  let first: StaticExportReport;

  const manifest = (): ExportManifest =>
    parseManifest(readFileSync(join(dir, MANIFEST_FILE), 'utf8'));
  const live = (url: string) =>
    ctx.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });

  /** Every exported file equals the live app's current answer (HTML: with direct language links). */
  async function expectExportMatchesLiveSite(): Promise<number> {
    let compared = 0;
    for (const [file, entry] of Object.entries(manifest().files)) {
      const bytes = readFileSync(join(dir, file));
      const answer = await live(entry.url);
      if (answer.statusCode !== 200) {
        // Only `/`: the app redirects, the export holds a page that refreshes to the target.
        expect([entry.url, answer.statusCode]).toEqual(['/', 302]);
        expect(bytes.toString()).toContain(`url=${answer.headers.location}`);
        continue;
      }
      expect(String(answer.headers['content-type'])).toBe(entry.type);
      if (isHtml(entry.type)) {
        expect(bytes.toString('utf8'), entry.url).toBe(withDirectLanguageLinks(answer.body));
      } else {
        expect(bytes.equals(answer.rawPayload), entry.url).toBe(true);
      }
      compared++;
    }
    return compared;
  }

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    await seedDemoOnce(ctx.deps, await loadDemoAssets(), { adminPassword: 'static export pw 1' });
    editor = await buildUser(ctx.deps, ['editor'], { displayName: 'Static Editor' });
    // Eleven more English posts: the homes list sixteen, so each has a second page.
    for (let i = 1; i <= 11; i++)
      await writePost(ctx.deps, editor, editor, {
        language: 'en',
        title: `Older post ${i}`,
        slug: `older-post-${i}`,
        tags: ['archive'],
        publishedAt: `2026-03-${String(i).padStart(2, '0')}T08:00:00.000Z`,
      });
    // As a started site's job runner would: the demo edit's outdated marking.
    await runDueJobs(ctx.deps);
    dir = mkdtempSync(join(tmpdir(), 'polyphony-static-'));
    work = mkdtempSync(join(tmpdir(), 'polyphony-nginx-'));
    // nginx's workers run as another user when it is started as root: let them read.
    chmodSync(dir, 0o755);
    chmodSync(work, 0o755);
    first = await runStaticExport(ctx.deps, dir, false);
  }, 180_000);
  afterAll(async () => {
    await ctx.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  it('writes every public page in every language, the feeds, sitemap, assets and media', () => {
    expect(first.failed).toEqual([]);
    expect(first.notFound).toEqual([]);
    expect(first.skipped).toEqual([]);
    expect(first.rewritten).toEqual([]);
    expect(first.added).toHaveLength(first.files);
    const files = Object.keys(manifest().files);
    expect(files.length).toBeGreaterThan(600);
    const expected = [
      'index.html',
      'robots.txt',
      'sitemap.xml',
      assetUrl('/assets/site.css').slice(1),
      assetUrl('/assets/build/embed.js').slice(1),
      'en/page/2/index.html',
      'en/tag/archive/index.html',
      'en/tag/archive/page/2/index.html',
      'en/2026/10/14/four-continents-one-playbook/index.html',
      // The original under a prefix with no translation, and the translations.
      'ar/2026/10/14/four-continents-one-playbook/index.html',
      'es/2026/10/14/cuatro-continentes-un-manual-cómo-seis-comunidades-aprendieron-a-organizar/index.html',
      'ar/tag/цркве/index.html',
      'en/tag/playbook/feed.xml',
      'en/2026/10/atom.xml',
    ];
    for (const lang of ctx.deps.settings.languages)
      expected.push(
        `${lang}/index.html`,
        `${lang}/page/2/index.html`,
        `${lang}/feed.xml`,
        `${lang}/atom.xml`,
        `${lang}/feed.json`,
      );
    for (const file of expected) expect(files, file).toContain(file);
    expect(files.some((f) => f.startsWith('media/') && f.endsWith('.webp'))).toBe(true);
    expect(files.some((f) => f.startsWith('media/') && f.endsWith('.pdf'))).toBe(true);
    // Nothing only the live site answers.
    expect(files.filter((f) => isLiveOnly(`/${f.replace(/\/?index\.html$/, '')}`))).toEqual([]);
    expect(first.liveOnlyLinks).toEqual(expect.arrayContaining(['/signin']));
    // The root page sends readers to the default language's home.
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toContain(
      '<meta http-equiv="refresh" content="0; url=/en/"/>',
    );
  });

  it('writes the live app’s bytes, with language switches leading straight to their page', async () => {
    expect(await expectExportMatchesLiveSite()).toBeGreaterThan(600);
    for (const [file, entry] of Object.entries(manifest().files)) {
      if (!isHtml(entry.type)) continue;
      const html = readFileSync(join(dir, file), 'utf8');
      // No per-request part: no CSRF token, no link through the cookie-setting switch.
      expect(html).not.toContain('_csrf');
      expect(anchorHrefs(html).filter((h) => h.startsWith('/language/'))).toEqual([]);
    }
    const home = readFileSync(join(dir, 'en/index.html'), 'utf8');
    expect(home).toContain('href="/es/" lang="es"');
    expect(home).toContain('href="/en/page/2" rel="next"');
  }, 120_000);

  it.runIf(HAVE_NGINX || process.env.CI === 'true')(
    'is served by nginx with the README’s block: every internal link answers 200 as the app does',
    async () => {
      expect(HAVE_NGINX, 'nginx is missing: apt-get install nginx-light').toBe(true);
      const nginx = await startNginx({ root: dir, workDir: work, server: readmeServerBlock() });
      try {
        const byUrl = new Map(Object.values(manifest().files).map((e) => [e.url, e]));
        const seen = new Set<string>(['/']);
        const queue = ['/'];
        let fetched = 0;
        while (queue.length > 0) {
          const path = queue.shift() ?? '/';
          const response = await fetch(`${nginx.origin}${path}`, { redirect: 'manual' });
          const body = Buffer.from(await response.arrayBuffer());
          expect([path, response.status]).toEqual([path, 200]);
          fetched++;
          const file = [...byUrl.entries()].find(
            ([url]) => url === path || url === `${path}/` || `${url}/` === path,
          )?.[1];
          expect(file, path).toBeDefined();
          expect([path, response.headers.get('content-type')]).toEqual([path, file?.type]);
          const type = response.headers.get('content-type') ?? '';
          if (!isHtml(type)) continue;
          for (const { value } of htmlReferences(body.toString('utf8'))) {
            const url = new URL(value, `${ORIGIN}${path}`);
            if (url.origin !== ORIGIN || isLiveOnly(url.pathname) || url.search !== '') continue;
            if (seen.has(url.pathname)) continue;
            seen.add(url.pathname);
            queue.push(url.pathname);
          }
        }
        expect(fetched).toBeGreaterThan(600);

        // A sample, byte for byte against the live app (pages with direct language links).
        for (const path of [
          '/en/',
          '/sr-Cyrl/',
          '/en/page/2',
          '/es/2026/10/14/cuatro-continentes-un-manual-c%C3%B3mo-seis-comunidades-aprendieron-a-organizar',
          '/ar/tag/%D1%86%D1%80%D0%BA%D0%B2%D0%B5',
          '/en/feed.xml',
          '/sw/atom.xml',
          '/de/feed.json',
          '/sitemap.xml',
          '/robots.txt',
          assetUrl('/assets/site.css'),
        ]) {
          const served = await fetch(`${nginx.origin}${path}`);
          const text = await served.text();
          const answer = await live(path);
          expect([path, served.headers.get('content-type')]).toEqual([
            path,
            answer.headers['content-type'],
          ]);
          const expected = isHtml(String(answer.headers['content-type']))
            ? withDirectLanguageLinks(answer.body)
            : answer.body;
          expect(text === expected, path).toBe(true);
        }
        // The manifest is not the site.
        expect((await fetch(`${nginx.origin}/${MANIFEST_FILE}`)).status).toBe(404);
      } finally {
        await nginx.stop();
      }
    },
    120_000,
  );

  it('an incremental run with nothing changed writes nothing', async () => {
    const again = await runStaticExport(ctx.deps, dir, true);
    expect(again).toMatchObject({ added: [], rewritten: [], removed: [], failed: [] });
    expect(again.unchanged).toBe(first.files);
    expect(again.sequence).toBe(2);
    expect(again.previousExportAt).toBe(first.exportedAt);
  }, 120_000);

  it('refuses a non-empty directory without --incremental, writing nothing', async () => {
    const before = readFileSync(join(dir, MANIFEST_FILE), 'utf8');
    await expect(runStaticExport(ctx.deps, dir, false)).rejects.toThrow(/not empty/);
    expect(readFileSync(join(dir, MANIFEST_FILE), 'utf8')).toBe(before);
  });

  it('after one post edit, --incremental rewrites exactly the pages that show it', async () => {
    const post = await ctx.deps.store.posts.findBySlug('en', 'four-continents-one-playbook');
    if (!post) throw new Error('the demo joint post is missing');
    const revision = await ctx.deps.store.posts.revision(post.id, post.currentRevision);
    if (!revision) throw new Error('the joint post has no current revision');
    const key = `post:${post.id}`;

    // Every file's mtime set in the past: what the run writes is what gets a new one.
    const past = new Date('2001-01-01T00:00:00Z');
    const files = Object.keys(manifest().files);
    for (const file of files) utimesSync(join(dir, file), past, past);

    const { metadata } = revision;
    await savePost(ctx.deps, editor, post.id, post.currentRevision, {
      language: post.sourceLanguage,
      slug: post.slug,
      title: `${revision.title} (updated)`,
      excerpt: revision.excerpt,
      body: revision.bodyMarkdown,
      featuredMediaId: revision.featuredMediaId ?? '',
      featuredAlt: revision.featuredAlt,
      authorIds: metadata.authorIds,
      organizationIds: metadata.organizationIds,
      tags: metadata.tags,
      categories: metadata.categories,
      eventIds: metadata.eventIds,
    });
    await publishPost(ctx.deps, editor, post.id);
    await runDueJobs(ctx.deps);

    const report = await runStaticExport(ctx.deps, dir, true);
    expect(report).toMatchObject({ added: [], removed: [], failed: [], notFound: [] });
    const after = manifest();
    // Only pages that show the post: each rewritten file carries its key, except the sitemap,
    // which lists every post and carries the key of every publication ('list:all') instead.
    expect(after.files['sitemap.xml']?.keys).toEqual(['list:all']);
    for (const file of report.rewritten.filter((f) => f !== 'sitemap.xml'))
      expect([file, after.files[file]?.keys.includes(key)]).toEqual([file, true]);
    expect(report.sharedKeys).toContain(key);
    // And the pages known to show its new title are all among them.
    const authors = await ctx.deps.store.users.listByIds(metadata.authorIds);
    const shows = [
      'en/2026/10/14/four-continents-one-playbook/index.html',
      'ar/2026/10/14/four-continents-one-playbook/index.html',
      'de/2026/10/14/four-continents-one-playbook/index.html',
      'en/index.html',
      'ar/index.html',
      'en/2026/10/index.html',
      'en/feed.xml',
      'en/atom.xml',
      'en/feed.json',
      'en/2026/10/feed.xml',
      ...metadata.tags.map((tag) => `en/tag/${slugify(tag)}/index.html`),
      ...metadata.tags.map((tag) => `en/tag/${slugify(tag)}/atom.xml`),
      ...metadata.categories.map((name) => `en/category/${slugify(name)}/index.html`),
      ...authors.map((a) => `en/author/${a.username}/index.html`),
    ];
    for (const file of shows) expect(report.rewritten, file).toContain(file);
    // Pages that do not show it stay as they were, to the mtime.
    expect(report.rewritten).not.toContain('en/page/2/index.html');
    expect(report.rewritten).not.toContain('en/tag/archive/index.html');
    const touched = files.filter(
      (file) => statSync(join(dir, file)).mtime.getTime() !== past.getTime(),
    );
    expect(touched.sort()).toEqual(report.rewritten);
    expect(report.unchanged).toBe(files.length - report.rewritten.length);
    // And the export is the live site again.
    await expectExportMatchesLiveSite();
  }, 180_000);
});
