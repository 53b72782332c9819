/**
 * Administration: sign-in providers (OpenID Connect, plain OAuth 2, the MediaWiki preset). A
 * list with the redirect URI to register at each provider, enable/disable and delete buttons,
 * and one form to add or edit. The client secret is never rendered back: the field stays empty
 * and says whether one is stored (empty on save keeps it).
 */
import type { Translator } from '../../../i18n/translator.js';
import { Csrf, ErrorSummary, Field } from '../../components/field.js';
import { Layout } from '../../layouts/layout.js';
import { fieldErrors } from '../../view-types.js';
import type { ViewUser } from '../../view-types.js';

export interface ProviderRow {
  id: string;
  slug: string;
  kind: 'oidc' | 'oauth2';
  label: string;
  issuer: string | null;
  enabled: boolean;
  linkedAccounts: number;
  redirectUri: string;
}

export interface ProviderFormValues {
  kind: string;
  slug: string;
  label: string;
  issuer: string;
  wikiUrl: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  profileEndpoint: string;
  subjectField: string;
  usernameField: string;
  clientId: string;
  scopes: string;
  enabled: boolean;
  newUserRole: string;
}

export interface SignInAdminPageProps {
  t: Translator;
  user: ViewUser;
  csrfToken: string;
  providers: ProviderRow[];
  /** The provider being edited (its id), or null for the add form. */
  editing: { id: string; hasSecret: boolean } | null;
  values: ProviderFormValues;
  /** `<publicUrl>/signin/` — the redirect URI is this plus `<slug>/callback`. */
  redirectBase: string;
  problems?: { field: string; message: string }[] | undefined;
  notice?: string | undefined;
}

export const emptyProviderForm: ProviderFormValues = {
  kind: 'oidc',
  slug: '',
  label: '',
  issuer: '',
  wikiUrl: '',
  authorizationEndpoint: '',
  tokenEndpoint: '',
  profileEndpoint: '',
  subjectField: '',
  usernameField: '',
  clientId: '',
  scopes: '',
  enabled: true,
  newUserRole: 'reader',
};

export function SignInAdminPage(props: SignInAdminPageProps) {
  const { t, values } = props;
  const errors = fieldErrors(props.problems ?? []);
  const action = props.editing ? `/admin/sign-in/${props.editing.id}` : '/admin/sign-in';
  return (
    <Layout title={t.t('sso.admin.title')} t={t} user={props.user} csrfToken={props.csrfToken}>
      <p>
        <a href="/admin">{t.t('sso.admin.back')}</a>
      </p>
      <h1>{t.t('sso.admin.title')}</h1>
      <p>{t.t('sso.admin.intro')}</p>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <ErrorSummary problems={props.problems} />
      <section aria-labelledby="providers-heading">
        <h2 id="providers-heading">{t.t('sso.admin.list.heading')}</h2>
        {props.providers.length === 0 ? (
          <p>{t.t('sso.admin.list.empty')}</p>
        ) : (
          <ul class="stack sso-providers">
            {props.providers.map((p) => (
              <li class="card stack">
                <h3>
                  <bdi>{p.label}</bdi>{' '}
                  <span class="badge">
                    {p.enabled ? t.t('sso.admin.enabled') : t.t('sso.admin.disabled')}
                  </span>
                </h3>
                <dl>
                  <dt>{t.t('sso.admin.field.kind')}</dt>
                  <dd>{t.t('sso.admin.kind', { kind: p.kind })}</dd>
                  <dt>{t.t('sso.admin.field.slug')}</dt>
                  <dd>
                    <bdi dir="ltr">{p.slug}</bdi>
                  </dd>
                  <dt>{t.t('sso.admin.redirectUri')}</dt>
                  <dd>
                    <code dir="ltr" class="copyable">
                      {p.redirectUri}
                    </code>
                  </dd>
                  <dt>{t.t('sso.admin.linkedAccounts')}</dt>
                  <dd>{t.t('sso.admin.linkedCount', { count: p.linkedAccounts })}</dd>
                </dl>
                <div class="actions">
                  <a href={`/admin/sign-in?edit=${encodeURIComponent(p.id)}`}>
                    {t.t('sso.admin.edit')}
                    <span class="visually-hidden">
                      {' '}
                      <bdi>{p.label}</bdi>
                    </span>
                  </a>
                  <form method="post" action={`/admin/sign-in/${p.id}/enabled`}>
                    <Csrf token={props.csrfToken} />
                    <input type="hidden" name="enabled" value={p.enabled ? 'off' : 'on'} />
                    <button type="submit">
                      {p.enabled ? t.t('sso.admin.disable') : t.t('sso.admin.enable')}
                      <span class="visually-hidden">
                        {' '}
                        <bdi>{p.label}</bdi>
                      </span>
                    </button>
                  </form>
                  <form method="post" action={`/admin/sign-in/${p.id}/delete`}>
                    <Csrf token={props.csrfToken} />
                    <button type="submit" class="danger" disabled={p.linkedAccounts > 0}>
                      {t.t('sso.admin.delete')}
                      <span class="visually-hidden">
                        {' '}
                        <bdi>{p.label}</bdi>
                      </span>
                    </button>
                  </form>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="provider-form-heading">
        <h2 id="provider-form-heading">
          {props.editing ? t.t('sso.admin.form.editHeading') : t.t('sso.admin.form.addHeading')}
        </h2>
        <form method="post" action={action} class="stack narrow">
          <Csrf token={props.csrfToken} />
          <Field id="kind" label={t.t('sso.admin.field.kind')} error={errors.kind}>
            <select id="kind" name="kind">
              {(['oidc', 'oauth2', 'mediawiki'] as const).map((kind) => (
                <option value={kind} selected={values.kind === kind}>
                  {t.t('sso.admin.kind', { kind })}
                </option>
              ))}
            </select>
          </Field>
          <Field
            id="label"
            label={t.t('sso.admin.field.label')}
            hint={t.t('sso.admin.field.labelHint')}
            error={errors.label}
          >
            <input
              id="label"
              name="label"
              required
              maxLength={80}
              dir="auto"
              value={values.label}
            />
          </Field>
          <Field
            id="slug"
            label={t.t('sso.admin.field.slug')}
            hint={t.t('sso.admin.field.slugHint')}
            error={errors.slug}
          >
            <input
              id="slug"
              name="slug"
              required
              pattern="[a-z0-9][a-z0-9\-]{0,39}"
              dir="ltr"
              value={values.slug}
            />
          </Field>
          <p class="hint">
            <code dir="ltr" class="copyable">
              {props.redirectBase}
              <var>{values.slug || 'slug'}</var>/callback
            </code>
          </p>
          <fieldset class="stack">
            <legend>{t.t('sso.admin.oidc.legend')}</legend>
            <Field
              id="issuer"
              label={t.t('sso.admin.field.issuer')}
              hint={t.t('sso.admin.field.issuerHint')}
              error={errors.issuer}
            >
              <input id="issuer" name="issuer" type="url" dir="ltr" value={values.issuer} />
            </Field>
          </fieldset>
          <fieldset class="stack">
            <legend>{t.t('sso.admin.mediawiki.legend')}</legend>
            <Field
              id="wikiUrl"
              label={t.t('sso.admin.field.wikiUrl')}
              hint={t.t('sso.admin.field.wikiUrlHint')}
              error={errors.wikiUrl}
            >
              <input id="wikiUrl" name="wikiUrl" type="url" dir="ltr" value={values.wikiUrl} />
            </Field>
          </fieldset>
          <fieldset class="stack">
            <legend>{t.t('sso.admin.oauth2.legend')}</legend>
            {(
              [
                ['authorizationEndpoint', values.authorizationEndpoint],
                ['tokenEndpoint', values.tokenEndpoint],
                ['profileEndpoint', values.profileEndpoint],
              ] as const
            ).map(([name, value]) => (
              <Field id={name} label={t.t(`sso.admin.field.${name}`)} error={errors[name]}>
                <input id={name} name={name} type="url" dir="ltr" value={value} />
              </Field>
            ))}
            <Field
              id="subjectField"
              label={t.t('sso.admin.field.subjectField')}
              hint={t.t('sso.admin.field.subjectFieldHint')}
              error={errors.subjectField}
            >
              <input id="subjectField" name="subjectField" dir="ltr" value={values.subjectField} />
            </Field>
            <Field
              id="usernameField"
              label={t.t('sso.admin.field.usernameField')}
              hint={t.t('sso.admin.field.usernameFieldHint')}
              error={errors.usernameField}
            >
              <input
                id="usernameField"
                name="usernameField"
                dir="ltr"
                value={values.usernameField}
              />
            </Field>
          </fieldset>
          <Field id="clientId" label={t.t('sso.admin.field.clientId')} error={errors.clientId}>
            <input
              id="clientId"
              name="clientId"
              required
              dir="ltr"
              autocomplete="off"
              value={values.clientId}
            />
          </Field>
          <Field
            id="clientSecret"
            label={t.t('sso.admin.field.clientSecret')}
            hint={
              props.editing?.hasSecret
                ? t.t('sso.admin.field.clientSecretKept')
                : t.t('sso.admin.field.clientSecretHint')
            }
            error={errors.clientSecret}
          >
            <input
              id="clientSecret"
              name="clientSecret"
              type="password"
              dir="ltr"
              autocomplete="new-password"
              required={!props.editing?.hasSecret}
              value=""
            />
          </Field>
          <Field
            id="scopes"
            label={t.t('sso.admin.field.scopes')}
            hint={t.t('sso.admin.field.scopesHint')}
            error={errors.scopes}
          >
            <input id="scopes" name="scopes" dir="ltr" value={values.scopes} />
          </Field>
          <Field
            id="newUserRole"
            label={t.t('sso.admin.field.newUserRole')}
            hint={t.t('sso.admin.field.newUserRoleHint')}
            error={errors.newUserRole}
          >
            <select id="newUserRole" name="newUserRole">
              {(['reader', 'translator', 'author'] as const).map((role) => (
                <option value={role} selected={values.newUserRole === role}>
                  {t.t('sso.admin.role', { role })}
                </option>
              ))}
            </select>
          </Field>
          <label for="enabled">
            <input type="checkbox" id="enabled" name="enabled" checked={values.enabled} />{' '}
            {t.t('sso.admin.field.enabled')}
          </label>
          <p class="actions">
            <button type="submit">
              {props.editing ? t.t('sso.admin.form.save') : t.t('sso.admin.form.add')}
            </button>
            {props.editing ? <a href="/admin/sign-in">{t.t('sso.admin.form.cancel')}</a> : null}
          </p>
        </form>
      </section>
    </Layout>
  );
}
