/**
 * Telling a person something happened: one row in `notifications` (the bell, the list) and,
 * when their preference for the kind says e-mail and they have not unsubscribed, a
 * `send-notification-email` job. Called INSIDE the transaction of the action that causes it,
 * with that transaction's store: a rolled-back action notifies nobody, and the job commits
 * with the row (deduplicated by the notification id, so it is enqueued once).
 */
import { EMAIL_BY_DEFAULT, clipText } from '../../domain/notifications.js';
import type { NotificationKind, NotificationParams } from '../../domain/notifications.js';
import type { ServiceDeps } from '../deps.js';
import { enqueueJob, SEND_NOTIFICATION_EMAIL_JOB } from '../jobs.js';
import type { Store } from '../repositories.js';
import { isOptedOut } from './unsubscribe.js';

export interface NotifyInput {
  /** Who is told. */
  userId: string;
  kind: NotificationKind;
  params: NotificationParams;
  /** A path on this site the notice opens (`/translate/…#unit-…`). */
  link: string;
  /** Who acted: never told about their own action (null: the system). */
  actorId: string | null;
}

/** Whether `userId` wants e-mail for `kind` (their choice, else the kind's default). */
export async function wantsEmail(
  store: Store,
  userId: string,
  kind: NotificationKind,
): Promise<boolean> {
  const chosen = (await store.notifications.emailPreferences(userId)).get(kind);
  return chosen ?? EMAIL_BY_DEFAULT[kind];
}

/**
 * Records the notice in `store` (the action's transaction) and enqueues its e-mail if the
 * person wants one. Returns the notification id, or null when nobody was notified (the actor
 * themselves, or no such active person).
 */
export async function notify(
  deps: Pick<ServiceDeps, 'clock' | 'newId' | 'silent'>,
  store: Store,
  input: NotifyInput,
): Promise<string | null> {
  if (input.userId === input.actorId || deps.silent) return null;
  const user = await store.users.findById(input.userId);
  if (!user || user.suspendedAt !== null) return null;
  const email =
    user.email !== '' &&
    (await wantsEmail(store, input.userId, input.kind)) &&
    !(await isOptedOut(store, input.userId, 'notifications'));
  const id = deps.newId();
  const params: NotificationParams = { ...input.params };
  if (params.comment !== undefined) params.comment = clipText(params.comment);
  if (params.postTitle !== undefined) params.postTitle = clipText(params.postTitle, 300);
  await store.notifications.insert({
    id,
    userId: input.userId,
    kind: input.kind,
    params: { ...params },
    link: input.link,
    createdAt: deps.clock.now().toISOString(),
    emailState: email ? 'pending' : 'none',
  });
  if (email)
    await enqueueJob(
      deps,
      store,
      SEND_NOTIFICATION_EMAIL_JOB,
      { notificationId: id },
      { dedupeKey: `${SEND_NOTIFICATION_EMAIL_JOB}:${id}` },
    );
  return id;
}

/** Notifies each of `userIds` once (duplicates and the actor left out); returns the ids. */
export async function notifyEach(
  deps: Pick<ServiceDeps, 'clock' | 'newId' | 'silent'>,
  store: Store,
  userIds: Iterable<string>,
  input: Omit<NotifyInput, 'userId'>,
): Promise<string[]> {
  const ids: string[] = [];
  for (const userId of new Set(userIds)) {
    const id = await notify(deps, store, { ...input, userId });
    if (id) ids.push(id);
  }
  return ids;
}
