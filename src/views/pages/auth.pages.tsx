/**
 * Sign in, sign up, forgotten password and reset pages. A refusal (wrong password, a limit
 * reached, a field problem) is shown at the top of the form in an alert summary, and the form
 * stays filled in (never the password).
 */
import type { Translator } from '../../i18n/translator.js';
import { Csrf, ErrorSummary, Field } from '../components/field.js';
import { Layout } from '../layouts/layout.js';
import { SignInProviders } from '../components/sign-in-providers.js';
import type { FieldErrors, ViewUser } from '../view-types.js';

/** The shortest password the sign-up and reset forms accept (the service enforces it). */
const MIN_PASSWORD = 10;

interface FormPage {
  t: Translator;
  user: ViewUser | null;
  csrfToken: string;
  error?: string | undefined;
  problems?: { field: string; message: string }[];
  errors?: FieldErrors;
}

/** The sign-in form; `next` is where a successful sign-in goes (already made safe). */
export function SignInPage(
  props: FormPage & {
    next: string;
    login?: string;
    notice?: string | undefined;
    /** Enabled sign-in providers, one button each (issue 10). */
    providers?: { slug: string; label: string }[];
  },
) {
  const { t } = props;
  return (
    <Layout title={t.t('auth.signIn.title')} t={t} user={props.user} csrfToken={props.csrfToken}>
      <div class="narrow">
        <h1>{t.t('auth.signIn.title')}</h1>
        {props.notice ? (
          <p class="notice" role="status">
            {props.notice}
          </p>
        ) : null}
        <ErrorSummary message={props.error} />
        <form method="post" action="/signin" class="stack">
          <Csrf token={props.csrfToken} />
          <input type="hidden" name="next" value={props.next} />
          <Field id="login" label={t.t('auth.field.login')}>
            <input
              id="login"
              name="login"
              autocomplete="username"
              required
              value={props.login ?? ''}
              dir="auto"
            />
          </Field>
          <Field id="password" label={t.t('auth.field.password')}>
            <input
              id="password"
              name="password"
              type="password"
              autocomplete="current-password"
              required
            />
          </Field>
          <button type="submit">{t.t('auth.signIn.submit')}</button>
        </form>
        <SignInProviders t={t} next={props.next} providers={props.providers ?? []} />
        <p>
          <a href="/password/forgot">{t.t('auth.signIn.forgot')}</a> ·{' '}
          <a href={`/signup?next=${encodeURIComponent(props.next)}`}>
            {t.t('auth.signIn.createAccount')}
          </a>
        </p>
      </div>
    </Layout>
  );
}

/** The sign-up form, refilled with `values` after a refusal. */
export function SignUpPage(props: FormPage & { next: string; values: Record<string, string> }) {
  const { t } = props;
  const e = props.errors ?? {};
  return (
    <Layout title={t.t('auth.signUp.title')} t={t} user={props.user} csrfToken={props.csrfToken}>
      <div class="narrow">
        <h1>{t.t('auth.signUp.title')}</h1>
        <ErrorSummary message={props.error} problems={props.problems} />
        <form method="post" action="/signup" class="stack">
          <Csrf token={props.csrfToken} />
          <input type="hidden" name="next" value={props.next} />
          <Field id="displayName" label={t.t('auth.field.displayName')} error={e.displayName}>
            <input
              id="displayName"
              name="displayName"
              autocomplete="name"
              required
              value={props.values.displayName ?? ''}
              dir="auto"
            />
          </Field>
          <Field
            id="username"
            label={t.t('auth.field.username')}
            hint={t.t('auth.field.usernameHint')}
            error={e.username}
          >
            <input
              id="username"
              name="username"
              autocomplete="username"
              required
              value={props.values.username ?? ''}
              dir="auto"
            />
          </Field>
          <Field id="email" label={t.t('auth.field.email')} error={e.email}>
            <input
              id="email"
              name="email"
              type="email"
              autocomplete="email"
              required
              value={props.values.email ?? ''}
            />
          </Field>
          <Field
            id="password"
            label={t.t('auth.field.password')}
            hint={t.t('auth.field.passwordHint', { count: MIN_PASSWORD })}
            error={e.password}
          >
            <input
              id="password"
              name="password"
              type="password"
              autocomplete="new-password"
              required
              minLength={MIN_PASSWORD}
            />
          </Field>
          <Field id="timeZone" label={t.t('auth.field.timeZone')} error={e.timeZone}>
            <input
              id="timeZone"
              name="timeZone"
              value={props.values.timeZone ?? 'UTC'}
              list="time-zones"
            />
            <datalist id="time-zones">
              {Intl.supportedValuesOf('timeZone').map((z) => (
                <option value={z} />
              ))}
            </datalist>
          </Field>
          <button type="submit">{t.t('auth.signUp.submit')}</button>
        </form>
      </div>
    </Layout>
  );
}

/** Asks for the account's e-mail address; says the same whether or not it has an account. */
export function ForgotPasswordPage(props: FormPage & { sent: boolean }) {
  const { t } = props;
  return (
    <Layout title={t.t('auth.forgot.title')} t={t} user={props.user} csrfToken={props.csrfToken}>
      <div class="narrow">
        <h1>{t.t('auth.forgot.heading')}</h1>
        <ErrorSummary message={props.error} />
        {props.sent ? (
          <p class="notice" role="status">
            {t.t('auth.forgot.sent', { hours: 2 })}
          </p>
        ) : (
          <form method="post" action="/password/forgot" class="stack">
            <Csrf token={props.csrfToken} />
            <Field id="email" label={t.t('auth.field.accountEmail')}>
              <input id="email" name="email" type="email" autocomplete="email" required />
            </Field>
            <button type="submit">{t.t('auth.forgot.submit')}</button>
          </form>
        )}
      </div>
    </Layout>
  );
}

/** Sets a new password with the link's token. */
export function ResetPasswordPage(props: FormPage & { token: string }) {
  const { t } = props;
  const e = props.errors ?? {};
  return (
    <Layout title={t.t('auth.reset.title')} t={t} user={props.user} csrfToken={props.csrfToken}>
      <div class="narrow">
        <h1>{t.t('auth.reset.title')}</h1>
        <ErrorSummary message={props.error} problems={props.problems} />
        <form method="post" action={`/password/reset/${props.token}`} class="stack">
          <Csrf token={props.csrfToken} />
          <Field
            id="password"
            label={t.t('auth.field.newPassword')}
            hint={t.t('auth.field.passwordHint', { count: MIN_PASSWORD })}
            error={e.password ?? e.token}
          >
            <input
              id="password"
              name="password"
              type="password"
              autocomplete="new-password"
              required
              minLength={MIN_PASSWORD}
            />
          </Field>
          <button type="submit">{t.t('auth.reset.submit')}</button>
        </form>
      </div>
    </Layout>
  );
}
