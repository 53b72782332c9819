/**
 * The glossary pages: a chooser of language pairs, and one pair's glossary (search, the
 * terms, and for reviewers and editors the add/edit/delete forms, import with its report,
 * export links). Server-rendered, no JavaScript.
 */
import type { Translator } from '../../../i18n/translator.js';
import { Csrf } from '../../components/field.js';
import { Layout } from '../../layouts/layout.js';
import type { ViewUser } from '../../view-types.js';
import type {
  GlossaryPairView,
  GlossaryReportView,
  GlossaryTermView,
} from './glossary-view-types.js';
import { TermForm } from './term-form.js';
import type { TermFormProps } from './term-form.js';
import { TermList } from './term-list.js';

/** A language offered in the pair selectors. */
export interface LanguageChoice {
  tag: string;
  name: string;
}

function PairForm(props: {
  t: Translator;
  languages: LanguageChoice[];
  from: string;
  to: string;
  submit: string;
  id: string;
}) {
  const { t } = props;
  const select = (name: 'from' | 'to', value: string, label: string) => (
    <div class="field">
      <label for={`${props.id}-${name}`}>{label}</label>
      <select id={`${props.id}-${name}`} name={name}>
        {props.languages.map((l) => (
          <option value={l.tag} selected={l.tag === value}>
            {l.name}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <form method="get" action="/translate/glossary" class="glossary-pair-form">
      {select('from', props.from, t.t('glossary.choose.from'))}
      {select('to', props.to, t.t('glossary.choose.to'))}
      <button type="submit" class="secondary">
        {props.submit}
      </button>
    </form>
  );
}

export interface GlossaryChooserProps {
  t: Translator;
  user: ViewUser;
  csrfToken: string;
  languages: LanguageChoice[];
  from: string;
  to: string;
  pairs: { href: string; fromName: string; toName: string; terms: number }[];
}

/** /translate/glossary without a pair: the pairs that have terms, and a pair chooser. */
export function GlossaryChooserPage(props: GlossaryChooserProps) {
  const { t } = props;
  return (
    <Layout t={t} title={t.t('glossary.title')} user={props.user} csrfToken={props.csrfToken}>
      <h1>{t.t('glossary.title')}</h1>
      <p>{t.t('glossary.intro')}</p>
      <section aria-labelledby="glossary-pairs">
        <h2 id="glossary-pairs">{t.t('glossary.pairs.heading')}</h2>
        {props.pairs.length === 0 ? (
          <p>{t.t('glossary.pairs.none')}</p>
        ) : (
          <ul class="glossary-pairs">
            {props.pairs.map((p) => (
              <li>
                <a href={p.href}>{t.t('glossary.pairTitle', { from: p.fromName, to: p.toName })}</a>{' '}
                <span class="meta">{t.t('glossary.pairs.terms', { count: p.terms })}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="glossary-choose">
        <h2 id="glossary-choose">{t.t('glossary.choose.heading')}</h2>
        <PairForm
          t={t}
          id="choose"
          languages={props.languages}
          from={props.from}
          to={props.to}
          submit={t.t('glossary.choose.submit')}
        />
      </section>
    </Layout>
  );
}

export interface GlossaryPageProps {
  t: Translator;
  user: ViewUser;
  csrfToken: string;
  pair: GlossaryPairView;
  languages: LanguageChoice[];
  terms: GlossaryTermView[];
  total: number;
  page: number;
  pages: number;
  search: string;
  canManage: boolean;
  /** This page's address with its search and page (for edit links). */
  pageHref: string;
  notice?: string | undefined;
  /** The add form (values and errors after a failed attempt). */
  addForm?: TermFormProps | undefined;
  /** The term being edited, with its form. */
  editing?: { id: string; form: TermFormProps } | undefined;
  report?: GlossaryReportView | undefined;
  importError?: string | undefined;
  csvColumns: string;
}

function Report({ t, report }: { t: Translator; report: GlossaryReportView }) {
  return (
    <section class="glossary-report" aria-labelledby="glossary-report" tabIndex={-1}>
      <h2 id="glossary-report">{t.t('glossary.report.heading')}</h2>
      <p role="status">
        {t.t('glossary.report.summary', {
          created: report.created,
          updated: report.updated,
          unchanged: report.unchanged,
        })}
      </p>
      <p>{t.t('glossary.report.problems', { count: report.problems.length })}</p>
      {report.problems.length > 0 ? (
        <ul class="glossary-problems">
          {report.problems.map((p) => (
            <li>
              <strong>
                {p.field
                  ? t.t('glossary.report.lineField', { line: p.line, field: p.field })
                  : t.t('glossary.report.line', { line: p.line })}
              </strong>
              : <span dir="auto">{p.message}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function Pages(props: { t: Translator; page: number; pages: number; href: (p: number) => string }) {
  const { t } = props;
  if (props.pages <= 1) return null;
  return (
    <nav
      class="glossary-pages"
      aria-label={t.t('glossary.pages', { page: props.page, pages: props.pages })}
    >
      {props.page > 1 ? (
        <a href={props.href(props.page - 1)} rel="prev">
          {t.t('glossary.previous')}
        </a>
      ) : null}{' '}
      <span>{t.t('glossary.pages', { page: props.page, pages: props.pages })}</span>{' '}
      {props.page < props.pages ? (
        <a href={props.href(props.page + 1)} rel="next">
          {t.t('glossary.next')}
        </a>
      ) : null}
    </nav>
  );
}

/** One pair's glossary. */
export function GlossaryPage(props: GlossaryPageProps) {
  const { t, pair } = props;
  const base = `/translate/glossary?from=${encodeURIComponent(pair.from)}&to=${encodeURIComponent(pair.to)}`;
  const searchPart = props.search ? `&q=${encodeURIComponent(props.search)}` : '';
  const title = t.t('glossary.pairTitle', { from: pair.fromName, to: pair.toName });
  return (
    <Layout t={t} title={title} user={props.user} csrfToken={props.csrfToken}>
      <h1>{title}</h1>
      <p>{t.t('glossary.intro')}</p>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.report ? <Report t={t} report={props.report} /> : null}
      <details class="glossary-switch">
        <summary>{t.t('glossary.switch')}</summary>
        <PairForm
          t={t}
          id="switch"
          languages={props.languages}
          from={pair.from}
          to={pair.to}
          submit={t.t('glossary.choose.submit')}
        />
      </details>
      <form method="get" action="/translate/glossary" class="glossary-search" role="search">
        <input type="hidden" name="from" value={pair.from} />
        <input type="hidden" name="to" value={pair.to} />
        <label for="glossary-q">{t.t('glossary.search.label')}</label>
        <div class="glossary-search-row">
          <input id="glossary-q" name="q" type="search" value={props.search} maxLength={200} />
          <button type="submit">{t.t('glossary.search.submit')}</button>
        </div>
        {props.search ? <a href={base}>{t.t('glossary.search.clear')}</a> : null}
      </form>
      <p class="meta" role="status">
        {props.search
          ? t.t('glossary.count.search', { count: props.total, search: props.search })
          : t.t('glossary.count', { count: props.total })}
      </p>
      {props.total === 0 && !props.search ? <p>{t.t('glossary.empty')}</p> : null}
      <TermList
        t={t}
        csrfToken={props.csrfToken}
        pair={pair}
        terms={props.terms}
        canManage={props.canManage}
        pageHref={props.pageHref}
        editing={props.editing}
      />
      <Pages
        t={t}
        page={props.page}
        pages={props.pages}
        href={(p) => `${base}${searchPart}&page=${p}`}
      />
      {props.canManage && props.addForm ? (
        <section class="glossary-manage" aria-label={t.t('glossary.form.addHeading')}>
          <TermForm {...props.addForm} />
        </section>
      ) : (
        <p class="meta">{t.t('glossary.readOnly')}</p>
      )}
      {props.canManage ? (
        <section class="glossary-manage" aria-labelledby="glossary-import">
          <h2 id="glossary-import">{t.t('glossary.import.heading')}</h2>
          <p class="hint">{t.t('glossary.import.hint', { columns: props.csvColumns })}</p>
          {props.importError ? (
            <div class="error-summary" role="alert">
              <p>{props.importError}</p>
            </div>
          ) : null}
          <form
            method="post"
            action="/translate/glossary/import"
            enctype="multipart/form-data"
            class="stack"
          >
            {/* Before the file input: the server checks the token before it reads the file. */}
            <Csrf token={props.csrfToken} />
            <input type="hidden" name="from" value={pair.from} />
            <input type="hidden" name="to" value={pair.to} />
            <div class="field">
              <label for="glossary-file">{t.t('glossary.import.file')}</label>
              <input
                id="glossary-file"
                name="file"
                type="file"
                required
                accept=".csv,.tbx,.xml,text/csv,application/xml"
              />
            </div>
            <div>
              <button type="submit">{t.t('glossary.import.submit')}</button>
            </div>
          </form>
        </section>
      ) : null}
      <section aria-labelledby="glossary-export">
        <h2 id="glossary-export">{t.t('glossary.export.heading')}</h2>
        <ul class="glossary-export">
          <li>
            <a
              href={`/translate/glossary/export.csv?from=${encodeURIComponent(pair.from)}&to=${encodeURIComponent(pair.to)}`}
              download
            >
              {t.t('glossary.export.csv')}
            </a>
          </li>
          <li>
            <a
              href={`/translate/glossary/export.tbx?from=${encodeURIComponent(pair.from)}&to=${encodeURIComponent(pair.to)}`}
              download
            >
              {t.t('glossary.export.tbx')}
            </a>
          </li>
        </ul>
      </section>
    </Layout>
  );
}
