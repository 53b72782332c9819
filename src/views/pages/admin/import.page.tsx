/**
 * Administration: importing a WordPress site — the upload form with the runs so far, and one
 * run's page: a progress bar, the counts, the translation groups and the report line by line,
 * kept up to date while the run works (src/client/import).
 */
import type { Translator } from '../../../i18n/translator.js';
import { formatTimestamp } from '../../components/date.js';
import { Csrf, ErrorSummary, Field } from '../../components/field.js';
import { Layout } from '../../layouts/layout.js';
import type { ViewUser } from '../../view-types.js';

export type RunStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
export type LineOutcome = 'imported' | 'unchanged' | 'skipped' | 'failed';
export const OUTCOMES: readonly LineOutcome[] = ['imported', 'unchanged', 'skipped', 'failed'];
export const KINDS = [
  'author',
  'term',
  'attachment',
  'post',
  'page',
  'comment',
  'translation',
  'other',
] as const;

export interface RunSummary {
  id: string;
  fileName: string;
  fileBytes: number;
  withUploads: boolean;
  status: RunStatus;
  attempts: number;
  cancelRequested: boolean;
  expectedLines: number | null;
  writtenLines: number;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface ReportLine {
  line: number;
  entry: { kind: string; wpId: string; label: string; outcome: string; notes: string[] };
}

export interface ImportListPageProps {
  t: Translator;
  user: ViewUser;
  csrfToken: string;
  runs: RunSummary[];
  uploadsAvailable: boolean;
  maxBytes: number;
  problems?: { field: string; message: string }[] | undefined;
}

function fileSize(t: Translator, bytes: number): string {
  return bytes >= 1_048_576
    ? t.t('wpimport.size.mb', { size: t.formatNumber(Math.round(bytes / 104_857.6) / 10) })
    : t.t('wpimport.size.kb', { size: t.formatNumber(Math.max(1, Math.round(bytes / 1024))) });
}

function hasError(problems: ImportListPageProps['problems'], field: string): string | undefined {
  return problems?.find((p) => p.field === field)?.message;
}

export function ImportListPage(props: ImportListPageProps) {
  const { t } = props;
  return (
    <Layout title={t.t('wpimport.title')} t={t} user={props.user} csrfToken={props.csrfToken}>
      <p>
        <a href="/admin">{t.t('wpimport.back')}</a>
      </p>
      <h1>{t.t('wpimport.title')}</h1>
      <p>{t.t('wpimport.intro')}</p>
      <ul>
        <li>{t.t('wpimport.intro.safe')}</li>
        <li>{t.t('wpimport.intro.urls')}</li>
        <li>{t.t('wpimport.intro.cli')}</li>
      </ul>
      <ErrorSummary problems={props.problems} />
      <form
        method="post"
        action="/admin/import"
        enctype="multipart/form-data"
        class="stack import-form"
      >
        <Csrf token={props.csrfToken} />
        <div class="field">
          <input
            type="checkbox"
            id="withUploads"
            name="withUploads"
            value="on"
            disabled={!props.uploadsAvailable}
            checked={props.uploadsAvailable}
            aria-describedby="withUploads-hint"
          />{' '}
          <label for="withUploads">{t.t('wpimport.field.uploads')}</label>
          <p class="hint" id="withUploads-hint">
            {props.uploadsAvailable
              ? t.t('wpimport.uploads.available')
              : t.t('wpimport.uploads.missing')}
          </p>
          {hasError(props.problems, 'withUploads') ? (
            <p class="field-error" role="alert">
              {hasError(props.problems, 'withUploads')}
            </p>
          ) : null}
        </div>
        <Field
          id="file"
          label={t.t('wpimport.field.file')}
          hint={t.t('wpimport.field.file.hint', { size: fileSize(t, props.maxBytes) })}
          error={hasError(props.problems, 'file')}
        >
          <input
            type="file"
            id="file"
            name="file"
            accept=".xml,application/xml,text/xml"
            required
          />
        </Field>
        <p>
          <button type="submit">{t.t('wpimport.start')}</button>
        </p>
      </form>
      <section aria-labelledby="runs">
        <h2 id="runs">{t.t('wpimport.runs.heading')}</h2>
        {props.runs.length === 0 ? (
          <p>{t.t('wpimport.runs.none')}</p>
        ) : (
          <table class="post-table">
            <thead>
              <tr>
                <th scope="col">{t.t('wpimport.runs.file')}</th>
                <th scope="col">{t.t('wpimport.runs.started')}</th>
                <th scope="col">{t.t('wpimport.runs.status')}</th>
                <th scope="col">{t.t('wpimport.runs.lines')}</th>
              </tr>
            </thead>
            <tbody>
              {props.runs.map((run) => (
                <tr>
                  <td>
                    <a href={`/admin/import/${run.id}`}>{run.fileName}</a>{' '}
                    <span class="muted">{fileSize(t, run.fileBytes)}</span>
                  </td>
                  <td>{formatTimestamp(run.createdAt, t.lang)}</td>
                  <td>
                    <span class={`import-status import-status-${run.status}`}>
                      {t.t(`wpimport.status.${run.status}`)}
                    </span>
                  </td>
                  <td>{t.formatNumber(run.writtenLines)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </Layout>
  );
}

export interface ImportRunPageProps {
  t: Translator;
  user: ViewUser;
  csrfToken: string;
  run: RunSummary;
  percent: number | null;
  counts: Record<string, Record<string, number>>;
  totals: Record<LineOutcome, number>;
  groups: {
    group: string;
    source: string;
    translations: { wpId: string; language: string; aligned: number; left: number }[];
  }[];
  lines: ReportLine[];
  /** The outcome the report is filtered by, or null for every line. */
  outcome: LineOutcome | null;
  /** The first line of the next page of the report, or null. */
  next: number | null;
  /** The first line shown (0 on the first page). */
  from: number;
}

const live = (status: RunStatus) => status === 'queued' || status === 'running';

export function ImportRunPage(props: ImportRunPageProps) {
  const { t, run } = props;
  const title = t.t('wpimport.run.title', { file: run.fileName });
  const base = `/admin/import/${run.id}`;
  const kindName = (kind: string) =>
    (KINDS as readonly string[]).includes(kind) ? t.t(`wpimport.kind.${kind}`) : kind;
  const kinds = KINDS.filter((k) => props.counts[k]);
  // New lines are added as they come only where they belong: the unfiltered report's last page.
  const appendLive = live(run.status) && props.outcome === null && props.next === null;
  return (
    <Layout
      title={title}
      t={t}
      user={props.user}
      csrfToken={props.csrfToken}
      scripts={live(run.status) ? ['/assets/build/import.js'] : []}
    >
      <p>
        <a href="/admin/import">{t.t('wpimport.run.back')}</a>
      </p>
      <h1>{title}</h1>
      <div
        class="import-run"
        id="import-run"
        data-run={run.id}
        data-status={run.status}
        data-from={appendLive ? String(run.writtenLines) : ''}
        data-outcomes={JSON.stringify(
          Object.fromEntries(OUTCOMES.map((o) => [o, t.t(`wpimport.outcome.${o}`)])),
        )}
        data-kinds={JSON.stringify(Object.fromEntries(KINDS.map((k) => [k, kindName(k)])))}
      >
        <p role="status" aria-live="polite" id="import-status">
          <span class={`import-status import-status-${run.status}`}>
            {t.t(`wpimport.status.${run.status}`)}
          </span>{' '}
          {run.cancelRequested && run.status === 'running' ? t.t('wpimport.run.stopping') : null}
        </p>
        <div class="import-progress">
          <progress
            id="import-bar"
            max={100}
            value={props.percent ?? undefined}
            aria-labelledby="import-bar-label"
          />
          <span id="import-bar-label">
            {props.percent === null
              ? t.t('wpimport.run.counting')
              : t.t('wpimport.run.percent', {
                  percent: t.formatPercent(props.percent / 100),
                  lines: t.formatNumber(run.writtenLines),
                  expected: t.formatNumber(run.expectedLines ?? 0),
                })}
          </span>
        </div>
        <dl class="import-facts">
          <dt>{t.t('wpimport.runs.file')}</dt>
          <dd>
            {run.fileName} ({fileSize(t, run.fileBytes)})
          </dd>
          <dt>{t.t('wpimport.run.queued')}</dt>
          <dd>{formatTimestamp(run.createdAt, t.lang)}</dd>
          {run.finishedAt ? (
            <>
              <dt>{t.t('wpimport.run.finished')}</dt>
              <dd>{formatTimestamp(run.finishedAt, t.lang)}</dd>
            </>
          ) : null}
          <dt>{t.t('wpimport.field.uploads')}</dt>
          <dd>
            {run.withUploads ? t.t('wpimport.run.uploads.yes') : t.t('wpimport.run.uploads.no')}
          </dd>
          {run.attempts > 1 ? (
            <>
              <dt>{t.t('wpimport.run.resumed')}</dt>
              <dd>{t.formatNumber(run.attempts - 1)}</dd>
            </>
          ) : null}
        </dl>
        {run.error ? (
          <div class="error-summary" role="alert">
            <p>{t.t('wpimport.run.error', { error: run.error })}</p>
          </div>
        ) : null}
        {run.status === 'cancelled' ? <p>{t.t('wpimport.run.cancelled')}</p> : null}
        {live(run.status) && !run.cancelRequested ? (
          <form method="post" action={`${base}/cancel`}>
            <Csrf token={props.csrfToken} />
            <button type="submit" class="secondary">
              {t.t('wpimport.cancel')}
            </button>
          </form>
        ) : null}
        <ul class="import-totals" aria-label={t.t('wpimport.run.totals')}>
          {OUTCOMES.map((o) => (
            <li class={`import-total import-total-${o}`}>
              <a
                href={`${base}?outcome=${o}`}
                aria-current={props.outcome === o ? 'page' : undefined}
              >
                <strong data-outcome={o}>{t.formatNumber(props.totals[o])}</strong>{' '}
                {t.t(`wpimport.outcome.${o}`)}
              </a>
            </li>
          ))}
        </ul>
      </div>
      {kinds.length > 0 ? (
        <section aria-labelledby="by-kind">
          <h2 id="by-kind">{t.t('wpimport.run.byKind')}</h2>
          <div class="table-scroll">
            <table class="import-table import-counts">
              <thead>
                <tr>
                  <th scope="col">{t.t('wpimport.report.kind')}</th>
                  {OUTCOMES.map((o) => (
                    <th scope="col">{t.t(`wpimport.outcome.${o}`)}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {kinds.map((k) => (
                  <tr>
                    <th scope="row">{kindName(k)}</th>
                    {OUTCOMES.map((o) => (
                      <td>{t.formatNumber(props.counts[k]?.[o] ?? 0)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      {props.groups.length > 0 ? (
        <section aria-labelledby="groups">
          <h2 id="groups">{t.t('wpimport.run.groups')}</h2>
          <table class="import-table">
            <thead>
              <tr>
                <th scope="col">{t.t('wpimport.group.source')}</th>
                <th scope="col">{t.t('wpimport.group.translations')}</th>
              </tr>
            </thead>
            <tbody>
              {props.groups.map((g) => (
                <tr>
                  <td>
                    <code>{g.source}</code>
                  </td>
                  <td>
                    {t.formatList(
                      g.translations.map((tr) =>
                        t.t('wpimport.group.translation', {
                          language: t.languageName(tr.language),
                          aligned: tr.aligned,
                          left: tr.left,
                        }),
                      ),
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      <section aria-labelledby="report">
        <h2 id="report">{t.t('wpimport.run.report')}</h2>
        <p>
          <a href={base} aria-current={props.outcome === null ? 'page' : undefined}>
            {t.t('wpimport.report.all')}
          </a>
          {' · '}
          <a href={`${base}/report.json`} download>
            {t.t('wpimport.report.download')}
          </a>
        </p>
        {props.lines.length === 0 && !appendLive ? (
          <p>{t.t('wpimport.report.none')}</p>
        ) : (
          <table class="post-table import-report">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t.t('wpimport.report.kind')}</th>
                <th scope="col">{t.t('wpimport.report.item')}</th>
                <th scope="col">{t.t('wpimport.report.outcome')}</th>
                <th scope="col">{t.t('wpimport.report.notes')}</th>
              </tr>
            </thead>
            <tbody id="import-lines">
              {props.lines.map(({ line, entry }) => (
                <tr class={`import-line import-line-${entry.outcome}`}>
                  <td>{line + 1}</td>
                  <td>{kindName(entry.kind)}</td>
                  <td>
                    <bdi>{entry.label}</bdi> <span class="muted">{entry.wpId}</span>
                  </td>
                  <td>{t.t(`wpimport.outcome.${entry.outcome}`)}</td>
                  <td>{entry.notes.join('; ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p>
          {props.from > 0 ? (
            <a href={props.outcome ? `${base}?outcome=${props.outcome}` : base}>
              {t.t('wpimport.report.first')}
            </a>
          ) : null}
          {props.from > 0 && props.next !== null ? ' · ' : null}
          {props.next !== null ? (
            <a
              href={`${base}?from=${props.next}${props.outcome ? `&outcome=${props.outcome}` : ''}`}
            >
              {t.t('wpimport.report.next')}
            </a>
          ) : null}
        </p>
      </section>
    </Layout>
  );
}
