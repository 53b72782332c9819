/**
 * Acceptance (issue #3): search finds a post by a word from its body in each engine, and
 * ignores drafts. Per language, with highlighted snippets; unpublished posts leave the index;
 * whatever a reader types is a valid query. Issue #9: on every engine `bibliotecas` finds
 * `biblioteca`, `Playbooks` finds `playbook` and `maraton` finds `maratón` (stems per
 * language, accents folded), snippets show the text as written, and an index written before
 * migration 0014 is re-indexed when migrating.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/connection.js';
import { migrateToLatest, migrationProvider } from '../../src/db/migrate.js';
import * as m0034 from '../../src/db/migrations/0034_post_kind.js';
import { fts5Query, KyselySearchRepository } from '../../src/db/repositories/search.repository.js';
import { documentText } from '../../src/domain/document-text.js';
import { postPath } from '../../src/domain/post.js';
import { SEARCH_TEXT_VERSION } from '../../src/domain/search-text.js';
import type { Actor } from '../../src/domain/roles.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { createPost, savePost } from '../../src/services/posts/save-post.service.js';
import type { PostInput } from '../../src/services/posts/post-input.js';
import {
  publishDuePosts,
  publishPost,
  unpublishPost,
} from '../../src/services/posts/workflow.service.js';
import {
  MAX_QUERY_LENGTH,
  rebuildSearchIndex,
  searchPosts,
  splitSnippet,
} from '../../src/services/reader/search.service.js';
import type { SearchPage } from '../../src/services/reader/search.service.js';
import { markdownFormat } from '../../src/interchange/markdown/index.js';
import { buildUser, testDeps } from '../support/app.js';
import { engines } from '../support/databases.js';

const actorOf = (u: { id: string; roles: Actor['roles'] }): Actor => ({ id: u.id, roles: u.roles });

/** The marked words of every result's snippet. */
const markedWords = (found: SearchPage) =>
  found.results.flatMap((r) => r.snippet.filter((p) => p.marked).map((p) => p.text));

describe.each(engines())('search on $name', (engine) => {
  let handle: DatabaseHandle;
  let mediaDir: string;
  let deps: ServiceDeps;
  let author: Actor;
  let editor: Actor;
  let englishId: string;
  let spanishId: string;
  let draftId: string;

  const search = (language: string, text: string, page = 1) =>
    searchPosts(deps, { language, text, page });

  async function write(input: Partial<PostInput> & { title: string }): Promise<string> {
    const post = await createPost(deps, author, { language: 'en', ...input });
    return post.id;
  }

  beforeAll(async () => {
    handle = await engine.open();
    mediaDir = mkdtempSync(join(tmpdir(), 'polyphony-search-'));
    deps = testDeps(handle.db, mediaDir);
    author = actorOf(await buildUser(deps, ['author']));
    editor = actorOf(await buildUser(deps, ['editor']));

    englishId = await write({
      title: 'Community radio in Nairobi',
      excerpt: 'How a chapter found its voice.',
      body: 'The **volunteers** recorded a podcast about watershed restoration.\n\n- one\n- two',
    });
    spanishId = await write({
      language: 'es',
      title: 'Un proyecto comunitario',
      body: 'La investigación sobre el agua del río empezó en Córdoba.',
    });
    draftId = await write({ title: 'Secret plans', body: 'The quokkaphant is not announced yet.' });
    await publishPost(deps, editor, englishId);
    await publishPost(deps, editor, spanishId);
  });
  afterAll(async () => {
    await handle.close();
    rmSync(mediaDir, { recursive: true, force: true });
  });

  it('finds a published post by a word of its body, with the word marked in the snippet', async () => {
    const found = await search('en', 'watershed');
    expect(found.total).toBe(1);
    expect(found.results).toHaveLength(1);
    const [hit] = found.results;
    const post = await deps.store.posts.findById(englishId);
    expect(hit).toMatchObject({
      postId: englishId,
      language: 'en',
      title: 'Community radio in Nairobi',
      path: postPath({ language: 'en', slug: post!.slug, publishedAt: post!.publishedAt }),
      publishedAt: post!.publishedAt,
    });
    expect(markedWords(found)).toEqual(['watershed']);
    expect(hit!.snippet.map((p) => p.text).join('')).toContain('podcast about watershed');
    // Inline markup is gone from the indexed text; the excerpt is searchable too.
    expect((await search('en', 'volunteers')).total).toBe(1);
    expect((await search('en', 'voice')).total).toBe(1);
    // Title words are found as well.
    expect((await search('en', 'Nairobi')).total).toBe(1);
  });

  it('finds accented words with or without their accents, on every engine', async () => {
    const exact = await search('es', 'investigación');
    expect(exact.results.map((r) => r.postId)).toEqual([spanishId]);
    expect(exact.results[0]!.language).toBe('es');
    expect(markedWords(exact)).toEqual(['investigación']);

    // Accents are folded by the application in the index and in the query (issue 9; before,
    // PostgreSQL found nothing here), and the snippet still shows the word as written.
    const unaccented = await search('es', 'investigacion');
    expect(unaccented.results.map((r) => r.postId)).toEqual([spanishId]);
    expect(markedWords(unaccented)).toEqual(['investigación']);
    // A stemmed form with the accent dropped by the plural still meets the singular.
    expect((await search('es', 'investigaciones')).total).toBe(1);
    // Case never matters.
    expect((await search('es', 'CÓRDOBA')).total).toBe(1);
    expect((await search('es', 'cordoba')).total).toBe(1);
  });

  it('matches other forms of a word and words typed without accents (issue 9)', async () => {
    const library = await write({
      language: 'es',
      title: 'La biblioteca del barrio',
      body: 'Abrimos una biblioteca comunitaria con libros donados.',
    });
    const playbook = await write({
      title: 'Our organizing playbook',
      body: 'The playbook explains how a new chapter starts.',
    });
    const marathon = await write({
      language: 'es',
      title: 'Crónica de una carrera',
      body: 'Corrimos el maratón de Buenos Aires en abril.',
    });
    for (const id of [library, playbook, marathon]) await publishPost(deps, editor, id);

    const bibliotecas = await search('es', 'bibliotecas');
    expect(bibliotecas.results.map((r) => r.postId)).toEqual([library]);
    expect(markedWords(bibliotecas)).toEqual(['biblioteca']);

    const playbooks = await search('en', 'Playbooks');
    expect(playbooks.results.map((r) => r.postId)).toEqual([playbook]);
    expect(markedWords(playbooks)).toEqual(['playbook']);

    const maraton = await search('es', 'maraton');
    expect(maraton.results.map((r) => r.postId)).toEqual([marathon]);
    // The snippet is the text as written, accent included, with the folded match marked.
    expect(markedWords(maraton)).toEqual(['maratón']);
    const text = maraton.results[0]!.snippet.map((p) => p.text).join('');
    expect(text).toBe('Corrimos el maratón de Buenos Aires en abril.');
    expect(maraton.results[0]!.title).toBe('Crónica de una carrera');
    // Both ways round, and every word of the query must match.
    expect((await search('es', 'MARATONES')).total).toBe(1);
    expect((await search('es', 'maratón abril')).total).toBe(1);
    expect((await search('es', 'maraton octubre')).total).toBe(0);
    // Under /en/ the Spanish original (listed there, not translated into English) is found
    // too, its text matched by Spanish stems.
    const underEnglish = await search('en', 'bibliotecas');
    expect(underEnglish.results.map((r) => [r.postId, r.language])).toEqual([[library, 'es']]);
    expect(markedWords(underEnglish)).toEqual(['biblioteca']);
  });

  it('keeps the vowel signs of Arabic words: words stay whole and searchable', async () => {
    const id = await write({
      language: 'ar',
      title: 'زيارة',
      body: 'زرنا الْمَكْتَبَةَ العامة وقرأنا كتاباً عن النهر.',
    });
    await publishPost(deps, editor, id);
    for (const q of ['المكتبة', 'الْمَكْتَبَةَ', 'كتاباً', 'النهر'])
      expect(
        (await search('ar', q)).results.map((r) => r.postId),
        q,
      ).toEqual([id]);
    const found = await search('ar', 'المكتبة');
    expect(markedWords(found)).toEqual(['الْمَكْتَبَةَ']);
    expect(found.results[0]!.snippet.map((p) => p.text).join('')).toBe(
      'زرنا الْمَكْتَبَةَ العامة وقرأنا كتاباً عن النهر.',
    );
    // A letter of a vocalized word is not a word of its own (before migration 0014 FTS5 split
    // words at their vowel signs, so this found the post).
    expect((await search('ar', 'ب النهر')).total).toBe(0);
  });

  it('searches the reader’s language and the originals its listings show (issue 9)', async () => {
    // The Spanish original under /en/, the English one under /es/ and /de/: no translation.
    const english = await search('en', 'investigación');
    expect(english.results.map((r) => [r.postId, r.language])).toEqual([[spanishId, 'es']]);
    expect(english.results[0]?.path).toMatch(/^\/es\//);
    for (const language of ['es', 'de']) {
      const found = await search(language, 'watershed');
      expect(
        found.results.map((r) => [r.postId, r.language]),
        language,
      ).toEqual([[englishId, 'en']]);
    }
  });

  it('ignores drafts, finds a post once published and forgets it once unpublished', async () => {
    expect((await search('en', 'quokkaphant')).total).toBe(0);
    await publishPost(deps, editor, draftId);
    const found = await search('en', 'quokkaphant');
    expect(found.results.map((r) => r.postId)).toEqual([draftId]);
    await unpublishPost(deps, editor, draftId);
    expect((await search('en', 'quokkaphant')).total).toBe(0);
  });

  it('indexes the published revision only: later saves are found once published', async () => {
    const id = await write({
      title: 'Editing in public',
      body: 'First wording mentions aardvarks.',
    });
    await publishPost(deps, editor, id);
    await savePost(deps, author, id, 1, {
      language: 'en',
      title: 'Editing in public',
      body: 'Second wording mentions pangolins.',
    });
    expect((await search('en', 'aardvarks')).total).toBe(1);
    expect((await search('en', 'pangolins')).total).toBe(0);
    await publishPost(deps, editor, id);
    expect((await search('en', 'aardvarks')).total).toBe(0);
    expect((await search('en', 'pangolins')).total).toBe(1);
    await unpublishPost(deps, editor, id);
  });

  it('indexes scheduled posts when publishDuePosts publishes them', async () => {
    const id = await write({ title: 'Scheduled', body: 'Announcing the okapithon.' });
    const soon = new Date(Date.now() + 60_000);
    await publishPost(deps, editor, id, soon);
    expect((await search('en', 'okapithon')).total).toBe(0);
    const later = { ...deps, clock: { now: () => new Date(soon.getTime() + 1000) } };
    expect(await publishDuePosts(later)).toBe(1);
    expect((await search('en', 'okapithon')).results.map((r) => r.postId)).toEqual([id]);
    await unpublishPost(deps, editor, id);
  });

  it('puts a post back in the index when it is published again', async () => {
    await unpublishPost(deps, editor, englishId);
    expect((await search('en', 'watershed')).total).toBe(0);
    // An invalid transition (unpublishing twice) fails and changes nothing.
    await expect(unpublishPost(deps, editor, englishId)).rejects.toThrow();
    await publishPost(deps, editor, englishId);
    expect((await search('en', 'watershed')).total).toBe(1);
  });

  it('treats hostile and odd queries as plain words and never throws', async () => {
    const queries = [
      '"',
      '""',
      'AND (',
      'OR',
      'NOT',
      'NEAR(',
      '*',
      '-',
      "'",
      '\\',
      ':',
      'title:watershed',
      '^watershed',
      '") OR ("',
      'watershed AND',
      '(watershed',
      '!@#$%^&*()_+{}|:<>?',
      '<script>alert(1)</script>',
      '\u0002watershed\u0003',
      '\u0000',
      'a'.repeat(5000),
      '{title_terms body_terms} : watershed',
      'title_terms:watershed',
      '"watershed" OR "x"*',
      'NEAR("a" "b", 2)',
      '- or -',
      '—…«»¿?؟',
      '🙂 🦔',
      'watershed -',
      'wat*',
    ];
    for (const q of queries) {
      const found = await search('en', q);
      expect(found.total, q).toBeGreaterThanOrEqual(0);
      expect(found.results.length, q).toBeLessThanOrEqual(found.total);
    }
    // Punctuation around a word does not stop it from matching.
    for (const q of ['"watershed', '(watershed', 'watershed)', 'watershed*', '¿watershed?'])
      expect((await search('en', q)).total, q).toBe(1);
    // Column names and operators are words like any other, never syntax.
    expect((await search('en', 'title_terms:watershed')).total).toBe(0);
    expect((await search('en', '{title_terms body_terms} : watershed')).total).toBe(0);
  });

  it('cuts long queries instead of refusing them', async () => {
    const found = await search('en', `watershed ${'x'.repeat(400)}`);
    expect(found.shortened).toBe(true);
    expect(Array.from(found.query)).toHaveLength(MAX_QUERY_LENGTH);
    const short = await search('en', 'watershed');
    expect(short.shortened).toBe(false);
  });

  it('shows nothing for an empty query', async () => {
    const found = await search('en', '   ');
    expect(found).toMatchObject({ query: '', total: 0, results: [], pages: 1 });
  });

  it('paginates ten results per page, ranking title matches first', async () => {
    const ids: string[] = [];
    for (let n = 1; n <= 11; n += 1)
      ids.push(
        await write({ title: `Notes ${n}`, body: `Meeting ${n} about the hedgehog census.` }),
      );
    const titled = await write({ title: 'Hedgehog census results', body: 'All the numbers.' });
    for (const id of [...ids, titled]) await publishPost(deps, editor, id);

    const first = await search('en', 'hedgehog');
    expect(first.total).toBe(12);
    expect(first.pages).toBe(2);
    expect(first.results).toHaveLength(10);
    expect(first.results[0]!.postId).toBe(titled);
    const second = await search('en', 'hedgehog', 2);
    expect(second.results).toHaveLength(2);
    const all = [...first.results, ...second.results].map((r) => r.postId);
    expect(new Set(all).size).toBe(12);
    expect((await search('en', 'hedgehog', 3)).results).toHaveLength(0);
  });

  it('keeps control characters of a body out of the snippet marks', async () => {
    const id = await write({ title: 'Odd bytes', body: 'Before \u0002zebu\u0003 after.' });
    await publishPost(deps, editor, id);
    const found = await search('en', 'zebu');
    expect(found.total).toBe(1);
    expect(markedWords(found)).toEqual(['zebu']);
    await unpublishPost(deps, editor, id);
  });

  it('rebuilds the index from the published posts', async () => {
    const before = await search('en', 'hedgehog');
    await deps.store.search.clear();
    expect((await search('en', 'hedgehog')).total).toBe(0);
    await rebuildSearchIndex(deps);
    expect((await search('en', 'hedgehog')).total).toBe(before.total);
    expect((await search('en', 'quokkaphant')).total).toBe(0);
    expect((await search('es', 'investigación')).total).toBe(1);
  });
});

describe.each(engines())('search index upgrade (migration 0014) on $name', (engine) => {
  let handle: DatabaseHandle;
  let mediaDir: string;
  let deps: ServiceDeps;

  beforeAll(async () => {
    handle = await engine.open();
    mediaDir = mkdtempSync(join(tmpdir(), 'polyphony-search-upgrade-'));
    deps = testDeps(handle.db, mediaDir);
  });
  afterAll(async () => {
    await handle.close();
    rmSync(mediaDir, { recursive: true, force: true });
  });

  const search = (language: string, text: string) => searchPosts(deps, { language, text, page: 1 });
  const versions = async () => {
    const { rows } = await sql<{ v: number | string | null }>`
      SELECT index_version AS v FROM post_search`.execute(handle.db);
    return rows.map((r) => (r.v === null ? null : Number(r.v)));
  };

  it('re-indexes the rows written before it from their own text when migrating', async () => {
    const author = actorOf(await buildUser(deps, ['author']));
    const editor = actorOf(await buildUser(deps, ['editor']));
    const post = await createPost(deps, author, {
      language: 'es',
      title: 'La biblioteca',
      body: 'Corrimos el maratón hasta la biblioteca.',
    });
    await publishPost(deps, editor, post.id);
    // A translation's row (rebuildSearchIndex would not bring it back: it must survive).
    const frenchText = {
      postId: post.id,
      language: 'fr',
      title: 'La bibliothèque',
      body: 'Nous avons couru le marathon jusqu’aux bibliothèques.',
    };
    const analysis = await deps.content.analyzeForSearch({
      kind: deps.store.search.analysisKind,
      ...frenchText,
    });
    await deps.store.search.index({ ...frenchText, analysis });

    // Back to the index as migration 0002 left it (PostgreSQL: the tsvector of the text only).
    const migrator = new Migrator({ db: handle.db, provider: migrationProvider });
    const down = await migrator.migrateTo('0013_translation_memory');
    expect(down.error).toBeUndefined();
    if (handle.engine === 'postgres')
      await sql`UPDATE post_search SET document =
        setweight(to_tsvector(config::regconfig, title), 'A') ||
        setweight(to_tsvector(config::regconfig, body), 'B')`.execute(handle.db);

    // The schema alone: rows are stale and match as before (the exact word, accents typed).
    const up = await migrator.migrateTo('0014_search_stems');
    expect(up.error).toBeUndefined();
    expect(up.results?.map((r) => r.migrationName)).toEqual(['0014_search_stems']);
    expect(await versions()).toEqual([0, 0]);
    // Today's search reads posts.kind (0034): lend it the column while it searches this schema.
    await m0034.up(handle.db);
    expect((await search('es', 'maratón')).total).toBe(1);
    expect((await search('fr', 'bibliothèques')).total).toBe(1);
    if (handle.engine === 'sqlite') expect((await search('es', 'bibliotecas')).total).toBe(0);
    await m0034.down(handle.db);

    // What a start-up runs: the later migrations (if any), then the stale rows re-indexed.
    expect(await migrateToLatest(handle)).not.toContain('0014_search_stems');
    expect(await versions()).toEqual([SEARCH_TEXT_VERSION, SEARCH_TEXT_VERSION]);
    const found = await search('es', 'bibliotecas');
    expect(found.results.map((r) => r.postId)).toEqual([post.id]);
    expect(found.results[0]!.title).toBe('La biblioteca');
    expect(markedWords(found)).toEqual(['biblioteca']);
    expect(markedWords(await search('es', 'maraton'))).toEqual(['maratón']);
    const french = await search('fr', 'bibliotheque');
    expect(french.results.map((r) => r.language)).toEqual(['fr']);
    expect(markedWords(french)).toEqual(['bibliothèques']);
    expect(french.results[0]!.title).toBe('La bibliothèque');

    // Nothing stale on the next start.
    expect(await new KyselySearchRepository(handle.db).refreshStale()).toBe(0);
  });
});

describe('search helpers', () => {
  it('documentText keeps the words of every block and drops markup', async () => {
    const doc = await markdownFormat.parse(
      '# Title here\n\nA *b* `c` [d](https://x.example)\n\n```js\nlet e = 1;\n```\n\n> quote\n\n| h1 | h2 |\n| -- | -- |\n| t1 | t2 |\n\n<div>raw</div>\n',
    );
    const text = documentText(doc);
    expect(text.split('\n')).toEqual(
      expect.arrayContaining(['Title here', 'A b c d', 'let e = 1;', 'quote']),
    );
    expect(text).toContain('t2');
    expect(text).not.toContain('https://x.example');
    expect(text).not.toContain('<div>');
  });

  it('fts5Query quotes every word, adds its stems and ignores words without letters or digits', () => {
    const all = '{title_terms body_terms} : ';
    expect(fts5Query('water shed', 'en')).toBe(`${all}("water") AND ${all}("shed"*)`);
    expect(fts5Query('ask "hi"', 'en')).toBe(`${all}("ask") AND ${all}("hi"*)`);
    expect(fts5Query('says', 'en')).toBe(`${all}("sai" OR "says"*)`);
    expect(fts5Query('AND ( " *', 'en')).toBe(`${all}("and"*)`);
    expect(fts5Query('Bibliotecas maratón', 'es')).toBe(
      `${all}("bibliotec" OR "bibliotecas") AND ${all}("maraton"*)`,
    );
    expect(fts5Query(' " ( ', 'en')).toBeNull();
    expect(fts5Query('- — * _', 'en')).toBeNull();
  });

  it('splitSnippet turns marks into parts', () => {
    expect(splitSnippet('a \u0002b\u0003 c\u0002d\u0003')).toEqual([
      { text: 'a ', marked: false },
      { text: 'b', marked: true },
      { text: ' c', marked: false },
      { text: 'd', marked: true },
    ]);
  });
});
