/**
 * The site's languages, run from /admin/languages: any BCP 47 tag can be added (canonical
 * form, direction from its script, fallback chain from its parents and the default language),
 * moved up or down the menu, edited, and enabled or disabled for readers.
 *
 * Disabling a language hides it from readers (the switcher, `/<tag>/` routes, invitations to
 * translate) and never deletes anything: its translations stay in the database and are shown
 * again when it is enabled. The default language can be neither disabled nor removed (there
 * is no removal: disabling is how a language leaves the site).
 *
 * Each change runs under SITE_SETTINGS_LOCK with its audit entry, then is applied to
 * `deps.settings` in place and announced to the page cache (see site-settings.service.ts; other
 * instances learn of it at their next start — multi-instance propagation is a later issue).
 */
import { z } from 'zod';
import { invalid, NotFoundError } from '../../domain/errors.js';
import { canonicalLanguageTag, languageDirection } from '../../domain/language.js';
import type { Actor } from '../../domain/roles.js';
import { defaultFallbackChain, parseFallbackChain } from '../../domain/site-languages.js';
import type { ServiceDeps } from '../deps.js';
import type { SiteLanguageRecord, Store } from '../repositories.js';
import { parseInput } from '../validate.js';
import { recordAudit } from './audit.service.js';
import {
  announceSiteChange,
  reloadSiteSettings,
  requireAdmin,
  SITE_SETTINGS_LOCK,
} from './site-settings.service.js';

export interface SiteLanguageView extends SiteLanguageRecord {
  isDefault: boolean;
}

/** Every site language in menu order, the default marked. */
export async function listSiteLanguages(
  deps: ServiceDeps,
  actor: Actor,
): Promise<SiteLanguageView[]> {
  requireAdmin(actor);
  const languages = await deps.store.site.listLanguages();
  return languages.map((l) => ({ ...l, isDefault: l.tag === deps.settings.defaultLanguage }));
}

const direction = z
  .string()
  .trim()
  .refine(
    (v) => v === '' || v === 'ltr' || v === 'rtl',
    'The direction is left to right (ltr) or right to left (rtl)',
  );
const checkbox = z
  .union([z.string(), z.boolean(), z.undefined()])
  .transform((v) => v === true || v === 'on' || v === 'true' || v === '1');

const addSchema = z.object({
  tag: z.string().trim().min(1, 'Type a language tag, for example pt-BR or yo'),
  /** '' (or absent): from the tag's script. */
  direction: direction.default(''),
  /** Absent: from the tag (`pt-BR` → `pt`, then the default language). */
  fallback: z.string().max(500, 'The fallback chain is too long').optional(),
});

export type AddSiteLanguageInput = z.input<typeof addSchema>;

/**
 * Adds a language at the end of the menu, enabled for reading and translating.
 * @throws ValidationError on `tag` (not BCP 47, already a site language), `direction` or
 *   `fallback` (naming the bad tag).
 */
export async function addSiteLanguage(
  deps: ServiceDeps,
  actor: Actor,
  raw: AddSiteLanguageInput,
): Promise<SiteLanguageRecord> {
  requireAdmin(actor);
  const input = parseInput(addSchema, raw);
  const tag = canonicalLanguageTag(input.tag);
  if (!tag)
    invalid('tag', `"${input.tag}" is not a valid BCP 47 language tag (for example pt-BR, yo)`);
  const fallback =
    input.fallback === undefined || input.fallback.trim() === ''
      ? defaultFallbackChain(tag, deps.settings.defaultLanguage)
      : fallbackChain(input.fallback, tag);
  const added = await deps.store.locked(SITE_SETTINGS_LOCK, async (store) => {
    const existing = await store.site.listLanguages();
    if (existing.some((l) => l.tag === tag)) invalid('tag', `${tag} is already a site language`);
    const language: SiteLanguageRecord = {
      tag,
      position: Math.max(-1, ...existing.map((l) => l.position)) + 1,
      direction: input.direction === '' ? languageDirection(tag) : input.direction,
      fallback,
      reading: true,
      translating: true,
      addedAt: deps.clock.now().toISOString(),
      addedBy: actor.id,
    };
    if (!(await store.site.insertLanguage(language)))
      invalid('tag', `${tag} is already a site language`);
    await recordAudit(deps, store, actor, {
      action: 'language.add',
      subject: subjectOf(tag),
      details: {
        direction: language.direction,
        fallback: language.fallback,
        position: language.position,
      },
    });
    return language;
  });
  await applied(deps);
  return added;
}

const updateSchema = z.object({
  direction,
  fallback: z.string().max(500, 'The fallback chain is too long').default(''),
  translating: checkbox,
});

export type UpdateSiteLanguageInput = z.input<typeof updateSchema>;

/**
 * Changes a language's direction, fallback chain and whether translators may translate into
 * it; records `language.update` with before and after when something changed.
 */
export async function updateSiteLanguage(
  deps: ServiceDeps,
  actor: Actor,
  rawTag: string,
  raw: UpdateSiteLanguageInput,
): Promise<void> {
  requireAdmin(actor);
  const input = parseInput(updateSchema, raw);
  const tag = knownTag(rawTag);
  const fallback = fallbackChain(input.fallback, tag);
  const changed = await deps.store.locked(SITE_SETTINGS_LOCK, async (store) => {
    const current = await find(store, tag);
    const next: SiteLanguageRecord = {
      ...current,
      direction: input.direction === '' ? languageDirection(tag) : input.direction,
      fallback,
      translating: input.translating,
    };
    const before = {
      direction: current.direction,
      fallback: current.fallback,
      translating: current.translating,
    };
    const after = {
      direction: next.direction,
      fallback: next.fallback,
      translating: next.translating,
    };
    if (JSON.stringify(before) === JSON.stringify(after)) return false;
    await store.site.updateLanguage(next);
    await recordAudit(deps, store, actor, {
      action: 'language.update',
      subject: subjectOf(tag),
      details: { before, after },
    });
    return true;
  });
  if (changed) await applied(deps);
}

/** Moves a language one place up or down the menu (nothing at either end). */
export async function moveSiteLanguage(
  deps: ServiceDeps,
  actor: Actor,
  rawTag: string,
  way: string,
): Promise<void> {
  requireAdmin(actor);
  if (way !== 'up' && way !== 'down') invalid('direction', 'Move a language up or down');
  const tag = knownTag(rawTag);
  const moved = await deps.store.locked(SITE_SETTINGS_LOCK, async (store) => {
    const languages = await store.site.listLanguages();
    const from = languages.findIndex((l) => l.tag === tag);
    if (from < 0) throw new NotFoundError('Language');
    const to = way === 'up' ? from - 1 : from + 1;
    if (to < 0 || to >= languages.length) return false;
    const order = [...languages];
    const [language] = order.splice(from, 1);
    if (!language) return false;
    order.splice(to, 0, language);
    // Positions renumbered 0, 1, 2… (heals gaps and ties from hand edits).
    for (const [position, l] of order.entries())
      if (l.position !== position) await store.site.updateLanguage({ ...l, position });
    await recordAudit(deps, store, actor, {
      action: 'language.move',
      subject: subjectOf(tag),
      details: { from, to, order: order.map((l) => l.tag) },
    });
    return true;
  });
  if (moved) await applied(deps);
}

/**
 * Enables or disables a language for readers (`language.enable` / `language.disable`);
 * translations are never touched.
 * @throws ValidationError on `tag` when disabling the default language.
 */
export async function setSiteLanguageReading(
  deps: ServiceDeps,
  actor: Actor,
  rawTag: string,
  reading: boolean,
): Promise<void> {
  requireAdmin(actor);
  const tag = knownTag(rawTag);
  const changed = await deps.store.locked(SITE_SETTINGS_LOCK, async (store) => {
    const current = await find(store, tag);
    if (current.reading === reading) return false;
    if (!reading && tag === (await storedDefault(store, deps.settings.defaultLanguage)))
      invalid('tag', 'The default language cannot be disabled; choose another default first');
    await store.site.updateLanguage({ ...current, reading });
    await recordAudit(deps, store, actor, {
      action: reading ? 'language.enable' : 'language.disable',
      subject: subjectOf(tag),
    });
    return true;
  });
  if (changed) await applied(deps);
}

async function applied(deps: ServiceDeps): Promise<void> {
  await reloadSiteSettings(deps);
  announceSiteChange(deps);
}

/** The default language as the database holds it (another instance may have changed it). */
async function storedDefault(store: Store, inEffect: string): Promise<string> {
  const setting = (await store.site.listSettings()).find((s) => s.key === 'defaultLanguage');
  return typeof setting?.value === 'string' ? setting.value : inEffect;
}

function knownTag(raw: string): string {
  const tag = canonicalLanguageTag(raw);
  if (!tag) throw new NotFoundError('Language');
  return tag;
}

async function find(store: Store, tag: string): Promise<SiteLanguageRecord> {
  const language = await store.site.findLanguage(tag);
  if (!language) throw new NotFoundError('Language');
  return language;
}

function fallbackChain(text: string, tag: string): string[] {
  const parsed = parseFallbackChain(text, tag);
  if ('bad' in parsed)
    invalid('fallback', `"${parsed.bad}" is not a valid BCP 47 language tag (for example pt, en)`);
  return parsed.chain;
}

function subjectOf(tag: string): { kind: string; id: string; label: string } {
  return { kind: 'language', id: tag, label: tag };
}
