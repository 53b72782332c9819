/**
 * Jobs and outdated marking under real concurrency (separate pools on the PostgreSQL server):
 * a job is claimed once by competing runners; the outdated marking of a post runs in revision
 * order even when the older job fails and is retried; a save committing while the marking runs
 * is decided again (never silently skipped, never left current against an old source).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/roles.js';
import { createJobRegistry, defineHandler } from '../../src/jobs/registry.js';
import { JobAttemptError, runDueJobs } from '../../src/jobs/runner.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { MARK_OUTDATED_JOB, markOutdatedPayload } from '../../src/services/jobs.js';
import type { MarkOutdatedPayload } from '../../src/services/jobs.js';
import { createPost, savePost } from '../../src/services/posts/save-post.service.js';
import { publishPost } from '../../src/services/posts/workflow.service.js';
import type {
  Store,
  TargetRecord,
  TranslationRepository,
  UnitRecord,
} from '../../src/services/repositories.js';
import { markOutdated } from '../../src/services/translation/mark-outdated.service.js';
import { saveTarget } from '../../src/services/translation/save-target.service.js';
import { buildUser } from '../support/app.js';
import { at, freshDatabase, serverUrl, settle } from './support.js';
import type { ServerDatabase } from './support.js';

const url = serverUrl();
const LATER = '2099-01-01T00:00:00.000Z';

interface TranslatedPost {
  postId: string;
  translationId: string;
  /** The paragraphs' source texts, in order; edited through `edit`. */
  paragraphs: string[];
}

/** `store` whose translations repository runs `hook` around one method. */
function hooked(
  store: Store,
  method: 'targetsOfUnits' | 'target',
  hook: () => Promise<void>,
): Store {
  const translations = new Proxy(store.translations, {
    get(target, property, receiver): unknown {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      if (property !== method) return value.bind(target);
      return async (...args: unknown[]) => {
        const result: unknown = await Reflect.apply(value, target, args);
        await hook();
        return result;
      };
    },
  }) satisfies TranslationRepository;
  return { ...store, translations };
}

/** `deps` whose transactions get `wrap`ped stores (what a job's own transaction uses). */
function inTransactions(deps: ServiceDeps, wrap: (store: Store) => Store): ServiceDeps {
  return {
    ...deps,
    store: { ...deps.store, transaction: (work) => deps.store.transaction((s) => work(wrap(s))) },
  };
}

const actorOf = (u: { id: string; roles: Actor['roles'] }): Actor => ({ id: u.id, roles: u.roles });

describe.skipIf(!url)('jobs with concurrent clients on the PostgreSQL server', () => {
  let database: ServerDatabase;
  let deps: ServiceDeps;
  let other: ServiceDeps;
  let third: ServiceDeps;
  let editor: Actor;
  let translator: Actor;
  let counter = 0;

  beforeAll(async () => {
    database = await freshDatabase(url ?? '');
    deps = await database.client();
    other = await database.client();
    third = await database.client();
    editor = actorOf(await buildUser(deps, ['editor']));
    translator = actorOf(await buildUser(deps, ['reader', 'translator']));
    // These tests count mark-outdated jobs: no notification e-mail jobs beside them.
    await deps.store.notifications.addOptOut(translator.id, 'notifications', LATER);
  });
  afterAll(() => database.drop());
  // Each test starts with no job left over by another (the runners run every pending job).
  afterEach(async () => {
    await runDueJobs(at(deps, LATER));
  });

  const postInput = (n: number, paragraphs: readonly string[]) => ({
    language: 'en',
    title: `Marked post ${n}`,
    slug: `marked-post-${n}`,
    excerpt: 'A post whose translation follows its edits.',
    body: paragraphs.join('\n\n'),
  });

  /** A published post with a Spanish translation of every unit (written directly). */
  async function translatedPost(): Promise<TranslatedPost> {
    counter += 1;
    const paragraphs = ['The first paragraph.', 'The second paragraph.', 'The third one.'];
    const post = await createPost(deps, editor, postInput(counter, paragraphs));
    await publishPost(deps, editor, post.id);
    const translationId = deps.newId();
    const now = new Date().toISOString();
    await deps.store.transaction(async (store) => {
      await store.translations.createTranslation({
        id: translationId,
        postId: post.id,
        language: 'es',
        slug: `entrada-${counter}`,
        status: 'in_progress',
        publishedAt: null,
        createdBy: translator.id,
        createdAt: now,
        updatedAt: now,
      });
      for (const unit of await units(post.id)) {
        const target: TargetRecord = {
          translationId,
          unitId: unit.unitId,
          text: `ES ${unit.source}`,
          state: 'translated',
          previousState: null,
          baseSource: unit.source,
          baseRevision: unit.revision,
          version: 1,
          provenance: 'human',
          translatedBy: translator.id,
          reviewedBy: null,
          updatedAt: now,
        };
        if (!(await store.translations.writeTarget(target, 0))) throw new Error('setup write');
      }
    });
    return { postId: post.id, translationId, paragraphs };
  }

  async function units(postId: string): Promise<UnitRecord[]> {
    const revision = await deps.store.translations.latestUnitRevision(postId);
    return revision === null ? [] : deps.store.translations.units(postId, revision);
  }

  /** Saves the post with its paragraphs changed by `change` and publishes it (a job). */
  async function edit(post: TranslatedPost, change: (paragraphs: string[]) => void) {
    change(post.paragraphs);
    const current = await deps.store.posts.findById(post.postId);
    if (!current) throw new Error('the post disappeared');
    await savePost(
      deps,
      editor,
      post.postId,
      current.currentRevision,
      postInput(counter, post.paragraphs),
    );
    await publishPost(deps, editor, post.postId);
  }

  /** The target of the paragraph whose source (in the latest units) is `source`. */
  async function targetOf(post: TranslatedPost, source: string) {
    const unit = (await units(post.postId)).find((u) => u.source === source);
    if (!unit) throw new Error(`no unit "${source}"`);
    const target = await deps.store.translations.target(post.translationId, unit.unitId);
    if (!target) throw new Error(`no target for "${source}"`);
    return { unit, target };
  }

  /** The pending mark-outdated payloads of a post, oldest first. */
  async function pendingPayloads(postId: string): Promise<MarkOutdatedPayload[]> {
    const jobs = await deps.store.jobs.unfinished(500);
    return jobs
      .filter((j) => j.kind === MARK_OUTDATED_JOB)
      .map((j) => markOutdatedPayload.parse(JSON.parse(j.payload)))
      .filter((p) => p.postId === postId);
  }

  it('runs each job exactly once when three runners on three connections compete', async () => {
    const posts: TranslatedPost[] = [];
    for (let i = 0; i < 12; i++) {
      const post = await translatedPost();
      await edit(post, (p) => (p[1] = `An edited second paragraph (${i}).`));
      posts.push(post);
    }
    const runs = new Map<string, number>();
    const registry = createJobRegistry(
      [
        defineHandler(MARK_OUTDATED_JOB, async (d, payload) => {
          runs.set(payload.postId, (runs.get(payload.postId) ?? 0) + 1);
          await new Promise((resolve) => setTimeout(resolve, 5));
          return markOutdated(d, payload);
        }),
      ],
      [MARK_OUTDATED_JOB],
    );
    const errors: unknown[] = [];
    const done = await Promise.all(
      [deps, other, third].map((client, i) =>
        runDueJobs(client, (e) => errors.push(e), { registry, runnerId: `runner-${i}` }),
      ),
    );
    expect(errors).toEqual([]);
    expect(done.reduce((a, b) => a + b, 0)).toBe(posts.length);
    for (const post of posts) {
      expect(runs.get(post.postId)).toBe(1);
      const { target } = await targetOf(post, post.paragraphs[1] ?? '');
      expect(target.state).toBe('outdated');
      const history = await deps.store.translations.history(post.translationId, target.unitId);
      expect(history.filter((h) => h.action === 'outdate')).toHaveLength(1);
    }
    expect(await deps.store.jobs.claimable(LATER, 10)).toEqual([]);
  });

  it('runs the jobs for revisions 2 and 3 in order even when the one for 2 fails first', async () => {
    const post = await translatedPost();
    const [first, second] = [post.paragraphs[0] ?? '', post.paragraphs[1] ?? ''];
    await edit(post, (p) => {
      p[0] = 'The first paragraph, rewritten.';
      p[1] = 'The second paragraph, rewritten.';
    }); // revision 2: both changed
    await edit(post, (p) => (p[0] = first)); // revision 3: the first reverted
    expect((await pendingPayloads(post.postId)).map((p) => p.revision)).toEqual([2, 3]);

    // The first attempt at a job fails, whichever runner claimed it (on a loaded machine B,
    // on its own connection, may claim revision 2 before A does).
    let failures = 0;
    const flaky = (base: typeof deps): typeof deps => ({
      ...base,
      store: {
        ...base.store,
        transaction: <T>(work: (store: Store) => Promise<T>): Promise<T> => {
          failures += 1;
          if (failures === 1) return Promise.reject(new Error('connection lost (injected)'));
          return base.store.transaction(work);
        },
      },
    });
    const errors: unknown[] = [];
    // The attempt at revision 2 fails; neither A nor B (another connection) may run 3.
    const [a, b] = await Promise.all([
      runDueJobs(flaky(deps), (e) => errors.push(e), { runnerId: 'A' }),
      runDueJobs(flaky(other), (e) => errors.push(e), { runnerId: 'B' }),
    ]);
    expect(a + b).toBe(0);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(JobAttemptError);
    // After the backoff, 2 runs, then 3.
    expect(await runDueJobs(at(third, LATER), undefined, { runnerId: 'C' })).toBe(2);

    const reverted = await targetOf(post, first);
    expect(reverted.target.state).toBe('translated');
    expect(reverted.target.baseSource).toBe(first);
    const changed = await targetOf(post, 'The second paragraph, rewritten.');
    expect(changed.target.state).toBe('outdated');
    expect(changed.target.baseSource).toBe(second);
  });

  it('never lets the marking for an older revision override a newer one', async () => {
    const post = await translatedPost();
    const first = post.paragraphs[0] ?? '';
    await edit(post, (p) => (p[0] = 'The first paragraph, rewritten.'));
    await edit(post, (p) => (p[0] = first));
    const [two, three] = await pendingPayloads(post.postId);
    if (!two || !three) throw new Error('expected the jobs of revisions 2 and 3');
    await markOutdated(other, three);
    expect(await markOutdated(third, two)).toBe(0); // superseded: 3 has been marked
    const { target } = await targetOf(post, first);
    expect(target.state).toBe('translated');
    expect(target.version).toBe(1);
  });

  it('decides again when a save commits between the marking’s read and its write', async () => {
    const post = await translatedPost();
    const old = post.paragraphs[0] ?? '';
    const before = await targetOf(post, old);
    await edit(post, (p) => (p[0] = 'The first paragraph, rewritten.'));
    // A save made against the old source (its transaction read the units before the
    // publication committed) commits on another connection right after the job read.
    let saved = false;
    const racing = inTransactions(deps, (store) =>
      hooked(store, 'targetsOfUnits', async () => {
        if (saved) return;
        saved = true;
        const next: TargetRecord = {
          ...before.target,
          text: 'ES saved against the old source.',
          version: 2,
          updatedAt: new Date().toISOString(),
        };
        expect(await other.store.translations.writeTarget(next, 1)).toBe(true);
      }),
    );
    expect(await runDueJobs(racing)).toBe(1);
    const { target } = await targetOf(post, 'The first paragraph, rewritten.');
    expect({ state: target.state, text: target.text, version: target.version }).toEqual({
      state: 'outdated',
      text: 'ES saved against the old source.',
      version: 3,
    });
    expect(target.baseSource).toBe(old);
  });

  it('fails and retries the job (never skips the target) while a target keeps changing', async () => {
    const post = await translatedPost();
    const old = post.paragraphs[2] ?? '';
    const { unit } = await targetOf(post, old);
    await edit(post, (p) => (p[2] = 'The third one, rewritten.'));
    const bump = async () => {
      const current = await other.store.translations.target(post.translationId, unit.unitId);
      if (!current) throw new Error('no target');
      const next = { ...current, text: `ES v${current.version + 1}`, version: current.version + 1 };
      await other.store.translations.writeTarget(next, current.version);
    };
    const busy = inTransactions(deps, (store) =>
      hooked(hooked(store, 'targetsOfUnits', bump), 'target', bump),
    );
    const errors: unknown[] = [];
    expect(await runDueJobs(busy, (e) => errors.push(e))).toBe(0);
    expect(String(errors[0])).toMatch(/changed 3 times while it was being marked/);
    const { target: meanwhile } = await targetOf(post, 'The third one, rewritten.');
    expect(meanwhile.state).toBe('translated'); // not marked yet, and not forgotten:
    expect(await runDueJobs(at(deps, LATER))).toBe(1);
    const { target } = await targetOf(post, 'The third one, rewritten.');
    expect(target.state).toBe('outdated');
    expect(target.text).toBe(meanwhile.text);
  });

  it('never leaves a save current against an old source when it races the marking (15 rounds)', async () => {
    for (let round = 0; round < 15; round++) {
      const post = await translatedPost();
      const old = post.paragraphs[0] ?? '';
      const { unit, target } = await targetOf(post, old);
      await edit(post, (p) => (p[0] = `The first paragraph, rewritten in round ${round}.`));
      const results = await settle<unknown>([
        runDueJobs(other),
        saveTarget(third, translator, {
          postId: post.postId,
          language: 'es',
          unitId: unit.unitId,
          text: `ES round ${round}, made against the old source.`,
          version: target.version,
          sourceRevision: unit.revision,
        }),
      ]);
      expect(results[0]?.ok).toBe(true);
      const { unit: now, target: final } = await targetOf(
        post,
        `The first paragraph, rewritten in round ${round}.`,
      );
      if (final.state === 'translated' || final.state === 'reviewed')
        expect({ round, base: final.baseSource }).toEqual({ round, base: now.source });
      const history = await deps.store.translations.history(post.translationId, unit.unitId);
      const versions = history.filter((h) => h.action !== 'conflict').map((h) => h.version);
      expect(new Set(versions).size).toBe(versions.length);
    }
  });
});
