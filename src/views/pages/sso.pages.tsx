/**
 * Pages of signing in with a provider: the failure page (what went wrong, in the person's
 * language, with the provider's own words when it gave some, and where to try again) and the
 * welcome page a new account whose user name had to differ from the provider's is shown.
 */
import type { Translator } from '../../i18n/translator.js';
import { Layout } from '../layouts/layout.js';
import type { ViewUser } from '../view-types.js';

/** A name in a sentence of either direction: first-strong isolate (FSI … PDI). */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}

export interface SsoErrorPageProps {
  t: Translator;
  user: ViewUser | null;
  csrfToken: string;
  /** The failure's message, already in the interface language. */
  message: string;
  /** What the provider said (its error code and description), shown as given. */
  detail?: string | undefined;
  /** Where to try again, and its link text. */
  back: { href: string; label: string };
}

export function SsoErrorPage(props: SsoErrorPageProps) {
  const { t } = props;
  return (
    <Layout title={t.t('sso.error.title')} t={t} user={props.user} csrfToken={props.csrfToken}>
      <div class="narrow stack">
        <h1>{t.t('sso.error.title')}</h1>
        <div class="error-summary" role="alert" tabIndex={-1}>
          <p>{props.message}</p>
          {props.detail ? (
            <p>
              {t.t('sso.error.providerSaid')}{' '}
              <code dir="auto" class="sso-detail">
                {props.detail}
              </code>
            </p>
          ) : null}
        </div>
        <p>
          <a href={props.back.href}>{props.back.label}</a>
        </p>
      </div>
    </Layout>
  );
}

export interface SsoWelcomePageProps {
  t: Translator;
  user: ViewUser;
  csrfToken: string;
  providerLabel: string;
  providerName: string;
  username: string;
  next: string;
}

export function SsoWelcomePage(props: SsoWelcomePageProps) {
  const { t } = props;
  return (
    <Layout title={t.t('sso.welcome.title')} t={t} user={props.user} csrfToken={props.csrfToken}>
      <div class="narrow stack">
        <h1>{t.t('sso.welcome.title')}</h1>
        <p class="notice" role="status">
          {t.t('sso.welcome.renamed', {
            provider: isolate(props.providerLabel),
            providerName: isolate(props.providerName),
            username: isolate(props.username),
          })}
        </p>
        <p>{t.t('sso.welcome.why', { username: isolate(props.username) })}</p>
        <p>
          <a href={props.next}>{t.t('sso.welcome.continue')}</a> ·{' '}
          <a href="/account">{t.t('sso.welcome.account')}</a>
        </p>
      </div>
    </Layout>
  );
}

export interface SsoContinuePageProps {
  t: Translator;
  user: ViewUser | null;
  csrfToken: string;
  providerLabel: string;
  /** The provider's authorization URL. */
  url: string;
}

/**
 * The step between the account page's Link form and the provider: the site's CSP keeps forms
 * (and the redirects that answer them) on this site (`form-action 'self'`), so the browser is
 * sent on by a refresh (header and meta) with a link to follow by hand.
 */
export function SsoContinuePage(props: SsoContinuePageProps) {
  const { t } = props;
  return (
    <Layout title={t.t('sso.continue.title')} t={t} user={props.user} csrfToken={props.csrfToken}>
      <div class="narrow stack">
        <meta http-equiv="refresh" content={`0;url=${props.url}`} />
        <h1>{t.t('sso.continue.title')}</h1>
        <p>
          <a class="button" href={props.url}>
            {t.t('sso.continue.link', { provider: isolate(props.providerLabel) })}
          </a>
        </p>
      </div>
    </Layout>
  );
}
