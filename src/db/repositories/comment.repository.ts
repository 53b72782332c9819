/** Readers' comments (0025): threads, counts, compare-and-set status changes, the queue. */
import type { Kysely, Selectable } from 'kysely';
import { COMMENT_STATUSES } from '../../domain/comments.js';
import type { CommentStatus } from '../../domain/comments.js';
import type {
  CommentRecord,
  CommentRepository,
  CommentWithAuthor,
} from '../../services/ports/comment.repository.js';
import type { CommentsTable, Database } from '../schema.js';
import { storedValue } from './stored-value.js';

type Row = Selectable<CommentsTable> & {
  author_username: string | null;
  author_display_name: string | null;
};

function toRecord(row: Selectable<CommentsTable>): CommentRecord {
  return {
    id: row.id,
    postId: row.post_id,
    language: row.language,
    parentId: row.parent_id,
    authorId: row.author_id,
    body: row.body,
    status: storedValue(COMMENT_STATUSES, row.status, 'comments.status'),
    createdAt: row.created_at,
    editedAt: row.edited_at,
    deletedAt: row.deleted_at,
    deletedBy: row.deleted_by,
    moderatedBy: row.moderated_by,
    moderatedAt: row.moderated_at,
  };
}

function withAuthor(row: Row): CommentWithAuthor {
  return {
    ...toRecord(row),
    authorUsername: row.author_username,
    authorDisplayName: row.author_display_name,
  };
}

export class KyselyCommentRepository implements CommentRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private withAuthors() {
    return this.db
      .selectFrom('comments')
      .leftJoin('users', 'users.id', 'comments.author_id')
      .selectAll('comments')
      .select(['users.username as author_username', 'users.display_name as author_display_name']);
  }

  async insert(record: CommentRecord): Promise<void> {
    await this.db
      .insertInto('comments')
      .values({
        id: record.id,
        post_id: record.postId,
        language: record.language,
        parent_id: record.parentId,
        author_id: record.authorId,
        body: record.body,
        status: record.status,
        created_at: record.createdAt,
        edited_at: record.editedAt,
        deleted_at: record.deletedAt,
        deleted_by: record.deletedBy,
        moderated_by: record.moderatedBy,
        moderated_at: record.moderatedAt,
      })
      .execute();
  }

  async findById(id: string): Promise<CommentRecord | null> {
    const row = await this.db
      .selectFrom('comments')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async listThread(
    postId: string,
    language: string,
    viewerId: string | null,
    limit: number,
  ): Promise<CommentWithAuthor[]> {
    const rows = await this.withAuthors()
      .where('comments.post_id', '=', postId)
      .where('comments.language', '=', language)
      .where((eb) =>
        viewerId === null
          ? eb('comments.status', '=', 'published')
          : eb.or([
              eb('comments.status', '=', 'published'),
              eb.and([
                eb('comments.status', '=', 'pending'),
                eb('comments.author_id', '=', viewerId),
                eb('comments.deleted_at', 'is', null),
              ]),
            ]),
      )
      .orderBy('comments.created_at')
      .orderBy('comments.id')
      .limit(limit)
      .execute();
    return rows.map(withAuthor);
  }

  async hasPublished(authorId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('comments')
      .select('id')
      .where('author_id', '=', authorId)
      .where('status', '=', 'published')
      .where('deleted_at', 'is', null)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  async countPublished(
    pairs: readonly { postId: string; language: string }[],
  ): Promise<{ postId: string; language: string; count: number }[]> {
    if (pairs.length === 0) return [];
    const postIds = [...new Set(pairs.map((p) => p.postId))];
    const languages = [...new Set(pairs.map((p) => p.language))];
    const rows = await this.db
      .selectFrom('comments')
      .select(['post_id', 'language', (eb) => eb.fn.countAll<string | number>().as('count')])
      .where('post_id', 'in', postIds)
      .where('language', 'in', languages)
      .where('status', '=', 'published')
      .where('deleted_at', 'is', null)
      .groupBy(['post_id', 'language'])
      .execute();
    const wanted = new Set(pairs.map((p) => `${p.postId}\u0000${p.language}`));
    return rows
      .filter((r) => wanted.has(`${r.post_id}\u0000${r.language}`))
      .map((r) => ({ postId: r.post_id, language: r.language, count: Number(r.count) }));
  }

  async updateBody(
    id: string,
    changes: { body: string; status: CommentStatus; editedAt: string },
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('comments')
      .set({ body: changes.body, status: changes.status, edited_at: changes.editedAt })
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async markDeleted(id: string, by: string, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('comments')
      .set({ body: '', deleted_at: at, deleted_by: by })
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async moderate(
    id: string,
    from: CommentStatus,
    to: CommentStatus,
    by: string,
    at: string,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('comments')
      .set({ status: to, moderated_by: by, moderated_at: at })
      .where('id', '=', id)
      .where('status', '=', from)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async listForModeration(
    status: CommentStatus,
    limit: number,
    offset: number,
  ): Promise<{ items: CommentWithAuthor[]; total: number }> {
    const [rows, total] = await Promise.all([
      this.withAuthors()
        .where('comments.status', '=', status)
        .where('comments.deleted_at', 'is', null)
        .orderBy('comments.created_at', status === 'pending' ? 'asc' : 'desc')
        .orderBy('comments.id')
        .limit(limit)
        .offset(offset)
        .execute(),
      this.db
        .selectFrom('comments')
        .select((eb) => eb.fn.countAll<string | number>().as('count'))
        .where('status', '=', status)
        .where('deleted_at', 'is', null)
        .executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(withAuthor), total: Number(total.count) };
  }
}
