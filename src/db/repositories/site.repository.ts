/** Site languages and settings (0017). */
import type { Kysely, Selectable } from 'kysely';
import type {
  SiteLanguageRecord,
  SiteRepository,
  SiteSettingRecord,
} from '../../services/ports/site.repository.js';
import type { Database, SiteLanguagesTable } from '../schema.js';
import { storedValue } from './stored-value.js';

export class KyselySiteRepository implements SiteRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async listLanguages(): Promise<SiteLanguageRecord[]> {
    const rows = await this.db
      .selectFrom('site_languages')
      .selectAll()
      .orderBy('position')
      .orderBy('tag')
      .execute();
    return rows.map(toLanguage);
  }

  async findLanguage(tag: string): Promise<SiteLanguageRecord | null> {
    const row = await this.db
      .selectFrom('site_languages')
      .selectAll()
      .where('tag', '=', tag)
      .executeTakeFirst();
    return row ? toLanguage(row) : null;
  }

  async insertLanguage(language: SiteLanguageRecord): Promise<boolean> {
    const result = await this.db
      .insertInto('site_languages')
      .values({
        tag: language.tag,
        position: language.position,
        direction: language.direction,
        fallback: language.fallback.join(','),
        reading: language.reading ? 1 : 0,
        translating: language.translating ? 1 : 0,
        added_at: language.addedAt,
        added_by: language.addedBy,
      })
      .onConflict((oc) => oc.column('tag').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async updateLanguage(language: SiteLanguageRecord): Promise<boolean> {
    const result = await this.db
      .updateTable('site_languages')
      .set({
        position: language.position,
        direction: language.direction,
        fallback: language.fallback.join(','),
        reading: language.reading ? 1 : 0,
        translating: language.translating ? 1 : 0,
      })
      .where('tag', '=', language.tag)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async listSettings(): Promise<SiteSettingRecord[]> {
    const rows = await this.db.selectFrom('site_settings').selectAll().orderBy('key').execute();
    return rows.map((row) => {
      let value: unknown = null;
      try {
        value = JSON.parse(row.value);
      } catch {
        value = null;
      }
      return { key: row.key, value, updatedAt: row.updated_at, updatedBy: row.updated_by };
    });
  }

  async saveSetting(setting: SiteSettingRecord): Promise<void> {
    const value = JSON.stringify(setting.value ?? null);
    await this.db
      .insertInto('site_settings')
      .values({
        key: setting.key,
        value,
        updated_at: setting.updatedAt,
        updated_by: setting.updatedBy,
      })
      .onConflict((oc) =>
        oc
          .column('key')
          .doUpdateSet({ value, updated_at: setting.updatedAt, updated_by: setting.updatedBy }),
      )
      .execute();
  }
}

function toLanguage(row: Selectable<SiteLanguagesTable>): SiteLanguageRecord {
  return {
    tag: row.tag,
    position: Number(row.position),
    direction: storedValue(['ltr', 'rtl'] as const, row.direction, 'site_languages.direction'),
    fallback: row.fallback
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
    reading: Number(row.reading) === 1,
    translating: Number(row.translating) === 1,
    addedAt: row.added_at,
    addedBy: row.added_by,
  };
}
