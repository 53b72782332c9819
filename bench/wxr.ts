// `node --import tsx bench/wxr.ts`: the WordPress import (issue 11, acceptance 6).
// A generated WXR 1.2 export of 10,000 posts — 4,000 English originals, each with a Spanish
// translation and every other one a French one, in Polylang groups; block-editor and classic
// content with headings, lists, images, captions and YouTube embeds, about 4 KB each — is
// written to a temporary file by our own WXR writer, then read from disk as a stream:
//   read      readWxr alone (every record built, Polylang groups parsed), posts per second;
//   convert   readWxr plus convertWordPressContent on every post (what the import will do
//             before storing), posts per second;
//   import    the whole import (importWxr through the real runtime on a new SQLite file:
//             scan, authors, terms, posts published, comments, translations aligned, saved
//             and published), posts per second;
// and, for each, the peak resident memory of this process above what it held before.
// Baseline in the same run: saxes alone over the same file (no records), which no reader on
// saxes can beat. WRONG when a pass does not see exactly the posts, groups and comments written,
// or a conversion fails or loses the translation group, or the import does not store every
// original, translation and comment (or a translation is not published).
//   --posts N (default 10,000)   --import-posts N (default: the same; 0 skips the import)
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SaxesParser } from 'saxes';
import { convertWordPressContent } from '../src/interchange/wxr/html-to-markdown.js';
import { parsePolylangGroup, polylangGroupSlug } from '../src/interchange/wxr/polylang.js';
import { readWxr } from '../src/interchange/wxr/read-wxr.js';
import { wxrWriter } from '../src/interchange/wxr/write-wxr.js';
import type { WxrOutItem, WxrOutTerm } from '../src/services/export/wxr-model.js';
import { loadEnv } from '../src/config/env.js';
import { wordPressFile } from '../src/interchange/wxr/wordpress-file.js';
import { createRuntime } from '../src/main.js';
import { createUser } from '../src/services/auth/auth.service.js';
import { importWxr } from '../src/services/import/import-wxr.service.js';
import { describeMachine } from './lib/report.js';

const { values } = parseArgs({
  options: { posts: { type: 'string', default: '10000' }, 'import-posts': { type: 'string' } },
});
const POSTS = Number(values.posts);
const IMPORT_POSTS = Number(values['import-posts'] ?? values.posts);
const ORIGINALS = Math.round(POSTS / 2.5);
const LANGUAGES = { en: 'English', es: 'Español', fr: 'Français' } as const;

const paragraphs = {
  en: 'Volunteers from six towns met on Saturday to map the river path, photograph the old mills and write the articles our readers asked for. By evening, 42 new articles and 310 photographs were online.',
  es: 'Voluntarios de seis pueblos se reunieron el sábado para cartografiar el camino del río, fotografiar los viejos molinos y escribir los artículos que pedían nuestros lectores. Al anochecer había 42 artículos nuevos y 310 fotografías en línea.',
  fr: 'Des bénévoles de six villes se sont retrouvés samedi pour cartographier le chemin de la rivière, photographier les vieux moulins et écrire les articles que nos lecteurs demandaient. Le soir, 42 nouveaux articles et 310 photos étaient en ligne.',
};

function blockContent(language: keyof typeof paragraphs, n: number): string {
  const p = paragraphs[language];
  return [
    `<!-- wp:paragraph --><p>${p} <a href="https://example.org/report/${n}">Report ${n}</a>.</p><!-- /wp:paragraph -->`,
    `<!-- wp:heading --><h2 class="wp-block-heading">${language === 'en' ? 'What we learned' : language === 'es' ? 'Lo que aprendimos' : 'Ce que nous avons appris'} (${n})</h2><!-- /wp:heading -->`,
    `<!-- wp:list --><ul><li>${p.slice(0, 60)}</li><li>${p.slice(60, 120)}</li><li><strong>${n}</strong> edits</li></ul><!-- /wp:list -->`,
    `<!-- wp:image {"id":${(n % 50) + 1}} --><figure class="wp-block-image"><img src="https://old.example.org/wp-content/uploads/2024/03/photo-${(n % 50) + 1}.jpg" alt="The mill at dusk" class="wp-image-${(n % 50) + 1}"/><figcaption>${p.slice(0, 48)}</figcaption></figure><!-- /wp:image -->`,
    `<!-- wp:paragraph --><p>${p}</p><!-- /wp:paragraph -->`,
    `<!-- wp:embed {"url":"https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=${n % 600}","providerNameSlug":"youtube"} --><figure class="wp-block-embed"><div class="wp-block-embed__wrapper">https://www.youtube.com/watch?v=dQw4w9WgXcQ&amp;t=${n % 600}</div></figure><!-- /wp:embed -->`,
    `<!-- wp:quote --><blockquote class="wp-block-quote"><p>${p.slice(0, 90)}</p></blockquote><!-- /wp:quote -->`,
    `<!-- wp:paragraph --><p>${p} ${p}</p><!-- /wp:paragraph -->`,
  ].join('\n\n');
}

function classicContent(language: keyof typeof paragraphs, n: number): string {
  const p = paragraphs[language];
  return [
    p,
    `[caption id="attachment_${(n % 50) + 1}" align="alignnone" width="800"]<img src="https://old.example.org/wp-content/uploads/2024/03/photo-${(n % 50) + 1}.jpg" alt="Volunteers at work" width="800" height="600" class="size-full wp-image-${(n % 50) + 1}" /> ${p.slice(0, 40)}[/caption]`,
    `<h2>${n}</h2>\n${p}\nA second line of the same paragraph.`,
    `<ol>\n<li>${p.slice(0, 50)}</li>\n<li>${p.slice(50, 100)}</li>\n</ol>`,
    `[embed]https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=${n % 300}[/embed]`,
    `${p} ${p}`,
  ].join('\n\n');
}

interface Written {
  posts: number;
  /** Posts that are no other's translation (one per group, and posts on their own). */
  originals: number;
  groups: number;
  comments: number;
  bytes: number;
}

async function writeExport(file: string, total = POSTS): Promise<Written> {
  const handle = await open(file, 'w');
  const groupTerms: WxrOutTerm[] = [];
  let id = 100;
  const plan: { language: keyof typeof LANGUAGES; id: number; group: number; n: number }[][] = [];
  for (let g = 0; g < ORIGINALS && plan.flat().length < total; g++) {
    const members: (typeof plan)[number] = [];
    for (const language of ['en', 'es', 'fr'] as const) {
      if (language === 'fr' && g % 2 === 1) continue;
      if (plan.flat().length + members.length >= total) break;
      members.push({ language, id: id++, group: g, n: g });
    }
    plan.push(members);
    if (members.length > 1)
      groupTerms.push({
        id: 10 + g,
        taxonomy: 'post_translations',
        slug: `pll_${g}`,
        name: `pll_${g}`,
        group: Object.fromEntries(members.map((m) => [m.language, m.id])),
      });
  }
  const languageTerms: WxrOutTerm[] = Object.entries(LANGUAGES).map(([slug, name], i) => ({
    id: 1 + i,
    taxonomy: 'language',
    slug,
    name,
    language: { locale: slug, rtl: false },
  }));
  await handle.write(
    wxrWriter.open({
      title: 'Bench site',
      link: 'https://old.example.org',
      description: 'generated',
      language: 'en',
      authors: [{ id: 1, login: 'ana', email: 'ana@example.org', displayName: 'Ana' }],
      terms: [
        { id: 5, taxonomy: 'category', slug: 'news', name: 'News' },
        ...languageTerms,
        ...groupTerms,
      ],
    }),
  );
  let posts = 0;
  let comments = 0;
  for (const members of plan)
    for (const m of members) {
      const classic = m.n % 3 === 0;
      const item: WxrOutItem = {
        id: m.id,
        type: 'post',
        title: `${m.language === 'en' ? 'Mapping the river path' : m.language === 'es' ? 'Cartografiando el camino del río' : 'Cartographier le chemin de la rivière'} ${m.n}`,
        link: `https://old.example.org/?p=${m.id}`,
        guid: `https://old.example.org/?p=${m.id}`,
        pubDate: new Date(Date.UTC(2024, 0, 1) + m.n * 3_600_000).toUTCString(),
        creator: 'ana',
        contentHtml: classic ? classicContent(m.language, m.n) : blockContent(m.language, m.n),
        excerptHtml: '',
        date: new Date(Date.UTC(2024, 0, 1) + m.n * 3_600_000)
          .toISOString()
          .slice(0, 19)
          .replace('T', ' '),
        slug: `post-${m.language}-${m.n}`,
        status: 'publish',
        terms: [
          { domain: 'category', nicename: 'news', name: 'News' },
          { domain: 'language', nicename: m.language, name: LANGUAGES[m.language] },
          ...(members.length > 1
            ? [{ domain: 'post_translations', nicename: `pll_${m.group}`, name: `pll_${m.group}` }]
            : []),
        ],
        meta: [],
        comments:
          m.language === 'en'
            ? [
                {
                  id: m.id * 10,
                  author: 'Reader',
                  authorEmail: 'r@example.org',
                  date: '2024-01-02 10:00:00',
                  content: 'Thank you!',
                  approved: '1',
                  parent: 0,
                  userId: 0,
                },
              ]
            : [],
      };
      comments += item.comments.length;
      await handle.write(wxrWriter.item(item));
      posts++;
    }
  await handle.write(wxrWriter.close());
  await handle.close();
  return {
    posts,
    originals: plan.filter((members) => members.length > 0).length,
    groups: groupTerms.length,
    comments,
    bytes: statSync(file).size,
  };
}

/** Peak RSS above `base` while `work` runs, sampled every 20 ms and at the end. */
async function withPeak<T>(
  work: () => Promise<T>,
): Promise<{ result: T; ms: number; peakMiB: number }> {
  global.gc?.();
  const base = process.memoryUsage.rss();
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 20);
  const start = performance.now();
  const result = await work();
  const ms = performance.now() - start;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage.rss());
  return { result, ms, peakMiB: (peak - base) / 1024 / 1024 };
}

const stream = (file: string) => createReadStream(file, { highWaterMark: 64 * 1024 });

async function main(): Promise<number> {
  const m = describeMachine();
  console.log(
    `${m.cpu}, ${m.cores} cores, ${m.totalMemoryMiB} MiB, Node ${m.node}; load average ${loadavg()[0]?.toFixed(2) ?? '?'}`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'polyphony-bench-wxr-'));
  const wrong: string[] = [];
  try {
    const file = join(dir, 'export.xml');
    const written = await writeExport(file);
    console.log(
      `Generated: ${written.posts} posts in ${written.groups} Polylang groups, ${written.comments} comments, ${(written.bytes / 1024 / 1024).toFixed(1)} MiB`,
    );

    const bare = await withPeak(async () => {
      const parser = new SaxesParser({ xmlns: true });
      let items = 0;
      parser.on('opentag', (tag) => {
        if (tag.name === 'item') items++;
      });
      for await (const chunk of stream(file)) parser.write((chunk as Buffer).toString('utf8'));
      parser.close();
      return items;
    });
    if (bare.result !== written.posts) wrong.push(`saxes saw ${bare.result} items`);

    const read = await withPeak(async () => {
      let posts = 0;
      let comments = 0;
      let groups = 0;
      await readWxr(stream(file), {
        term: (t) => {
          if (t.kind === 'post_translations' && (parsePolylangGroup(t.description)?.size ?? 0) > 1)
            groups++;
        },
        item: (item) => {
          posts++;
          comments += item.comments.length;
        },
      });
      return { posts, comments, groups };
    });
    if (read.result.posts !== written.posts) wrong.push(`read saw ${read.result.posts} posts`);
    if (read.result.groups !== written.groups) wrong.push(`read saw ${read.result.groups} groups`);
    if (read.result.comments !== written.comments)
      wrong.push(`read saw ${read.result.comments} comments`);

    const converted = await withPeak(async () => {
      let posts = 0;
      let failed = 0;
      let grouped = 0;
      let videos = 0;
      await readWxr(stream(file), {
        item: (item) => {
          try {
            const out = convertWordPressContent(item.contentHtml, {
              resolveMedia: (url) => {
                const match = /photo-(\d+)\.jpg$/.exec(url);
                return match ? { id: `media-${match[1]}` } : null;
              },
            });
            if (out.markdown.includes('::video')) videos++;
          } catch {
            failed++;
          }
          if (polylangGroupSlug(item)) grouped++;
          posts++;
        },
      });
      return { posts, failed, grouped, videos };
    });
    if (converted.result.posts !== written.posts)
      wrong.push(`convert saw ${converted.result.posts} posts`);
    if (converted.result.failed > 0) wrong.push(`${converted.result.failed} conversions failed`);
    if (converted.result.videos !== written.posts)
      wrong.push(`${converted.result.videos} of ${written.posts} posts kept their video`);

    let imported: Awaited<ReturnType<typeof importPass>> | null = null;
    if (IMPORT_POSTS > 0) {
      const importFile = IMPORT_POSTS === POSTS ? file : join(dir, 'import.xml');
      const toImport =
        IMPORT_POSTS === POSTS ? written : await writeExport(importFile, IMPORT_POSTS);
      imported = await importPass(dir, importFile, toImport, wrong);
    }

    const rate = (ms: number) => Math.round((written.posts * 1000) / ms).toLocaleString('en');
    console.log('');
    console.log('| pass | time (s) | posts/s | × saxes alone | peak RSS above start (MiB) |');
    console.log('|---|---|---|---|---|');
    for (const [name, m] of [
      ['saxes alone (baseline)', bare],
      ['readWxr (records, groups)', read],
      ['readWxr + content conversion', converted],
    ] as const)
      console.log(
        `| ${name} | ${(m.ms / 1000).toFixed(2)} | ${rate(m.ms)} | ${(bare.ms / m.ms).toFixed(2)}× | ${m.peakMiB.toFixed(0)} |`,
      );
    if (imported) {
      const perSecond = (imported.posts * 1000) / imported.ms;
      console.log(
        `| whole import, ${imported.posts} posts (${imported.originals} posts + ${imported.translations} translations, ${imported.comments} comments) | ${(imported.ms / 1000).toFixed(1)} | ${Math.round(perSecond).toLocaleString('en')} | ${((bare.ms / written.posts) * (imported.posts / imported.ms)).toFixed(4)}× | ${imported.peakMiB.toFixed(0)} |`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  for (const line of wrong) console.log(`WRONG: ${line}`);
  return wrong.length === 0 ? 0 : 1;
}

/** The whole import into a new SQLite site, checked against what the file holds. */
async function importPass(dir: string, file: string, written: Written, wrong: string[]) {
  const env = loadEnv({
    DATABASE_URL: `sqlite:${join(dir, 'import.db')}`,
    MEDIA_DIR: join(dir, 'media'),
  });
  const runtime = await createRuntime(env, { log: () => undefined });
  try {
    const { deps } = runtime;
    deps.settings.languages = [...new Set([...deps.settings.languages, 'en', 'es', 'fr'])];
    const admin = await createUser(
      deps,
      {
        username: 'bench',
        displayName: 'Bench',
        email: 'bench@example.org',
        password: 'bench password 1',
      },
      ['admin'],
    );
    const run = await withPeak(() =>
      importWxr(deps, { id: admin.id, roles: admin.roles }, wordPressFile(file)),
    );
    const failed = run.result.entries.filter((e) => e.outcome === 'failed');
    if (failed.length > 0)
      wrong.push(`import: ${failed.length} items failed, first: ${JSON.stringify(failed[0])}`);
    const db = deps.store;
    const { originals } = written;
    const posts = await db.posts.listByStatus(['published']);
    if (posts.length !== originals)
      wrong.push(`import stored ${posts.length} of ${originals} posts`);
    const translations = run.result.entries.filter((e) => e.kind === 'translation');
    const unpublished = translations.filter((e) =>
      e.notes.some((n) => n.startsWith('kept unpublished')),
    );
    if (translations.length !== written.posts - originals)
      wrong.push(`import made ${translations.length} of ${written.posts - originals} translations`);
    if (unpublished.length > 0) wrong.push(`${unpublished.length} translations left unpublished`);
    const comments = run.result.entries.filter(
      (e) => e.kind === 'comment' && e.outcome === 'imported',
    );
    if (comments.length !== written.comments)
      wrong.push(`import stored ${comments.length} of ${written.comments} comments`);
    return {
      ms: run.ms,
      peakMiB: run.peakMiB,
      posts: written.posts,
      originals,
      translations: translations.length,
      comments: comments.length,
    };
  } finally {
    await runtime.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
