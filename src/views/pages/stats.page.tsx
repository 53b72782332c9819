/**
 * The public statistics pages: `/{lang}/stats` (per language: a stacked bar of translated,
 * outdated, in progress and missing posts, and completion over time as lines, each chart with
 * its table and CSV file) and `/{lang}/stats/posts` (a page of posts with every language's
 * state). The definitions are written on the page. Views get plain numbers; the route
 * formats nothing but months.
 */
import { languageDirection } from '../../domain/language.js';
import type { Translator } from '../../i18n/translator.js';
import {
  CATEGORIES,
  LegendSwatch,
  LineChart,
  StackedBarChart,
} from '../components/stats-charts.js';
import type { Category } from '../components/stats-charts.js';
import { Layout } from '../layouts/layout.js';
import type { LanguageMenuItem } from '../layouts/layout.js';
import type { ViewUser } from '../view-types.js';

export interface StatsLanguageView {
  language: string;
  posts: number;
  translated: number;
  inProgress: number;
  outdated: number;
  missing: number;
  units: number;
  doneUnits: number;
  completion: number;
}

export interface StatsMonthView {
  /** Short label for the chart axis, long one for the table. */
  short: string;
  long: string;
}

interface Chrome {
  t: Translator;
  user: ViewUser | null;
  csrfToken: string;
  siteName: string;
  language: string;
  languageMenu?: LanguageMenuItem[];
}

export interface StatsPageProps extends Chrome {
  publishedPosts: number;
  languages: StatsLanguageView[];
  months: StatsMonthView[];
  /** Per language, completion 0..1 at the end of each of `months`. */
  series: { language: string; values: number[] }[];
  csvHref: string;
  historyCsvHref: string;
  postsHref: string;
}

const categoryKey: Record<Category, string> = {
  translated: 'stats.category.translated',
  inProgress: 'stats.category.inProgress',
  outdated: 'stats.category.outdated',
  missing: 'stats.category.missing',
};

function Legend({ t }: { t: Translator }) {
  return (
    <ul class="stats-legend" aria-label={t.t('stats.legend')}>
      {CATEGORIES.map((category) => (
        <li>
          <LegendSwatch category={category} /> {t.t(categoryKey[category])}
        </li>
      ))}
    </ul>
  );
}

function Definitions({ t }: { t: Translator }) {
  return (
    <section aria-labelledby="stats-definitions">
      <h2 id="stats-definitions">{t.t('stats.definitions.title')}</h2>
      <ul class="stats-definitions">
        <li>{t.t('stats.definitions.translated')}</li>
        <li>{t.t('stats.definitions.outdated')}</li>
        <li>{t.t('stats.definitions.inProgress')}</li>
        <li>{t.t('stats.definitions.missing')}</li>
        <li>{t.t('stats.definitions.scope')}</li>
        <li>{t.t('stats.definitions.completion')}</li>
      </ul>
    </section>
  );
}

export function StatsPage(props: StatsPageProps) {
  const { t } = props;
  const rtl = t.dir === 'rtl';
  const name = (tag: string) => t.languageName(tag);
  const languagesDesc =
    props.publishedPosts === 0
      ? t.t('stats.languages.descEmpty')
      : props.languages
          .map((l) => t.t('stats.languages.descLine', { ...l, language: name(l.language) }))
          .join('. ');
  const first = props.months[0];
  const last = props.months[props.months.length - 1];
  const historyDesc =
    !first || !last
      ? t.t('stats.history.descEmpty')
      : props.series
          .map((s) =>
            t.t('stats.history.descLine', {
              language: name(s.language),
              start: t.formatPercent(s.values[0] ?? 0),
              from: first.long,
              end: t.formatPercent(s.values[s.values.length - 1] ?? 0),
              to: last.long,
            }),
          )
          .join('. ');
  return (
    <Layout
      t={t}
      title={t.t('stats.title')}
      siteName={props.siteName}
      user={props.user}
      csrfToken={props.csrfToken}
      languageMenu={props.languageMenu}
      homeHref={`/${props.language}/`}
    >
      <h1 class="page-title">{t.t('stats.title')}</h1>
      <p>{t.t('stats.intro')}</p>
      <p class="stats-total">{t.t('stats.publishedPosts', { count: props.publishedPosts })}</p>
      <p>
        <a href={props.postsHref}>{t.t('stats.posts.link')}</a>
      </p>

      <section aria-labelledby="stats-languages" class="stats-section">
        <h2 id="stats-languages">{t.t('stats.languages.title')}</h2>
        <Legend t={t} />
        <StackedBarChart
          id="stats-languages-chart"
          title={t.t('stats.languages.chartTitle')}
          description={languagesDesc}
          rtl={rtl}
          rows={props.languages.map((l) => ({
            label: name(l.language),
            values: {
              translated: l.translated,
              inProgress: l.inProgress,
              outdated: l.outdated,
              missing: l.missing,
            },
          }))}
        />
        <div
          class="table-scroll"
          tabIndex={0}
          role="region"
          aria-labelledby="stats-languages-caption"
        >
          <table class="stats-table" id="stats-languages-table">
            <caption id="stats-languages-caption">{t.t('stats.table.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t.t('stats.table.language')}</th>
                <th scope="col">{t.t('stats.table.posts')}</th>
                <th scope="col">{t.t('stats.category.translated')}</th>
                <th scope="col">{t.t('stats.category.inProgress')}</th>
                <th scope="col">{t.t('stats.category.outdated')}</th>
                <th scope="col">{t.t('stats.category.missing')}</th>
                <th scope="col">{t.t('stats.table.units')}</th>
                <th scope="col">{t.t('stats.table.doneUnits')}</th>
                <th scope="col">{t.t('stats.table.completion')}</th>
              </tr>
            </thead>
            <tbody>
              {props.languages.map((l) => (
                <tr data-language={l.language}>
                  <th scope="row">{name(l.language)}</th>
                  <td>{t.formatNumber(l.posts)}</td>
                  <td>{t.formatNumber(l.translated)}</td>
                  <td>{t.formatNumber(l.inProgress)}</td>
                  <td>{t.formatNumber(l.outdated)}</td>
                  <td>{t.formatNumber(l.missing)}</td>
                  <td>{t.formatNumber(l.units)}</td>
                  <td>{t.formatNumber(l.doneUnits)}</td>
                  <td>{t.formatPercent(l.completion)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p>
          <a href={props.csvHref} download>
            {t.t('stats.csv')}
          </a>
        </p>
      </section>

      <section aria-labelledby="stats-history" class="stats-section">
        <h2 id="stats-history">{t.t('stats.history.title')}</h2>
        <LineChart
          id="stats-history-chart"
          title={t.t('stats.history.chartTitle')}
          description={historyDesc}
          rtl={rtl}
          xLabels={props.months.map((m) => m.short)}
          series={props.series.map((s) => ({ label: name(s.language), values: s.values }))}
        />
        <p>{t.t('stats.history.shown', { count: props.months.length })}</p>
        <details>
          <summary>{t.t('stats.history.table')}</summary>
          <div
            class="table-scroll"
            tabIndex={0}
            role="region"
            aria-labelledby="stats-history-caption"
          >
            <table class="stats-table" id="stats-history-table">
              <caption id="stats-history-caption">{t.t('stats.history.chartTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.t('stats.table.month')}</th>
                  {props.series.map((s) => (
                    <th scope="col">{name(s.language)}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {props.months.map((m, i) => (
                  <tr>
                    <th scope="row">{m.long}</th>
                    {props.series.map((s) => (
                      <td>{t.formatPercent(s.values[i] ?? 0)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
        <p>
          <a href={props.historyCsvHref} download>
            {t.t('stats.csv')}
          </a>
        </p>
      </section>

      <Definitions t={t} />
    </Layout>
  );
}

export interface StatsPostView {
  title: string;
  path: string;
  sourceLanguage: string;
  units: number;
  /** Every site language but the post's own. */
  cells: Map<
    string,
    { state: 'translated' | 'in_progress' | 'outdated' | 'missing'; completion: number }
  >;
}

export interface StatsPostsPageProps extends Chrome {
  siteLanguages: string[];
  posts: StatsPostView[];
  page: number;
  pages: number;
  pageHref: (page: number) => string;
  csvHref: string;
  statsHref: string;
}

const stateKey = {
  translated: 'stats.category.translated',
  in_progress: 'stats.category.inProgress',
  outdated: 'stats.category.outdated',
  missing: 'stats.category.missing',
} as const;

export function StatsPostsPage(props: StatsPostsPageProps) {
  const { t } = props;
  return (
    <Layout
      t={t}
      title={t.t('stats.posts.title')}
      siteName={props.siteName}
      user={props.user}
      csrfToken={props.csrfToken}
      languageMenu={props.languageMenu}
      homeHref={`/${props.language}/`}
    >
      <h1 class="page-title">{t.t('stats.posts.title')}</h1>
      <p>{t.t('stats.posts.intro')}</p>
      <p>
        <a href={props.statsHref}>{t.t('stats.posts.back')}</a>
      </p>
      {props.posts.length === 0 ? (
        <p>{t.t('stats.posts.empty')}</p>
      ) : (
        <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="stats-posts-caption">
          <table class="stats-table" id="stats-posts-table">
            <caption id="stats-posts-caption">
              {t.t('stats.posts.caption', { page: props.page, pages: props.pages })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t.t('stats.posts.post')}</th>
                <th scope="col">{t.t('stats.posts.source')}</th>
                <th scope="col">{t.t('stats.table.units')}</th>
                {props.siteLanguages.map((tag) => (
                  <th scope="col">{t.languageName(tag)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {props.posts.map((post) => (
                <tr>
                  <th scope="row">
                    <a
                      href={post.path}
                      lang={post.sourceLanguage}
                      dir={languageDirection(post.sourceLanguage)}
                    >
                      {post.title}
                    </a>
                  </th>
                  <td>{t.languageName(post.sourceLanguage)}</td>
                  <td>{t.formatNumber(post.units)}</td>
                  {props.siteLanguages.map((tag) => {
                    const cell = post.cells.get(tag);
                    if (!cell) return <td class="stats-source">—</td>;
                    return (
                      <td class={`stats-state stats-${cell.state}`} data-language={tag}>
                        {t.t('stats.posts.cell', {
                          state: t.t(stateKey[cell.state]),
                          completion: t.formatPercent(cell.completion),
                        })}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.pages > 1 ? (
        <nav class="pagination" aria-label={t.t('stats.posts.pagination')}>
          {props.page > 1 ? (
            <a href={props.pageHref(props.page - 1)} rel="prev">
              {t.t('stats.posts.previous')}
            </a>
          ) : null}
          <span>{t.t('stats.posts.caption', { page: props.page, pages: props.pages })}</span>
          {props.page < props.pages ? (
            <a href={props.pageHref(props.page + 1)} rel="next">
              {t.t('stats.posts.next')}
            </a>
          ) : null}
        </nav>
      ) : null}
      <p>
        <a href={props.csvHref} download>
          {t.t('stats.csv')}
        </a>
      </p>
    </Layout>
  );
}
