/**
 * The words of a notification, in any interface language: the one-line message of each kind
 * (the bell's list and the e-mail subject) and the e-mail composed from it. Both read only
 * the plain values stored with the notice, so a notice reads the same in every language.
 */
import type { NotificationKind, NotificationParams } from '../domain/notifications.js';
import type { Translator } from './translator.js';

/** The one-line message of a notice (`notifications.kind.<kind>`), filled from its params. */
export function notificationMessage(
  t: Translator,
  kind: NotificationKind,
  params: NotificationParams,
): string {
  const text = (value: unknown): string => (typeof value === 'string' ? value : '');
  const scheduled = text(params.scheduledAt);
  return t.t(`notifications.kind.${kind}`, {
    actor: text(params.actorName) || t.t('notifications.someone'),
    title: text(params.postTitle),
    language: params.language ? t.languageName(text(params.language)) : '',
    count: typeof params.count === 'number' ? params.count : 1,
    date: scheduled && !Number.isNaN(Date.parse(scheduled)) ? t.formatDate(scheduled) : scheduled,
  });
}

/** What the e-mail of a notice says, in `t`'s language. */
export interface NotificationMailText {
  kind: NotificationKind;
  params: NotificationParams;
  recipientName: string;
  siteName: string;
  openUrl: string;
  unsubscribeUrl: string;
  settingsUrl: string;
}

/** The subject and plain-text body of a notice's e-mail. */
export function notificationMail(
  t: Translator,
  input: NotificationMailText,
): { subject: string; text: string } {
  const message = notificationMessage(t, input.kind, input.params);
  const lines = [t.t('notifications.mail.greeting', { name: input.recipientName }), '', message];
  const comment = typeof input.params.comment === 'string' ? input.params.comment : '';
  if (comment !== '') lines.push('', t.t('notifications.mail.comment'), quote(comment));
  lines.push(
    '',
    t.t('notifications.mail.open', { url: input.openUrl }),
    '',
    '-- ',
    t.t('notifications.mail.settings', { url: input.settingsUrl }),
    t.t('notifications.mail.unsubscribe', { url: input.unsubscribeUrl }),
    '',
  );
  return {
    // One line: a title with a line break must not start a new header.
    subject: t
      .t('notifications.mail.subject', { site: input.siteName, message })
      .replace(/\s+/g, ' '),
    text: lines.join('\n'),
  };
}

function quote(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => `> ${line}`)
    .join('\n');
}
