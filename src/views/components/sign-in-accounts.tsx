/**
 * The account page's "Sign-in accounts": each provider the person is linked to (with the user
 * name it gave, as given) and an Unlink button, and a Link button for each other enabled
 * provider. Both are POST forms with the CSRF token.
 */
import type { Translator } from '../../i18n/translator.js';
import { Csrf } from './field.js';

export interface SignInAccountsProps {
  t: Translator;
  csrfToken: string;
  accounts: {
    slug: string;
    label: string;
    enabled: boolean;
    linked: { providerUsername: string; linkedAt: string } | null;
  }[];
  hasPassword: boolean;
}

export function SignInAccounts(props: SignInAccountsProps) {
  const { t } = props;
  if (props.accounts.length === 0) return null;
  return (
    <section aria-labelledby="sign-in-accounts-heading">
      <h2 id="sign-in-accounts-heading">{t.t('sso.account.heading')}</h2>
      <p>{t.t('sso.account.hint')}</p>
      {props.hasPassword ? null : <p class="notice">{t.t('sso.account.noPassword')}</p>}
      <ul class="stack sso-accounts">
        {props.accounts.map((a) => (
          <li class="card">
            <strong>
              <bdi>{a.label}</bdi>
            </strong>{' '}
            {a.linked ? (
              <>
                <span>
                  {t.t('sso.account.linkedAs')}{' '}
                  <bdi class="sso-username">{a.linked.providerUsername}</bdi>
                </span>{' '}
                <span class="muted">
                  {t.t('sso.account.linkedAt', { date: t.formatDate(a.linked.linkedAt, 'medium') })}
                </span>
                <form method="post" action={`/account/sign-in/${a.slug}/unlink`}>
                  <Csrf token={props.csrfToken} />
                  <button type="submit" class="danger">
                    {t.t('sso.account.unlink', { provider: `\u2068${a.label}\u2069` })}
                  </button>
                </form>
              </>
            ) : a.enabled ? (
              <form method="post" action={`/account/sign-in/${a.slug}/link`}>
                <Csrf token={props.csrfToken} />
                <button type="submit">
                  {t.t('sso.account.link', { provider: `\u2068${a.label}\u2069` })}
                </button>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
