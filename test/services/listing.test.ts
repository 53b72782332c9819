/**
 * Issue acceptance 4: "Listings never show a post twice in any language". A property test
 * writes random sets of posts (random source language, tags, authors, publication instant and
 * fate: draft, published, unpublished, edited after publication, republished) through the
 * services, then pages through every listing (home, each tag, each author, each month) in
 * every site language and checks each matching published post appears exactly once, in the
 * version chooseVersion picks, and nothing else does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../src/domain/errors.js';
import { chooseVersion } from '../../src/domain/post.js';
import type { Actor } from '../../src/domain/roles.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { createPost, savePost } from '../../src/services/posts/save-post.service.js';
import { publishPost, unpublishPost } from '../../src/services/posts/workflow.service.js';
import { listPosts } from '../../src/services/reader/listing.service.js';
import type { ListingEntry, ListingFilter } from '../../src/services/reader/listing.service.js';
import { buildUser, testDeps } from '../support/app.js';
import { engines } from '../support/databases.js';
import type { EngineCase } from '../support/databases.js';
import type { DatabaseHandle } from '../../src/db/connection.js';

describe('chooseVersion', () => {
  it('picks the version in the page’s language when there is one', () => {
    expect(chooseVersion(['en', 'es', 'ar'], 'en', 'es')).toBe('es');
    expect(chooseVersion(['es', 'sr-Cyrl'], 'es', 'sr-Cyrl')).toBe('sr-Cyrl');
    expect(chooseVersion(['en'], 'en', 'en')).toBe('en');
  });

  it('falls back to the original when the language is missing', () => {
    expect(chooseVersion(['en', 'es'], 'en', 'de')).toBe('en');
    expect(chooseVersion(['ar'], 'ar', 'sw')).toBe('ar');
    // Only exact tags count: a Serbian Latin page does not get the Cyrillic version.
    expect(chooseVersion(['en', 'sr-Cyrl'], 'en', 'sr-Latn')).toBe('en');
    expect(chooseVersion([], 'es', 'en')).toBe('es');
  });

  it('always answers one of the versions (or the source)', () => {
    const tag = fc.constantFrom<string>('en', 'es', 'ar', 'sw', 'de', 'sr-Cyrl');
    fc.assert(
      fc.property(fc.uniqueArray(tag), tag, tag, (versions, source, language) => {
        const chosen = chooseVersion(versions, source, language);
        expect(chosen === source || versions.includes(chosen)).toBe(true);
        expect(chosen === language).toBe(versions.includes(language) || source === language);
      }),
    );
  });
});

const TAGS = ['alpha', 'beta', 'gamma', 'delta'] as const;
const AUTHORS = 3;
const PER_PAGE = 3;
/** Publication instants: several per month, at month edges, and repeated, so ties happen. */
const INSTANTS = [
  '2026-01-01T00:00:00.000Z',
  '2026-01-31T23:59:59.999Z',
  '2026-02-01T00:00:00.000Z',
  '2026-02-14T12:00:00.000Z',
  '2026-03-10T08:00:00.000Z',
] as const;
const MONTHS = [
  { year: 2026, month: 1 },
  { year: 2026, month: 2 },
  { year: 2026, month: 3 },
  { year: 2026, month: 4 }, // never has posts
];
const LATER = '2026-05-01T00:00:00.000Z';

type Fate = 'draft' | 'published' | 'unpublished' | 'edited' | 'republished';

interface PlannedPost {
  language: string;
  tags: string[];
  authors: number[];
  when: string;
  fate: Fate;
  /** Tags and authors of the revision saved after publication (edited / republished). */
  newTags: string[];
  newAuthors: number[];
}

const at = (deps: ServiceDeps, iso: string): ServiceDeps => ({
  ...deps,
  clock: { now: () => new Date(iso) },
});

/** Passwords are not what this test is about: skip argon2 for speed. */
const fastHasher = {
  hash: (password: string) => Promise.resolve(`plain:${password}`),
  verify: (hash: string, password: string) => Promise.resolve(hash === `plain:${password}`),
};

function plannedPosts(languages: readonly string[]): fc.Arbitrary<PlannedPost[]> {
  const authorIndex = fc.integer({ min: 0, max: AUTHORS - 1 });
  const post = fc.record({
    language: fc.constantFrom(...languages),
    tags: fc.subarray([...TAGS]),
    authors: fc.uniqueArray(authorIndex, { minLength: 1, maxLength: AUTHORS }),
    when: fc.constantFrom(...INSTANTS),
    fate: fc.constantFrom<Fate>('draft', 'published', 'unpublished', 'edited', 'republished'),
    newTags: fc.subarray([...TAGS]),
    newAuthors: fc.uniqueArray(authorIndex, { minLength: 1, maxLength: AUTHORS }),
  });
  return fc.array(post, { maxLength: 12 });
}

interface Expected {
  id: string;
  sourceLanguage: string;
  publishedAt: string;
  tags: string[];
  authorIds: string[];
}

/** Writes the planned posts through the services; returns what readers should see. */
async function writeAll(
  deps: ServiceDeps,
  editor: Actor,
  authorIds: string[],
  plan: PlannedPost[],
  firstSlug = 0,
): Promise<Expected[]> {
  const visible: Expected[] = [];
  for (const [i, p] of plan.entries()) {
    const input = {
      language: p.language,
      title: `Post ${i}`,
      slug: `post-${firstSlug + i}`,
      body: `Body ${i}.`,
      tags: p.tags,
      authorIds: p.authors.map((a) => authorIds[a] ?? ''),
    };
    const draft = await createPost(deps, editor, input);
    if (p.fate === 'draft') continue;
    await publishPost(at(deps, p.when), editor, draft.id);
    if (p.fate === 'unpublished') {
      await unpublishPost(at(deps, LATER), editor, draft.id);
      continue;
    }
    let shown = { tags: p.tags, authors: p.authors };
    if (p.fate === 'edited' || p.fate === 'republished') {
      await savePost(deps, editor, draft.id, 1, {
        ...input,
        title: `Post ${i} edited`,
        tags: p.newTags,
        authorIds: p.newAuthors.map((a) => authorIds[a] ?? ''),
      });
      // Readers keep seeing the published revision until the edit is published.
      if (p.fate === 'republished') {
        await publishPost(at(deps, LATER), editor, draft.id);
        shown = { tags: p.newTags, authors: p.newAuthors };
      }
    }
    visible.push({
      id: draft.id,
      sourceLanguage: p.language,
      // The first publication date stays, whatever the later publications.
      publishedAt: p.when,
      tags: shown.tags,
      authorIds: shown.authors.map((a) => authorIds[a] ?? ''),
    });
  }
  return visible;
}

/** Every entry of a listing, page by page, checking the paging itself on the way. */
async function allPages(
  deps: ServiceDeps,
  language: string,
  filter: ListingFilter,
): Promise<{ entries: ListingEntry[]; total: number }> {
  const first = await listPosts(deps, language, filter, 1, PER_PAGE);
  expect(first.pages).toBe(Math.max(1, Math.ceil(first.total / PER_PAGE)));
  const entries = [...first.entries];
  for (let page = 2; page <= first.pages; page++) {
    const next = await listPosts(deps, language, filter, page, PER_PAGE);
    expect(next.total).toBe(first.total);
    expect(next.page).toBe(page);
    entries.push(...next.entries);
  }
  // Full pages until the last one.
  expect(entries.length).toBe(first.total);
  const beyond = await listPosts(deps, language, filter, first.pages + 1, PER_PAGE);
  expect(beyond.entries).toEqual([]);
  return { entries, total: first.total };
}

async function checkListings(
  deps: ServiceDeps,
  usernames: string[],
  authorIds: string[],
  visible: Expected[],
): Promise<void> {
  const filters: { filter: ListingFilter; matches: (e: Expected) => boolean }[] = [
    { filter: { kind: 'all' }, matches: () => true },
    ...TAGS.map((tag) => ({
      filter: { kind: 'tag', slug: tag } as const,
      matches: (e: Expected) => e.tags.includes(tag),
    })),
    ...usernames.map((username, i) => ({
      filter: { kind: 'author', username } as const,
      matches: (e: Expected) => e.authorIds.includes(authorIds[i] ?? ''),
    })),
    ...MONTHS.map(({ year, month }) => ({
      filter: { kind: 'month', year, month } as const,
      matches: (e: Expected) =>
        e.publishedAt.startsWith(`${year}-${String(month).padStart(2, '0')}-`),
    })),
  ];
  const byId = new Map(visible.map((e) => [e.id, e]));
  for (const language of deps.settings.languages) {
    for (const { filter, matches } of filters) {
      const expected = visible.filter(matches);
      let listed: { entries: ListingEntry[]; total: number };
      try {
        listed = await allPages(deps, language, filter);
      } catch (error) {
        // A tag or author no published post carries has no archive; then nothing matches it.
        if (
          !(error instanceof NotFoundError) ||
          (filter.kind !== 'tag' && filter.kind !== 'author')
        )
          throw error;
        expect(expected).toEqual([]);
        continue;
      }
      const ids = listed.entries.map((e) => e.postId);
      const label = `${language} ${JSON.stringify(filter)}`;
      expect(new Set(ids).size, `${label}: a post listed twice`).toBe(ids.length);
      expect([...ids].sort(), label).toEqual(expected.map((e) => e.id).sort());
      expect(listed.total, label).toBe(expected.length);
      for (const entry of listed.entries) {
        const post = byId.get(entry.postId);
        if (!post) throw new Error(`${label}: listed a post readers must not see`);
        const version = chooseVersion([post.sourceLanguage], post.sourceLanguage, language);
        expect(entry.sourceLanguage).toBe(post.sourceLanguage);
        expect(entry.language).toBe(version);
        expect(entry.isOriginal).toBe(version === post.sourceLanguage);
        expect(entry.publishedAt).toBe(post.publishedAt);
      }
      // Newest first, across page boundaries.
      const dates = listed.entries.map((e) => e.publishedAt);
      expect(dates, label).toEqual([...dates].sort().reverse());
    }
  }
}

/**
 * Generated cases per engine. SQLite opens a fresh in-memory database for every case; the
 * PostgreSQL engines (slow to create and migrate) keep one database per engine and check each
 * case against everything written so far (earlier cases' posts stay, so they must still be
 * listed exactly once too).
 */
const runsOn: Record<EngineCase['name'], number> = { sqlite: 25, pglite: 3, postgres: 4 };

describe.each(engines())('listings never show a post twice, on $name', (engine) => {
  const fresh = engine.name === 'sqlite';
  const languages = ['en', 'es', 'ar', 'sw', 'de', 'sr-Cyrl'];
  let mediaDir: string;
  let shared: DatabaseHandle | null = null;
  let slugCounter = 0;

  beforeAll(async () => {
    mediaDir = mkdtempSync(join(tmpdir(), 'polyphony-listing-'));
    if (!fresh) shared = await engine.open();
  });
  afterAll(async () => {
    await shared?.close();
    rmSync(mediaDir, { recursive: true, force: true });
  });

  it('lists every matching published post exactly once, in every language and on every page', async () => {
    /** What readers should see in the shared database (PostgreSQL engines). */
    const sharedVisible: Expected[] = [];
    const sharedAuthors: { id: string; username: string }[] = [];
    await fc.assert(
      fc.asyncProperty(plannedPosts(languages), async (plan) => {
        const handle = shared ?? (await engine.open());
        try {
          const deps: ServiceDeps = { ...testDeps(handle.db, mediaDir), hasher: fastHasher };
          expect(deps.settings.languages).toEqual(languages);
          const editor = await buildUser(deps, ['editor']);
          const authors = [];
          for (let i = 0; i < AUTHORS; i++) authors.push(await buildUser(deps, ['author']));
          const authorIds = authors.map((a) => a.id);
          const written = await writeAll(deps, editor, authorIds, plan, slugCounter);
          slugCounter += plan.length;
          if (fresh) {
            await checkListings(
              deps,
              authors.map((a) => a.username),
              authorIds,
              written,
            );
          } else {
            sharedVisible.push(...written);
            sharedAuthors.push(...authors);
            await checkListings(
              deps,
              sharedAuthors.map((a) => a.username),
              sharedAuthors.map((a) => a.id),
              sharedVisible,
            );
          }
        } finally {
          if (fresh) await handle.close();
        }
      }),
      // Shrinking replays cases; on a shared database earlier attempts' posts would remain.
      { numRuns: runsOn[engine.name], endOnFailure: !fresh },
    );
  }, 180_000);
});
