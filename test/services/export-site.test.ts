/**
 * `polyphony export` (issue 11, "Export everything"): the demo site exported as JSON holds
 * every row of what it claims (counts equal the database's), no secret, and the media bytes;
 * exported as Markdown it is one file per post and language whose front matter parses, whose
 * translations show the translated text, and whose media links point at exported files. On
 * SQLite and the PostgreSQL server (PGlite where no server is at hand).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { directorySink, exportCommand } from '../../src/cli/export-commands.js';
import { loadEnv } from '../../src/config/env.js';
import { openDatabase } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { loadDemoAssets } from '../../src/demo/assets.js';
import { seedDemoOnce } from '../../src/services/demo/seed-demo.service.js';
import { applySiteSettings } from '../../src/services/admin/site-settings.service.js';
import {
  EXPORT_FORMAT,
  exportSite,
  type ExportSink,
} from '../../src/services/export/export-site.service.js';
import { stringify as toYaml } from 'yaml';
import translations from '../../src/demo/joint-post-translations.json' with { type: 'json' };
import { parsePolylangGroup } from '../../src/interchange/wxr/polylang.js';
import { readWxr } from '../../src/interchange/wxr/read-wxr.js';
import type { WxrItem, WxrSite, WxrTerm } from '../../src/interchange/wxr/types.js';
import { wxrWriter } from '../../src/interchange/wxr/write-wxr.js';
import { uploadsDirectory, wordPressFile } from '../../src/interchange/wxr/wordpress-file.js';
import { importWxr } from '../../src/services/import/import-wxr.service.js';
import { engines } from '../support/databases.js';
import { buildUser, testDeps } from '../support/app.js';

const writers = {
  frontMatter: (data: Record<string, unknown>) => toYaml(data, { lineWidth: 0 }),
  wxr: wxrWriter,
};

function memorySink(): ExportSink & { files: Map<string, Buffer> } {
  const files = new Map<string, Buffer>();
  return {
    files,
    write(path, data) {
      files.set(path, Buffer.from(data));
      return Promise.resolve();
    },
    append(path, text) {
      files.set(path, Buffer.concat([files.get(path) ?? Buffer.alloc(0), Buffer.from(text)]));
      return Promise.resolve();
    },
  };
}

function jsonLines(sink: { files: Map<string, Buffer> }, name: string): Record<string, unknown>[] {
  const text = sink.files.get(name)?.toString('utf8') ?? '';
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

function splitFrontMatter(text: string): { data: Record<string, unknown>; body: string } {
  const match = /^---\n([\s\S]*?)\n---\n\n([\s\S]*)$/.exec(text);
  if (!match) throw new Error(`no front matter in ${text.slice(0, 80)}`);
  return { data: parseYaml(match[1] ?? '') as Record<string, unknown>, body: match[2] ?? '' };
}

const cases = engines().filter((e) => e.name !== 'pglite' || !process.env.TEST_POSTGRES_URL);

describe.each(cases)('export on $name', (engine) => {
  const mediaDir = mkdtempSync(join(tmpdir(), 'polyphony-export-media-'));
  afterAll(() => rmSync(mediaDir, { recursive: true, force: true }));

  it('writes every record as JSON, without secrets, and the media bytes', async () => {
    const handle = await engine.open();
    try {
      const deps = testDeps(handle.db, mediaDir);
      await applySiteSettings(deps);
      await seedDemoOnce(deps, await loadDemoAssets(), { adminPassword: 'export test password 1' });
      // What a WordPress import leaves (migrations 0029, 0030): redirects, and a reference text
      // for a language with a translation and one for a language without.
      const [first] = await handle.db.selectFrom('posts').select('id').orderBy('id').execute();
      const postId = first?.id ?? '';
      // A page (migration 0034) carries its kind; the other posts are posts.
      await deps.store.posts.setKind(postId, 'page');
      await deps.store.redirects.put([
        {
          path: '/?p=12',
          target: `/posts/${postId}`,
          source: 'wordpress',
          createdAt: '2024-03-05T10:00:00.000Z',
        },
        {
          path: '/2024/03/05/hola-mundo/',
          target: '/',
          source: 'wordpress',
          createdAt: '2024-03-05T10:00:01.000Z',
        },
      ]);
      const reference = {
        postId,
        language: 'fr',
        source: 'wordpress',
        title: 'Bonjour le monde',
        bodyMarkdown: 'Un texte **entier**.\n\nQui ne s’aligne pas.',
        unaligned: 2,
        createdAt: '2024-03-05T10:00:02.000Z',
      };
      await deps.store.translations.saveReference(reference);
      const sink = memorySink();
      const report = await exportSite(deps, 'json', sink, writers);

      const manifest = JSON.parse(sink.files.get('manifest.json')?.toString() ?? '{}') as {
        format: string;
        version: number;
        counts: Record<string, number>;
        site: { languages: { tag: string }[] };
      };
      expect(manifest.format).toBe(EXPORT_FORMAT);
      expect(manifest.version).toBe(1);
      const count = async (table: string) =>
        Number(
          (
            await sql<{
              n: number | string;
            }>`SELECT COUNT(*) AS n FROM ${sql.table(table)}`.execute(handle.db)
          ).rows[0]?.n,
        );
      const expected: Record<string, string> = {
        users: 'users',
        organizations: 'organizations',
        terms: 'taxonomy_terms',
        events: 'events',
        media: 'media',
        posts: 'posts',
        revisions: 'post_revisions',
        translations: 'translations',
        targets: 'targets',
        targetHistory: 'target_history',
        comments: 'comments',
        redirects: 'redirects',
        references: 'translation_references',
      };
      for (const [name, table] of Object.entries(expected)) {
        const n = await count(table);
        expect(manifest.counts[name], name).toBe(n);
        expect(report.counts[name], name).toBe(n);
      }
      expect(manifest.counts.posts).toBeGreaterThan(3);
      expect(manifest.counts.targetHistory).toBeGreaterThan(10);
      expect(manifest.site.languages.map((l) => l.tag)).toContain('es');

      // Lines agree with the counts; nested records are all there.
      const posts = jsonLines(sink, 'posts.jsonl');
      expect(posts).toHaveLength(manifest.counts.posts ?? -1);
      expect(posts.filter((p) => p.kind === 'page').map((p) => p.id)).toEqual([postId]);
      expect(posts.filter((p) => p.kind !== 'page').every((p) => p.kind === 'post')).toBe(true);
      const nested = posts.flatMap((p) => p.translations as { targets: unknown[] }[]);
      expect(nested).toHaveLength(manifest.counts.translations ?? -1);
      expect(jsonLines(sink, 'users.jsonl')).toHaveLength(manifest.counts.users ?? -1);
      expect(manifest.counts.redirects).toBe(2);
      expect(manifest.counts.references).toBe(1);
      expect(jsonLines(sink, 'redirects.jsonl')).toEqual(
        [
          {
            path: '/2024/03/05/hola-mundo',
            target: '/',
            source: 'wordpress',
            createdAt: '2024-03-05T10:00:01.000Z',
          },
          {
            path: '/?p=12',
            target: `/posts/${postId}`,
            source: 'wordpress',
            createdAt: '2024-03-05T10:00:00.000Z',
          },
        ].sort((a, b) => (a.path < b.path ? -1 : 1)),
      );
      const { postId: _post, ...exported } = reference;
      for (const post of posts)
        expect(post.references, String(post.id)).toEqual(post.id === postId ? [exported] : []);
      const joint = posts.find((p) =>
        (p.translations as { language: string }[]).some((t) => t.language === 'es'),
      );
      expect(joint).toBeDefined();
      const spanish = (
        joint?.translations as { language: string; targets: { text: string }[] }[]
      ).find((t) => t.language === 'es');
      const spanishTitle = Object.values(translations.es)[0] ?? '';
      expect(spanish?.targets.map((t) => t.text)).toContain(spanishTitle);

      // No secret leaves: password hashes, session ids, token hashes, the site's secrets.
      const everything = [...sink.files.entries()]
        .filter(([path]) => !path.startsWith('media/'))
        .map(([, data]) => data.toString('utf8'))
        .join('\n');
      const secrets = [
        ...(await handle.db.selectFrom('users').select('password_hash').execute()).map(
          (u) => u.password_hash,
        ),
        ...(await handle.db.selectFrom('sessions').select('id_hash').execute()).map(
          (s) => s.id_hash,
        ),
        ...(await handle.db.selectFrom('site_secrets').selectAll().execute()).map((s) =>
          Object.values(s).join(''),
        ),
      ].filter((s): s is string => typeof s === 'string' && s.length > 0);
      expect(secrets.length).toBeGreaterThan(0);
      for (const secret of secrets) expect(everything).not.toContain(secret);
      expect(everything).not.toMatch(/password|\$argon2/i);

      // Every media file and variant, byte for byte.
      const media = jsonLines(sink, 'media.jsonl') as {
        storageKey: string;
        variants: { storageKey: string }[];
      }[];
      expect(media.length).toBeGreaterThan(0);
      for (const item of media)
        for (const key of [item.storageKey, ...item.variants.map((v) => v.storageKey)])
          expect(sink.files.get(`media/${key}`)?.equals(await deps.storage.get(key)), key).toBe(
            true,
          );
      expect(report.missingMedia).toEqual([]);
    } finally {
      await handle.close();
    }
  }, 180_000);

  it('writes one Markdown file per post and language, translations as readers see them', async () => {
    const handle = await engine.open();
    try {
      const deps = testDeps(handle.db, mediaDir);
      await applySiteSettings(deps);
      await seedDemoOnce(deps, await loadDemoAssets(), { adminPassword: 'export test password 1' });
      const sink = memorySink();
      const report = await exportSite(deps, 'markdown', sink, writers);
      expect(report.problems).toEqual([]);
      const posts = Number(
        (
          await handle.db
            .selectFrom('posts')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirst()
        )?.n,
      );
      const withTargets = await handle.db
        .selectFrom('translations')
        .select('translations.id')
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('targets')
              .select('targets.unit_id')
              .whereRef('targets.translation_id', '=', 'translations.id'),
          ),
        )
        .execute();
      const markdown = [...sink.files.keys()].filter((p) => p.endsWith('.md'));
      expect(markdown).toHaveLength(posts + withTargets.length);
      expect(report.counts).toEqual({ posts, translations: withTargets.length });

      const files = markdown.map((path) => ({
        path,
        ...splitFrontMatter(sink.files.get(path)?.toString('utf8') ?? ''),
      }));
      for (const file of files) {
        expect(file.path.startsWith(`${String(file.data.language)}/`), file.path).toBe(true);
        expect(typeof file.data.title).toBe('string');
        // The body is our Markdown: it parses and validates.
        const root = await deps.content.parse(file.body);
        expect(deps.content.validate(root), file.path).toEqual([]);
        // Every relative media link names an exported file.
        for (const match of file.body.matchAll(/\.\.\/media\/([^\s)"]+)/g))
          expect(sink.files.has(`media/${match[1]}`), match[0]).toBe(true);
      }
      const [spanishTitle, spanishExcerpt] = Object.values(translations.es);
      const spanish = files.find((f) => f.data.language === 'es' && f.data.translation_of);
      expect(spanish?.data.title).toBe(spanishTitle);
      expect(spanish?.data.excerpt).toBe(spanishExcerpt);
      expect(spanish?.data.completion).toBeGreaterThan(90);
      const source = files.find((f) => `../${f.path}` === spanish?.data.translation_of);
      expect(source?.data.translations).toContain('es');
      expect(source?.body).not.toBe(spanish?.body);
      // Swahili is about half translated: its file mixes both, and says so.
      const swahili = files.find((f) => f.data.language === 'sw' && f.data.translation_of);
      expect(swahili?.data.completion).toBeGreaterThan(20);
      expect(swahili?.data.completion).toBeLessThan(90);
    } finally {
      await handle.close();
    }
  }, 180_000);
  it('writes one WXR file WordPress imports, translations as Polylang groups', async () => {
    const handle = await engine.open();
    try {
      const deps = testDeps(handle.db, mediaDir);
      await applySiteSettings(deps);
      await seedDemoOnce(deps, await loadDemoAssets(), { adminPassword: 'export test password 1' });
      // A nested category (its parent sorts after it by name: the file still lists the
      // parent first, as WordPress's importer needs) and a pinned post.
      const [first, second] = await deps.store.posts.categoryTree();
      if (!first || !second) throw new Error('the demo has fewer than two categories');
      await deps.store.posts.setTermParent(first.id, second.id);
      const pinned = await handle.db
        .selectFrom('posts')
        .select(['id', 'slug'])
        .where('status', '=', 'published')
        .orderBy('id')
        .executeTakeFirstOrThrow();
      await deps.store.posts.setSticky(pinned.id, true);
      // A page, written as WordPress writes pages (post_type page, never sticky).
      const page = await handle.db
        .selectFrom('posts')
        .select(['id', 'slug'])
        .where('status', '=', 'published')
        .where('id', '!=', pinned.id)
        .orderBy('id')
        .executeTakeFirstOrThrow();
      await deps.store.posts.setKind(page.id, 'page');
      const sink = memorySink();
      const report = await exportSite(deps, 'wxr', sink, writers);
      const xml = sink.files.get('polyphony.wxr.xml')?.toString('utf8') ?? '';
      const items: WxrItem[] = [];
      const terms: WxrTerm[] = [];
      let site: WxrSite | undefined;
      const problems: unknown[] = [];
      // Read back by the import's streaming reader, in small chunks.
      const chunks = function* () {
        for (let i = 0; i < xml.length; i += 4096) yield xml.slice(i, i + 4096);
      };
      const authors: string[] = [];
      const summary = await readWxr(chunks(), {
        site: (s) => void (site = s),
        author: (a) => void authors.push(a.login),
        term: (t) => void terms.push(t),
        item: (i) => void items.push(i),
        problem: (p) => void problems.push(p),
      });
      expect(problems).toEqual([]);
      expect(site?.wxrVersion).toBe('1.2');
      const categories = terms.filter((t) => t.kind === 'category');
      const child = categories.findIndex((t) => t.slug === first.slug);
      const parent = categories.findIndex((t) => t.slug === second.slug);
      expect(categories[child]?.parent).toBe(second.slug);
      expect(categories[parent]?.parent).toBe('');
      expect(parent).toBeLessThan(child);
      expect(items.filter((i) => i.isSticky).map((i) => i.postName)).toContain(pinned.slug);
      // Only the pinned post's versions (the original and its translations) are sticky.
      const pinnedGroup = items
        .find((i) => i.postName === pinned.slug)
        ?.terms.find((t) => t.domain === 'post_translations')?.nicename;
      for (const item of items.filter((i) => i.isSticky && i.postName !== pinned.slug))
        expect(
          item.terms.find((t) => t.domain === 'post_translations')?.nicename,
          item.postName,
        ).toBe(pinnedGroup ?? 'no group: only the original is pinned');

      const count = async (table: 'posts' | 'media' | 'comments' | 'users') =>
        Number(
          (
            await handle.db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirst()
          )?.n,
        );
      const pages = items.filter((i) => i.postType === 'page');
      expect(pages.map((i) => i.postName)).toContain(page.slug);
      expect(pages.every((i) => !i.isSticky)).toBe(true);
      const posts = items.filter((i) => i.postType === 'post' || i.postType === 'page');
      const withTargets = await handle.db
        .selectFrom('translations')
        .select(['translations.post_id', 'translations.language'])
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('targets')
              .select('targets.unit_id')
              .whereRef('targets.translation_id', '=', 'translations.id'),
          ),
        )
        .execute();
      expect(posts).toHaveLength((await count('posts')) + withTargets.length);
      expect(summary.itemsByType.attachment).toBe(await count('media'));
      expect(summary.comments).toBe(await count('comments'));
      expect(report.counts.posts).toBe(await count('posts'));

      // The authors are the people posts name, not every account; every post's creator is one.
      expect(new Set(posts.map((p) => p.creator))).toEqual(new Set(authors));
      expect(authors.length).toBeLessThan(await count('users'));

      // Ids are unique; every post has one language; every group names exported posts of
      // those languages, and each post of a group carries it.
      const byId = new Map(items.map((i) => [i.postId, i]));
      expect(byId.size).toBe(items.length);
      const languageOf = (i: WxrItem) => i.terms.find((t) => t.domain === 'language')?.nicename;
      for (const post of posts) expect(languageOf(post), post.title).toBeTruthy();
      const groups = terms.filter((t) => t.kind === 'post_translations');
      expect(groups.length).toBeGreaterThan(0);
      for (const group of groups) {
        const members = parsePolylangGroup(group.description);
        expect(members?.size).toBeGreaterThan(1);
        for (const [language, id] of members ?? []) {
          const member = byId.get(id);
          expect(member && languageOf(member)).toBe(language);
          expect(
            member?.terms.some(
              (t) => t.domain === 'post_translations' && t.nicename === group.slug,
            ),
          ).toBe(true);
        }
      }
      const languages = terms.filter((t) => t.kind === 'language').map((t) => t.slug);
      expect(languages).toEqual(expect.arrayContaining(['en', 'es', 'sw']));

      // The Spanish version carries the Spanish text; bodies are sanitized HTML at absolute URLs.
      const [spanishTitle] = Object.values(translations.es);
      const spanish = posts.find((p) => p.title === spanishTitle);
      expect(spanish && languageOf(spanish)).toBe('es');
      expect(spanish?.status).toBe('publish');
      expect(spanish?.contentHtml).toMatch(/<p>/);
      expect(xml).not.toMatch(/<script/i);
      expect(xml).not.toMatch(/src="\/media\//);
      // Threads: a reply's parent is a comment of the same post.
      for (const item of items)
        for (const c of item.comments)
          if (c.parent !== 0) expect(item.comments.map((x) => x.id)).toContain(c.parent);

      // Round trip: the file imported into a new site makes the page a page again.
      const target = await engine.open();
      const targetMedia = mkdtempSync(join(tmpdir(), 'polyphony-export-roundtrip-'));
      try {
        const file = join(targetMedia, 'site.wxr.xml');
        writeFileSync(file, xml);
        const targetDeps = testDeps(target.db, targetMedia);
        await applySiteSettings(targetDeps);
        const admin = await buildUser(targetDeps, ['admin'], { username: 'roundtrip' });
        await importWxr(targetDeps, { id: admin.id, roles: admin.roles }, wordPressFile(file), {
          uploads: uploadsDirectory(mkdtempSync(join(tmpdir(), 'polyphony-no-uploads-'))),
        });
        const kinds = await target.db
          .selectFrom('posts')
          .select(['slug', 'kind', 'source_language'])
          .execute();
        const original = await handle.db
          .selectFrom('posts')
          .select('source_language')
          .where('id', '=', page.id)
          .executeTakeFirstOrThrow();
        expect(
          kinds.filter((k) => k.kind === 'page').map((k) => [k.slug, k.source_language]),
        ).toEqual([[page.slug, original.source_language]]);
        expect(kinds.length).toBeGreaterThan(1);
      } finally {
        await target.close();
        rmSync(targetMedia, { recursive: true, force: true });
      }
    } finally {
      await handle.close();
    }
  }, 180_000);
});

describe('polyphony export', () => {
  const dir = mkdtempSync(join(tmpdir(), 'polyphony-export-cli-'));
  afterAll(() => {
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exports into a new directory, refuses a non-empty one and bad arguments', async () => {
    const file = join(dir, 'site.db');
    const handle = await openDatabase(`sqlite:${file}`);
    await migrateToLatest(handle);
    const deps = testDeps(handle.db, join(dir, 'media'));
    await applySiteSettings(deps);
    await seedDemoOnce(deps, await loadDemoAssets(), { adminPassword: 'export test password 1' });
    await handle.close();
    const out: string[] = [];
    const errors: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
    vi.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
    const env = loadEnv({ DATABASE_URL: `sqlite:${file}`, MEDIA_DIR: join(dir, 'media') });
    const target = join(dir, 'out');
    expect(await exportCommand(['--format', 'markdown', target], env)).toBe(0);
    expect(out.join('\n')).toMatch(/markdown export, \d+ files \(\d+ posts, \d+ translations\)/);
    const languages = readdirSync(target).sort();
    expect(languages).toEqual(expect.arrayContaining(['en', 'es', 'media']));
    const one = join(target, 'es', readdirSync(join(target, 'es'))[0] ?? '');
    expect(readFileSync(one, 'utf8')).toMatch(/^---\ntitle: /);
    expect(statSync(one).mode & 0o077).toBe(0);

    expect(await exportCommand(['--format', 'json', target], env)).toBe(1);
    expect(errors.join('\n')).toMatch(/is not empty/);
    expect(await exportCommand(['--format', 'wordperfect', join(dir, 'x')], env)).toBe(2);
    expect(await exportCommand(['--format', 'json', join(dir, 'json')], env)).toBe(0);
    expect(readdirSync(join(dir, 'json'))).toEqual(
      expect.arrayContaining(['manifest.json', 'posts.jsonl', 'users.jsonl', 'media']),
    );
  }, 180_000);

  it('never writes outside its directory', async () => {
    const root = join(dir, 'sandbox');
    const sink = directorySink(resolve(root));
    await expect(sink.write('../escape.txt', 'x')).rejects.toThrow(/outside the export directory/);
    await expect(sink.append('a/../../escape.txt', 'x')).rejects.toThrow(/outside/);
    await sink.write('media/a/b.txt', 'ok');
    await sink.close();
    expect(readFileSync(join(root, 'media/a/b.txt'), 'utf8')).toBe('ok');
    expect(readdirSync(dirname(root))).not.toContain('escape.txt');
  });
});
