/**
 * Site settings run from /admin/settings, and loading the site's languages and settings from
 * the database into `deps.settings`.
 *
 * On the first start the database holds no language: the languages the environment lists
 * (SITE_LANGUAGES, SITE_LANGUAGE) are written to it, so a new site behaves as configured.
 * From then on the database is the truth and the environment only seeds; a setting never
 * saved keeps the environment's value (SITE_NAME…).
 *
 * Every part of the site reads `deps.settings` (the i18n plugin, the reader routes, the
 * switcher): after an administrator's change commits, it is applied to that same object in
 * place — arrays spliced, objects assigned — so the next request sees it, and the page cache
 * is told to drop every page.
 *
 * The other processes (workers, instances on the same database) hear the announcement as a
 * remote change and re-read the settings (follow-site-changes.service.ts).
 */
import { z } from 'zod';
import { DEFAULT_COMMENTS_CLOSE_AFTER_DAYS } from '../../domain/comments.js';
import { ForbiddenError, invalid } from '../../domain/errors.js';
import { languageDirection } from '../../domain/language.js';
import { DEFAULT_PUBLICATION_POLICY } from '../../domain/publication-policy.js';
import type { PublicationPolicy } from '../../domain/publication-policy.js';
import { hasRole } from '../../domain/roles.js';
import type { Actor } from '../../domain/roles.js';
import { defaultFallbackChain } from '../../domain/site-languages.js';
import { EVERY_PAGE_KEY } from '../change-feed.js';
import type { ServiceDeps, Settings } from '../deps.js';
import type { SiteLanguageRecord, SiteSettingRecord, Store } from '../repositories.js';
import { parseInput } from '../validate.js';
import { recordAudit } from './audit.service.js';

/** The lock every change to the site's languages or settings takes (one at a time). */
export const SITE_SETTINGS_LOCK = 'polyphony:site-settings';

/** The settings an administrator changes at /admin/settings. */
export interface SiteSettingsValues {
  siteName: string;
  siteDescription: string;
  defaultLanguage: string;
  publication: PublicationPolicy;
  translationEditsGoLive: boolean;
  translatorRoleAtSignUp: boolean;
  /** Days after publication a post takes comments; 0 = never closes. */
  commentsCloseAfterDays: number;
}

const SETTING_KEYS = [
  'siteName',
  'siteDescription',
  'defaultLanguage',
  'publication',
  'translationEditsGoLive',
  'translatorRoleAtSignUp',
  'commentsCloseAfterDays',
] as const satisfies readonly (keyof SiteSettingsValues)[];

/**
 * Seeds the database on first start (languages from `deps.settings`, which main.ts filled from
 * the environment), then applies what it holds to `deps.settings`. Called once at start, after
 * migrating; safe when several instances start at once (the seed runs under a lock and never
 * overwrites).
 */
export async function applySiteSettings(deps: ServiceDeps): Promise<void> {
  await deps.store.locked(SITE_SETTINGS_LOCK, async (store) => {
    if ((await store.site.listLanguages()).length > 0) return;
    const at = deps.clock.now().toISOString();
    const { languages, defaultLanguage } = deps.settings;
    for (const [position, tag] of languages.entries())
      await store.site.insertLanguage({
        tag,
        position,
        direction: languageDirection(tag),
        fallback: defaultFallbackChain(tag, defaultLanguage),
        reading: true,
        translating: true,
        addedAt: at,
        addedBy: null,
      });
  });
  await reloadSiteSettings(deps);
}

/**
 * Reads the languages and settings the database holds and applies them to `deps.settings` in
 * place (after a change commits, and at start). Says whether anything differs from before.
 */
export async function reloadSiteSettings(deps: ServiceDeps): Promise<boolean> {
  const [languages, settings] = await Promise.all([
    deps.store.site.listLanguages(),
    deps.store.site.listSettings(),
  ]);
  const before = JSON.stringify(deps.settings);
  applyToSettings(deps.settings, languages, settings);
  return JSON.stringify(deps.settings) !== before;
}

/** Tells every page cache that every public page may have changed. */
export function announceSiteChange(deps: ServiceDeps): void {
  deps.changes.publish({ keys: [EVERY_PAGE_KEY] });
}

function applyToSettings(
  target: Settings,
  languages: readonly SiteLanguageRecord[],
  stored: readonly SiteSettingRecord[],
): void {
  const values = new Map(stored.map((s) => [s.key, s.value]));
  const text = (key: string): string | undefined => {
    const value = values.get(key);
    return typeof value === 'string' ? value : undefined;
  };
  const flag = (key: string): boolean | undefined => {
    const value = values.get(key);
    return typeof value === 'boolean' ? value : undefined;
  };
  const siteName = text('siteName');
  if (siteName !== undefined && siteName !== '') target.siteName = siteName;
  const description = text('siteDescription');
  if (description !== undefined) target.siteDescription = description;
  const goLive = flag('translationEditsGoLive');
  if (goLive !== undefined) target.translationEditsGoLive = goLive;
  const translatorAtSignUp = flag('translatorRoleAtSignUp');
  if (translatorAtSignUp !== undefined) target.translatorRoleAtSignUp = translatorAtSignUp;
  const closeAfter = values.get('commentsCloseAfterDays');
  if (typeof closeAfter === 'number' && Number.isInteger(closeAfter) && closeAfter >= 0)
    target.commentsCloseAfterDays = closeAfter;
  const publication = readPublication(values.get('publication'));
  if (publication) Object.assign(target.publication, publication);

  if (languages.length === 0) return;
  const reading = languages.filter((l) => l.reading).map((l) => l.tag);
  const wanted = text('defaultLanguage') ?? target.defaultLanguage;
  // The services never let the default be disabled; a hand-edited database still gets one.
  const defaultLanguage = reading.includes(wanted)
    ? wanted
    : (reading[0] ?? target.defaultLanguage);
  if (!reading.includes(defaultLanguage)) reading.unshift(defaultLanguage);
  target.languages.splice(0, Infinity, ...reading);
  target.defaultLanguage = defaultLanguage;
  const translating = languages.filter((l) => l.translating).map((l) => l.tag);
  if (target.translationLanguages) target.translationLanguages.splice(0, Infinity, ...translating);
  else target.translationLanguages = translating;
  const fallbacks = (target.languageFallbacks ??= {});
  for (const key of Object.keys(fallbacks)) delete fallbacks[key];
  for (const l of languages) fallbacks[l.tag] = [...l.fallback];
}

function readPublication(value: unknown): PublicationPolicy | null {
  const parsed = publicationSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

const publicationSchema = z.object({
  minCompletion: z.number().int().min(0).max(100),
  requireReview: z.boolean(),
  editorsAnyCompletion: z.boolean(),
});

/** What the settings form shows: the values in effect and the languages one may choose. */
export function siteSettingsView(
  deps: ServiceDeps,
  actor: Actor,
): { values: SiteSettingsValues; languages: string[] } {
  requireAdmin(actor);
  return { values: currentValues(deps.settings), languages: [...deps.settings.languages] };
}

function currentValues(settings: Settings): SiteSettingsValues {
  return {
    siteName: settings.siteName,
    siteDescription: settings.siteDescription ?? '',
    defaultLanguage: settings.defaultLanguage,
    publication: { ...DEFAULT_PUBLICATION_POLICY, ...settings.publication },
    translationEditsGoLive: settings.translationEditsGoLive,
    translatorRoleAtSignUp: settings.translatorRoleAtSignUp,
    commentsCloseAfterDays: settings.commentsCloseAfterDays ?? DEFAULT_COMMENTS_CLOSE_AFTER_DAYS,
  };
}

const checkbox = z
  .union([z.string(), z.boolean(), z.undefined()])
  .transform((v) => v === true || v === 'on' || v === 'true' || v === '1');

const settingsSchema = z.object({
  siteName: z
    .string()
    .trim()
    .min(1, 'The site needs a name')
    .max(120, 'The name can be at most 120 characters'),
  siteDescription: z
    .string()
    .trim()
    .max(500, 'The description can be at most 500 characters')
    .default(''),
  defaultLanguage: z.string().trim().min(1, 'Choose the default language'),
  minCompletion: z
    .string()
    .trim()
    .regex(/^\d{1,3}$/, 'The minimum completion is a whole number from 0 to 100')
    .transform(Number)
    .refine((n) => n <= 100, 'The minimum completion is a whole number from 0 to 100'),
  requireReview: checkbox,
  editorsAnyCompletion: checkbox,
  translationEditsGoLive: checkbox,
  translatorRoleAtSignUp: checkbox,
  /** Absent (an older form): the value in effect stays. */
  commentsCloseAfterDays: z
    .string()
    .trim()
    .regex(/^\d{1,4}$/, 'The days are a whole number from 0 to 3650')
    .transform(Number)
    .refine((n) => n <= 3650, 'The days are a whole number from 0 to 3650')
    .optional(),
});

/** The settings form's fields (checkboxes: 'on' when ticked, absent otherwise). */
export type SiteSettingsInput = z.input<typeof settingsSchema>;

/**
 * Saves the settings that differ from the ones in effect, records one `settings.update` with
 * each changed key's before and after, then applies them at once.
 * @returns the keys that changed (none when nothing did: nothing is recorded).
 * @throws ForbiddenError unless the actor is an administrator; ValidationError naming the
 *   field (`siteName`, `minCompletion`, `defaultLanguage`…).
 */
export async function updateSiteSettings(
  deps: ServiceDeps,
  actor: Actor,
  raw: SiteSettingsInput,
): Promise<string[]> {
  requireAdmin(actor);
  const input = parseInput(settingsSchema, raw);
  const next: SiteSettingsValues = {
    siteName: input.siteName,
    siteDescription: input.siteDescription,
    defaultLanguage: input.defaultLanguage,
    publication: {
      minCompletion: input.minCompletion,
      requireReview: input.requireReview,
      editorsAnyCompletion: input.editorsAnyCompletion,
    },
    translationEditsGoLive: input.translationEditsGoLive,
    translatorRoleAtSignUp: input.translatorRoleAtSignUp,
    commentsCloseAfterDays:
      input.commentsCloseAfterDays ??
      deps.settings.commentsCloseAfterDays ??
      DEFAULT_COMMENTS_CLOSE_AFTER_DAYS,
  };
  const changed = await deps.store.locked(SITE_SETTINGS_LOCK, async (store) => {
    const languages = await store.site.listLanguages();
    const enabled = languages.filter((l) => l.reading).map((l) => l.tag);
    if (!enabled.includes(next.defaultLanguage))
      invalid('defaultLanguage', 'The default language must be one of the enabled languages');
    const before = currentValues(await effectiveSettings(store, deps.settings));
    const keys = SETTING_KEYS.filter(
      (key) => JSON.stringify(before[key]) !== JSON.stringify(next[key]),
    );
    if (keys.length === 0) return keys;
    const at = deps.clock.now().toISOString();
    for (const key of keys)
      await store.site.saveSetting({ key, value: next[key], updatedAt: at, updatedBy: actor.id });
    await recordAudit(deps, store, actor, {
      action: 'settings.update',
      subject: { kind: 'settings', id: 'site', label: next.siteName },
      details: {
        changed: keys,
        before: Object.fromEntries(keys.map((k) => [k, before[k]])),
        after: Object.fromEntries(keys.map((k) => [k, next[k]])),
      },
    });
    return keys;
  });
  if (changed.length > 0) {
    await reloadSiteSettings(deps);
    announceSiteChange(deps);
  }
  return changed;
}

/** The settings in effect as the database holds them now (over the ones this process has). */
async function effectiveSettings(store: Store, settings: Settings): Promise<Settings> {
  const copy: Settings = {
    ...settings,
    languages: [...settings.languages],
    publication: { ...settings.publication },
    languageFallbacks: {},
    translationLanguages: [],
  };
  applyToSettings(copy, await store.site.listLanguages(), await store.site.listSettings());
  return copy;
}

export function requireAdmin(actor: Actor): void {
  if (!hasRole(actor, 'admin'))
    throw new ForbiddenError('Only administrators can change the site settings');
}
