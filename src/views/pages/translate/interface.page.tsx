/**
 * Translating the interface in the app: the languages with their completion, and one
 * language's messages — English source, where it appears, the current text and a form to
 * propose a text (refusals name the problem and keep what was typed). Texts in the target
 * language carry `dir="auto"`: a plural's ICU syntax (`{count, plural, …}`) then reads left to
 * right even in Arabic, while plain Arabic text still reads right to left.
 */
import { INTERFACE_FILTERS } from '../../../domain/icu-message.js';
import type { InterfaceFilter } from '../../../domain/icu-message.js';
import type { Translator } from '../../../i18n/translator.js';
import { Csrf, ErrorSummary } from '../../components/field.js';
import { Layout } from '../../layouts/layout.js';
import type { ViewUser } from '../../view-types.js';

export interface InterfaceLanguageRow {
  tag: string;
  name: string;
  translated: number;
  total: number;
  pending: number;
  /** The viewer may review and export. */
  canReview: boolean;
}

/** "Reader pages › home": where a message appears, in the interface language. */
export function contextLabel(t: Translator, context: { area: string; path: string[] }): string {
  return [t.t('l10n.area', { area: context.area }), ...context.path].join(' › ');
}

export function InterfaceLanguagesPage(props: {
  t: Translator;
  user: ViewUser;
  csrfToken: string;
  languages: InterfaceLanguageRow[];
}) {
  const { t } = props;
  return (
    <Layout t={t} title={t.t('l10n.title')} user={props.user} csrfToken={props.csrfToken}>
      <h1>{t.t('l10n.title')}</h1>
      <p>{t.t('l10n.intro')}</p>
      <ul class="l10n-languages" aria-label={t.t('l10n.languages.label')}>
        {props.languages.map((row) => (
          <li>
            <h2>
              <a href={`/translate/interface/${row.tag}`}>{row.name}</a>
            </h2>
            <p class="meta">
              <progress max={Math.max(1, row.total)} value={row.translated} aria-hidden="true" />{' '}
              {t.t('l10n.language.progress', { translated: row.translated, total: row.total })} ·{' '}
              {t.t('l10n.language.pending', { count: row.pending })}
            </p>
            <p class="l10n-actions">
              <a href={`/translate/interface/${row.tag}`}>{t.t('l10n.language.translate')}</a>
              {row.canReview ? (
                <>
                  <a href={`/translate/interface/${row.tag}/review`}>
                    {t.t('l10n.language.review')}
                  </a>
                  <a href={`/translate/interface/${row.tag}/export.json`}>
                    {t.t('l10n.language.export')}
                  </a>
                </>
              ) : null}
            </p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export interface InterfaceMessageRow {
  key: string;
  context: { area: string; path: string[] };
  source: string;
  current: string | null;
  state: 'untranslated' | 'shipped' | 'approved';
  outdated: boolean;
  pending: { text: string }[];
}

export interface InterfaceMessagesPageProps {
  t: Translator;
  user: ViewUser;
  csrfToken: string;
  language: string;
  languageName: string;
  areas: string[];
  area: string;
  filter: InterfaceFilter;
  messages: InterfaceMessageRow[];
  matching: number;
  page: number;
  pages: number;
  canReview: boolean;
  /** Shown after a proposal was recorded. */
  notice?: string;
  /** A refused proposal: its key, what was typed, and each problem in words. */
  refused?: { key: string; text: string; problems: string[] };
}

function queryOf(area: string, filter: string, page: number): string {
  const params = new URLSearchParams();
  if (area) params.set('area', area);
  if (filter !== 'all') params.set('state', filter);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `?${query}` : '';
}

function Message(props: {
  t: Translator;
  message: InterfaceMessageRow;
  language: string;
  languageName: string;
  csrfToken: string;
  area: string;
  filter: string;
  page: number;
  refused: InterfaceMessagesPageProps['refused'];
}) {
  const { t, message, language } = props;
  const id = `m-${message.key}`;
  const refused = props.refused?.key === message.key ? props.refused : undefined;
  const errorId = `${id}-error`;
  return (
    <article class="l10n-message" id={id}>
      <header class="l10n-message-head">
        <code dir="ltr">{message.key}</code>{' '}
        <span class="meta">{contextLabel(t, message.context)}</span>{' '}
        <span class={`badge l10n-state-${message.state}`}>
          {t.t('l10n.state', { state: message.state })}
        </span>
      </header>
      <dl class="l10n-texts">
        <dt>{t.t('l10n.message.source')}</dt>
        <dd lang="en" dir="ltr">
          {message.source}
        </dd>
        <dt>{t.t('l10n.message.current')}</dt>
        {message.current === null ? (
          <dd class="hint">{t.t('l10n.message.none')}</dd>
        ) : (
          <dd lang={language} dir="auto">
            {message.current}
          </dd>
        )}
        {message.outdated ? <dd class="hint">{t.t('l10n.message.outdated')}</dd> : null}
        {message.pending.length > 0 ? (
          <>
            <dt>{t.t('l10n.message.pending')}</dt>
            {message.pending.map((p) => (
              <dd lang={language} dir="auto" class="l10n-pending">
                {p.text}
              </dd>
            ))}
          </>
        ) : null}
      </dl>
      <form
        method="post"
        action={`/translate/interface/${language}${queryOf(props.area, props.filter, props.page)}#${id}`}
        class={refused ? 'l10n-propose field has-error' : 'l10n-propose field'}
      >
        <Csrf token={props.csrfToken} />
        <input type="hidden" name="key" value={message.key} />
        <label for={`${id}-text`}>
          {t.t('l10n.propose.label', { language: props.languageName })}
        </label>
        <textarea
          id={`${id}-text`}
          name="text"
          rows={2}
          lang={language}
          dir="auto"
          maxLength={2000}
          aria-invalid={refused ? 'true' : undefined}
          aria-describedby={refused ? errorId : undefined}
        >
          {refused ? refused.text : (message.current ?? '')}
        </textarea>
        {refused ? (
          <ul class="field-error" id={errorId} role="alert">
            {refused.problems.map((problem) => (
              <li>{problem}</li>
            ))}
          </ul>
        ) : null}
        <button type="submit" class="secondary">
          {t.t('l10n.propose.submit')}
        </button>
      </form>
    </article>
  );
}

export function InterfaceMessagesPage(props: InterfaceMessagesPageProps) {
  const { t } = props;
  const title = t.t('l10n.messages.title', { language: props.languageName });
  const base = `/translate/interface/${props.language}`;
  return (
    <Layout t={t} title={title} user={props.user} csrfToken={props.csrfToken}>
      <p class="meta">
        <a href="/translate/interface">{t.t('l10n.back')}</a>
        {props.canReview ? (
          <>
            {' · '}
            <a href={`${base}/review`}>{t.t('l10n.language.review')}</a>
          </>
        ) : null}
      </p>
      <h1>{title}</h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.refused ? (
        <ErrorSummary
          problems={props.refused.problems.map((message) => ({
            field: `m-${props.refused?.key ?? ''}-text`,
            message,
          }))}
        />
      ) : null}
      <form method="get" action={base} class="l10n-filter" aria-label={t.t('l10n.filter.label')}>
        <div class="field">
          <label for="l10n-area">{t.t('l10n.filter.area')}</label>
          <select id="l10n-area" name="area">
            <option value="" selected={props.area === ''}>
              {t.t('l10n.filter.allAreas')}
            </option>
            {props.areas.map((area) => (
              <option value={area} selected={area === props.area}>
                {t.t('l10n.area', { area })}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="l10n-state">{t.t('l10n.filter.state')}</label>
          <select id="l10n-state" name="state">
            {INTERFACE_FILTERS.map((state) => (
              <option value={state} selected={state === props.filter}>
                {t.t('l10n.state', { state })}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="secondary">
          {t.t('l10n.filter.apply')}
        </button>
      </form>
      <p class="meta">{t.t('l10n.matching', { count: props.matching })}</p>
      {props.messages.map((message) => (
        <Message
          t={t}
          message={message}
          language={props.language}
          languageName={props.languageName}
          csrfToken={props.csrfToken}
          area={props.area}
          filter={props.filter}
          page={props.page}
          refused={props.refused}
        />
      ))}
      {props.pages > 1 ? (
        <nav
          class="pagination"
          aria-label={t.t('l10n.page.status', { page: props.page, pages: props.pages })}
        >
          {props.page > 1 ? (
            <a href={`${base}${queryOf(props.area, props.filter, props.page - 1)}`} rel="prev">
              {t.t('l10n.page.previous')}
            </a>
          ) : (
            <span />
          )}
          <span>{t.t('l10n.page.status', { page: props.page, pages: props.pages })}</span>
          {props.page < props.pages ? (
            <a href={`${base}${queryOf(props.area, props.filter, props.page + 1)}`} rel="next">
              {t.t('l10n.page.next')}
            </a>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </Layout>
  );
}
