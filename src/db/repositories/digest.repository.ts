/**
 * Digest subscriptions (0027) and the per-language reads digests and "needs translation" feeds
 * are made of. Each read covers one language for every subscriber at once; the claim is a
 * compare-and-set on `last_sent_at`, so two job runners never send the same digest.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { DIGEST_FILTER_KINDS, DIGEST_FREQUENCIES } from '../../domain/digest.js';
import type { DigestFrequency } from '../../domain/digest.js';
import type {
  DigestFilter,
  DigestPostRow,
  DigestRepository,
  DigestSubscriptionRecord,
  DigestTranslationRow,
  DueSubscriber,
  PostFacets,
} from '../../services/ports/digest.repository.js';
import type { Database } from '../schema.js';
import { storedValue } from './stored-value.js';

/** Ids per IN list (well under SQLite's and PostgreSQL's parameter limits). */
const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

const TRANSLATION_STATUSES = ['in_progress', 'published'] as const;

export class KyselyDigestRepository implements DigestRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async subscription(userId: string): Promise<DigestSubscriptionRecord | null> {
    const row = await this.db
      .selectFrom('digest_subscriptions')
      .selectAll()
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (!row) return null;
    const filters = await this.filtersOf([userId]);
    return {
      userId: row.user_id,
      frequency: storedValue(DIGEST_FREQUENCIES, row.frequency, 'digest_subscriptions.frequency'),
      lastSentAt: row.last_sent_at,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      filters: filters.get(userId) ?? [],
    };
  }

  async saveSubscription(input: {
    userId: string;
    frequency: DigestFrequency;
    filters: readonly DigestFilter[];
    now: string;
  }): Promise<void> {
    await this.db
      .insertInto('digest_subscriptions')
      .values({
        user_id: input.userId,
        frequency: input.frequency,
        last_sent_at: null,
        created_at: input.now,
        updated_at: input.now,
      })
      .onConflict((oc) =>
        oc.column('user_id').doUpdateSet({ frequency: input.frequency, updated_at: input.now }),
      )
      .execute();
    await this.db.deleteFrom('digest_filters').where('user_id', '=', input.userId).execute();
    if (input.filters.length > 0)
      await this.db
        .insertInto('digest_filters')
        .values(input.filters.map((f) => ({ user_id: input.userId, kind: f.kind, value: f.value })))
        .onConflict((oc) => oc.doNothing())
        .execute();
  }

  async languagesOf(userIds: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    for (const ids of chunks(userIds)) {
      const rows = await this.db
        .selectFrom('user_translate_languages')
        .select(['user_id', 'language'])
        .where('user_id', 'in', ids)
        .orderBy('user_id')
        .orderBy('language')
        .execute();
      for (const row of rows) out.set(row.user_id, [...(out.get(row.user_id) ?? []), row.language]);
    }
    return out;
  }

  async filtersOf(userIds: readonly string[]): Promise<Map<string, DigestFilter[]>> {
    const out = new Map<string, DigestFilter[]>();
    for (const ids of chunks(userIds)) {
      const rows = await this.db
        .selectFrom('digest_filters')
        .select(['user_id', 'kind', 'value'])
        .where('user_id', 'in', ids)
        .orderBy('user_id')
        .orderBy('kind')
        .orderBy('value')
        .execute();
      for (const row of rows) {
        const list = out.get(row.user_id) ?? [];
        list.push({
          kind: storedValue(DIGEST_FILTER_KINDS, row.kind, 'digest_filters.kind'),
          value: row.value,
        });
        out.set(row.user_id, list);
      }
    }
    return out;
  }

  async dueSubscribers(query: {
    dailyBefore: string;
    weeklyBefore: string;
    limit: number;
    afterUserId?: string;
  }): Promise<DueSubscriber[]> {
    let q = this.db
      .selectFrom('digest_subscriptions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .select(['s.user_id', 's.frequency', 's.last_sent_at', 'u.interface_language'])
      .where('u.suspended_at', 'is', null)
      .where((eb) =>
        eb.or([
          eb.and([
            eb('s.frequency', '=', 'daily'),
            eb.or([
              eb('s.last_sent_at', 'is', null),
              eb('s.last_sent_at', '<=', query.dailyBefore),
            ]),
          ]),
          eb.and([
            eb('s.frequency', '=', 'weekly'),
            eb.or([
              eb('s.last_sent_at', 'is', null),
              eb('s.last_sent_at', '<=', query.weeklyBefore),
            ]),
          ]),
        ]),
      );
    if (query.afterUserId !== undefined) q = q.where('s.user_id', '>', query.afterUserId);
    const rows = await q.orderBy('s.user_id').limit(query.limit).execute();
    return rows.map((row) => ({
      userId: row.user_id,
      frequency: storedValue(DIGEST_FREQUENCIES, row.frequency, 'digest_subscriptions.frequency'),
      lastSentAt: row.last_sent_at,
      interfaceLanguage: row.interface_language,
    }));
  }

  async claim(
    userId: string,
    frequency: DigestFrequency,
    previous: string | null,
    now: string,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('digest_subscriptions')
      .set({ last_sent_at: now })
      .where('user_id', '=', userId)
      .where('frequency', '=', frequency)
      .where('last_sent_at', previous === null ? 'is' : '=', previous)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async release(userId: string, claimedAt: string, previous: string | null): Promise<void> {
    await this.db
      .updateTable('digest_subscriptions')
      .set({ last_sent_at: previous })
      .where('user_id', '=', userId)
      .where('last_sent_at', '=', claimedAt)
      .execute();
  }

  async missingPosts(language: string, since: string | null): Promise<DigestPostRow[]> {
    let q = this.db
      .selectFrom('posts as p')
      .innerJoin('post_revisions as r', (join) =>
        join.onRef('r.post_id', '=', 'p.id').onRef('r.number', '=', 'p.published_revision'),
      )
      .select(['p.id', 'p.source_language', 'p.slug', 'p.published_at', 'r.title'])
      .where('p.status', '=', 'published')
      .where('p.published_at', 'is not', null)
      .where('p.source_language', '!=', language)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('translations as t')
              .select('t.id')
              .whereRef('t.post_id', '=', 'p.id')
              .where('t.language', '=', language),
          ),
        ),
      );
    if (since !== null) q = q.where('p.published_at', '>=', since);
    const rows = await q.orderBy('p.published_at', 'desc').orderBy('p.id').execute();
    return rows.map((row) => ({
      postId: row.id,
      sourceLanguage: row.source_language,
      slug: row.slug,
      publishedAt: row.published_at ?? '',
      title: row.title,
    }));
  }

  async translationStates(language: string): Promise<DigestTranslationRow[]> {
    const count = (condition: ReturnType<typeof sql>) =>
      sql<number>`sum(case when ${condition} then 1 else 0 end)`;
    const rows = await this.db
      .with('latest', (db) =>
        db
          .selectFrom('post_units')
          .select((eb) => ['post_id', eb.fn.max('revision').as('revision')])
          .where('post_id', 'in', (eb) =>
            eb.selectFrom('translations').select('post_id').where('language', '=', language),
          )
          .groupBy('post_id'),
      )
      .selectFrom('translations as t')
      .innerJoin('posts as p', 'p.id', 't.post_id')
      .innerJoin('post_revisions as r', (join) =>
        join.onRef('r.post_id', '=', 'p.id').onRef('r.number', '=', 'p.published_revision'),
      )
      .innerJoin('latest as l', 'l.post_id', 'p.id')
      .innerJoin('post_units as u', (join) =>
        join.onRef('u.post_id', '=', 'l.post_id').onRef('u.revision', '=', 'l.revision'),
      )
      .leftJoin('targets as g', (join) =>
        join.onRef('g.translation_id', '=', 't.id').onRef('g.unit_id', '=', 'u.unit_id'),
      )
      .select((eb) => [
        't.id',
        't.post_id',
        't.status',
        't.updated_at',
        'p.source_language',
        'p.slug',
        'p.published_at',
        'r.title',
        eb.fn.count<number>('u.unit_id').as('total'),
        count(sql`g.state in ('translated', 'reviewed')`).as('done'),
        count(sql`g.state = 'reviewed'`).as('reviewed'),
        count(sql`g.state = 'outdated'`).as('outdated'),
        count(sql`g.state = 'translated'`).as('unreviewed'),
        sql<string | null>`max(case when g.state = 'outdated' then g.updated_at end)`.as(
          'outdated_at',
        ),
      ])
      .where('t.language', '=', language)
      .where('p.status', '=', 'published')
      .groupBy([
        't.id',
        't.post_id',
        't.status',
        't.updated_at',
        'p.source_language',
        'p.slug',
        'p.published_at',
        'r.title',
      ])
      .orderBy('p.published_at', 'desc')
      .orderBy('t.id')
      .execute();
    const pending = await this.db
      .selectFrom('target_candidates as c')
      .innerJoin('translations as t', 't.id', 'c.translation_id')
      .select((eb) => ['c.translation_id', eb.fn.countAll<number>().as('count')])
      .where('t.language', '=', language)
      .where('c.status', '=', 'pending')
      .groupBy('c.translation_id')
      .execute();
    const pendingOf = new Map(pending.map((r) => [r.translation_id, Number(r.count)]));
    return rows.map((row) => ({
      translationId: row.id,
      postId: row.post_id,
      sourceLanguage: row.source_language,
      slug: row.slug,
      publishedAt: row.published_at ?? '',
      title: row.title,
      status: storedValue(TRANSLATION_STATUSES, row.status, 'translations.status'),
      total: Number(row.total),
      done: Number(row.done),
      reviewed: Number(row.reviewed),
      outdated: Number(row.outdated),
      unreviewed: Number(row.unreviewed),
      pending: pendingOf.get(row.id) ?? 0,
      updatedAt: row.updated_at,
      outdatedAt: row.outdated_at,
    }));
  }

  async facets(postIds: readonly string[]): Promise<Map<string, PostFacets>> {
    const out = new Map<string, PostFacets>();
    const of = (postId: string) => {
      let facets = out.get(postId);
      if (!facets) {
        facets = { organizations: [], tags: [], authors: [] };
        out.set(postId, facets);
      }
      return facets;
    };
    for (const ids of chunks([...new Set(postIds)])) {
      const [organizations, tags, authors] = await Promise.all([
        this.db
          .selectFrom('post_organizations')
          .select(['post_id', 'organization_id as value'])
          .where('post_id', 'in', ids)
          .execute(),
        this.db
          .selectFrom('post_terms as pt')
          .innerJoin('taxonomy_terms as tt', 'tt.id', 'pt.term_id')
          .select(['pt.post_id', 'pt.term_id as value'])
          .where('tt.kind', '=', 'tag')
          .where('pt.post_id', 'in', ids)
          .execute(),
        this.db
          .selectFrom('post_authors')
          .select(['post_id', 'user_id as value'])
          .where('post_id', 'in', ids)
          .execute(),
      ]);
      for (const row of organizations) of(row.post_id).organizations.push(row.value);
      for (const row of tags) of(row.post_id).tags.push(row.value);
      for (const row of authors) of(row.post_id).authors.push(row.value);
    }
    return out;
  }
}
