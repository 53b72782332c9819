/** Media items (images with resized variants, documents). */
import type { Kysely, Selectable } from 'kysely';
import type { MediaRecord, MediaRepository } from '../../services/repositories.js';
import type { Database, MediaTable } from '../schema.js';
import { storedValue } from './stored-value.js';

/** The two kinds of media (migration 0006 keeps the column to these). */
const mediaKinds = ['image', 'document'] as const satisfies readonly MediaRecord['kind'][];

export class KyselyMediaRepository implements MediaRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(m: MediaRecord): Promise<void> {
    await this.db
      .insertInto('media')
      .values({
        id: m.id,
        kind: m.kind,
        mime: m.mime,
        filename: m.filename,
        size: m.size,
        width: m.width,
        height: m.height,
        storage_key: m.storageKey,
        variants: JSON.stringify(m.variants),
        alt: m.alt,
        uploaded_by: m.uploadedBy,
        created_at: m.createdAt,
      })
      .execute();
  }

  async findById(id: string): Promise<MediaRecord | null> {
    const row = await this.db
      .selectFrom('media')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toMedia(row) : null;
  }

  async listByIds(ids: readonly string[]): Promise<MediaRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('media').selectAll().where('id', 'in', ids).execute();
    return rows.map(toMedia);
  }

  async list(limit: number, offset: number): Promise<MediaRecord[]> {
    const rows = await this.db
      .selectFrom('media')
      .selectAll()
      .orderBy('created_at', 'desc')
      .limit(limit)
      .offset(offset)
      .execute();
    return rows.map(toMedia);
  }

  async updateAlt(id: string, alt: string): Promise<void> {
    await this.db.updateTable('media').set({ alt }).where('id', '=', id).execute();
  }
}

function toMedia(r: Selectable<MediaTable>): MediaRecord {
  const variants: unknown = JSON.parse(r.variants);
  return {
    id: r.id,
    kind: storedValue(mediaKinds, r.kind, 'media.kind'),
    mime: r.mime,
    filename: r.filename,
    size: Number(r.size),
    width: r.width === null ? null : Number(r.width),
    height: r.height === null ? null : Number(r.height),
    storageKey: r.storage_key,
    variants: Array.isArray(variants) ? (variants as MediaRecord['variants']) : [],
    alt: r.alt,
    uploadedBy: r.uploaded_by,
    createdAt: r.created_at,
  };
}
