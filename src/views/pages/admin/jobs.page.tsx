/**
 * Administration: the background jobs — how many wait, how many are parked — and each parked
 * job with its last error and a button to put it back in the queue.
 */
import type { Translator } from '../../../i18n/translator.js';
import { Csrf } from '../../components/field.js';
import { formatTimestamp } from '../../components/date.js';
import { Layout } from '../../layouts/layout.js';
import type { ViewUser } from '../../view-types.js';

export interface JobsPageProps {
  t: Translator;
  user: ViewUser;
  csrfToken: string;
  counts: { waiting: number; failed: number };
  parked: {
    id: string;
    kind: string;
    attempts: number;
    lastError: string | null;
    createdAt: string;
    failedAt: string | null;
  }[];
  /** A parked job was just put back in the queue. */
  retried: boolean;
  /** The job names the code runs, each described in the catalogs (`jobs.kind.<name>`). */
  jobNames: readonly string[];
}

export function JobsPage(props: JobsPageProps) {
  const { t } = props;
  // A parked row may be older than the code: a name it no longer runs is shown as it is.
  const kindName = (kind: string) =>
    props.jobNames.includes(kind) ? t.t(`jobs.kind.${kind}`) : kind;
  return (
    <Layout title={t.t('jobs.title')} t={t} user={props.user} csrfToken={props.csrfToken}>
      <p>
        <a href="/admin">{t.t('jobs.back')}</a>
      </p>
      <h1>{t.t('jobs.title')}</h1>
      <p>{t.t('jobs.intro')}</p>
      {props.retried ? (
        <p class="notice" role="status">
          {t.t('jobs.retried')}
        </p>
      ) : null}
      <ul class="import-totals" aria-label={t.t('jobs.totals')}>
        <li class="import-total">
          <span class="job-total">
            <strong>{t.formatNumber(props.counts.waiting)}</strong> {t.t('jobs.waiting')}
          </span>
        </li>
        <li class="import-total import-total-failed">
          <span class="job-total">
            <strong>{t.formatNumber(props.counts.failed)}</strong> {t.t('jobs.parked')}
          </span>
        </li>
      </ul>
      <h2>{t.t('jobs.parked.heading')}</h2>
      {props.parked.length === 0 ? (
        <p role="status">{t.t('jobs.none')}</p>
      ) : (
        <table class="post-table jobs-table">
          <thead>
            <tr>
              <th scope="col">{t.t('jobs.col.kind')}</th>
              <th scope="col">{t.t('jobs.col.parkedAt')}</th>
              <th scope="col">{t.t('jobs.col.attempts')}</th>
              <th scope="col">{t.t('jobs.col.error')}</th>
              <th scope="col">
                <span class="visually-hidden">{t.t('jobs.col.action')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {props.parked.map((job) => (
              <tr data-job={job.id}>
                <td>
                  {kindName(job.kind)}
                  <br />
                  <code dir="ltr">{job.kind}</code>
                </td>
                <td data-label={t.t('jobs.col.parkedAt')}>
                  {job.failedAt ? (
                    <time dateTime={job.failedAt}>{formatTimestamp(job.failedAt, t.lang)}</time>
                  ) : null}
                </td>
                <td data-label={t.t('jobs.col.attempts')}>{t.formatNumber(job.attempts)}</td>
                <td class="audit-details" data-label={t.t('jobs.col.error')}>
                  <bdi dir="ltr">{job.lastError ?? ''}</bdi>
                </td>
                <td>
                  <form method="post" action={`/admin/jobs/${encodeURIComponent(job.id)}/retry`}>
                    <Csrf token={props.csrfToken} />
                    <button type="submit" class="secondary">
                      {t.t('jobs.retry')}
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
