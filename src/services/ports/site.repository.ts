/** The site's languages and settings (migration 0017), run from the administration pages. */

export interface SiteLanguageRecord {
  /** Canonical BCP 47 tag. */
  tag: string;
  /** Menu order, ascending. */
  position: number;
  direction: 'ltr' | 'rtl';
  /** Canonical tags tried in order for missing interface text (`pt-BR` → `pt`, `en`); may be empty. */
  fallback: string[];
  /** Readers see it (switcher, `/<tag>/` routes, invitations). */
  reading: boolean;
  /** Translators may translate into it. */
  translating: boolean;
  addedAt: string;
  addedBy: string | null;
}

export interface SiteSettingRecord {
  key: string;
  /** Parsed JSON. */
  value: unknown;
  updatedAt: string;
  updatedBy: string | null;
}

export interface SiteRepository {
  /** Every language, by position then tag. */
  listLanguages(): Promise<SiteLanguageRecord[]>;
  findLanguage(tag: string): Promise<SiteLanguageRecord | null>;
  /** Inserts unless the tag exists; true when inserted. */
  insertLanguage(language: SiteLanguageRecord): Promise<boolean>;
  /** Updates everything but tag, addedAt and addedBy; true when the row exists. */
  updateLanguage(language: SiteLanguageRecord): Promise<boolean>;
  listSettings(): Promise<SiteSettingRecord[]>;
  /** Inserts or replaces one setting. */
  saveSetting(setting: SiteSettingRecord): Promise<void>;
}
