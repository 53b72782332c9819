/** /account/tokens: a person's personal access tokens for the REST API (docs/api.md). */
import type { Translator } from '../../i18n/translator.js';
import { Csrf, ErrorSummary, Field } from '../components/field.js';
import { Layout } from '../layouts/layout.js';
import type { FieldErrors, ViewUser } from '../view-types.js';

export interface ApiTokenView {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  /** Neither revoked nor expired. */
  live: boolean;
}

export interface ApiTokensPageProps {
  t: Translator;
  user: ViewUser;
  csrfToken: string;
  tokens: ApiTokenView[];
  /** Scopes the person may give a token (translate needs the translator role). */
  scopes: string[];
  /** The secret of the token just made: shown this once. */
  created?: { name: string; secret: string } | undefined;
  typed?: { name: string; scopes: string[]; expiresOn: string } | undefined;
  problems?: { field: string; message: string }[] | undefined;
  errors?: FieldErrors | undefined;
  notice?: string | undefined;
}

function TokenRow({ t, token, csrf }: { t: Translator; token: ApiTokenView; csrf: string }) {
  const state = token.revokedAt
    ? t.t('apitokens.state.revoked', { date: t.formatDate(token.revokedAt, 'medium') })
    : token.live
      ? token.expiresAt
        ? t.t('apitokens.state.expires', { date: t.formatDate(token.expiresAt, 'medium') })
        : t.t('apitokens.state.live')
      : t.t('apitokens.state.expired');
  return (
    <tr class={token.live ? undefined : 'muted'}>
      <td dir="auto">{token.name}</td>
      <td>
        <code dir="ltr">{token.prefix}…</code>
      </td>
      <td>{t.formatList(token.scopes.map((s) => t.t(`apitokens.scope.${s}`)))}</td>
      <td>{t.formatDate(token.createdAt, 'medium')}</td>
      <td>
        {token.lastUsedAt ? t.formatDate(token.lastUsedAt, 'medium') : t.t('apitokens.never')}
      </td>
      <td>{state}</td>
      <td>
        {token.live ? (
          <form method="post" action={`/account/tokens/${token.id}/revoke`}>
            <Csrf token={csrf} />
            <button type="submit" class="danger">
              {t.t('apitokens.revoke')}
            </button>
          </form>
        ) : null}
      </td>
    </tr>
  );
}

export function ApiTokensPage(props: ApiTokensPageProps) {
  const { t } = props;
  const e = props.errors ?? {};
  const typed = props.typed ?? { name: '', scopes: ['read'], expiresOn: '' };
  return (
    <Layout title={t.t('apitokens.title')} t={t} user={props.user} csrfToken={props.csrfToken}>
      <p>
        <a href="/account">{t.t('apitokens.back')}</a>
      </p>
      <h1>{t.t('apitokens.title')}</h1>
      <p>{t.t('apitokens.intro')}</p>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.created ? (
        <div class="notice" role="status" id="new-token">
          <p>{t.t('apitokens.created', { name: props.created.name })}</p>
          <p>
            <code dir="ltr" class="secret">
              {props.created.secret}
            </code>
          </p>
          <p>{t.t('apitokens.createdHint')}</p>
        </div>
      ) : null}
      <ErrorSummary problems={props.problems} />
      <section aria-labelledby="new-token-heading">
        <h2 id="new-token-heading">{t.t('apitokens.new.heading')}</h2>
        <form method="post" action="/account/tokens" class="stack narrow">
          <Csrf token={props.csrfToken} />
          <Field id="name" label={t.t('apitokens.field.name')} error={e.name}>
            <input id="name" name="name" value={typed.name} required maxLength={100} dir="auto" />
          </Field>
          <fieldset id="scopes" aria-describedby={e.scopes ? 'scopes-error' : undefined}>
            <legend>{t.t('apitokens.field.scopes')}</legend>
            {props.scopes.map((scope) => (
              <label>
                <input
                  type="checkbox"
                  name="scopes"
                  value={scope}
                  checked={typed.scopes.includes(scope)}
                />{' '}
                {t.t(`apitokens.scope.${scope}`)} — {t.t(`apitokens.scopeHint.${scope}`)}
              </label>
            ))}
            {e.scopes ? (
              <p class="field-error" id="scopes-error" role="alert">
                {e.scopes}
              </p>
            ) : null}
          </fieldset>
          <Field
            id="expiresOn"
            label={t.t('apitokens.field.expiresOn')}
            hint={t.t('apitokens.expiresHint')}
            error={e.expiresOn}
          >
            <input id="expiresOn" name="expiresOn" type="date" value={typed.expiresOn} />
          </Field>
          <button type="submit">{t.t('apitokens.create')}</button>
        </form>
      </section>
      <section aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">{t.t('apitokens.list.heading')}</h2>
        {props.tokens.length === 0 ? (
          <p>{t.t('apitokens.none')}</p>
        ) : (
          <div class="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.t('apitokens.field.name')}</th>
                  <th scope="col">{t.t('apitokens.col.prefix')}</th>
                  <th scope="col">{t.t('apitokens.field.scopes')}</th>
                  <th scope="col">{t.t('apitokens.col.created')}</th>
                  <th scope="col">{t.t('apitokens.col.lastUsed')}</th>
                  <th scope="col">{t.t('apitokens.col.state')}</th>
                  <th scope="col">
                    <span class="visually-hidden">{t.t('apitokens.revoke')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {props.tokens.map((token) => (
                  <TokenRow t={t} token={token} csrf={props.csrfToken} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </Layout>
  );
}
