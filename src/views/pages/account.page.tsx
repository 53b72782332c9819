/** A person's own account: profile, languages they translate, password, sessions. */
import type { Translator } from '../../i18n/translator.js';
import { Csrf, ErrorSummary, Field } from '../components/field.js';
import { Layout } from '../layouts/layout.js';
import { SignInAccounts } from '../components/sign-in-accounts.js';
import type { SignInAccountsProps } from '../components/sign-in-accounts.js';
import type { FieldErrors, ViewUser } from '../view-types.js';

export interface AccountPageProps {
  t: Translator;
  user: ViewUser;
  csrfToken: string;
  profile: {
    displayName: string;
    bio: string;
    timeZone: string;
    avatarMediaId: string | null;
    languages: string[];
  };
  avatarUrl: string | null;
  avatars: { id: string; url: string; filename: string; alt: string }[];
  /** Languages offered as checkboxes (site languages plus the person's own). */
  languageChoices: { tag: string; name: string }[];
  timeZones: readonly string[];
  problems?: { field: string; message: string }[] | undefined;
  errors?: FieldErrors | undefined;
  notice?: string | undefined;
  /** Sign-in providers linked and linkable (issue 10). */
  signInAccounts?: Pick<SignInAccountsProps, 'accounts' | 'hasPassword'> | undefined;
}

export function AccountPage(props: AccountPageProps) {
  const { t, profile } = props;
  const e = props.errors ?? {};
  return (
    <Layout title={t.t('account.title')} t={t} user={props.user} csrfToken={props.csrfToken}>
      <h1>{t.t('account.title')}</h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <ErrorSummary problems={props.problems} />
      <section aria-labelledby="profile-heading">
        <h2 id="profile-heading">{t.t('account.profile.heading')}</h2>
        {props.avatarUrl ? (
          <img
            src={props.avatarUrl}
            alt={t.t('account.avatar.current')}
            width={96}
            class="avatar"
          />
        ) : null}
        <form method="post" action="/account/profile" class="stack narrow">
          <Csrf token={props.csrfToken} />
          <Field id="displayName" label={t.t('account.field.displayName')} error={e.displayName}>
            <input
              id="displayName"
              name="displayName"
              value={profile.displayName}
              required
              maxLength={100}
              dir="auto"
              autocomplete="name"
            />
          </Field>
          <Field id="bio" label={t.t('account.field.bio')} error={e.bio}>
            <textarea id="bio" name="bio" rows={4} maxLength={2000} dir="auto">
              {profile.bio}
            </textarea>
          </Field>
          <Field
            id="avatarMediaId"
            label={t.t('account.field.avatar')}
            hint={t.t('account.avatar.hint')}
            error={e.avatarMediaId}
          >
            <select id="avatarMediaId" name="avatarMediaId">
              <option value="">{t.t('account.avatar.none')}</option>
              {props.avatars.map((a) => (
                <option value={a.id} selected={a.id === profile.avatarMediaId}>
                  {a.alt || a.filename}
                </option>
              ))}
            </select>
          </Field>
          <Field id="timeZone" label={t.t('account.field.timeZone')} error={e.timeZone}>
            <select id="timeZone" name="timeZone">
              {props.timeZones.map((z) => (
                <option value={z} selected={z === profile.timeZone}>
                  {z}
                </option>
              ))}
            </select>
          </Field>
          <fieldset
            id="languages"
            class="account-languages"
            aria-describedby={e.languages ? 'languages-error' : undefined}
          >
            <legend>{t.t('account.field.languages')}</legend>
            {props.languageChoices.map((l) => (
              <label>
                <input
                  type="checkbox"
                  name="languages"
                  value={l.tag}
                  checked={profile.languages.includes(l.tag)}
                />{' '}
                <span lang={l.tag}>{l.name}</span>
              </label>
            ))}
            {e.languages ? (
              <p class="field-error" id="languages-error" role="alert">
                {e.languages}
              </p>
            ) : null}
          </fieldset>
          <button type="submit">{t.t('account.profile.save')}</button>
        </form>
      </section>
      <section aria-labelledby="password-heading">
        <h2 id="password-heading">{t.t('account.password.heading')}</h2>
        <form method="post" action="/account/password" class="stack narrow">
          <Csrf token={props.csrfToken} />
          <Field
            id="currentPassword"
            label={t.t('account.field.currentPassword')}
            error={e.currentPassword}
          >
            <input
              id="currentPassword"
              name="currentPassword"
              type="password"
              autocomplete="current-password"
              required
            />
          </Field>
          <Field
            id="newPassword"
            label={t.t('account.field.newPassword')}
            hint={t.t('account.password.hint')}
            error={e.newPassword}
          >
            <input
              id="newPassword"
              name="newPassword"
              type="password"
              autocomplete="new-password"
              required
              minLength={10}
            />
          </Field>
          <Field
            id="confirmPassword"
            label={t.t('account.field.confirmPassword')}
            error={e.confirmPassword}
          >
            <input
              id="confirmPassword"
              name="confirmPassword"
              type="password"
              autocomplete="new-password"
              required
              minLength={10}
            />
          </Field>
          <button type="submit">{t.t('account.password.submit')}</button>
        </form>
      </section>
      {props.signInAccounts ? (
        <SignInAccounts t={t} csrfToken={props.csrfToken} {...props.signInAccounts} />
      ) : null}
      <section aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">{t.t('apitokens.title')}</h2>
        <p>
          <a href="/account/tokens">{t.t('apitokens.manage')}</a>
        </p>
      </section>
      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">{t.t('account.sessions.heading')}</h2>
        <p>{t.t('account.sessions.hint')}</p>
        <form method="post" action="/account/signout-everywhere">
          <Csrf token={props.csrfToken} />
          <button type="submit" class="danger">
            {t.t('account.sessions.submit')}
          </button>
        </form>
      </section>
    </Layout>
  );
}
