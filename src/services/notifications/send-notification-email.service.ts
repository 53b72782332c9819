/**
 * The `send-notification-email` job: e-mails one notification in the recipient's interface
 * language (else the site default), with a one-click unsubscribe (RFC 8058 headers and a link
 * in the body).
 *
 * Never twice: the job first claims the notice's e-mail with one conditional update
 * (pending → sending, attempts + 1); of two runners, or a job run twice, only one gets it.
 * A mailer failure puts it back to pending and throws, so the runner retries with its backoff;
 * after the last attempt it is `failed`. A process that dies between the claim and the end of
 * the send leaves it `sending`, and it is not sent again: a lost notice e-mail (the notice is
 * still in the bell) is better than a duplicate.
 */
import { isNotificationKind } from '../../domain/notifications.js';
import type { NotificationKind, NotificationParams } from '../../domain/notifications.js';
import type { ServiceDeps } from '../deps.js';
import type { JobPayload, SEND_NOTIFICATION_EMAIL_JOB } from '../jobs.js';
import { paramsOf } from './inbox.service.js';
import { wantsEmail } from './notify.service.js';
import { isOptedOut, unsubscribeHeaders, unsubscribeUrl } from './unsubscribe.js';

/** Attempts before a notice's e-mail is given up as failed (the job runner's cap too). */
export const NOTIFICATION_EMAIL_ATTEMPTS = 5;

/** What the wording of a notice e-mail needs. */
export interface NotificationMailInput {
  kind: NotificationKind;
  params: NotificationParams;
  /** The language to write in (the recipient's interface language or the site default). */
  language: string;
  recipientName: string;
  siteName: string;
  /** Absolute URL opening the notice. */
  openUrl: string;
  /** Absolute one-click unsubscribe URL (a credential: never log it). */
  unsubscribeUrl: string;
  /** Absolute URL of the person's notification settings. */
  settingsUrl: string;
}

/** Words a notice e-mail (implemented with the interface catalogs, src/i18n). */
export type NotificationMailComposer = (input: NotificationMailInput) => {
  subject: string;
  text: string;
};

/** What happened to one notice's e-mail. */
export type NotificationEmailOutcome = 'sent' | 'skipped' | 'already-claimed';

/**
 * Runs the job for one notification.
 * @throws the mailer's error (after putting the e-mail back to pending), so the job is retried.
 */
export async function sendNotificationEmail(
  deps: ServiceDeps,
  payload: JobPayload<typeof SEND_NOTIFICATION_EMAIL_JOB>,
  compose: NotificationMailComposer,
): Promise<NotificationEmailOutcome> {
  const notices = deps.store.notifications;
  const notice = await notices.findById(payload.notificationId);
  if (!notice || notice.emailState !== 'pending') return 'already-claimed';
  if (!(await notices.claimEmail(notice.id))) return 'already-claimed';
  const user = await deps.store.users.findById(notice.userId);
  const kind = notice.kind;
  // Whatever changed since it was enqueued (an unsubscribe, a preference, a suspension) wins.
  if (
    !user ||
    user.suspendedAt !== null ||
    user.email === '' ||
    !isNotificationKind(kind) ||
    !(await wantsEmail(deps.store, user.id, kind)) ||
    (await isOptedOut(deps.store, user.id, 'notifications'))
  ) {
    await notices.settleEmail(notice.id, 'none');
    return 'skipped';
  }
  const language = (await notices.interfaceLanguage(user.id)) ?? deps.settings.defaultLanguage;
  const base = deps.settings.publicUrl;
  const mail = compose({
    kind,
    params: paramsOf(notice.params),
    language,
    recipientName: user.displayName,
    siteName: deps.settings.siteName,
    openUrl: `${base}/notifications/${encodeURIComponent(notice.id)}`,
    unsubscribeUrl: await unsubscribeUrl(deps, user.id, 'notifications'),
    settingsUrl: `${base}/notifications/settings`,
  });
  try {
    await deps.mailer.send({
      to: user.email,
      subject: mail.subject,
      text: mail.text,
      headers: await unsubscribeHeaders(deps, user.id, 'notifications'),
    });
  } catch (error) {
    const attempts = notice.emailAttempts + 1;
    await notices.settleEmail(
      notice.id,
      attempts >= NOTIFICATION_EMAIL_ATTEMPTS ? 'failed' : 'pending',
    );
    throw error;
  }
  await notices.settleEmail(notice.id, 'sent');
  return 'sent';
}
