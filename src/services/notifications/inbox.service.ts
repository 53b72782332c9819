/**
 * A person's own notifications: the list under the bell (newest first), opening one (marks it
 * read and says where it leads), marking all read, and their settings (e-mail per kind, the
 * language of their mail, undoing an unsubscribe). Only ever the signed-in person's own rows.
 */
import { z } from 'zod';
import { invalid, NotFoundError, UnauthenticatedError } from '../../domain/errors.js';
import {
  EMAIL_BY_DEFAULT,
  NOTIFICATION_KINDS,
  isNotificationKind,
} from '../../domain/notifications.js';
import type { NotificationKind, NotificationParams } from '../../domain/notifications.js';
import type { Actor } from '../../domain/roles.js';
import type { ServiceDeps } from '../deps.js';
import { parseInput } from '../validate.js';
import { isOptedOut, optBackIn } from './unsubscribe.js';

/** Notices per page of the list. */
export const NOTIFICATIONS_PAGE_SIZE = 30;

/** One notice as the list shows it. */
export interface NotificationItem {
  id: string;
  kind: NotificationKind;
  params: NotificationParams;
  createdAt: string;
  read: boolean;
}

function requireUser(actor: Actor | null): Actor {
  if (!actor) throw new UnauthenticatedError();
  return actor;
}

/** The stored params as the message needs them (only plain values of the known fields). */
export function paramsOf(stored: Record<string, unknown>): NotificationParams {
  const text = (key: string) => (typeof stored[key] === 'string' ? { [key]: stored[key] } : {});
  return {
    ...text('postTitle'),
    ...text('language'),
    ...text('unitId'),
    ...text('comment'),
    ...text('actorName'),
    ...text('scheduledAt'),
    ...(typeof stored.count === 'number' ? { count: stored.count } : {}),
  };
}

/** How many unread notices the person has (the bell's count). */
export function unreadCount(deps: Pick<ServiceDeps, 'store'>, userId: string): Promise<number> {
  return deps.store.notifications.countUnread(userId);
}

/** A page (from 1) of the person's notices, newest first, and whether older ones exist. */
export async function listNotifications(
  deps: ServiceDeps,
  actor: Actor | null,
  page: number,
): Promise<{ items: NotificationItem[]; page: number; hasOlder: boolean; unread: number }> {
  const user = requireUser(actor);
  const current = Math.max(1, Math.floor(page));
  const rows = await deps.store.notifications.listForUser(
    user.id,
    (current - 1) * NOTIFICATIONS_PAGE_SIZE,
    NOTIFICATIONS_PAGE_SIZE + 1,
  );
  const items: NotificationItem[] = [];
  for (const row of rows.slice(0, NOTIFICATIONS_PAGE_SIZE))
    if (isNotificationKind(row.kind))
      items.push({
        id: row.id,
        kind: row.kind,
        params: paramsOf(row.params),
        createdAt: row.createdAt,
        read: row.readAt !== null,
      });
  return {
    items,
    page: current,
    hasOlder: rows.length > NOTIFICATIONS_PAGE_SIZE,
    unread: await deps.store.notifications.countUnread(user.id),
  };
}

/**
 * Marks one of the person's notices read and returns the path it leads to.
 * @throws NotFoundError `notification` for another person's notice (nothing changes).
 */
export async function openNotification(
  deps: ServiceDeps,
  actor: Actor | null,
  id: string,
): Promise<string> {
  const user = requireUser(actor);
  const notice = await deps.store.notifications.findById(id);
  if (!notice || notice.userId !== user.id) throw new NotFoundError('Notification');
  await deps.store.notifications.markRead(user.id, id, deps.clock.now().toISOString());
  // Only a path on this site (stored by our own services; never an open redirect).
  return notice.link.startsWith('/') && !notice.link.startsWith('//')
    ? notice.link
    : '/notifications';
}

/** Marks every unread notice of the person read; returns how many. */
export async function markAllNotificationsRead(
  deps: ServiceDeps,
  actor: Actor | null,
): Promise<number> {
  const user = requireUser(actor);
  return deps.store.notifications.markAllRead(user.id, deps.clock.now().toISOString());
}

/** The person's notification settings as the form shows them. */
export interface NotificationSettings {
  email: Record<NotificationKind, boolean>;
  /** They unsubscribed from notification e-mails (one-click link). */
  optedOut: boolean;
  /** The language their mail is written in; null: the site default. */
  interfaceLanguage: string | null;
}

export async function notificationSettings(
  deps: ServiceDeps,
  actor: Actor | null,
): Promise<NotificationSettings> {
  const user = requireUser(actor);
  const chosen = await deps.store.notifications.emailPreferences(user.id);
  const email = { ...EMAIL_BY_DEFAULT };
  for (const kind of NOTIFICATION_KINDS) email[kind] = chosen.get(kind) ?? EMAIL_BY_DEFAULT[kind];
  return {
    email,
    optedOut: await isOptedOut(deps.store, user.id, 'notifications'),
    interfaceLanguage: await deps.store.notifications.interfaceLanguage(user.id),
  };
}

const settingsInput = z.object({
  /** The kinds to e-mail; every other kind is off. */
  email: z.array(z.enum(NOTIFICATION_KINDS)).max(NOTIFICATION_KINDS.length),
  /** A site language, or '' for the site default. */
  interfaceLanguage: z.string().max(64),
});

/**
 * Saves the person's e-mail choice for every kind and the language of their mail.
 * @throws ValidationError on `email` (unknown kind) or `interfaceLanguage` (not a site language).
 */
export async function saveNotificationSettings(
  deps: ServiceDeps,
  actor: Actor | null,
  input: { email: readonly string[]; interfaceLanguage: string },
): Promise<void> {
  const user = requireUser(actor);
  const parsed = parseInput(settingsInput, input);
  const language = parsed.interfaceLanguage === '' ? null : parsed.interfaceLanguage;
  if (language !== null && !deps.settings.languages.includes(language))
    invalid('interfaceLanguage', 'Not a language of this site');
  await deps.store.transaction(async (store) => {
    for (const kind of NOTIFICATION_KINDS)
      await store.notifications.setEmailPreference(user.id, kind, parsed.email.includes(kind));
    await store.notifications.setInterfaceLanguage(user.id, language);
  });
}

/** Undoes the person's one-click unsubscribe from notification e-mails. */
export async function resumeNotificationEmails(
  deps: ServiceDeps,
  actor: Actor | null,
): Promise<void> {
  const user = requireUser(actor);
  await optBackIn(deps.store, user.id, 'notifications');
}

/**
 * Remembers the interface language a person uses (signing in on a language prefix, picking a
 * language) as the language of their mail, unless they chose one already.
 */
export async function rememberInterfaceLanguage(
  deps: Pick<ServiceDeps, 'store' | 'settings'>,
  userId: string,
  language: string,
): Promise<void> {
  if (!deps.settings.languages.includes(language)) return;
  if ((await deps.store.notifications.interfaceLanguage(userId)) !== null) return;
  await deps.store.notifications.setInterfaceLanguage(userId, language);
}
