/** Administrators' organization pages: the list, and one organization (edit, members, logo). */
import type { Translator } from '../../../i18n/translator.js';
import { Csrf, ErrorSummary, Field } from '../../components/field.js';
import { regionName } from '../../components/names.js';
import { Layout } from '../../layouts/layout.js';
import type { ViewUser } from '../../view-types.js';

const organizationKinds = ['chapter', 'user_group', 'thematic', 'other'];
const memberRoles = ['member', 'coordinator'];

interface LogoView {
  id: string;
  url: string;
  alt: string;
  filename: string;
  variants: { width: number; url: string }[];
}

interface OrganizationView {
  slug: string;
  name: string;
  kind: string;
  country: string | null;
  website: string | null;
  description: string;
}

export interface OrganizationsPageProps {
  t: Translator;
  user: ViewUser;
  csrfToken: string;
  organizations: (OrganizationView & { members: number; logo: LogoView | null })[];
}

export interface OrganizationPageProps {
  t: Translator;
  user: ViewUser;
  csrfToken: string;
  organization: OrganizationView;
  logo: LogoView | null;
  members: { userId: string; username: string; displayName: string; role: string }[];
  images: LogoView[];
  query: string;
  /** The organization's archive in the reader's language (or the site's default). */
  publicHref: string;
  problems?: { field: string; message: string }[] | undefined;
  notice?: string | undefined;
}

const kindName = (t: Translator, kind: string) =>
  organizationKinds.includes(kind) ? t.t(`admin.orgKind.${kind}`) : kind.replace('_', ' ');
const roleName = (t: Translator, role: string) =>
  memberRoles.includes(role) ? t.t(`orgadmin.role.${role}`) : role;
/** The smallest stored size, for thumbnails. */
const thumb = (logo: LogoView) => logo.variants[0]?.url ?? logo.url;

export function OrganizationsPage(props: OrganizationsPageProps) {
  const { t } = props;
  return (
    <Layout title={t.t('orgadmin.title')} t={t} user={props.user} csrfToken={props.csrfToken}>
      <p>
        <a href="/admin">{t.t('orgadmin.back')}</a>
      </p>
      <h1>{t.t('orgadmin.title')}</h1>
      <p>{t.t('orgadmin.intro')}</p>
      {props.organizations.length === 0 ? <p>{t.t('orgadmin.none')}</p> : null}
      <table class="post-table">
        <thead>
          <tr>
            <th scope="col">{t.t('orgadmin.col.logo')}</th>
            <th scope="col">{t.t('orgadmin.col.name')}</th>
            <th scope="col">{t.t('orgadmin.col.kind')}</th>
            <th scope="col">{t.t('orgadmin.col.members')}</th>
          </tr>
        </thead>
        <tbody>
          {props.organizations.map((o) => (
            <tr data-organization={o.slug}>
              <td>
                {o.logo ? (
                  <img src={thumb(o.logo)} alt={o.logo.alt} width={48} loading="lazy" />
                ) : (
                  <span class="meta">{t.t('orgadmin.noLogo')}</span>
                )}
              </td>
              <td>
                <a href={`/admin/organizations/${encodeURIComponent(o.slug)}`}>
                  <bdi>{o.name}</bdi>
                </a>{' '}
                <span class="meta">
                  <bdi>{o.slug}</bdi>
                </span>
              </td>
              <td>
                {kindName(t, o.kind)}
                {o.country ? `${t.t('common.listSeparator')}${regionName(o.country, t.lang)}` : ''}
              </td>
              <td>{t.t('orgadmin.memberCount', { count: o.members })}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <a href="/admin#orgs">{t.t('orgadmin.addHint')}</a>
      </p>
    </Layout>
  );
}

export function OrganizationPage(props: OrganizationPageProps) {
  const { t, organization: o } = props;
  const errorOf = (id: string) => props.problems?.find((p) => p.field === id)?.message;
  const base = `/admin/organizations/${encodeURIComponent(o.slug)}`;
  return (
    <Layout title={o.name} t={t} user={props.user} csrfToken={props.csrfToken}>
      <p>
        <a href="/admin/organizations">{t.t('orgadmin.backToList')}</a>
      </p>
      <h1>
        <bdi>{o.name}</bdi>
      </h1>
      <p>
        <a href={props.publicHref}>{t.t('orgadmin.publicPage')}</a>
      </p>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <ErrorSummary problems={props.problems} />

      <section aria-labelledby="details-heading">
        <h2 id="details-heading">{t.t('orgadmin.details')}</h2>
        <form method="post" action={base} class="stack narrow">
          <Csrf token={props.csrfToken} />
          <Field id="org-name" label={t.t('admin.orgs.name')} error={errorOf('org-name')}>
            <input id="org-name" name="name" value={o.name} required dir="auto" />
          </Field>
          <Field
            id="org-slug"
            label={t.t('orgadmin.slug')}
            hint={t.t('orgadmin.slugHint')}
            error={errorOf('org-slug')}
          >
            <input id="org-slug" name="slug" value={o.slug} dir="ltr" />
          </Field>
          <Field id="org-kind" label={t.t('admin.orgs.kind')} error={errorOf('org-kind')}>
            <select id="org-kind" name="kind">
              {organizationKinds.map((kind) => (
                <option value={kind} selected={kind === o.kind}>
                  {kindName(t, kind)}
                </option>
              ))}
            </select>
          </Field>
          <Field id="org-country" label={t.t('admin.orgs.country')} error={errorOf('org-country')}>
            <input
              id="org-country"
              name="country"
              value={o.country ?? ''}
              maxLength={2}
              size={3}
              dir="ltr"
            />
          </Field>
          <Field id="org-website" label={t.t('admin.orgs.website')} error={errorOf('org-website')}>
            <input id="org-website" name="website" type="url" value={o.website ?? ''} dir="ltr" />
          </Field>
          <Field
            id="org-description"
            label={t.t('orgadmin.description')}
            error={errorOf('org-description')}
          >
            <textarea id="org-description" name="description" rows={4} dir="auto">
              {o.description}
            </textarea>
          </Field>
          <button type="submit">{t.t('orgadmin.save')}</button>
        </form>
      </section>

      <section aria-labelledby="members-heading" id="members">
        <h2 id="members-heading">{t.t('orgadmin.members')}</h2>
        {props.members.length === 0 ? <p>{t.t('orgadmin.noMembers')}</p> : null}
        {props.members.length > 0 ? (
          <table class="post-table">
            <thead>
              <tr>
                <th scope="col">{t.t('admin.people.person')}</th>
                <th scope="col">{t.t('orgadmin.role')}</th>
                <th scope="col">{t.t('orgadmin.remove')}</th>
              </tr>
            </thead>
            <tbody>
              {props.members.map((m) => (
                <tr data-member={m.username}>
                  <td>
                    <bdi>{m.displayName}</bdi>{' '}
                    <span class="meta">
                      <bdi>@{m.username}</bdi>
                    </span>
                  </td>
                  <td>
                    <form
                      method="post"
                      action={`${base}/members/${m.userId}/role`}
                      class="inline-form"
                    >
                      <Csrf token={props.csrfToken} />
                      <label for={`role-${m.userId}`} class="visually-hidden">
                        {t.t('orgadmin.roleOf', { name: m.displayName })}
                      </label>
                      <select id={`role-${m.userId}`} name="role">
                        {memberRoles.map((r) => (
                          <option value={r} selected={r === m.role}>
                            {roleName(t, r)}
                          </option>
                        ))}
                      </select>{' '}
                      <button type="submit" class="secondary">
                        {t.t('orgadmin.saveRole')}
                      </button>
                    </form>
                  </td>
                  <td>
                    <form
                      method="post"
                      action={`${base}/members/${m.userId}/remove`}
                      class="inline-form"
                    >
                      <Csrf token={props.csrfToken} />
                      <button
                        type="submit"
                        class="secondary danger"
                        aria-label={t.t('orgadmin.removeLabel', { name: m.displayName })}
                      >
                        {t.t('orgadmin.remove')}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        <form method="post" action={`${base}/members`} class="stack narrow">
          <h3>{t.t('orgadmin.addMember')}</h3>
          <Csrf token={props.csrfToken} />
          <Field
            id="new-username"
            label={t.t('orgadmin.username')}
            hint={t.t('orgadmin.usernameHint')}
            error={errorOf('new-username')}
          >
            <input id="new-username" name="username" required dir="ltr" autocomplete="off" />
          </Field>
          <Field id="new-role" label={t.t('orgadmin.role')} error={errorOf('new-role')}>
            <select id="new-role" name="role">
              {memberRoles.map((r) => (
                <option value={r}>{roleName(t, r)}</option>
              ))}
            </select>
          </Field>
          <button type="submit">{t.t('orgadmin.add')}</button>
        </form>
      </section>

      <section aria-labelledby="logo-heading" id="logo">
        <h2 id="logo-heading">{t.t('orgadmin.logo')}</h2>
        <div class="stack">
          {errorOf('logo') ? (
            <p class="field-error" role="alert">
              {errorOf('logo')}
            </p>
          ) : null}
          {props.logo ? (
            <div class="stack">
              <img src={thumb(props.logo)} alt={props.logo.alt} width={120} />
              <form method="post" action={`${base}/logo`} class="inline-form">
                <Csrf token={props.csrfToken} />
                <input type="hidden" name="mediaId" value="" />
                <button type="submit" class="secondary danger">
                  {t.t('orgadmin.clearLogo')}
                </button>
              </form>
            </div>
          ) : (
            <p>{t.t('orgadmin.noLogo')}</p>
          )}
          <form method="get" action={`${base}#logo`} class="media-search" role="search">
            <label for="logo-q">{t.t('orgadmin.searchImages')}</label>{' '}
            <input id="logo-q" name="q" type="search" value={props.query} dir="auto" />{' '}
            <button type="submit" class="secondary">
              {t.t('orgadmin.search')}
            </button>
          </form>
          {props.images.length === 0 ? (
            <p>
              {props.query
                ? t.t('orgadmin.noImagesFound', { query: props.query })
                : t.t('orgadmin.noImages')}
            </p>
          ) : (
            <form method="post" action={`${base}/logo`}>
              <Csrf token={props.csrfToken} />
              <fieldset>
                <legend>{t.t('orgadmin.chooseLogo')}</legend>
                <ul class="media-grid">
                  {props.images.map((image) => (
                    <li class="media-item">
                      <label>
                        <input
                          type="radio"
                          name="mediaId"
                          value={image.id}
                          checked={image.id === props.logo?.id}
                          required
                        />{' '}
                        <img src={thumb(image)} alt="" width={160} loading="lazy" />
                        <br />
                        <span dir="auto">{image.alt || image.filename}</span>
                      </label>
                    </li>
                  ))}
                </ul>
              </fieldset>
              <button type="submit">{t.t('orgadmin.setLogo')}</button>
            </form>
          )}
        </div>
      </section>
    </Layout>
  );
}
