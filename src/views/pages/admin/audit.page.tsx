/** Administration: the audit log — who did what, when, to what. */
import type { Translator } from '../../../i18n/translator.js';
import { formatTimestamp } from '../../components/date.js';
import { Layout } from '../../layouts/layout.js';
import type { ViewUser } from '../../view-types.js';

export interface AuditPageProps {
  t: Translator;
  user: ViewUser;
  csrfToken: string;
  entries: {
    id: string;
    at: string;
    actorName: string;
    action: string;
    subject: { kind: string; label: string };
    details: Record<string, unknown>;
  }[];
  /** The action filter as typed (`user.`, `language.add`…), '' for all. */
  action: string;
  /** Cursor of the next (older) page, or null on the last page. */
  next: string | null;
}

/** Action families with a name in the catalogs (`audit.family.<family>`). */
const families = ['user', 'organization', 'language', 'settings', 'mt', 'term', 'event', 'import'];

/** Details as "key: value" pairs, values shortened; arrays joined. */
function detailText(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([key, value]) => {
      const text = Array.isArray(value)
        ? value.map(String).join(', ')
        : typeof value === 'object' && value !== null
          ? JSON.stringify(value)
          : String(value);
      return `${key}: ${text.length > 200 ? `${text.slice(0, 200)}…` : text}`;
    })
    .join(' · ');
}

export function AuditPage(props: AuditPageProps) {
  const { t } = props;
  const filterHref = (family: string) => `/admin/audit?action=${encodeURIComponent(`${family}.`)}`;
  return (
    <Layout title={t.t('audit.title')} t={t} user={props.user} csrfToken={props.csrfToken}>
      <p>
        <a href="/admin">{t.t('audit.back')}</a>
      </p>
      <h1>{t.t('audit.title')}</h1>
      <p>{t.t('audit.intro')}</p>
      <nav aria-label={t.t('audit.filter')} class="audit-filter">
        <ul>
          <li>
            <a href="/admin/audit" aria-current={props.action === '' ? 'page' : undefined}>
              {t.t('audit.family.all')}
            </a>
          </li>
          {families.map((family) => (
            <li>
              <a
                href={filterHref(family)}
                aria-current={props.action === `${family}.` ? 'page' : undefined}
              >
                {t.t(`audit.family.${family}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {props.entries.length === 0 ? (
        <p role="status">{t.t('audit.none')}</p>
      ) : (
        <table class="post-table audit-table">
          <thead>
            <tr>
              <th scope="col">{t.t('audit.when')}</th>
              <th scope="col">{t.t('audit.who')}</th>
              <th scope="col">{t.t('audit.what')}</th>
              <th scope="col">{t.t('audit.subject')}</th>
              <th scope="col">{t.t('audit.details')}</th>
            </tr>
          </thead>
          <tbody>
            {props.entries.map((entry) => (
              <tr data-action={entry.action}>
                <td>
                  <time dateTime={entry.at}>{formatTimestamp(entry.at, t.lang)}</time>
                </td>
                <td>
                  <bdi>{entry.actorName}</bdi>
                </td>
                <td>
                  <code dir="ltr">{entry.action}</code>
                </td>
                <td>
                  <bdi>{entry.subject.label}</bdi>
                </td>
                <td class="audit-details">
                  <bdi>{detailText(entry.details)}</bdi>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.next ? (
        <p>
          <a
            rel="next"
            href={`/admin/audit?before=${encodeURIComponent(props.next)}${
              props.action ? `&action=${encodeURIComponent(props.action)}` : ''
            }`}
          >
            {t.t('audit.older')}
          </a>
        </p>
      ) : null}
    </Layout>
  );
}
