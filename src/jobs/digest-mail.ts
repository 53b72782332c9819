/**
 * The wording of digest e-mails in the recipient's language, from the `digest` interface
 * catalogs (the services cannot import src/i18n; they get this composer). Plain text: one
 * heading per language, one line per section, one line per post with its link.
 */
import { translator } from '../i18n/translator.js';
import type { DigestItem } from '../services/digest/build-digest.service.js';
import type { DigestMailComposer } from '../services/digest/send-digests.service.js';

/** Posts listed per section; the rest are counted ("…and 12 more"). */
export const ITEMS_PER_SECTION = 25;

export const composeDigestMail: DigestMailComposer = (input) => {
  const t = translator(input.language);
  const lines: string[] = [
    t.t('digest.mail.greeting', { name: input.recipientName }),
    '',
    t.t('digest.mail.intro', { site: input.siteName }),
  ];
  const list = (heading: string, items: readonly DigestItem[]) => {
    if (items.length === 0) return;
    lines.push('', heading);
    for (const item of items.slice(0, ITEMS_PER_SECTION)) {
      const progress = item.progress;
      const detail = !progress
        ? t.t('digest.item.from', { language: t.languageName(item.sourceLanguage) })
        : progress.outdated > 0
          ? t.t('digest.item.outdated', { count: progress.outdated })
          : t.t('digest.item.progress', { done: progress.done, total: progress.total });
      lines.push(`- ${item.title} (${detail})`, `  ${input.baseUrl}${item.path}`);
    }
    if (items.length > ITEMS_PER_SECTION)
      lines.push(t.t('digest.mail.more', { count: items.length - ITEMS_PER_SECTION }));
  };
  for (const section of input.digest.languages) {
    const count =
      section.missing.length +
      section.inProgress.length +
      section.outdated.length +
      (section.review?.length ?? 0);
    if (count === 0) continue;
    lines.push(
      '',
      `== ${t.t('digest.language.heading', { language: t.languageName(section.language) })} ==`,
    );
    list(t.t('digest.section.missing', { count: section.missing.length }), section.missing);
    list(t.t('digest.section.outdated', { count: section.outdated.length }), section.outdated);
    list(
      t.t('digest.section.inProgress', { count: section.inProgress.length }),
      section.inProgress,
    );
    if (section.review)
      list(t.t('digest.section.review', { count: section.review.length }), section.review);
  }
  lines.push(
    '',
    '--',
    t.t('digest.mail.settings', { url: input.settingsUrl }),
    t.t('digest.mail.unsubscribe', { url: input.unsubscribeUrl }),
    '',
  );
  return {
    subject: t.t('digest.mail.subject', { site: input.siteName, count: input.digest.itemCount }),
    text: lines.join('\n'),
  };
};
