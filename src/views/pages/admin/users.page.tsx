/** Administration: people — search, roles, per-language review rights, suspension. */
import type { Translator } from '../../../i18n/translator.js';
import { formatTimestamp } from '../../components/date.js';
import { Csrf, ErrorSummary } from '../../components/field.js';
import { Layout } from '../../layouts/layout.js';
import type { ViewUser } from '../../view-types.js';

export interface UsersPageProps {
  t: Translator;
  user: ViewUser;
  csrfToken: string;
  roles: readonly string[];
  /** Languages offered for review rights (site languages, plus any already granted). */
  languages: { tag: string; name: string }[];
  people: {
    id: string;
    username: string;
    displayName: string;
    email: string;
    roles: readonly string[];
    reviewLanguages: string[];
    suspendedAt: string | null;
    suspendedReason: string;
  }[];
  q: string;
  page: number;
  hasNext: boolean;
  problems?: { field: string; message: string }[] | undefined;
  notice?: string | undefined;
}

const knownRoles = new Set(['reader', 'translator', 'author', 'reviewer', 'editor', 'admin']);

function pageHref(q: string, page: number): string {
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `/admin/users?${query}` : '/admin/users';
}

export function UsersPage(props: UsersPageProps) {
  const { t } = props;
  const roleName = (role: string) => (knownRoles.has(role) ? t.t(`admin.role.${role}`) : role);
  return (
    <Layout title={t.t('people.title')} t={t} user={props.user} csrfToken={props.csrfToken}>
      <p>
        <a href="/admin">{t.t('people.back')}</a>
      </p>
      <h1>{t.t('people.title')}</h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <ErrorSummary problems={props.problems} />
      <form role="search" method="get" action="/admin/users" class="inline-form people-search">
        <label for="people-q">{t.t('people.search.label')}</label>{' '}
        <input id="people-q" name="q" type="search" value={props.q} dir="auto" />{' '}
        <button type="submit" class="secondary">
          {t.t('people.search.submit')}
        </button>
      </form>
      {props.people.length === 0 ? (
        <p role="status">{t.t('people.none')}</p>
      ) : (
        <ul class="people-list">
          {props.people.map((p) => {
            const self = p.id === props.user.id;
            return (
              <li class="people-card" data-user={p.username}>
                <h2>
                  <bdi>{p.displayName}</bdi>{' '}
                  <span class="meta">
                    <bdi>@{p.username}</bdi>
                  </span>
                </h2>
                <p class="meta">
                  <bdi>{p.email}</bdi>
                </p>
                {p.suspendedAt ? (
                  <p class="notice" data-suspended="true">
                    {t.t('people.suspendedSince', {
                      when: formatTimestamp(p.suspendedAt, t.lang),
                    })}{' '}
                    <bdi>{p.suspendedReason}</bdi>
                  </p>
                ) : null}
                <form
                  method="post"
                  action={`/admin/users/${p.id}/roles`}
                  class="roles-form"
                  aria-label={t.t('admin.people.rolesOf', { name: p.displayName })}
                >
                  <Csrf token={props.csrfToken} />
                  <input type="hidden" name="back" value="users" />
                  <fieldset>
                    <legend>{t.t('admin.people.roles')}</legend>
                    {props.roles.map((r) => (
                      <label>
                        <input
                          type="checkbox"
                          name="roles"
                          value={r}
                          checked={p.roles.includes(r)}
                        />{' '}
                        {roleName(r)}
                      </label>
                    ))}
                  </fieldset>
                  <button type="submit" class="secondary">
                    {t.t('admin.people.saveRoles')}
                  </button>
                </form>
                <form
                  method="post"
                  action={`/admin/users/${p.id}/review-languages`}
                  class="roles-form"
                  aria-label={t.t('people.review.of', { name: p.displayName })}
                >
                  <Csrf token={props.csrfToken} />
                  <fieldset>
                    <legend>{t.t('people.review.legend')}</legend>
                    <p class="hint">{t.t('people.review.hint')}</p>
                    {props.languages.map((l) => (
                      <label>
                        <input
                          type="checkbox"
                          name="languages"
                          value={l.tag}
                          checked={p.reviewLanguages.includes(l.tag)}
                        />{' '}
                        <span lang={l.tag}>{l.name}</span>
                      </label>
                    ))}
                  </fieldset>
                  <button type="submit" class="secondary">
                    {t.t('people.review.save')}
                  </button>
                </form>
                {self ? null : p.suspendedAt ? (
                  <form method="post" action={`/admin/users/${p.id}/reactivate`}>
                    <Csrf token={props.csrfToken} />
                    <button type="submit" class="secondary">
                      {t.t('people.reactivate')}
                    </button>
                  </form>
                ) : (
                  <form method="post" action={`/admin/users/${p.id}/suspend`} class="roles-form">
                    <Csrf token={props.csrfToken} />
                    <label for={`reason-${p.id}`}>{t.t('people.suspend.reason')}</label>
                    <input
                      id={`reason-${p.id}`}
                      name="reason"
                      required
                      maxLength={500}
                      dir="auto"
                    />
                    <button type="submit" class="danger">
                      {t.t('people.suspend.submit')}
                    </button>
                  </form>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <nav aria-label={t.t('people.pages')} class="pager">
        {props.page > 1 ? (
          <a rel="prev" href={pageHref(props.q, props.page - 1)}>
            {t.t('people.previous')}
          </a>
        ) : null}{' '}
        {props.hasNext ? (
          <a rel="next" href={pageHref(props.q, props.page + 1)}>
            {t.t('people.next')}
          </a>
        ) : null}
      </nav>
    </Layout>
  );
}
