// Seeds a database with many published posts for the bench's big-site runs:
//
//   node --import tsx bench/lib/seed-many.ts <dbfile|postgres://…> <count>
//
// A file must be new (a SQLite database is made there); a PostgreSQL database may already hold
// the demo (bench/two-instances.ts seeds it first), beside which the posts are added.
// Run by bench/run.ts as a separate process (so its memory is not the server's), before the
// server starts. It goes through the project's own modules — openDatabase, migrateToLatest,
// createStore and the repositories, the Markdown format's parser — so the rows are what the
// app itself writes, but it skips the services (no argon2: users have no password; no
// per-post workflow transactions): posts are inserted as published, 500 per transaction.
//
// One exception: the search rows are written with the INSERT of KyselySearchRepository.index
// but without its DELETE. On SQLite that DELETE (FTS5, post_id UNINDEXED) scans the whole
// index, so seeding through it is quadratic: 2,000 posts take 10 s, 5,000 take 55 s and
// 10,000 would take over three minutes, all of it spent deleting rows that do not exist yet.
// The content is generated from a fixed seed, so every run builds the same site.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { sql } from 'kysely';
import { openDatabase } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { createStore } from '../../src/db/store.js';
import { documentText } from '../../src/domain/document-text.js';
import type { Role } from '../../src/domain/roles.js';
import { slugify } from '../../src/domain/slug.js';
import { usernameKey } from '../../src/domain/user.js';
import { markdownFormat } from '../../src/interchange/markdown/index.js';
import type {
  OrganizationKind,
  OrganizationRecord,
  PostRecord,
  RevisionMetadata,
  TermRecord,
} from '../../src/services/repositories.js';
import { BIG_SITE_LANGUAGES } from './seed-many-process.js';

/** The languages the big site is written in (the server runs with the same SITE_LANGUAGES). */
const SEED_LANGUAGES = BIG_SITE_LANGUAGES;

const USERS = 50;
const ORGANIZATIONS = 12;
const TAGS = 60;
const BATCH = 500;
/** Posts are published over the two years before this instant. */
const LATEST = Date.parse('2026-11-20T12:00:00Z');
const TWO_YEARS_MS = 2 * 365 * 24 * 3600 * 1000;

/** Small deterministic PRNG (mulberry32), so every run seeds the same site. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = prng(20261125);
const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
function pick<T>(items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}
function pickSome<T>(items: readonly T[], count: number): T[] {
  const chosen = new Set<T>();
  while (chosen.size < Math.min(count, items.length)) chosen.add(pick(items));
  return [...chosen];
}

/** A few dozen words per language: enough for text that looks and tokenizes like the script. */
const words: Record<string, string[]> = {
  en: 'community volunteers library history music archive photograph city river school language translation workshop article editor free knowledge open museum village writer morning weekend festival project women science health map garden market people story together shared'.split(
    ' ',
  ),
  es: 'comunidad voluntarias biblioteca historia música archivo fotografía ciudad río escuela idioma traducción taller artículo editora libre conocimiento abierto museo pueblo escritora mañana fin semana festival proyecto mujeres ciencia salud mapa jardín mercado gente juntos'.split(
    ' ',
  ),
  sw: 'jumuiya wahariri maktaba historia muziki kumbukumbu picha jiji mto shule lugha tafsiri warsha makala huru maarifa wazi makumbusho kijiji mwandishi asubuhi wikendi tamasha mradi wanawake sayansi afya ramani bustani soko watu hadithi pamoja'.split(
    ' ',
  ),
  de: 'Gemeinschaft Freiwillige Bibliothek Geschichte Musik Archiv Fotografie Stadt Fluss Schule Sprache Übersetzung Werkstatt Artikel Redaktion freies Wissen offen Museum Dorf Autorin Morgen Wochenende Fest Projekt Frauen Wissenschaft Gesundheit Karte Garten Markt Menschen gemeinsam'.split(
    ' ',
  ),
  fr: 'communauté bénévoles bibliothèque histoire musique archives photographie ville fleuve école langue traduction atelier article rédaction libre savoir ouvert musée village autrice matin week-end festival projet femmes science santé carte jardin marché gens ensemble'.split(
    ' ',
  ),
  pt: 'comunidade voluntárias biblioteca história música arquivo fotografia cidade rio escola língua tradução oficina artigo editora livre conhecimento aberto museu aldeia escritora manhã semana festival projeto mulheres ciência saúde mapa jardim mercado pessoas juntos'.split(
    ' ',
  ),
  ar: 'مجتمع متطوعون مكتبة تاريخ موسيقى أرشيف صورة مدينة نهر مدرسة لغة ترجمة ورشة مقالة محرر حرة معرفة مفتوحة متحف قرية كاتبة صباح عطلة مهرجان مشروع نساء علوم صحة خريطة حديقة سوق ناس معا'.split(
    ' ',
  ),
  'sr-Cyrl':
    'заједница волонтери библиотека историја музика архив фотографија град река школа језик превод радионица чланак уредница слободно знање отворено музеј село списатељица јутро викенд фестивал пројекат жене наука здравље мапа башта пијаца људи заједно'.split(
      ' ',
    ),
  hi: 'समुदाय स्वयंसेवक पुस्तकालय इतिहास संगीत अभिलेख तस्वीर शहर नदी विद्यालय भाषा अनुवाद कार्यशाला लेख संपादक मुक्त ज्ञान खुला संग्रहालय गाँव लेखिका सुबह सप्ताहांत उत्सव परियोजना महिलाएँ विज्ञान स्वास्थ्य नक्शा बगीचा बाज़ार लोग साथ'.split(
    ' ',
  ),
  zh: '社区 志愿者 图书馆 历史 音乐 档案 照片 城市 河流 学校 语言 翻译 工作坊 文章 编辑 自由 知识 开放 博物馆 村庄 作家 早晨 周末 节日 项目 女性 科学 健康 地图 花园 市场 人们 一起'.split(
    ' ',
  ),
};

/** Han text is written without spaces and with its own punctuation. */
function join(language: string, list: string[]): string {
  return language === 'zh' ? list.join('') : list.join(' ');
}
function sentenceEnd(language: string): string {
  if (language === 'zh') return '。';
  if (language === 'hi') return '।';
  return '.';
}
function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

function phrase(language: string, count: number): string[] {
  const list = words[language] ?? words.en ?? [];
  return Array.from({ length: count }, () => pick(list));
}

function sentence(language: string): { text: string; words: number } {
  const count = int(6, 16);
  const parts = phrase(language, count);
  // Some bold.
  if (random() < 0.2) {
    const at = int(0, parts.length - 1);
    parts[at] = `**${parts[at]}**`;
  }
  return { text: capitalize(join(language, parts)) + sentenceEnd(language), words: count };
}

function paragraph(language: string, target: number): { text: string; words: number } {
  const sentences: string[] = [];
  let total = 0;
  while (total < target) {
    const s = sentence(language);
    sentences.push(s.text);
    total += s.words;
  }
  return { text: sentences.join(language === 'zh' ? '' : ' '), words: total };
}

/** 150–400 words: paragraphs, a heading, a list, a link and some bold. */
function body(language: string, index: number): string {
  const goal = int(150, 400);
  const blocks: string[] = [];
  let total = 0;
  const first = paragraph(language, int(40, 80));
  blocks.push(first.text);
  total += first.words;
  blocks.push(`## ${capitalize(join(language, phrase(language, int(2, 5))))}`);
  const items = int(3, 5);
  blocks.push(
    Array.from({ length: items }, () => `- ${join(language, phrase(language, int(2, 6)))}`).join(
      '\n',
    ),
  );
  total += items * 4;
  const linkText = join(language, phrase(language, 3));
  blocks.push(
    `${paragraph(language, 20).text} [${linkText}](https://example.org/${language}/notes/${index}) ` +
      paragraph(language, 15).text,
  );
  total += 38;
  while (total < goal) {
    const p = paragraph(language, Math.min(int(40, 90), goal - total + 5));
    blocks.push(p.text);
    total += p.words;
  }
  return blocks.join('\n\n') + '\n';
}

const organizationKinds: OrganizationKind[] = ['chapter', 'user_group', 'thematic', 'other'];
const categories = ['Community', 'Events', 'Tutorials', 'News', 'Interviews', 'Translation'];
const tagStems = [
  'history',
  'music',
  'photography',
  'science',
  'health',
  'maps',
  'libraries',
  'translation',
  'edit-a-thon',
  'women',
  'education',
  'archives',
];
const tagQualifiers = ['', 'local', 'open', 'community', 'digital'];

async function main(): Promise<void> {
  const [target, countArg] = process.argv.slice(2);
  const count = Number(countArg);
  if (!target || !Number.isInteger(count) || count < 1) {
    console.error('Usage: node --import tsx bench/lib/seed-many.ts <dbfile|postgres://…> <count>');
    process.exitCode = 2;
    return;
  }
  const onServer = /^postgres(ql)?:\/\//.test(target);
  if (!onServer && existsSync(target))
    throw new Error(`${target} already exists; seed-many wants a fresh database`);
  const started = performance.now();
  const handle = await openDatabase(onServer ? target : `sqlite:${target}`);
  try {
    await migrateToLatest(handle);
    const store = createStore(handle.db);
    const setupAt = new Date(LATEST - TWO_YEARS_MS - 30 * 24 * 3600 * 1000).toISOString();
    const roles: Role[] = ['reader', 'translator', 'author'];

    const userIds: string[] = [];
    const organizationIds: string[] = [];
    let terms: TermRecord[] = [];
    await store.transaction(async (tx) => {
      for (let i = 1; i <= USERS; i++) {
        const language = SEED_LANGUAGES[i % SEED_LANGUAGES.length] ?? 'en';
        const username = `writer${String(i).padStart(2, '0')}`;
        const id = randomUUID();
        await tx.users.create({
          id,
          username,
          usernameKey: usernameKey(username),
          displayName: capitalize(join(language, phrase(language, 2))),
          email: `${username}@bench.example.org`,
          passwordHash: null,
          timeZone: 'UTC',
          bio: join(language, phrase(language, 12)),
          roles,
          createdAt: setupAt,
        });
        userIds.push(id);
      }
      for (let i = 1; i <= ORGANIZATIONS; i++) {
        const language = SEED_LANGUAGES[i % SEED_LANGUAGES.length] ?? 'en';
        const org: OrganizationRecord = {
          id: randomUUID(),
          slug: `bench-organization-${i}`,
          name: `${capitalize(join(language, phrase(language, 2)))} ${i}`,
          kind: pick(organizationKinds),
          country: null,
          website: `https://org${i}.example.org`,
          description: join(language, phrase(language, 20)),
          createdAt: setupAt,
        };
        await tx.organizations.create(org);
        for (const member of pickSome(userIds, 5)) await tx.organizations.addMember(org.id, member);
        organizationIds.push(org.id);
      }
      const tagNames = tagStems
        .flatMap((stem) => tagQualifiers.map((q) => (q ? `${q} ${stem}` : stem)))
        .slice(0, TAGS);
      terms = await tx.posts.ensureTerms(
        [
          ...tagNames.map((name) => ({ kind: 'tag' as const, name, slug: slugify(name) })),
          ...categories.map((name) => ({ kind: 'category' as const, name, slug: slugify(name) })),
        ],
        randomUUID,
      );
    });
    const tags = terms.filter((t) => t.kind === 'tag');
    const categoryTerms = terms.filter((t) => t.kind === 'category');

    let parseMs = 0;
    for (let first = 0; first < count; first += BATCH) {
      const last = Math.min(count, first + BATCH);
      await handle.db.transaction().execute(async (trx) => {
        const tx = createStore(trx, true);
        for (let i = first; i < last; i++) {
          const language = SEED_LANGUAGES[i % SEED_LANGUAGES.length] ?? 'en';
          const title = capitalize(join(language, phrase(language, int(4, 9))));
          const excerpt = sentence(language).text.replaceAll('**', '');
          const markdown = body(language, i);
          const t0 = performance.now();
          const doc = await markdownFormat.parse(markdown);
          parseMs += performance.now() - t0;
          const publishedAt = new Date(LATEST - Math.floor(random() * TWO_YEARS_MS));
          const createdAt = new Date(publishedAt.getTime() - int(1, 14) * 24 * 3600 * 1000);
          const postTags = pickSome(tags, int(1, 4));
          const category = pick(categoryTerms);
          const metadata: RevisionMetadata = {
            authorIds: pickSome(userIds, int(1, 3)),
            organizationIds: pickSome(organizationIds, int(0, 2)),
            tags: postTags.map((t) => t.name),
            categories: [category.name],
            eventIds: [],
          };
          const post: PostRecord = {
            id: randomUUID(),
            sourceLanguage: language,
            // The index keeps slugs unique per language even when titles repeat.
            slug: `${slugify(title, 60)}-${i + 1}`,
            status: 'published',
            currentRevision: 1,
            publishedRevision: 1,
            publishedAt: publishedAt.toISOString(),
            scheduledAt: null,
            createdBy: metadata.authorIds[0] ?? null,
            createdAt: createdAt.toISOString(),
            updatedAt: publishedAt.toISOString(),
            sticky: false,
          };
          await tx.posts.insertPost(post);
          await tx.posts.insertRevision({
            postId: post.id,
            number: 1,
            title,
            excerpt,
            bodyMarkdown: markdown,
            bodyDoc: JSON.stringify(doc),
            featuredMediaId: null,
            featuredAlt: '',
            metadata,
            savedBy: post.createdBy,
            restoredFrom: null,
            createdAt: post.createdAt,
          });
          await tx.posts.setRelations(post.id, metadata, [
            ...postTags.map((t) => t.id),
            category.id,
          ]);
          // What indexPublishedPost would index (see the note at the top of this file).
          const searchTitle = title.normalize('NFC');
          const searchBody = [excerpt, documentText(doc)].join('\n').normalize('NFC');
          // index_version 0: the server's start (migrateToLatest) analyses the rows properly.
          if (onServer)
            await sql`INSERT INTO post_search (post_id, language, config, title, body, document)
              VALUES (${post.id}, ${language}, 'simple', ${searchTitle}, ${searchBody},
                to_tsvector('simple', ${searchTitle}))`.execute(trx);
          else
            await sql`INSERT INTO post_search (post_id, language, title, body)
              VALUES (${post.id}, ${language}, ${searchTitle}, ${searchBody})`.execute(trx);
        }
      });
    }
    // After a bulk load, as PostgreSQL's documentation advises: the statistics the planner has
    // are from migration 0035's ANALYZE of empty tables, and autovacuum would only catch up a
    // minute or so into the run. (SQLite sites are left as they are in use: never re-analysed.)
    if (onServer) await sql`ANALYZE`.execute(handle.db);
    const seconds = (performance.now() - started) / 1000;
    // The last line is read by bench/run.ts.
    console.log(
      JSON.stringify({
        posts: count,
        languages: SEED_LANGUAGES.length,
        users: USERS,
        organizations: ORGANIZATIONS,
        tags: tags.length,
        seconds: Math.round(seconds * 100) / 100,
        markdownParseSeconds: Math.round(parseMs / 10) / 100,
      }),
    );
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
