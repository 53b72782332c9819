// The site of bench/digests.ts, built with bulk INSERTs from a fixed seed (seconds, not the
// minutes the services would take): posts in 10 languages with authors, organizations, tags
// and a category, some revised once (a unit added), some drafts; for each other language a
// post is untranslated, fully reviewed, translated but not reviewed, in progress, outdated, or
// reviewed with proposals waiting; then the digest subscribers (languages, daily or weekly,
// reviewers, filters, opt-outs) and some who are not due (off, sent recently, suspended).
// Returns what was inserted, so bench/digests.ts can work out every digest on its own.
import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.js';
import { insertAll, prng } from './bulk.js';
import { STATS_LANGUAGES } from './stats-site.js';

export const DIGEST_LANGUAGES = STATS_LANGUAGES;
/** Interface languages with a `digest` catalog, and null (the site default). */
const MAIL_LANGUAGES = [null, 'en', 'es', 'ar', 'sw', 'fr', 'de', 'sr-Cyrl'] as const;
const UNITS = 8;
const AUTHORS = 40;
/** The last authors have written nothing: a filter on them empties a digest. */
const SILENT_AUTHORS = 2;
const ORGANIZATIONS = 12;
const TAGS = 60;
const CATEGORIES = 8;
const DAY_MS = 86_400_000;
/** Posts are published over the year before the bench's clock. */
const SPAN_MS = 365 * DAY_MS;

export type FilterKind = 'organization' | 'tag' | 'author';

export interface SitePost {
  id: string;
  source: string;
  published: boolean;
  /** Unique per post (the digests order by it; ids never break a tie). */
  publishedAt: string;
  /** Title of the published revision. */
  title: string;
  /** Units of the latest revision. */
  units: number;
  organizations: string[];
  tags: string[];
  authors: string[];
}

/** One translation as inserted, counted over the units of the post's latest revision. */
export interface SiteTranslation {
  id: string;
  postId: string;
  language: string;
  total: number;
  /** Units translated or reviewed. */
  done: number;
  outdated: number;
  /** Units translated, not reviewed. */
  unreviewed: number;
  /** Proposals waiting for a decision. */
  pending: number;
}

export interface SiteSubscriber {
  id: string;
  email: string;
  frequency: 'daily' | 'weekly' | 'off';
  lastSentAt: string | null;
  /** Sorted (the order the digest lists them in). */
  languages: string[];
  filters: { kind: FilterKind; value: string }[];
  roles: ('reader' | 'translator' | 'reviewer' | 'editor' | 'admin')[];
  reviewLanguages: string[];
  optedOut: boolean;
  suspended: boolean;
  interfaceLanguage: string | null;
}

export interface DigestSite {
  posts: SitePost[];
  /** By `${postId} ${language}`. */
  translations: Map<string, SiteTranslation>;
  subscribers: SiteSubscriber[];
  rows: { targets: number; candidates: number; units: number };
}

/** `count` distinct items of `list`, in a random order. */
function pick<T>(random: () => number, list: readonly T[], count: number): T[] {
  const pool = [...list];
  const out: T[] = [];
  while (out.length < count && pool.length > 0)
    out.push(...pool.splice(Math.floor(random() * pool.length), 1));
  return out;
}

const pad = (n: number, width = 4) => String(n).padStart(width, '0');

/**
 * Builds the site on `db` as it stands at `now`: `posts` posts and `due` subscribers due at
 * `now` (plus a tenth as many who are not).
 */
export async function buildDigestSite(
  db: Kysely<Database>,
  options: { posts: number; due: number; now: Date },
): Promise<DigestSite> {
  const random = prng(20261202);
  const now = options.now.getTime();
  const iso = (t: number) => new Date(t).toISOString();
  const created = iso(now - SPAN_MS - DAY_MS);

  const authorIds = Array.from({ length: AUTHORS }, (_, i) => `bench-author-${pad(i, 2)}`);
  const writing = authorIds.slice(0, AUTHORS - SILENT_AUTHORS);
  const organizationIds = Array.from({ length: ORGANIZATIONS }, (_, i) => `bench-org-${pad(i, 2)}`);
  const tagIds = Array.from({ length: TAGS }, (_, i) => `bench-tag-${pad(i, 2)}`);
  const categoryIds = Array.from({ length: CATEGORIES }, (_, i) => `bench-category-${i}`);
  const user = (id: string, interfaceLanguage: string | null, suspended = false) => ({
    id,
    username: id,
    username_key: id,
    username_skeleton: id,
    display_name: `Bench ${id}`,
    email: `${id}@bench.example.org`,
    password_hash: null,
    time_zone: 'UTC',
    bio: '',
    avatar_media_id: null,
    created_at: created,
    suspended_at: suspended ? created : null,
    suspended_by: null,
    interface_language: interfaceLanguage,
  });
  await db.transaction().execute(async (trx) => {
    await insertAll(
      trx,
      'users',
      authorIds.map((id) => user(id, null)),
    );
    await insertAll(
      trx,
      'user_roles',
      authorIds.map((id) => ({ user_id: id, role: 'author' })),
    );
    await insertAll(
      trx,
      'organizations',
      organizationIds.map((id) => ({
        id,
        slug: id,
        name: `Organization ${id}`,
        kind: 'chapter',
        country: null,
        website: null,
        description: '',
        created_at: created,
      })),
    );
    await insertAll(trx, 'taxonomy_terms', [
      ...tagIds.map((id) => ({ id, kind: 'tag', slug: id, name: `Tag ${id}` })),
      ...categoryIds.map((id) => ({ id, kind: 'category', slug: id, name: `Category ${id}` })),
    ]);
  });

  const site: DigestSite = {
    posts: [],
    translations: new Map(),
    subscribers: [],
    rows: { targets: 0, candidates: 0, units: 0 },
  };
  const pending = {
    posts: [] as Insertable<Database['posts']>[],
    revisions: [] as Insertable<Database['post_revisions']>[],
    units: [] as Insertable<Database['post_units']>[],
    authors: [] as Insertable<Database['post_authors']>[],
    organizations: [] as Insertable<Database['post_organizations']>[],
    terms: [] as Insertable<Database['post_terms']>[],
    translations: [] as Insertable<Database['translations']>[],
    targets: [] as Insertable<Database['targets']>[],
    candidates: [] as Insertable<Database['target_candidates']>[],
  };
  const flush = async () => {
    await db.transaction().execute(async (trx) => {
      await insertAll(trx, 'posts', pending.posts.splice(0));
      await insertAll(trx, 'post_revisions', pending.revisions.splice(0));
      await insertAll(trx, 'post_units', pending.units.splice(0));
      await insertAll(trx, 'post_authors', pending.authors.splice(0));
      await insertAll(trx, 'post_organizations', pending.organizations.splice(0));
      await insertAll(trx, 'post_terms', pending.terms.splice(0));
      await insertAll(trx, 'translations', pending.translations.splice(0));
      await insertAll(trx, 'targets', pending.targets.splice(0));
      await insertAll(trx, 'target_candidates', pending.candidates.splice(0));
    });
  };

  const slot = Math.floor(SPAN_MS / options.posts);
  let candidateId = 0;
  for (let p = 0; p < options.posts; p++) {
    const id = `bench-post-${pad(p, 5)}`;
    // A third in English, the rest spread over the other languages.
    const source =
      random() < 0.3
        ? 'en'
        : (DIGEST_LANGUAGES[1 + Math.floor(random() * (DIGEST_LANGUAGES.length - 1))] ?? 'es');
    // Newest first, one slot apart: unique instants.
    const publishedAt = iso(now - 30 * 60_000 - p * slot - Math.floor(random() * (slot / 2)));
    const published = random() >= 0.04;
    const revisions = random() < 0.2 ? 2 : 1;
    const units = revisions === 2 ? UNITS + 1 : UNITS;
    const title = revisions === 2 ? `Post ${p}, revised` : `Post ${p}`;
    const post: SitePost = {
      id,
      source,
      published,
      publishedAt,
      title,
      units,
      authors: pick(random, writing, 1 + Math.floor(random() * 2)),
      organizations: pick(random, organizationIds, Math.floor(random() * 3)),
      tags: pick(random, tagIds, 1 + Math.floor(random() * 3)),
    };
    site.posts.push(post);
    pending.posts.push({
      id,
      source_language: source,
      slug: `post-${p}`,
      status: published ? 'published' : 'draft',
      current_revision: revisions,
      published_revision: published ? revisions : null,
      published_at: published ? publishedAt : null,
      scheduled_at: null,
      created_by: post.authors[0] ?? null,
      created_at: publishedAt,
      updated_at: publishedAt,
    });
    for (let r = 1; r <= revisions; r++) {
      pending.revisions.push({
        post_id: id,
        number: r,
        title: r === 2 ? `Post ${p}, revised` : `Post ${p}`,
        excerpt: '',
        body_markdown: '',
        body_doc: '{"type":"root","children":[]}',
        featured_media_id: null,
        featured_alt: '',
        metadata: '{}',
        saved_by: null,
        restored_from: null,
        created_at: publishedAt,
      });
      const count = r === 2 ? UNITS + 1 : UNITS;
      for (let u = 0; u < count; u++)
        pending.units.push({
          post_id: id,
          revision: r,
          unit_id: `u${u}`,
          position: u,
          path: `/${u}`,
          kind: u === 0 ? 'title' : 'paragraph',
          source: `Unit ${u} of post ${p}, revision ${r}.`,
          codes: '[]',
        });
      site.rows.units += count;
    }
    post.authors.forEach((user_id, position) =>
      pending.authors.push({ post_id: id, user_id, position }),
    );
    post.organizations.forEach((organization_id, position) =>
      pending.organizations.push({ post_id: id, organization_id, position }),
    );
    for (const term_id of [...post.tags, categoryIds[p % CATEGORIES] ?? 'bench-category-0'])
      pending.terms.push({ post_id: id, term_id });

    for (const language of DIGEST_LANGUAGES) {
      if (language === source) continue;
      const roll = random();
      if (roll < 0.35) continue; // no translation into it at all
      const translationId = `${id}-${language}`;
      const startedAt =
        Date.parse(publishedAt) + Math.floor(random() * (now - Date.parse(publishedAt)));
      // One state per unit of the latest revision; null: no target row.
      let states: (string | null)[];
      let candidates = 0;
      if (roll < 0.65) states = Array<string>(units).fill('reviewed');
      else if (roll < 0.73)
        states = Array.from({ length: units }, (_, u) =>
          u === 0 || random() < 0.5 ? 'translated' : 'reviewed',
        );
      else if (roll < 0.83) {
        const done = Math.floor(random() * units);
        states = Array.from({ length: units }, (_, u) =>
          u < done ? (random() < 0.5 ? 'translated' : 'reviewed') : random() < 0.5 ? 'draft' : null,
        );
      } else if (roll < 0.93) {
        const outdated = 1 + Math.floor(random() * 3);
        states = Array.from({ length: units }, (_, u) =>
          u >= 1 && u <= outdated ? 'outdated' : 'reviewed',
        );
      } else {
        states = Array<string>(units).fill('reviewed');
        candidates = 1 + Math.floor(random() * 2);
      }
      const inProgress = states.some(
        (s) => s !== 'reviewed' && s !== 'translated' && s !== 'outdated',
      );
      pending.translations.push({
        id: translationId,
        post_id: id,
        language,
        slug: `post-${p}-${language}`,
        status: inProgress ? 'in_progress' : 'published',
        published_at: inProgress ? null : iso(startedAt),
        created_by: null,
        created_at: iso(startedAt),
        updated_at: iso(startedAt),
      });
      states.forEach((state, u) => {
        if (state === null) return;
        pending.targets.push({
          translation_id: translationId,
          unit_id: `u${u}`,
          text: `${language} ${u}`,
          state,
          previous_state: state === 'outdated' ? 'reviewed' : null,
          base_source: null,
          base_revision: 1,
          version: state === 'outdated' ? 2 : 1,
          provenance: 'human',
          translated_by: null,
          reviewed_by: null,
          updated_at: iso(startedAt + u * 60_000),
          origin_text: null,
          origin_engine: null,
          origin_score: null,
        });
        site.rows.targets++;
      });
      for (let c = 0; c < candidates; c++) {
        pending.candidates.push({
          id: `bench-candidate-${candidateId++}`,
          translation_id: translationId,
          unit_id: `u${1 + c}`,
          text: `${language} proposal ${c}`,
          text_hash: `bench-hash-${candidateId}`,
          status: 'pending',
          provenance: 'human',
          base_source: `Unit ${1 + c} of post ${p}.`,
          base_revision: revisions,
          based_on_version: 1,
          author_id: null,
          created_at: iso(startedAt),
          decided_by: null,
          decided_at: null,
          comment: null,
          origin_text: null,
          origin_engine: null,
          origin_score: null,
        });
        site.rows.candidates++;
      }
      site.translations.set(`${id} ${language}`, {
        id: translationId,
        postId: id,
        language,
        total: units,
        done: states.filter((s) => s === 'translated' || s === 'reviewed').length,
        outdated: states.filter((s) => s === 'outdated').length,
        unreviewed: states.filter((s) => s === 'translated').length,
        pending: candidates,
      });
    }
    if (pending.posts.length >= 200) await flush();
  }
  await flush();

  site.subscribers = subscribers(random, options.due, now, {
    organizationIds,
    tagIds,
    authorIds: writing,
    silentAuthorIds: authorIds.slice(AUTHORS - SILENT_AUTHORS),
  });
  await db.transaction().execute(async (trx) => {
    const list = site.subscribers;
    await insertAll(
      trx,
      'users',
      list.map((s) => user(s.id, s.interfaceLanguage, s.suspended)),
    );
    await insertAll(
      trx,
      'user_roles',
      list.flatMap((s) => s.roles.map((role) => ({ user_id: s.id, role }))),
    );
    await insertAll(
      trx,
      'user_translate_languages',
      list.flatMap((s) => s.languages.map((language) => ({ user_id: s.id, language }))),
    );
    await insertAll(
      trx,
      'user_review_languages',
      list.flatMap((s) => s.reviewLanguages.map((language) => ({ user_id: s.id, language }))),
    );
    await insertAll(
      trx,
      'digest_subscriptions',
      list.map((s) => ({
        user_id: s.id,
        frequency: s.frequency,
        last_sent_at: s.lastSentAt,
        created_at: created,
        updated_at: created,
      })),
    );
    await insertAll(
      trx,
      'digest_filters',
      list.flatMap((s) => s.filters.map((f) => ({ user_id: s.id, kind: f.kind, value: f.value }))),
    );
    await insertAll(
      trx,
      'email_opt_outs',
      list
        .filter((s) => s.optedOut)
        .map((s) => ({ user_id: s.id, scope: 'digest', created_at: created })),
    );
  });
  return site;
}

function subscribers(
  random: () => number,
  due: number,
  now: number,
  ids: {
    organizationIds: string[];
    tagIds: string[];
    authorIds: string[];
    silentAuthorIds: string[];
  },
): SiteSubscriber[] {
  const notDue = Math.ceil(due / 10);
  const out: SiteSubscriber[] = [];
  for (let i = 0; i < due + notDue; i++) {
    const id = `bench-sub-${pad(i)}`;
    // Who is not due is spread over the ids (the job pages through them in id order).
    const kind = i % 11 === 10 ? (['off', 'recent', 'suspended'] as const)[i % 3] : 'due';
    const frequency = kind === 'off' ? 'off' : random() < 0.6 ? 'weekly' : 'daily';
    const period = frequency === 'daily' ? DAY_MS : 7 * DAY_MS;
    let lastSentAt: string | null;
    if (kind === 'recent') lastSentAt = new Date(now - period / 3).toISOString();
    else if (random() < 0.3) lastSentAt = null;
    else if (random() < 0.03)
      lastSentAt = new Date(now - period).toISOString(); // just due
    else lastSentAt = new Date(now - period - Math.floor(random() * 3 * DAY_MS)).toISOString();
    const roll = random();
    const roles: SiteSubscriber['roles'] =
      roll < 0.7
        ? ['reader', 'translator']
        : roll < 0.93
          ? ['reader', 'reviewer']
          : roll < 0.99
            ? ['editor']
            : ['admin'];
    const languages = pick(random, DIGEST_LANGUAGES, 1 + Math.floor(random() * 3)).sort();
    const reviewLanguages =
      roles.includes('reviewer') && random() < 0.5
        ? pick(random, DIGEST_LANGUAGES, 1 + Math.floor(random() * 2)).sort()
        : [];
    const filters: SiteSubscriber['filters'] = [];
    const f = random();
    const some = (kind: FilterKind, list: string[], max: number) => {
      for (const value of pick(random, list, 1 + Math.floor(random() * max)))
        filters.push({ kind, value });
    };
    if (f < 0.08) some('organization', ids.organizationIds, 2);
    else if (f < 0.16) some('tag', ids.tagIds, 3);
    else if (f < 0.22) some('author', ids.authorIds, 2);
    else if (f < 0.27) {
      some('organization', ids.organizationIds, 2);
      some('tag', ids.tagIds, 3);
    } else if (f < 0.28) some('author', ids.silentAuthorIds, 1); // an empty digest
    out.push({
      id,
      email: `${id}@bench.example.org`,
      frequency,
      lastSentAt,
      languages,
      filters,
      roles,
      reviewLanguages,
      optedOut: random() < 0.02,
      suspended: kind === 'suspended',
      interfaceLanguage: MAIL_LANGUAGES[Math.floor(random() * MAIL_LANGUAGES.length)] ?? null,
    });
  }
  return out;
}
