/**
 * Translating site content in the app: the languages with their completion per kind, and one
 * language's items of one kind (categories and tags, events, organizations, authors' bios,
 * images' alt texts) — the original, the current text and a form to propose a text (a refusal
 * names the field and the problem and keeps what was typed). Originals carry the site's
 * default language; texts in the target language carry its tag and `dir="auto"`.
 */
import type { Translator } from '../../../i18n/translator.js';
import { Csrf, ErrorSummary } from '../../components/field.js';
import { Layout } from '../../layouts/layout.js';
import type { ViewUser } from '../../view-types.js';

export const CONTENT_KIND_TABS = ['term', 'event', 'organization', 'user', 'media'] as const;

export interface ContentLanguageRow {
  tag: string;
  name: string;
  kinds: { kind: string; total: number; approved: number }[];
  pending: number;
  canReview: boolean;
}

export function ContentLanguagesPage(props: {
  t: Translator;
  user: ViewUser;
  csrfToken: string;
  languages: ContentLanguageRow[];
}) {
  const { t } = props;
  return (
    <Layout t={t} title={t.t('content.title')} user={props.user} csrfToken={props.csrfToken}>
      <h1>{t.t('content.title')}</h1>
      <p>{t.t('content.intro')}</p>
      <ul class="l10n-languages" aria-label={t.t('content.languages.label')}>
        {props.languages.map((row) => (
          <li>
            <h2>
              <a href={`/translate/content/${row.tag}`}>{row.name}</a>
            </h2>
            <div class="content-progress">
              {row.kinds.map((k) => (
                <p class="meta">
                  <a href={`/translate/content/${row.tag}?kind=${k.kind}`}>
                    {t.t('content.kind', { kind: k.kind })}
                  </a>{' '}
                  <progress max={Math.max(1, k.total)} value={k.approved} aria-hidden="true" />{' '}
                  {t.t('content.progress', { approved: k.approved, total: k.total })}
                </p>
              ))}
            </div>
            <p class="meta">{t.t('content.pending', { count: row.pending })}</p>
            <p class="l10n-actions">
              <a href={`/translate/content/${row.tag}`}>{t.t('content.translate')}</a>
              {row.canReview ? (
                <a href={`/translate/content/${row.tag}/review`}>{t.t('content.review.link')}</a>
              ) : null}
            </p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export interface ContentFieldRow {
  field: string;
  source: string;
  current: string | null;
  outdated: boolean;
  pending: { text: string }[];
}

export interface ContentItemRow {
  id: string;
  termKind: 'tag' | 'category' | null;
  label: string;
  slug: string;
  fields: ContentFieldRow[];
}

export interface ContentRefusal {
  subjectId: string;
  field: string;
  text: string;
  problem: string;
}

export interface ContentItemsPageProps {
  t: Translator;
  user: ViewUser;
  csrfToken: string;
  language: string;
  languageName: string;
  /** The originals' language (the site's default). */
  sourceLanguage: string;
  kind: string;
  items: ContentItemRow[];
  total: number;
  page: number;
  pages: number;
  canReview: boolean;
  notice?: string;
  refused?: ContentRefusal;
}

/** One field's id on the page: where a refusal points and the form returns to. */
export function fieldAnchor(subjectId: string, field: string): string {
  return `c-${subjectId}-${field}`;
}

function FieldForm(props: {
  t: Translator;
  item: ContentItemRow;
  row: ContentFieldRow;
  page: ContentItemsPageProps;
}) {
  const { t, item, row, page } = props;
  const id = fieldAnchor(item.id, row.field);
  const refused =
    page.refused?.subjectId === item.id && page.refused.field === row.field
      ? page.refused
      : undefined;
  const errorId = `${id}-error`;
  const long = row.field === 'description' || row.field === 'bio';
  const value = refused ? refused.text : (row.current ?? '');
  return (
    <section class="content-field" id={id} aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} class="meta">
        {t.t('content.field', { field: row.field })}
      </h3>
      <dl class="l10n-texts">
        <dt>{t.t('content.source')}</dt>
        <dd lang={page.sourceLanguage} dir="auto">
          {row.source}
        </dd>
        <dt>{t.t('content.current')}</dt>
        {row.current === null ? (
          <dd class="hint">{t.t('content.none')}</dd>
        ) : (
          <dd lang={page.language} dir="auto">
            {row.current}
          </dd>
        )}
        {row.outdated ? <dd class="hint">{t.t('content.outdated')}</dd> : null}
        {row.pending.length > 0 ? (
          <>
            <dt>{t.t('content.waiting')}</dt>
            {row.pending.map((p) => (
              <dd lang={page.language} dir="auto" class="l10n-pending">
                {p.text}
              </dd>
            ))}
          </>
        ) : null}
      </dl>
      <form
        method="post"
        action={`/translate/content/${page.language}?kind=${page.kind}${page.page > 1 ? `&page=${page.page}` : ''}#${id}`}
        class={refused ? 'l10n-propose field has-error' : 'l10n-propose field'}
      >
        <Csrf token={page.csrfToken} />
        <input type="hidden" name="subjectId" value={item.id} />
        <input type="hidden" name="field" value={row.field} />
        <label for={`${id}-text`}>
          {t.t('content.propose.label', { language: page.languageName })}
        </label>
        {long ? (
          <textarea
            id={`${id}-text`}
            name="text"
            rows={3}
            lang={page.language}
            dir="auto"
            aria-invalid={refused ? 'true' : undefined}
            aria-describedby={refused ? errorId : undefined}
          >
            {value}
          </textarea>
        ) : (
          <input
            id={`${id}-text`}
            name="text"
            value={value}
            lang={page.language}
            dir="auto"
            aria-invalid={refused ? 'true' : undefined}
            aria-describedby={refused ? errorId : undefined}
          />
        )}
        {refused ? (
          <p class="field-error" id={errorId} role="alert">
            {refused.problem}
          </p>
        ) : null}
        <button type="submit" class="secondary">
          {t.t('content.propose.submit')}
        </button>
      </form>
    </section>
  );
}

export function ContentItemsPage(props: ContentItemsPageProps) {
  const { t } = props;
  const title = t.t('content.items.title', { language: props.languageName });
  const base = `/translate/content/${props.language}`;
  const pageHref = (page: number) => `${base}?kind=${props.kind}${page > 1 ? `&page=${page}` : ''}`;
  return (
    <Layout t={t} title={title} user={props.user} csrfToken={props.csrfToken}>
      <p class="meta">
        <a href="/translate/content">{t.t('content.back')}</a>
        {props.canReview ? (
          <>
            {' · '}
            <a href={`${base}/review`}>{t.t('content.review.link')}</a>
          </>
        ) : null}
      </p>
      <h1>{title}</h1>
      <nav class="l10n-actions" aria-label={t.t('content.kinds.label')}>
        {CONTENT_KIND_TABS.map((kind) =>
          kind === props.kind ? (
            <a href={`${base}?kind=${kind}`} aria-current="page">
              <strong>{t.t('content.kind', { kind })}</strong>
            </a>
          ) : (
            <a href={`${base}?kind=${kind}`}>{t.t('content.kind', { kind })}</a>
          ),
        )}
      </nav>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.refused ? (
        <ErrorSummary
          problems={[
            {
              field: `${fieldAnchor(props.refused.subjectId, props.refused.field)}-text`,
              message: props.refused.problem,
            },
          ]}
        />
      ) : null}
      <p class="meta">{t.t('content.matching', { count: props.total })}</p>
      {props.items.map((item) => (
        <article class="l10n-message" id={`s-${item.id}`}>
          <header class="l10n-message-head">
            <h2>
              <bdi lang={props.sourceLanguage}>{item.label}</bdi>
            </h2>{' '}
            {item.termKind ? (
              <span class="badge">{t.t('content.termKind', { kind: item.termKind })}</span>
            ) : null}{' '}
            <code dir="ltr">{item.slug}</code>
          </header>
          {item.fields.map((row) => (
            <FieldForm t={t} item={item} row={row} page={props} />
          ))}
        </article>
      ))}
      {props.pages > 1 ? (
        <nav
          class="pagination"
          aria-label={t.t('content.page.status', { page: props.page, pages: props.pages })}
        >
          {props.page > 1 ? (
            <a href={pageHref(props.page - 1)} rel="prev">
              {t.t('content.page.previous')}
            </a>
          ) : (
            <span />
          )}
          <span>{t.t('content.page.status', { page: props.page, pages: props.pages })}</span>
          {props.page < props.pages ? (
            <a href={pageHref(props.page + 1)} rel="next">
              {t.t('content.page.next')}
            </a>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </Layout>
  );
}
