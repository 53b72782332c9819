/** Administration: people and roles, organizations, and links to the other admin pages. */
import type { Translator } from '../../i18n/translator.js';
import { Csrf, ErrorSummary, Field } from '../components/field.js';
import { regionName } from '../components/names.js';
import { Layout } from '../layouts/layout.js';
import type { ViewUser } from '../view-types.js';

export interface AdminPageProps {
  t: Translator;
  user: ViewUser;
  csrfToken: string;
  roles: readonly string[];
  people: {
    id: string;
    username: string;
    displayName: string;
    email: string;
    roles: readonly string[];
    organizations: string[];
  }[];
  organizations: {
    slug: string;
    name: string;
    kind: string;
    country: string | null;
    website: string | null;
    members: number;
  }[];
  problems?: { field: string; message: string }[];
  notice?: string | undefined;
}

const knownRoles = new Set(['reader', 'translator', 'author', 'reviewer', 'editor', 'admin']);
const organizationKinds = ['chapter', 'user_group', 'thematic', 'other'];

export function AdminPage(props: AdminPageProps) {
  const { t } = props;
  const roleName = (role: string) => (knownRoles.has(role) ? t.t(`admin.role.${role}`) : role);
  const kindName = (kind: string) =>
    organizationKinds.includes(kind) ? t.t(`admin.orgKind.${kind}`) : kind.replace('_', ' ');
  return (
    <Layout title={t.t('admin.title')} t={t} user={props.user} csrfToken={props.csrfToken}>
      <h1>{t.t('admin.title')}</h1>
      <p>
        <a href="/admin/mt">{t.t('mt.adminLink')}</a>
        {' · '}
        <a href="/admin/languages">{t.t('sitelang.adminLink')}</a>
        {' · '}
        <a href="/admin/settings">{t.t('sitesettings.adminLink')}</a>
        {' · '}
        <a href="/admin/sign-in">{t.t('sso.admin.adminLink')}</a>
      </p>
      <p>
        <a href="/admin/users">{t.t('people.adminLink')}</a>
        {' · '}
        <a href="/admin/taxonomy">{t.t('taxonomy.adminLink')}</a>
        {' · '}
        <a href="/admin/audit">{t.t('people.auditLink')}</a>
        {' · '}
        <a href="/admin/jobs">{t.t('jobs.adminLink')}</a>
        {' · '}
        <a href="/admin/organizations">{t.t('orgadmin.adminLink')}</a>
        {' · '}
        <a href="/admin/import">{t.t('wpimport.adminLink')}</a>
      </p>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <ErrorSummary problems={props.problems} />
      <section aria-labelledby="people">
        <h2 id="people">{t.t('admin.people.heading')}</h2>
        <table class="post-table">
          <thead>
            <tr>
              <th scope="col">{t.t('admin.people.person')}</th>
              <th scope="col">{t.t('admin.people.organizations')}</th>
              <th scope="col">{t.t('admin.people.roles')}</th>
            </tr>
          </thead>
          <tbody>
            {props.people.map((p) => (
              <tr>
                <td>
                  <bdi>{p.displayName}</bdi>{' '}
                  <span class="meta">
                    <bdi>@{p.username}</bdi>
                  </span>
                </td>
                <td>
                  {p.organizations.map((name, i) => (
                    <>
                      {i > 0 ? t.t('common.listSeparator') : ''}
                      <bdi>{name}</bdi>
                    </>
                  ))}
                </td>
                <td>
                  <form
                    method="post"
                    action={`/admin/users/${p.id}/roles`}
                    class="roles-form"
                    aria-label={t.t('admin.people.rolesOf', { name: p.displayName })}
                  >
                    <Csrf token={props.csrfToken} />
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
                    <button type="submit" class="secondary">
                      {t.t('admin.people.saveRoles')}
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="orgs">
        <h2 id="orgs">{t.t('admin.orgs.heading')}</h2>
        <ul>
          {props.organizations.map((o) => (
            <li>
              <bdi>{o.name}</bdi> — {kindName(o.kind)}
              {o.country
                ? `${t.t('common.listSeparator')}${regionName(o.country, t.lang)}`
                : ''} · {t.t('admin.orgs.members', { count: o.members })}
            </li>
          ))}
        </ul>
        <form method="post" action="/admin/organizations" class="stack narrow">
          <h3>{t.t('admin.orgs.add')}</h3>
          <Csrf token={props.csrfToken} />
          <Field id="name" label={t.t('admin.orgs.name')}>
            <input id="name" name="name" required dir="auto" />
          </Field>
          <Field id="kind" label={t.t('admin.orgs.kind')}>
            <select id="kind" name="kind">
              {organizationKinds.map((kind) => (
                <option value={kind}>{kindName(kind)}</option>
              ))}
            </select>
          </Field>
          <Field id="country" label={t.t('admin.orgs.country')}>
            <input id="country" name="country" maxLength={2} size={3} />
          </Field>
          <Field id="website" label={t.t('admin.orgs.website')}>
            <input id="website" name="website" type="url" />
          </Field>
          <button type="submit">{t.t('admin.orgs.submit')}</button>
        </form>
      </section>
    </Layout>
  );
}
