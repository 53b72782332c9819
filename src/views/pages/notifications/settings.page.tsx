/** A person's notification e-mail settings: per kind on/off, mail language, undo unsubscribe. */
import { NOTIFICATION_KINDS } from '../../../domain/notifications.js';
import type { NotificationKind } from '../../../domain/notifications.js';
import type { Translator } from '../../../i18n/translator.js';
import { Csrf, ErrorSummary } from '../../components/field.js';
import { Layout } from '../../layouts/layout.js';
import type { ViewUser } from '../../view-types.js';

export interface NotificationSettingsPageProps {
  t: Translator;
  user: ViewUser;
  csrfToken: string;
  email: Record<NotificationKind, boolean>;
  optedOut: boolean;
  interfaceLanguage: string | null;
  /** Site languages offered for mail, with their names. */
  languages: { tag: string; name: string }[];
  defaultLanguageName: string;
  notice?: string | undefined;
  problems?: { field: string; message: string }[] | undefined;
}

export function NotificationSettingsPage(props: NotificationSettingsPageProps) {
  const { t } = props;
  return (
    <Layout
      title={t.t('notifications.settings.title')}
      t={t}
      user={props.user}
      csrfToken={props.csrfToken}
    >
      <h1 class="page-title">{t.t('notifications.settings.title')}</h1>
      <p>
        <a href="/notifications">{t.t('notifications.page.title')}</a>
      </p>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <ErrorSummary problems={props.problems} />
      {props.optedOut ? (
        <div class="notice notification-opted-out">
          <p>{t.t('notifications.settings.optedOut')}</p>
          <form method="post" action="/notifications/settings/resume">
            <Csrf token={props.csrfToken} />
            <button type="submit">{t.t('notifications.settings.optBackIn')}</button>
          </form>
        </div>
      ) : null}
      <p>{t.t('notifications.settings.intro')}</p>
      <form method="post" action="/notifications/settings" class="stack narrow">
        <Csrf token={props.csrfToken} />
        <fieldset>
          <legend>{t.t('notifications.settings.legend')}</legend>
          <div class="stack notification-kinds">
            {NOTIFICATION_KINDS.map((kind) => (
              <label class="checkbox">
                <input type="checkbox" name="email" value={kind} checked={props.email[kind]} />{' '}
                {t.t(`notifications.settings.kind.${kind}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <div class="field">
          <label for="interfaceLanguage">{t.t('notifications.settings.language')}</label>
          <select id="interfaceLanguage" name="interfaceLanguage">
            <option value="">
              {t.t('notifications.settings.languageDefault', {
                language: props.defaultLanguageName,
              })}
            </option>
            {props.languages.map((language) => (
              <option
                value={language.tag}
                lang={language.tag}
                selected={props.interfaceLanguage === language.tag}
              >
                {language.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <button type="submit">{t.t('notifications.settings.save')}</button>
        </div>
      </form>
    </Layout>
  );
}
