/** Any error as a page: what happened, and where to go next, in the reader's language. */
import type { Translator } from '../../i18n/translator.js';
import { Layout } from '../layouts/layout.js';
import type { ViewUser } from '../view-types.js';

export interface ErrorPageProps {
  t: Translator;
  user: ViewUser | null;
  status: number;
  message: string;
  problems: readonly { field: string; message: string }[];
  csrfToken: string;
  /** The home page in the reader's language (`/es/`). */
  homeHref?: string;
  /** The home pages of the site's other languages, for a reader who landed in the wrong one. */
  otherLanguages?: { tag: string; label: string; href: string }[];
  /** Where the header search goes, in the reader's language. */
  searchAction?: string;
}

const titled = new Set([401, 403, 404, 409, 413, 415, 422, 429]);

/** The page title for an HTTP status, in the interface language. */
export function errorTitle(t: Translator, status: number): string {
  if (titled.has(status)) return t.t(`errors.title.${status}`);
  return status >= 500 ? t.t('errors.title.serverError') : t.t('errors.title.refused');
}

export function ErrorPage(props: ErrorPageProps) {
  const { t } = props;
  const title = errorTitle(t, props.status);
  const others = props.otherLanguages ?? [];
  return (
    <Layout
      title={title}
      t={t}
      user={props.user}
      csrfToken={props.csrfToken}
      searchAction={props.searchAction}
    >
      <h1>{title}</h1>
      <p>{props.message}</p>
      {props.problems.length > 0 ? (
        <ul>
          {props.problems.map((p) => (
            <li>
              <strong>{p.field}</strong>: {p.message}
            </li>
          ))}
        </ul>
      ) : null}
      <p>
        <a href={props.homeHref ?? '/'}>{t.t('errors.backHome')}</a>
      </p>
      {others.length > 0 ? (
        <nav aria-labelledby="other-languages">
          <h2 id="other-languages">{t.t('errors.notFound.otherLanguages')}</h2>
          <ul>
            {others.map((o) => (
              <li>
                <a href={o.href} lang={o.tag} hreflang={o.tag} dir="auto">
                  {o.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </Layout>
  );
}
