/** Sign in, sign up, forgotten password and reset pages. */
import { Csrf, ErrorSummary, Field } from '../components/field.js';
import { Layout } from '../layouts/layout.js';
import type { FieldErrors, ViewUser } from '../view-types.js';

interface FormPage {
  user: ViewUser | null;
  csrfToken: string;
  error?: string | undefined;
  problems?: { field: string; message: string }[];
  errors?: FieldErrors;
}

export function SignInPage(
  props: FormPage & { next: string; login?: string; notice?: string | undefined },
) {
  return (
    <Layout title="Sign in" user={props.user} csrfToken={props.csrfToken}>
      <div class="narrow">
        <h1>Sign in</h1>
        {props.notice ? (
          <p class="notice" role="status">
            {props.notice}
          </p>
        ) : null}
        <ErrorSummary message={props.error} />
        <form method="post" action="/signin" class="stack">
          <Csrf token={props.csrfToken} />
          <input type="hidden" name="next" value={props.next} />
          <Field id="login" label="User name or e-mail">
            <input
              id="login"
              name="login"
              autocomplete="username"
              required
              value={props.login ?? ''}
            />
          </Field>
          <Field id="password" label="Password">
            <input
              id="password"
              name="password"
              type="password"
              autocomplete="current-password"
              required
            />
          </Field>
          <button type="submit">Sign in</button>
        </form>
        <p>
          <a href="/password/forgot">Forgot your password?</a> ·{' '}
          <a href={`/signup?next=${encodeURIComponent(props.next)}`}>Create an account</a>
        </p>
      </div>
    </Layout>
  );
}

export function SignUpPage(props: FormPage & { next: string; values: Record<string, string> }) {
  const e = props.errors ?? {};
  return (
    <Layout title="Create an account" user={props.user} csrfToken={props.csrfToken}>
      <div class="narrow">
        <h1>Create an account</h1>
        <ErrorSummary problems={props.problems} />
        <form method="post" action="/signup" class="stack">
          <Csrf token={props.csrfToken} />
          <input type="hidden" name="next" value={props.next} />
          <Field id="displayName" label="Your name, as readers see it" error={e.displayName}>
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
            label="User name"
            hint="Letters and digits of any script, dots, hyphens, underscores."
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
          <Field id="email" label="E-mail" error={e.email}>
            <input
              id="email"
              name="email"
              type="email"
              autocomplete="email"
              required
              value={props.values.email ?? ''}
            />
          </Field>
          <Field id="password" label="Password" hint="At least 10 characters." error={e.password}>
            <input
              id="password"
              name="password"
              type="password"
              autocomplete="new-password"
              required
              minLength={10}
            />
          </Field>
          <Field id="timeZone" label="Time zone" error={e.timeZone}>
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
          <button type="submit">Create account</button>
        </form>
      </div>
    </Layout>
  );
}

export function ForgotPasswordPage(props: FormPage & { sent: boolean }) {
  return (
    <Layout title="Forgot password" user={props.user} csrfToken={props.csrfToken}>
      <div class="narrow">
        <h1>Forgot your password?</h1>
        {props.sent ? (
          <p class="notice" role="status">
            If an account uses that address, we have sent it a link to choose a new password. It is
            valid for two hours.
          </p>
        ) : (
          <form method="post" action="/password/forgot" class="stack">
            <Csrf token={props.csrfToken} />
            <Field id="email" label="E-mail address of your account">
              <input id="email" name="email" type="email" autocomplete="email" required />
            </Field>
            <button type="submit">Send reset link</button>
          </form>
        )}
      </div>
    </Layout>
  );
}

export function ResetPasswordPage(props: FormPage & { token: string }) {
  const e = props.errors ?? {};
  return (
    <Layout title="Choose a new password" user={props.user} csrfToken={props.csrfToken}>
      <div class="narrow">
        <h1>Choose a new password</h1>
        <ErrorSummary problems={props.problems} />
        <form method="post" action={`/password/reset/${props.token}`} class="stack">
          <Csrf token={props.csrfToken} />
          <Field
            id="password"
            label="New password"
            hint="At least 10 characters."
            error={e.password ?? e.token}
          >
            <input
              id="password"
              name="password"
              type="password"
              autocomplete="new-password"
              required
              minLength={10}
            />
          </Field>
          <button type="submit">Set password</button>
        </form>
      </div>
    </Layout>
  );
}
