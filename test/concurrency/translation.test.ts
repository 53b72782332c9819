/**
 * Translators at the same moment, each on their own connection pool to the PostgreSQL
 * server, through the services of src/services/translation: twenty first savers of a
 * translation nobody started (one row, every save kept, no error) and twenty saves of the same
 * unit (exactly one winner per version, each winner with its history row, each loser a
 * conflict that keeps its text).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/roles.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { createPost } from '../../src/services/posts/save-post.service.js';
import { publishPost } from '../../src/services/posts/workflow.service.js';
import type { UnitRecord } from '../../src/services/repositories.js';
import { loadEditor } from '../../src/services/translation/open-translation.service.js';
import {
  saveTarget,
  TargetConflictError,
} from '../../src/services/translation/save-target.service.js';
import { buildUser } from '../support/app.js';
import { freshDatabase, serverUrl, settle } from './support.js';
import type { ServerDatabase } from './support.js';

const url = serverUrl();
const PEOPLE = 20;
const CLIENTS = 5;

describe.skipIf(!url)('translators at once on the PostgreSQL server', () => {
  let database: ServerDatabase;
  let clients: ServiceDeps[];
  let deps: ServiceDeps;
  let editor: Actor;
  let translators: Actor[];
  let counter = 0;

  beforeAll(async () => {
    database = await freshDatabase(url ?? '');
    clients = [];
    for (let i = 0; i < CLIENTS; i++) clients.push(await database.client());
    deps = clients[0] as ServiceDeps;
    const user = await buildUser(deps, ['editor']);
    editor = { id: user.id, roles: user.roles };
    translators = [];
    for (let i = 0; i < PEOPLE; i++) {
      const t = await buildUser(deps, ['reader', 'translator']);
      translators.push({ id: t.id, roles: t.roles });
    }
  });
  afterAll(() => database.drop());

  /** The i-th person's client (people spread over the pools). */
  const clientOf = (i: number) => clients[i % CLIENTS] as ServiceDeps;
  const person = (i: number) => translators[i] as Actor;

  /** A published post of `paragraphs` paragraphs; returns it with its units. */
  async function publishedPost(paragraphs: number): Promise<{ id: string; units: UnitRecord[] }> {
    counter += 1;
    const post = await createPost(deps, editor, {
      language: 'en',
      title: `Translated at once ${counter}`,
      slug: `translated-at-once-${counter}`,
      excerpt: 'Many hands.',
      body: Array.from({ length: paragraphs }, (_, i) => `Paragraph ${i + 1}.`).join('\n\n'),
    });
    await publishPost(deps, editor, post.id);
    const revision = await deps.store.translations.latestUnitRevision(post.id);
    if (revision === null) throw new Error('no units');
    return { id: post.id, units: await deps.store.translations.units(post.id, revision) };
  }

  it(`${PEOPLE} simultaneous first openers and first savers: one translation row, no error`, async () => {
    const post = await publishedPost(PEOPLE);
    const units = post.units.slice(0, PEOPLE);
    const opened = await settle(
      translators.map((t, i) => loadEditor(clientOf(i), t, post.id, 'es')),
    );
    expect(opened.filter((r) => !r.ok)).toEqual([]);
    const saves = await settle(
      units.map((unit, i) =>
        saveTarget(clientOf(i), person(i), {
          postId: post.id,
          language: 'es',
          unitId: unit.unitId,
          text: `ES ${unit.source}`,
          version: 0,
          sourceRevision: unit.revision,
        }),
      ),
    );
    expect(saves.map((r) => (r.ok ? r.value.outcome : String(r.error)))).toEqual(
      units.map(() => 'saved'),
    );
    const rows = (await deps.store.translations.translationsOfPosts([post.id])).filter(
      (t) => t.language === 'es',
    );
    expect(rows).toHaveLength(1);
    const targets = await deps.store.translations.targets([rows[0]?.id ?? '']);
    expect(targets).toHaveLength(units.length);
  });

  it(`${PEOPLE} simultaneous saves of one unit: one winner per version, every loser a conflict keeping its text`, async () => {
    const post = await publishedPost(1);
    const unit = post.units.find((u) => u.kind === 'paragraph');
    if (!unit) throw new Error('no paragraph unit');
    const textOf = (i: number, attempt: number) => `ES ${i}.${attempt}: Párrafo 1.`;
    const won = new Map<number, number>(); // person → version won
    const lostTexts: string[] = [];
    const version = new Map<number, number>(translators.map((_, i) => [i, 0]));
    // Everyone saves at once; the losers retry at once with the version their conflict
    // names, until each has won once.
    for (let attempt = 0; won.size < PEOPLE; attempt++) {
      if (attempt > PEOPLE) throw new Error('the saves made no progress');
      const waiting = translators.map((_, i) => i).filter((i) => !won.has(i));
      const results = await settle(
        waiting.map((i) =>
          saveTarget(clientOf(i), person(i), {
            postId: post.id,
            language: 'es',
            unitId: unit.unitId,
            text: textOf(i, attempt),
            version: version.get(i) ?? 0,
            sourceRevision: unit.revision,
          }),
        ),
      );
      let winners = 0;
      for (const [k, result] of results.entries()) {
        const i = waiting[k] ?? -1;
        if (result.ok) {
          expect(result.value.outcome).toBe('saved');
          if (result.value.outcome === 'saved') won.set(i, result.value.target.version);
          winners++;
        } else {
          expect(result.error).toBeInstanceOf(TargetConflictError);
          if (!(result.error instanceof TargetConflictError)) throw result.error;
          expect(result.error.yours).toBe(textOf(i, attempt));
          lostTexts.push(textOf(i, attempt));
          version.set(i, result.error.theirs.version);
        }
      }
      // All saved against the same version, except that retries may name different ones.
      expect(winners).toBeGreaterThanOrEqual(1);
    }
    const versions = [...won.values()].sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: PEOPLE }, (_, i) => i + 1));
    const translation = await deps.store.translations.findTranslation(post.id, 'es');
    if (!translation) throw new Error('no translation');
    const target = await deps.store.translations.target(translation.id, unit.unitId);
    expect(target?.version).toBe(PEOPLE);
    const history = await deps.store.translations.history(translation.id, unit.unitId);
    const saves = history.filter((h) => h.action === 'save');
    expect(saves.map((h) => h.version).sort((a, b) => a - b)).toEqual(versions);
    for (const [i, v] of won) expect(saves.find((h) => h.version === v)?.userId).toBe(person(i).id);
    const conflicts = history.filter((h) => h.action === 'conflict').map((h) => h.text);
    expect(conflicts.sort()).toEqual(lostTexts.sort());
  });
});
