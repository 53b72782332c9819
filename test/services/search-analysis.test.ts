/**
 * Search analysis runs in the content format's worker threads, not on the event loop: the
 * worker's answer is exactly what the in-process functions compute, and publishing a post
 * with a 200,000-character body never calls them on the main thread (only `refreshStale`,
 * at start-up, does).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DatabaseHandle } from '../../src/db/connection.js';
import { KyselySearchRepository } from '../../src/db/repositories/search.repository.js';
import { analyzeSearchText, foldAccents, indexedWords } from '../../src/domain/search-text.js';
import type * as SearchTextModule from '../../src/domain/search-text.js';
import type { Actor } from '../../src/domain/roles.js';
import { markdownFormat } from '../../src/interchange/markdown/index.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { createPost } from '../../src/services/posts/save-post.service.js';
import { publishPost } from '../../src/services/posts/workflow.service.js';
import { searchPosts } from '../../src/services/reader/search.service.js';
import { buildUser, testDeps } from '../support/app.js';
import { engines } from '../support/databases.js';

// The main thread's copies, watched (the worker bundles its own, which no mock reaches).
vi.mock('../../src/domain/search-text.js', async (importOriginal) => {
  const original = await importOriginal<typeof SearchTextModule>();
  return {
    ...original,
    indexedWords: vi.fn(original.indexedWords),
    foldAccents: vi.fn(original.foldAccents),
    analyzeSearchText: vi.fn(original.analyzeSearchText),
  };
});

const actorOf = (u: { id: string; roles: Actor['roles'] }): Actor => ({ id: u.id, roles: u.roles });

/** Calls of a watched function with a text longer than a search query can be. */
const longCalls = (fn: (text: string, language: string) => string) =>
  vi.mocked(fn).mock.calls.filter(([text]) => text.length > 1_000);
/** Analyses of a body longer than a search query can be (the repository's entry point). */
const longAnalyses = () =>
  vi.mocked(analyzeSearchText).mock.calls.filter(([, , , body]) => body.length > 1_000);

const paragraph =
  'Los voluntarios de la biblioteca comunitaria corrieron el maratón por el río; ' +
  'Ελληνικά ἀρχή, ёлка и йод, investigación sobre el agua en Córdoba. ';
/** About 200,000 characters of Markdown (the content format's limit), ending with `needle`. */
const longBody = (needle: string) =>
  `${paragraph.repeat(Math.floor(199_000 / (paragraph.length + 2))).replaceAll('. ', '.\n\n')}${needle}`;

describe('search analysis in the worker', () => {
  it('answers exactly what the in-process functions compute, for both kinds', async () => {
    const title = 'La Biblioteca del Maratón — Ἀθῆναι, Ёлка';
    const body = longBody('Investigaciones finales.');
    for (const language of ['es', 'ru', 'not a tag']) {
      expect(
        await markdownFormat.analyzeForSearch({ kind: 'words', language, title, body }),
      ).toEqual({
        kind: 'words',
        titleWords: indexedWords(title, language),
        bodyWords: indexedWords(body, language),
      });
      expect(
        await markdownFormat.analyzeForSearch({ kind: 'folded', language, title, body }),
      ).toEqual({ kind: 'folded', title: foldAccents(title), body: foldAccents(body) });
    }
  });
});

describe.each(engines())('publishing a long post on $name', (engine) => {
  let handle: DatabaseHandle;
  let mediaDir: string;
  let deps: ServiceDeps;

  beforeAll(async () => {
    handle = await engine.open();
    mediaDir = mkdtempSync(join(tmpdir(), 'polyphony-search-analysis-'));
    deps = testDeps(handle.db, mediaDir);
  });
  afterAll(async () => {
    await handle.close();
    rmSync(mediaDir, { recursive: true, force: true });
  });
  beforeEach(() => {
    vi.mocked(indexedWords).mockClear();
    vi.mocked(foldAccents).mockClear();
    vi.mocked(analyzeSearchText).mockClear();
  });

  it('analyses the body off the main thread, and refreshStale on it', async () => {
    const author = actorOf(await buildUser(deps, ['author']));
    const editor = actorOf(await buildUser(deps, ['editor']));
    const body = longBody('Al final, el quokkafante bibliotecario.');
    expect(body.length).toBeGreaterThan(190_000);
    const post = await createPost(deps, author, { language: 'es', title: 'Un maratón', body });
    vi.mocked(indexedWords).mockClear();
    vi.mocked(foldAccents).mockClear();
    vi.mocked(analyzeSearchText).mockClear();

    await publishPost(deps, editor, post.id);
    const found = await searchPosts(deps, { language: 'es', text: 'quokkafante', page: 1 });
    expect(found.results.map((r) => r.postId)).toEqual([post.id]);
    // Matched by stem and without accents, so the stored analysis is the real one.
    expect((await searchPosts(deps, { language: 'es', text: 'maraton', page: 1 })).total).toBe(1);
    expect(vi.mocked(indexedWords)).not.toHaveBeenCalled();
    expect(longCalls(foldAccents)).toEqual([]);
    expect(longAnalyses()).toEqual([]);

    // The start-up re-index computes here: the watch would have seen a publish doing so.
    await sql`UPDATE post_search SET index_version = 0`.execute(handle.db);
    expect(await new KyselySearchRepository(handle.db).refreshStale()).toBe(1);
    expect(longAnalyses().map(([kind]) => kind)).toEqual([
      handle.engine === 'sqlite' ? 'words' : 'folded',
    ]);
    expect((await searchPosts(deps, { language: 'es', text: 'quokkafante', page: 1 })).total).toBe(
      1,
    );
  });
});
