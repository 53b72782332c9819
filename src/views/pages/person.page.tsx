/**
 * A volunteer's public page, `/{lang}/people/{username}`: only public facts — display name,
 * bio, the link to their posts — and the "Translations" section: units translated and
 * reviewed per month (a bar chart with its table and CSV file) and the languages. Never the
 * e-mail address.
 */
import type { Translator } from '../../i18n/translator.js';
import { MonthlyBarChart } from '../components/stats-charts.js';
import { Layout } from '../layouts/layout.js';
import type { LanguageMenuItem } from '../layouts/layout.js';
import type { ViewUser } from '../view-types.js';

export interface PersonPageProps {
  t: Translator;
  user: ViewUser | null;
  csrfToken: string;
  siteName: string;
  language: string;
  languageMenu?: LanguageMenuItem[];
  displayName: string;
  bio: string;
  postsHref: string;
  months: { short: string; long: string; translated: number; reviewed: number }[];
  languages: { language: string; translated: number; reviewed: number }[];
  totals: { translated: number; reviewed: number };
  csvHref: string;
}

export function PersonPage(props: PersonPageProps) {
  const { t } = props;
  const name = props.displayName;
  return (
    <Layout
      t={t}
      title={name}
      siteName={props.siteName}
      user={props.user}
      csrfToken={props.csrfToken}
      languageMenu={props.languageMenu}
      homeHref={`/${props.language}/`}
    >
      <h1 class="page-title">
        <bdi>{name}</bdi>
      </h1>
      {props.bio ? (
        <p class="person-bio" dir="auto">
          {props.bio}
        </p>
      ) : null}
      <p>
        <a href={props.postsHref}>{t.t('stats.person.posts', { name })}</a>
      </p>
      <section aria-labelledby="person-translations" class="stats-section">
        <h2 id="person-translations">{t.t('stats.person.translations')}</h2>
        {props.months.length === 0 ? (
          <p>{t.t('stats.person.none')}</p>
        ) : (
          <>
            <p class="stats-total">{t.t('stats.person.totals', props.totals)}</p>
            <h3>{t.t('stats.person.languages')}</h3>
            <ul class="person-languages">
              {props.languages.map((l) => (
                <li data-language={l.language}>
                  {t.t('stats.person.languageLine', {
                    language: t.languageName(l.language),
                    translated: l.translated,
                    reviewed: l.reviewed,
                  })}
                </li>
              ))}
            </ul>
            <ul class="stats-legend" aria-label={t.t('stats.legend')}>
              <li>
                <span class="stats-key stats-key-translated" aria-hidden="true" />{' '}
                {t.t('stats.person.translated')}
              </li>
              <li>
                <span class="stats-key stats-key-reviewed" aria-hidden="true" />{' '}
                {t.t('stats.person.reviewed')}
              </li>
            </ul>
            <MonthlyBarChart
              id="person-chart"
              title={t.t('stats.person.chartTitle', { name })}
              description={props.months
                .map((m) => t.t('stats.person.descLine', { ...m, month: m.long }))
                .join('. ')}
              rtl={t.dir === 'rtl'}
              months={props.months.map((m) => ({ ...m, label: m.short }))}
            />
            <div
              class="table-scroll"
              tabIndex={0}
              role="region"
              aria-labelledby="person-table-caption"
            >
              <table class="stats-table" id="person-table">
                <caption id="person-table-caption">
                  {t.t('stats.person.chartTitle', { name })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t.t('stats.table.month')}</th>
                    <th scope="col">{t.t('stats.person.translated')}</th>
                    <th scope="col">{t.t('stats.person.reviewed')}</th>
                  </tr>
                </thead>
                <tbody>
                  {props.months.map((m) => (
                    <tr>
                      <th scope="row">{m.long}</th>
                      <td>{t.formatNumber(m.translated)}</td>
                      <td>{t.formatNumber(m.reviewed)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p>{t.t('stats.person.definition')}</p>
            <p>
              <a href={props.csvHref} download>
                {t.t('stats.csv')}
              </a>
            </p>
          </>
        )}
      </section>
    </Layout>
  );
}
