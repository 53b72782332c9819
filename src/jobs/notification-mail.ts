/**
 * The `send-notification-email` job's handler: the service sends, this supplies the words
 * (the interface catalogs, which services may not import), in the recipient's language with
 * the site's fallback chain for it.
 */
import type { ServiceDeps } from '../services/deps.js';
import type { JobPayload, SEND_NOTIFICATION_EMAIL_JOB } from '../services/jobs.js';
import { sendNotificationEmail } from '../services/notifications/send-notification-email.service.js';
import type { NotificationMailComposer } from '../services/notifications/send-notification-email.service.js';
import { notificationMail } from '../i18n/notification-text.js';
import { translator } from '../i18n/translator.js';

/** Words notice e-mails with the catalogs, in each recipient's language. */
export function catalogMailComposer(deps: Pick<ServiceDeps, 'settings'>): NotificationMailComposer {
  return (input) =>
    notificationMail(
      translator(input.language, deps.settings.languageFallbacks?.[input.language] ?? []),
      input,
    );
}

/** Runs one `send-notification-email` job. */
export async function runNotificationEmail(
  deps: ServiceDeps,
  payload: JobPayload<typeof SEND_NOTIFICATION_EMAIL_JOB>,
): Promise<void> {
  await sendNotificationEmail(deps, payload, catalogMailComposer(deps));
}
