/**
 * Editors undo every translation edit of one account since a moment (anti-vandalism): the
 * form, a preview of what would change, and the report of what did.
 */
import type { Translator } from '../../../i18n/translator.js';
import { Csrf, ErrorSummary, Field } from '../../components/field.js';
import { Layout } from '../../layouts/layout.js';
import type { ViewUser } from '../../view-types.js';

/** How far back a rollback reaches, as offered in the form. */
export const ROLLBACK_PERIODS = ['1h', '6h', '24h', '7d', '30d'] as const;
export type RollbackPeriod = (typeof ROLLBACK_PERIODS)[number];

export interface RollbackRow {
  title: string;
  language: string;
  languageName: string;
  href: string;
  /** Plain text readers see before and after ('' : the original is shown). */
  before: string;
  after: string;
  reason?: string;
}

export interface RollbackPageProps {
  t: Translator;
  user: ViewUser;
  csrfToken: string;
  username: string;
  period: RollbackPeriod;
  problems?: { field: string; message: string }[];
  /** A preview (dry run) or the report of a rollback that ran. */
  report?: {
    done: boolean;
    displayName: string;
    since: string;
    reverted: RollbackRow[];
    skipped: RollbackRow[];
    rejected: number;
  };
}

function Rows({ t, rows }: { t: Translator; rows: RollbackRow[] }) {
  return (
    <table class="post-table">
      <thead>
        <tr>
          <th scope="col">{t.t('translate.rollback.post')}</th>
          <th scope="col">{t.t('translate.rollback.before')}</th>
          <th scope="col">{t.t('translate.rollback.after')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr>
            <td>
              <a href={row.href}>
                <bdi>{row.title}</bdi>
              </a>{' '}
              <span class="meta">({row.languageName})</span>
              {row.reason ? <p class="hint">{row.reason}</p> : null}
            </td>
            <td lang={row.language} dir="auto">
              {row.before || <em lang={t.lang}>{t.t('translate.rollback.original')}</em>}
            </td>
            <td lang={row.language} dir="auto">
              {row.after || <em lang={t.lang}>{t.t('translate.rollback.original')}</em>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function RollbackPage(props: RollbackPageProps) {
  const { t, report } = props;
  const errorOf = (field: string) => props.problems?.find((p) => p.field === field)?.message;
  return (
    <Layout
      title={t.t('translate.rollback.title')}
      t={t}
      user={props.user}
      csrfToken={props.csrfToken}
    >
      <h1>{t.t('translate.rollback.title')}</h1>
      <p>{t.t('translate.rollback.intro')}</p>
      <ErrorSummary problems={props.problems} />
      <form method="get" action="/editorial/rollback" class="stacked">
        <Field id="username" label={t.t('translate.rollback.username')} error={errorOf('username')}>
          <input id="username" name="username" value={props.username} required autocomplete="off" />
        </Field>
        <Field id="period" label={t.t('translate.rollback.period')}>
          <select id="period" name="period">
            {ROLLBACK_PERIODS.map((p) => (
              <option value={p} selected={p === props.period}>
                {t.t(`translate.rollback.period.${p}`)}
              </option>
            ))}
          </select>
        </Field>
        <button type="submit" class="secondary">
          {t.t('translate.rollback.preview')}
        </button>
      </form>
      {report ? (
        <section aria-labelledby="rollback-report" class="rollback-report">
          <h2 id="rollback-report">
            {report.done
              ? t.t('translate.rollback.done', {
                  name: report.displayName,
                  count: report.reverted.length,
                })
              : t.t('translate.rollback.wouldRevert', {
                  name: report.displayName,
                  count: report.reverted.length,
                })}
          </h2>
          <p class="meta">
            {t.t('translate.rollback.since', { since: new Date(report.since) })} ·{' '}
            {t.t('translate.rollback.proposals', { count: report.rejected })}
          </p>
          {report.reverted.length > 0 ? <Rows t={t} rows={report.reverted} /> : null}
          {report.skipped.length > 0 ? (
            <>
              <h3>{t.t('translate.rollback.skipped', { count: report.skipped.length })}</h3>
              <Rows t={t} rows={report.skipped} />
            </>
          ) : null}
          {!report.done && (report.reverted.length > 0 || report.rejected > 0) ? (
            <form method="post" action="/editorial/rollback">
              <Csrf token={props.csrfToken} />
              <input type="hidden" name="username" value={props.username} />
              <input type="hidden" name="since" value={report.since} />
              <input type="hidden" name="period" value={props.period} />
              <button type="submit" class="danger">
                {t.t('translate.rollback.confirm', { count: report.reverted.length })}
              </button>
            </form>
          ) : null}
        </section>
      ) : null}
    </Layout>
  );
}
