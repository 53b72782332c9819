/**
 * The editorial workflow under real concurrency (separate pools on the PostgreSQL server):
 * the scheduler racing an unschedule and a save, and transitions racing each other. Each
 * transition is a compare-and-set on the state it read, so the first to commit wins and the
 * other is refused (or re-decided) — never a blind write-back of a stale record.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import type { Actor } from '../../src/domain/roles.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { createPost, savePost } from '../../src/services/posts/save-post.service.js';
import {
  publishDuePosts,
  publishPost,
  submitPost,
  withdrawPost,
} from '../../src/services/posts/workflow.service.js';
import type { PostRepository, Store } from '../../src/services/repositories.js';
import { buildUser } from '../support/app.js';
import { at, freshDatabase, serverUrl, settle } from './support.js';
import type { ServerDatabase } from './support.js';

const url = serverUrl();
const ROUNDS = 25;
const SCHEDULED_FOR = '2030-01-01T10:00:00.000Z';
const SCHEDULER_TIME = '2030-01-01T10:00:30.000Z';

/** `deps` whose scheduler read of due posts is followed by `between` before it goes on. */
function afterDueRead(deps: ServiceDeps, between: () => Promise<void>): ServiceDeps {
  const posts = new Proxy(deps.store.posts, {
    get(target, property, receiver): unknown {
      if (property === 'dueScheduled') {
        return async (now: string) => {
          const due = await target.dueScheduled(now);
          await between();
          return due;
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) satisfies PostRepository;
  return { ...deps, store: { ...deps.store, posts } };
}

/**
 * `deps` whose saves, inside their transaction, run `between` right after reading the post
 * (once): a change another client commits there lands between the save's read and its write.
 */
function afterPostReadInTransaction(deps: ServiceDeps, between: () => Promise<void>): ServiceDeps {
  let pending = true;
  const wrap = (store: Store): Store => {
    const posts = new Proxy(store.posts, {
      get(target, property, receiver): unknown {
        if (property === 'findById') {
          return async (id: string) => {
            const post = await target.findById(id);
            if (pending) {
              pending = false;
              await between();
            }
            return post;
          };
        }
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) satisfies PostRepository;
    return { ...store, posts };
  };
  return {
    ...deps,
    store: {
      ...deps.store,
      transaction: (work) => deps.store.transaction((inner) => work(wrap(inner))),
    },
  };
}

const codeOf = (error: unknown) => (error instanceof DomainError ? error.code : String(error));

describe.skipIf(!url)('the workflow with concurrent clients on the PostgreSQL server', () => {
  let database: ServerDatabase;
  let scheduler: ServiceDeps;
  let editorDeps: ServiceDeps;
  let otherDeps: ServiceDeps;
  let editor: Actor;
  let counter = 0;

  beforeAll(async () => {
    database = await freshDatabase(url ?? '');
    scheduler = at(await database.client(), SCHEDULER_TIME);
    editorDeps = await database.client();
    otherDeps = await database.client();
    const user = await buildUser(editorDeps, ['editor']);
    editor = { id: user.id, roles: user.roles };
  });
  afterAll(() => database.drop());

  const input = (n: number, text = 'The first text.') => ({
    language: 'en',
    title: `Scheduled post ${n}`,
    slug: `scheduled-post-${n}`,
    excerpt: 'A post the scheduler publishes.',
    body: `${text}\n\nA second paragraph.`,
  });

  async function scheduledPost(): Promise<string> {
    counter += 1;
    const post = await createPost(editorDeps, editor, input(counter));
    await publishPost(editorDeps, editor, post.id, new Date(SCHEDULED_FOR));
    return post.id;
  }

  const stored = async (id: string) => {
    const post = await editorDeps.store.posts.findById(id);
    if (!post) throw new Error('the post disappeared');
    return post;
  };

  it('an unschedule committed after the scheduler read the due posts wins', async () => {
    const id = await scheduledPost();
    const racing = afterDueRead(scheduler, async () => {
      await withdrawPost(otherDeps, editor, id);
    });
    expect(await publishDuePosts(racing)).toBe(0);
    const post = await stored(id);
    expect(post.status).toBe('draft');
    expect(post.publishedRevision).toBeNull();
    expect(post.scheduledAt).toBeNull();
  });

  it('a save committed after the scheduler read is published, and current_revision never moves back', async () => {
    const id = await scheduledPost();
    const racing = afterDueRead(scheduler, async () => {
      await savePost(otherDeps, editor, id, 1, input(counter, 'A newer text.'));
    });
    expect(await publishDuePosts(racing)).toBe(1);
    const post = await stored(id);
    expect(post.currentRevision).toBe(2);
    expect(post.status).toBe('published');
    expect(post.publishedRevision).toBe(2);
  });

  it(`never publishes an unscheduled post (${ROUNDS} rounds of the scheduler racing a withdrawal)`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const id = await scheduledPost();
      const [scheduled, withdrawn] = await settle<unknown>([
        publishDuePosts(scheduler),
        withdrawPost(otherDeps, editor, id),
      ]);
      expect(scheduled?.ok).toBe(true);
      const post = await stored(id);
      if (withdrawn?.ok) {
        expect({ round, status: post.status, published: post.publishedRevision }).toEqual({
          round,
          status: 'draft',
          published: null,
        });
      } else {
        expect(['invalid_transition', 'conflict']).toContain(codeOf(withdrawn?.error));
        expect(post.status).toBe('published');
      }
      expect(post.currentRevision).toBe(1);
    }
  });

  it(`never moves current_revision back (${ROUNDS} rounds of the scheduler racing a save)`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const id = await scheduledPost();
      const [scheduled, saved] = await settle<unknown>([
        publishDuePosts(scheduler),
        savePost(otherDeps, editor, id, 1, input(counter, `Round ${round} text.`)),
      ]);
      expect(scheduled?.ok).toBe(true);
      expect(saved?.ok).toBe(true);
      const post = await stored(id);
      expect({ round, current: post.currentRevision, status: post.status }).toEqual({
        round,
        current: 2,
        status: 'published',
      });
      expect([1, 2]).toContain(post.publishedRevision);
    }
  });

  it(`lets exactly one of a publication and a withdrawal win (${ROUNDS} rounds)`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      counter += 1;
      const post = await createPost(editorDeps, editor, input(counter));
      await submitPost(editorDeps, editor, post.id);
      const [published, withdrawn] = await settle<unknown>([
        publishPost(editorDeps, editor, post.id),
        withdrawPost(otherDeps, editor, post.id),
      ]);
      const final = await stored(post.id);
      // Both may succeed only in the order withdraw → publish (publishing a draft is allowed).
      if (published?.ok) expect(final.status).toBe('published');
      else {
        expect(withdrawn?.ok).toBe(true);
        expect(codeOf(published?.error)).toMatch(/invalid_transition|conflict/);
      }
      if (withdrawn?.ok && !published?.ok) expect(final.status).toBe('draft');
      if (!withdrawn?.ok) {
        expect(codeOf(withdrawn?.error)).toMatch(/invalid_transition|conflict/);
        expect(final.status).toBe('published');
      }
      expect(final.publishedRevision === null).toBe(final.status !== 'published');
    }
  });

  it('two editors publishing the same post at once both succeed and record its units once', async () => {
    for (let round = 0; round < 10; round++) {
      counter += 1;
      const post = await createPost(editorDeps, editor, input(counter));
      await submitPost(editorDeps, editor, post.id);
      const results = await settle<unknown>([
        publishPost(editorDeps, editor, post.id),
        publishPost(otherDeps, editor, post.id),
      ]);
      expect(results.map((r) => (r.ok ? 'ok' : codeOf(r.error)))).toEqual(['ok', 'ok']);
      const final = await stored(post.id);
      expect(final.status).toBe('published');
      expect(final.publishedRevision).toBe(1);
      expect(await editorDeps.store.translations.latestUnitRevision(post.id)).toBe(1);
      const units = await editorDeps.store.translations.units(post.id, 1);
      expect(new Set(units.map((u) => u.unitId)).size).toBe(units.length);
    }
  });

  it('a save that read a draft decides on the post as a publication committed before its write left it', async () => {
    const race = async (text: string, language: string) => {
      counter += 1;
      const post = await createPost(editorDeps, editor, { ...input(counter), tags: ['draft-tag'] });
      const racing = afterPostReadInTransaction(otherDeps, async () => {
        await publishPost(editorDeps, editor, post.id);
      });
      const [saved] = await settle([
        savePost(racing, editor, post.id, 1, {
          ...input(counter, text),
          language,
          tags: ['later'],
        }),
      ]);
      return { id: post.id, saved };
    };
    // Changing the language: refused, as for any published post.
    const refused = await race('Ein späterer Text.', 'de');
    expect(refused.saved?.ok).toBe(false);
    if (refused.saved?.ok === false) expect(codeOf(refused.saved.error)).toBe('validation_failed');
    expect(await editorDeps.store.posts.findById(refused.id)).toMatchObject({
      status: 'published',
      sourceLanguage: 'en',
      currentRevision: 1,
    });
    // Same language: saved as a new revision of the published post, whose readers' relations
    // (its tags) stay those of the published revision.
    const kept = await race('A later text.', 'en');
    expect(kept.saved?.ok).toBe(true);
    expect(await editorDeps.store.posts.findById(kept.id)).toMatchObject({
      status: 'published',
      currentRevision: 2,
      publishedRevision: 1,
    });
    const tags = await editorDeps.store.posts.termsOfPost(kept.id);
    expect(tags.map((t) => t.slug)).toEqual(['draft-tag']);
  });
});
