/**
 * The whole site for `polyphony export`, read inside one snapshot (REPEATABLE READ on
 * PostgreSQL; a read transaction on SQLite, whose WAL keeps the state of its first read while
 * the site writes). Lists are paged by id (keyset), so no table is in memory at once.
 * Secrets are never selected: no password hash, session, token or sign-in secret.
 */
import { SqliteAdapter } from 'kysely';
import type { Kysely, Selectable } from 'kysely';
import type { Database, PostsTable } from '../schema.js';
import { POST_KINDS } from '../../domain/post-kind.js';
import { storedValue } from './stored-value.js';
import type {
  ExportMedia,
  ExportPost,
  ExportRedirect,
  ExportUser,
  SiteExportRepository,
  SiteExportSnapshot,
} from '../../services/ports/site-export.repository.js';

const USER_PAGE = 500;
const MEDIA_PAGE = 500;
const REDIRECT_PAGE = 1000;
const POST_PAGE = 20;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

export class KyselySiteExportRepository implements SiteExportRepository {
  constructor(private readonly db: Kysely<Database>) {}

  snapshot<T>(work: (snapshot: SiteExportSnapshot) => Promise<T>): Promise<T> {
    const sqlite = this.db.getExecutor().adapter instanceof SqliteAdapter;
    const transaction = sqlite
      ? this.db.transaction()
      : this.db.transaction().setIsolationLevel('repeatable read');
    return transaction.execute((trx) => work(snapshotOver(trx)));
  }
}

function snapshotOver(db: Kysely<Database>): SiteExportSnapshot {
  return {
    async site() {
      const settings = await db.selectFrom('site_settings').selectAll().orderBy('key').execute();
      const languages = await db
        .selectFrom('site_languages')
        .selectAll()
        .orderBy('position')
        .orderBy('tag')
        .execute();
      return {
        settings: Object.fromEntries(settings.map((s) => [s.key, parseJson(s.value)])),
        languages: languages.map((l) => ({
          tag: l.tag,
          position: l.position,
          direction: l.direction,
          fallback: l.fallback === '' ? [] : l.fallback.split(','),
          reading: l.reading === 1,
          translating: l.translating === 1,
        })),
      };
    },

    async *users() {
      let after = '';
      for (;;) {
        const rows = await db
          .selectFrom('users')
          .select([
            'id',
            'username',
            'display_name',
            'email',
            'bio',
            'time_zone',
            'avatar_media_id',
            'interface_language',
            'created_at',
            'suspended_at',
          ])
          .where('id', '>', after)
          .orderBy('id')
          .limit(USER_PAGE)
          .execute();
        if (rows.length === 0) return;
        const roles = await db
          .selectFrom('user_roles')
          .select(['user_id', 'role'])
          .where(
            'user_id',
            'in',
            rows.map((r) => r.id),
          )
          .orderBy('user_id')
          .orderBy('role')
          .execute();
        const page: ExportUser[] = rows.map((r) => ({
          id: r.id,
          username: r.username,
          displayName: r.display_name,
          email: r.email,
          bio: r.bio,
          timeZone: r.time_zone,
          avatarMediaId: r.avatar_media_id,
          interfaceLanguage: r.interface_language,
          roles: roles.filter((role) => role.user_id === r.id).map((role) => role.role),
          createdAt: r.created_at,
          suspendedAt: r.suspended_at,
        }));
        yield page;
        after = rows[rows.length - 1]!.id;
      }
    },

    async organizations() {
      const rows = await db.selectFrom('organizations').selectAll().orderBy('id').execute();
      const members = await db
        .selectFrom('organization_members')
        .selectAll()
        .orderBy('organization_id')
        .orderBy('user_id')
        .execute();
      return rows.map((o) => ({
        id: o.id,
        slug: o.slug,
        name: o.name,
        kind: o.kind,
        country: o.country,
        website: o.website,
        description: o.description,
        logoMediaId: o.logo_media_id,
        createdAt: o.created_at,
        members: members
          .filter((m) => m.organization_id === o.id)
          .map((m) => ({ userId: m.user_id, role: m.role })),
      }));
    },

    async terms() {
      const rows = await db.selectFrom('taxonomy_terms').selectAll().orderBy('id').execute();
      return rows.map((t) => ({
        id: t.id,
        kind: t.kind,
        slug: t.slug,
        name: t.name,
        description: t.description,
        parentId: t.parent_id,
      }));
    },

    async events() {
      const rows = await db.selectFrom('events').selectAll().orderBy('id').execute();
      return rows.map((e) => ({
        id: e.id,
        slug: e.slug,
        name: e.name,
        startsOn: e.starts_on,
        endsOn: e.ends_on,
        location: e.location,
        url: e.url,
        description: e.description,
      }));
    },

    async *media() {
      let after = '';
      for (;;) {
        const rows = await db
          .selectFrom('media')
          .selectAll()
          .where('id', '>', after)
          .orderBy('id')
          .limit(MEDIA_PAGE)
          .execute();
        if (rows.length === 0) return;
        yield rows.map((m): ExportMedia => ({
          id: m.id,
          kind: m.kind,
          mime: m.mime,
          filename: m.filename,
          size: m.size,
          width: m.width,
          height: m.height,
          storageKey: m.storage_key,
          variants: variantsOf(m.variants),
          alt: m.alt,
          uploadedBy: m.uploaded_by,
          createdAt: m.created_at,
        }));
        after = rows[rows.length - 1]!.id;
      }
    },

    async *redirects() {
      let after: string | null = null;
      for (;;) {
        let query = db.selectFrom('redirects').selectAll().orderBy('path').limit(REDIRECT_PAGE);
        if (after !== null) query = query.where('path', '>', after);
        const rows = await query.execute();
        if (rows.length === 0) return;
        yield rows.map((r): ExportRedirect => ({
          path: r.path,
          target: r.target,
          source: r.source,
          createdAt: r.created_at,
        }));
        after = rows[rows.length - 1]!.path;
      }
    },

    async *posts() {
      let after = '';
      for (;;) {
        const rows = await db
          .selectFrom('posts')
          .selectAll()
          .where('id', '>', after)
          .orderBy('id')
          .limit(POST_PAGE)
          .execute();
        if (rows.length === 0) return;
        const page: ExportPost[] = [];
        for (const row of rows) page.push(await readPost(db, row));
        yield page;
        after = rows[rows.length - 1]!.id;
      }
    },
  };
}

function variantsOf(text: string): ExportMedia['variants'] {
  const parsed = parseJson(text);
  if (!Array.isArray(parsed)) return [];
  return parsed
    .map(record)
    .filter((v) => typeof v.storageKey === 'string')
    .map((v) => ({ ...v, storageKey: v.storageKey as string }));
}

async function readPost(db: Kysely<Database>, post: Selectable<PostsTable>): Promise<ExportPost> {
  const revisions = await db
    .selectFrom('post_revisions')
    .select([
      'number',
      'title',
      'excerpt',
      'body_markdown',
      'featured_media_id',
      'featured_alt',
      'metadata',
      'saved_by',
      'restored_from',
      'created_at',
    ])
    .where('post_id', '=', post.id)
    .orderBy('number')
    .execute();
  const latest = await db
    .selectFrom('post_units')
    .select((eb) => eb.fn.max('revision').as('revision'))
    .where('post_id', '=', post.id)
    .executeTakeFirst();
  const unitRevision =
    latest?.revision === null || latest?.revision === undefined ? null : Number(latest.revision);
  const units =
    unitRevision === null
      ? []
      : await db
          .selectFrom('post_units')
          .select(['unit_id', 'position', 'path', 'kind', 'source'])
          .where('post_id', '=', post.id)
          .where('revision', '=', unitRevision)
          .orderBy('position')
          .execute();
  const unitBody =
    unitRevision === null
      ? undefined
      : await db
          .selectFrom('post_revisions')
          .select('body_doc')
          .where('post_id', '=', post.id)
          .where('number', '=', unitRevision)
          .executeTakeFirst();
  const translations = await db
    .selectFrom('translations')
    .selectAll()
    .where('post_id', '=', post.id)
    .orderBy('language')
    .execute();
  const ids = translations.map((t) => t.id);
  const targets =
    ids.length === 0
      ? []
      : await db
          .selectFrom('targets')
          .selectAll()
          .where('translation_id', 'in', ids)
          .orderBy('translation_id')
          .orderBy('unit_id')
          .execute();
  const history =
    ids.length === 0
      ? []
      : await db
          .selectFrom('target_history')
          .selectAll()
          .where('translation_id', 'in', ids)
          .orderBy('translation_id')
          .orderBy('unit_id')
          .orderBy('version')
          .orderBy('created_at')
          .orderBy('id')
          .execute();
  const references = await db
    .selectFrom('translation_references')
    .selectAll()
    .where('post_id', '=', post.id)
    .orderBy('language')
    .execute();
  const comments = await db
    .selectFrom('comments')
    .selectAll()
    .where('post_id', '=', post.id)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return {
    id: post.id,
    sourceLanguage: post.source_language,
    slug: post.slug,
    status: post.status,
    sticky: Number(post.sticky) === 1,
    kind: storedValue(POST_KINDS, post.kind, 'posts.kind'),
    currentRevision: post.current_revision,
    publishedRevision: post.published_revision,
    publishedAt: post.published_at,
    scheduledAt: post.scheduled_at,
    createdBy: post.created_by,
    createdAt: post.created_at,
    updatedAt: post.updated_at,
    revisions: revisions.map((r) => ({
      number: r.number,
      title: r.title,
      excerpt: r.excerpt,
      bodyMarkdown: r.body_markdown,
      featuredMediaId: r.featured_media_id,
      featuredAlt: r.featured_alt,
      metadata: record(parseJson(r.metadata)),
      savedBy: r.saved_by,
      restoredFrom: r.restored_from,
      createdAt: r.created_at,
    })),
    unitRevision,
    units: units.map((u) => ({
      unitId: u.unit_id,
      position: u.position,
      path: u.path,
      kind: u.kind,
      source: u.source,
    })),
    unitBodyDoc: unitBody?.body_doc ?? null,
    translations: translations.map((t) => ({
      id: t.id,
      language: t.language,
      slug: t.slug,
      status: t.status,
      publishedAt: t.published_at,
      createdBy: t.created_by,
      createdAt: t.created_at,
      updatedAt: t.updated_at,
      targets: targets
        .filter((x) => x.translation_id === t.id)
        .map((x) => ({
          unitId: x.unit_id,
          text: x.text,
          state: x.state,
          version: x.version,
          provenance: x.provenance,
          baseRevision: x.base_revision,
          baseSource: x.base_source,
          translatedBy: x.translated_by,
          reviewedBy: x.reviewed_by,
          updatedAt: x.updated_at,
        })),
      history: history
        .filter((h) => h.translation_id === t.id)
        .map((h) => ({
          unitId: h.unit_id,
          version: h.version,
          action: h.action,
          text: h.text,
          state: h.state,
          provenance: h.provenance,
          baseRevision: h.base_revision,
          comment: h.comment,
          userId: h.user_id,
          createdAt: h.created_at,
        })),
    })),
    references: references.map((r) => ({
      language: r.language,
      source: r.source,
      title: r.title,
      bodyMarkdown: r.body_markdown,
      unaligned: r.unaligned,
      createdAt: r.created_at,
    })),
    comments: comments.map((c) => ({
      id: c.id,
      language: c.language,
      parentId: c.parent_id,
      authorId: c.author_id,
      body: c.body,
      status: c.status,
      createdAt: c.created_at,
      editedAt: c.edited_at,
      deletedAt: c.deleted_at,
    })),
  };
}
