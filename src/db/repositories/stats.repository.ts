/**
 * The statistics page's figures and their summary tables (0026): plain SQL that runs the same
 * on SQLite and PostgreSQL (window functions, `substr` on ISO-8601 text instants, UNION).
 * Rebuilds work on chunks of 500 ids (delete, then INSERT … SELECT); reads are one statement
 * each (the posts page a short batch), none loops per post. Counts come back as numbers on
 * SQLite and as numeric strings on PostgreSQL; `count` reads both.
 */
import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import { targetChangingActions } from '../../domain/targets.js';
import type {
  DoneDeltaOfMonth,
  PostStatsRow,
  PostTranslationProgress,
  PublishedCount,
  PublishedUnitsOfMonth,
  StaleSummaries,
  StatsRepository,
  TranslationCategoryCounts,
  VolunteerMonth,
} from '../../services/ports/stats.repository.js';
import type { Database } from '../schema.js';

function count(value: unknown): number {
  const n = Number(value ?? 0);
  return Number.isFinite(n) ? n : 0;
}

const changing = sql.join(targetChangingActions.map((a) => sql.lit(a)));
const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

const list = (ids: readonly string[]) => sql.join(ids.map((id) => sql`${id}`));

export class KyselyStatsRepository implements StatsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async watermark(): Promise<string | null> {
    const row = await this.db
      .selectFrom('stats_refresh')
      .select('watermark')
      .where('id', '=', 'site')
      .executeTakeFirst();
    return row?.watermark ?? null;
  }

  async setWatermark(at: string): Promise<void> {
    await this.db
      .insertInto('stats_refresh')
      .values({ id: 'site', watermark: at })
      .onConflict((oc) => oc.column('id').doUpdateSet({ watermark: at }))
      .execute();
  }

  async staleSince(since: string | null): Promise<StaleSummaries> {
    if (since === null) return { all: true, posts: [], translations: [] };
    // Three index range scans, merged here: as one UNION, SQLite merges full index scans.
    const [posts, history, own, ofPosts] = await Promise.all([
      this.db.selectFrom('posts').select('id').where('updated_at', '>', since).execute(),
      this.db
        .selectFrom('target_history')
        .select('translation_id as id')
        .where('created_at', '>', since)
        .execute(),
      this.db.selectFrom('translations').select('id').where('updated_at', '>', since).execute(),
      this.db
        .selectFrom('translations')
        .select('id')
        .where('post_id', 'in', (eb) =>
          eb.selectFrom('posts').select('id').where('updated_at', '>', since),
        )
        .execute(),
    ]);
    return {
      all: false,
      posts: posts.map((r) => r.id),
      translations: [...new Set([...history, ...own, ...ofPosts].map((r) => r.id))],
    };
  }

  async rebuildPosts(postIds: readonly string[] | 'all'): Promise<void> {
    const insert = (filter: RawBuilder<unknown>) => sql`
      INSERT INTO stats_posts (post_id, revision, units)
      SELECT u.post_id, u.revision, COUNT(*)
      FROM post_units u
      JOIN (
        SELECT post_id, MAX(revision) AS revision FROM post_units
        WHERE 1 = 1 ${filter} GROUP BY post_id
      ) l ON l.post_id = u.post_id AND l.revision = u.revision
      GROUP BY u.post_id, u.revision
    `;
    if (postIds === 'all') {
      await this.db.deleteFrom('stats_posts').execute();
      await insert(sql``).execute(this.db);
      return;
    }
    for (const ids of chunks(postIds)) {
      await this.db.deleteFrom('stats_posts').where('post_id', 'in', ids).execute();
      await insert(sql`AND post_id IN (${list(ids)})`).execute(this.db);
    }
  }

  async rebuildTranslations(translationIds: readonly string[] | 'all'): Promise<void> {
    const complete = sql`tr.status = 'published' AND COALESCE(sp.units, 0) > 0
      AND SUM(CASE WHEN u.unit_id IS NOT NULL AND tg.state IN ('translated', 'reviewed')
        THEN 1 ELSE 0 END) = COALESCE(sp.units, 0)`;
    const outdated = sql`SUM(CASE WHEN u.unit_id IS NOT NULL AND tg.state = 'outdated'
      THEN 1 ELSE 0 END)`;
    const eligible = sql`CASE WHEN p.status = 'published' AND p.source_language <> tr.language
      THEN 1 ELSE 0 END`;
    const summaries = (filter: RawBuilder<unknown>) => sql`
      INSERT INTO stats_translations
        (translation_id, post_id, language, status, units, done, outdated, category, eligible)
      SELECT tr.id, tr.post_id, tr.language, tr.status, COALESCE(sp.units, 0),
        SUM(CASE WHEN u.unit_id IS NOT NULL AND tg.state IN ('translated', 'reviewed')
          THEN 1 ELSE 0 END),
        ${outdated},
        CASE WHEN ${outdated} > 0 THEN 'outdated' WHEN ${complete} THEN 'translated'
          ELSE 'in_progress' END,
        ${eligible}
      FROM translations tr
      JOIN posts p ON p.id = tr.post_id
      LEFT JOIN stats_posts sp ON sp.post_id = tr.post_id
      LEFT JOIN targets tg ON tg.translation_id = tr.id
      LEFT JOIN post_units u ON u.post_id = tr.post_id AND u.revision = sp.revision
        AND u.unit_id = tg.unit_id
      WHERE 1 = 1 ${filter}
      GROUP BY tr.id, tr.post_id, tr.language, tr.status, sp.units, p.status, p.source_language
    `;
    const months = (filter: RawBuilder<unknown>) => sql`
      INSERT INTO stats_translation_months
        (translation_id, post_id, language, month, delta, eligible)
      SELECT translation_id, post_id, language, month, SUM(done - was_done), eligible
      FROM (
        SELECT h.translation_id, tr.post_id, tr.language, ${eligible} AS eligible,
          substr(h.created_at, 1, 7) AS month,
          CASE WHEN h.state IN ('translated', 'reviewed') THEN 1 ELSE 0 END AS done,
          LAG(CASE WHEN h.state IN ('translated', 'reviewed') THEN 1 ELSE 0 END, 1, 0)
            OVER (PARTITION BY h.translation_id, h.unit_id ORDER BY h.created_at, h.version)
            AS was_done
        FROM target_history h
        JOIN translations tr ON tr.id = h.translation_id
        JOIN posts p ON p.id = tr.post_id
        JOIN stats_posts sp ON sp.post_id = tr.post_id
        JOIN post_units u ON u.post_id = tr.post_id AND u.revision = sp.revision
          AND u.unit_id = h.unit_id
        WHERE h.action IN (${changing}) ${filter}
      ) x
      WHERE done <> was_done
      GROUP BY translation_id, post_id, language, month, eligible
      HAVING SUM(done - was_done) <> 0
    `;
    if (translationIds === 'all') {
      await this.db.deleteFrom('stats_translations').execute();
      await this.db.deleteFrom('stats_translation_months').execute();
      await summaries(sql``).execute(this.db);
      await months(sql``).execute(this.db);
      return;
    }
    for (const ids of chunks(translationIds)) {
      await this.db.deleteFrom('stats_translations').where('translation_id', 'in', ids).execute();
      await this.db
        .deleteFrom('stats_translation_months')
        .where('translation_id', 'in', ids)
        .execute();
      await summaries(sql`AND tr.id IN (${list(ids)})`).execute(this.db);
      await months(sql`AND h.translation_id IN (${list(ids)})`).execute(this.db);
    }
  }

  async publishedBySourceLanguage(): Promise<PublishedCount[]> {
    const rows = await this.db
      .selectFrom('posts')
      .select(['source_language', (eb) => eb.fn.countAll().as('n')])
      .where('status', '=', 'published')
      .groupBy('source_language')
      .execute();
    return rows.map((r) => ({ language: r.source_language, count: count(r.n) }));
  }

  async translationCategories(): Promise<TranslationCategoryCounts[]> {
    const rows = await this.db
      .selectFrom('stats_translations')
      .select([
        'language',
        'category',
        (eb) => eb.fn.countAll().as('n'),
        (eb) => eb.fn.sum('done').as('done'),
      ])
      .where('eligible', '=', 1)
      .groupBy(['language', 'category'])
      .execute();
    const byLanguage = new Map<string, TranslationCategoryCounts>();
    for (const r of rows) {
      const entry = byLanguage.get(r.language) ?? {
        language: r.language,
        translated: 0,
        inProgress: 0,
        outdated: 0,
        doneUnits: 0,
      };
      if (r.category === 'translated') entry.translated += count(r.n);
      else if (r.category === 'outdated') entry.outdated += count(r.n);
      else entry.inProgress += count(r.n);
      entry.doneUnits += count(r.done);
      byLanguage.set(r.language, entry);
    }
    return [...byLanguage.values()];
  }

  async publishedUnitsByMonth(): Promise<PublishedUnitsOfMonth[]> {
    const { rows } = await sql<Record<string, unknown>>`
      SELECT substr(p.published_at, 1, 7) AS month, p.source_language,
        COUNT(*) AS posts, SUM(COALESCE(sp.units, 0)) AS units
      FROM posts p LEFT JOIN stats_posts sp ON sp.post_id = p.id
      WHERE p.status = 'published' AND p.published_at IS NOT NULL
      GROUP BY substr(p.published_at, 1, 7), p.source_language
      ORDER BY month
    `.execute(this.db);
    return rows.map((r) => ({
      month: String(r.month),
      sourceLanguage: String(r.source_language),
      posts: count(r.posts),
      units: count(r.units),
    }));
  }

  async doneDeltasByMonth(): Promise<DoneDeltaOfMonth[]> {
    const rows = await this.db
      .selectFrom('stats_translation_months')
      .select(['language', 'month', (eb) => eb.fn.sum('delta').as('delta')])
      .where('eligible', '=', 1)
      .groupBy(['language', 'month'])
      .orderBy('month')
      .execute();
    return rows.map((r) => ({ language: r.language, month: r.month, delta: count(r.delta) }));
  }

  async postsPage(
    limit: number,
    offset: number,
  ): Promise<{ total: number; posts: PostStatsRow[] }> {
    const [totalRow, page] = await Promise.all([
      this.db
        .selectFrom('posts')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('status', '=', 'published')
        .executeTakeFirst(),
      this.db
        .selectFrom('posts as p')
        .innerJoin('post_revisions as r', (j) =>
          j.onRef('r.post_id', '=', 'p.id').onRef('r.number', '=', 'p.published_revision'),
        )
        .leftJoin('stats_posts as sp', 'sp.post_id', 'p.id')
        .select(['p.id', 'p.slug', 'p.source_language', 'p.published_at', 'r.title', 'sp.units'])
        .where('p.status', '=', 'published')
        .orderBy('p.published_at', 'desc')
        .orderBy('p.id')
        .limit(limit)
        .offset(offset)
        .execute(),
    ]);
    const ids = page.map((p) => p.id);
    const translations =
      ids.length === 0
        ? []
        : await this.db
            .selectFrom('stats_translations')
            .select(['post_id', 'language', 'status', 'done', 'outdated'])
            .where('post_id', 'in', ids)
            .orderBy('language')
            .execute();
    const byPost = new Map<string, PostTranslationProgress[]>();
    for (const r of translations) {
      const list = byPost.get(r.post_id) ?? [];
      list.push({
        language: r.language,
        status: r.status,
        done: count(r.done),
        outdated: count(r.outdated),
      });
      byPost.set(r.post_id, list);
    }
    return {
      total: count(totalRow?.n),
      posts: page.map((p) => ({
        postId: p.id,
        slug: p.slug,
        title: p.title,
        sourceLanguage: p.source_language,
        publishedAt: p.published_at ?? '',
        units: count(p.units),
        translations: byPost.get(p.id) ?? [],
      })),
    };
  }

  async volunteerMonths(userId: string): Promise<VolunteerMonth[]> {
    const { rows } = await sql<Record<string, unknown>>`
      SELECT substr(h.created_at, 1, 7) AS month, tr.language,
        COUNT(DISTINCT CASE
          WHEN (h.action = 'save' AND h.state IN ('translated', 'reviewed'))
            OR h.action = 'propose'
          THEN h.translation_id || ':' || h.unit_id END) AS translated,
        COUNT(DISTINCT CASE WHEN h.action IN ('review', 'accept')
          THEN h.translation_id || ':' || h.unit_id END) AS reviewed
      FROM target_history h
      JOIN translations tr ON tr.id = h.translation_id
      WHERE h.user_id = ${userId} AND h.action IN ('save', 'propose', 'review', 'accept')
      GROUP BY substr(h.created_at, 1, 7), tr.language
      ORDER BY month, tr.language
    `.execute(this.db);
    return rows
      .map((r) => ({
        month: String(r.month),
        language: String(r.language),
        translated: count(r.translated),
        reviewed: count(r.reviewed),
      }))
      .filter((r) => r.translated > 0 || r.reviewed > 0);
  }
}
