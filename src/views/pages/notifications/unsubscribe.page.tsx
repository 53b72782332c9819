/**
 * The page behind a one-click unsubscribe link: opening it (a GET, which mail scanners
 * prefetch) changes nothing and asks; its button POSTs to the same address. No sign-in needed.
 */
import type { Translator } from '../../../i18n/translator.js';
import { Layout } from '../../layouts/layout.js';
import type { ViewUser } from '../../view-types.js';

export interface UnsubscribePageProps {
  t: Translator;
  user: ViewUser | null;
  csrfToken: string;
  /** The form's action (the link's own path); null once done or for an invalid link. */
  action: string | null;
  scope: 'notifications' | 'digest' | null;
  state: 'ask' | 'done' | 'already' | 'invalid';
}

export function UnsubscribePage(props: UnsubscribePageProps) {
  const { t } = props;
  return (
    <Layout
      title={t.t('notifications.unsubscribe.title')}
      t={t}
      user={props.user}
      csrfToken={props.csrfToken}
    >
      <h1 class="page-title">{t.t('notifications.unsubscribe.title')}</h1>
      {props.state === 'invalid' ? <p>{t.t('notifications.unsubscribe.invalid')}</p> : null}
      {props.state === 'done' ? (
        <p class="notice" role="status">
          {t.t('notifications.unsubscribe.done')}
        </p>
      ) : null}
      {props.state === 'already' ? <p>{t.t('notifications.unsubscribe.already')}</p> : null}
      {props.state === 'ask' && props.action && props.scope ? (
        <form method="post" action={props.action} class="stack narrow">
          <input type="hidden" name="List-Unsubscribe" value="One-Click" />
          <p>{t.t(`notifications.unsubscribe.question.${props.scope}`)}</p>
          <div>
            <button type="submit">{t.t('notifications.unsubscribe.button')}</button>
          </div>
        </form>
      ) : null}
    </Layout>
  );
}
