// The big site of bench/stats.ts, built with bulk INSERTs from a fixed seed: each post has
// UNITS units; for each other language a post is untranslated, translated and published, in
// progress, or outdated, with its target_history rows. Returns what the statistics must say.
import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.js';
import { insertAll, prng } from './bulk.js';

export const STATS_LANGUAGES = ['en', 'es', 'ar', 'sw', 'de', 'sr-Cyrl', 'fr', 'pt', 'hi', 'zh'];
const LANGUAGES = STATS_LANGUAGES;
const UNITS = 10;
const LATEST = Date.parse('2026-11-20T12:00:00Z');
const TWO_YEARS_MS = 2 * 365 * 24 * 3600 * 1000;

export interface Expected {
  translated: number;
  inProgress: number;
  outdated: number;
  missing: number;
  doneUnits: number;
}

type Row<T extends keyof Database> = Insertable<Database[T]>;

/** Builds the site; returns what the page must say per language. */
export async function buildStatsSite(
  db: Kysely<Database>,
  POSTS: number,
): Promise<Map<string, Expected>> {
  const random = prng(20261202);
  const expected = new Map<string, Expected>(
    LANGUAGES.map((l) => [
      l,
      { translated: 0, inProgress: 0, outdated: 0, missing: 0, doneUnits: 0 },
    ]),
  );
  const iso = (t: number) => new Date(t).toISOString();
  const posts: Row<'posts'>[] = [];
  const revisions: Row<'post_revisions'>[] = [];
  const units: Row<'post_units'>[] = [];
  const translations: Row<'translations'>[] = [];
  const targets: Row<'targets'>[] = [];
  const history: Row<'target_history'>[] = [];
  let historyId = 0;
  const flush = async () => {
    await db.transaction().execute(async (trx) => {
      await insertAll(trx, 'posts', posts.splice(0));
      await insertAll(trx, 'post_revisions', revisions.splice(0));
      await insertAll(trx, 'post_units', units.splice(0));
      await insertAll(trx, 'translations', translations.splice(0));
      await insertAll(trx, 'targets', targets.splice(0));
      await insertAll(trx, 'target_history', history.splice(0));
    });
  };
  for (let p = 0; p < POSTS; p++) {
    const id = `bench-post-${p}`;
    const source = LANGUAGES[p % LANGUAGES.length] ?? 'en';
    const published = LATEST - Math.floor(random() * TWO_YEARS_MS);
    posts.push({
      id,
      source_language: source,
      slug: `post-${p}`,
      status: 'published',
      current_revision: 1,
      published_revision: 1,
      published_at: iso(published),
      scheduled_at: null,
      created_by: null,
      created_at: iso(published),
      updated_at: iso(published),
    });
    revisions.push({
      post_id: id,
      number: 1,
      title: `Post ${p}`,
      excerpt: '',
      body_markdown: '',
      body_doc: '{"type":"root","children":[]}',
      featured_media_id: null,
      featured_alt: '',
      metadata: '{}',
      saved_by: null,
      restored_from: null,
      created_at: iso(published),
    });
    for (let u = 0; u < UNITS; u++)
      units.push({
        post_id: id,
        revision: 1,
        unit_id: `u${u}`,
        position: u,
        path: `/${u}`,
        kind: u === 0 ? 'title' : 'paragraph',
        source: `Unit ${u} of post ${p}.`,
        codes: '[]',
      });
    for (const language of LANGUAGES) {
      if (language === source) continue;
      const e = expected.get(language)!;
      const roll = random();
      if (roll < 0.4) {
        e.missing++;
        continue;
      }
      const kind = roll < 0.7 ? 'translated' : roll < 0.85 ? 'inProgress' : 'outdated';
      const translationId = `${id}-${language}`;
      const started = published + Math.floor(random() * (LATEST - published));
      const done = kind === 'inProgress' ? Math.floor(random() * UNITS) : UNITS;
      const outdated = kind === 'outdated' ? 1 + Math.floor(random() * 3) : 0;
      translations.push({
        id: translationId,
        post_id: id,
        language,
        slug: `post-${p}-${language}`,
        status: kind === 'inProgress' ? 'in_progress' : 'published',
        published_at: kind === 'inProgress' ? null : iso(started),
        created_by: null,
        created_at: iso(started),
        updated_at: iso(started),
      });
      e[kind]++;
      e.doneUnits += done - outdated;
      for (let u = 0; u < UNITS; u++) {
        const state = u < done ? (u < outdated ? 'outdated' : 'translated') : 'draft';
        const at = iso(started + u * 60_000);
        targets.push({
          translation_id: translationId,
          unit_id: `u${u}`,
          text: `${language} ${u}`,
          state,
          previous_state: state === 'outdated' ? 'translated' : null,
          base_source: null,
          base_revision: 1,
          version: state === 'outdated' ? 2 : 1,
          provenance: 'human',
          translated_by: null,
          reviewed_by: null,
          updated_at: at,
          origin_text: null,
          origin_engine: null,
          origin_score: null,
        });
        const snapshot = (
          s: string,
          version: number,
          action: string,
          when: string,
        ): Row<'target_history'> => ({
          id: `h${historyId++}`,
          translation_id: translationId,
          unit_id: `u${u}`,
          version,
          text: `${language} ${u}`,
          state: s,
          base_revision: 1,
          provenance: 'human',
          action,
          comment: null,
          user_id: null,
          created_at: when,
          base_source: null,
          previous_state: null,
          translated_by: null,
          reviewed_by: null,
          candidate_id: null,
        });
        history.push(snapshot(state === 'draft' ? 'draft' : 'translated', 1, 'save', at));
        if (state === 'outdated')
          history.push(
            snapshot(
              'outdated',
              2,
              'outdate',
              iso(started + Math.floor(random() * (LATEST - started)) + 3_600_000),
            ),
          );
      }
    }
    if (posts.length >= 200) await flush();
  }
  await flush();
  return expected;
}
