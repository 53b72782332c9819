/**
 * What the editor's "Upload a translated file" form answers: how many units were saved, left
 * unchanged or became conflicts (each unit listed), or why the file was refused — its first
 * errors located by line and column — with nothing saved. The way back is the editor.
 */
import type { Translator } from '../../../i18n/translator.js';
import { ErrorSummary } from '../../components/field.js';
import { Layout } from '../../layouts/layout.js';
import type { ViewUser } from '../../view-types.js';

export type UploadOutcome = 'saved' | 'pending' | 'unchanged' | 'conflict' | 'refused' | 'empty';

export interface TranslationFilePageProps {
  t: Translator;
  user: ViewUser;
  csrfToken: string;
  siteName: string;
  editorHref: string;
  filename: string;
  report?: {
    saved: number;
    unchanged: number;
    conflicts: number;
    /** The units the file changed or could not change (unchanged ones are only counted). */
    units: { number: number; source: string; outcome: UploadOutcome }[];
  };
  sourceLanguage: string;
  problems?: { field: string; message: string }[];
}

export function TranslationFilePage(props: TranslationFilePageProps) {
  const { t, report } = props;
  const title = t.t('xliff.report.title');
  return (
    <Layout
      t={t}
      title={title}
      user={props.user}
      csrfToken={props.csrfToken}
      siteName={props.siteName}
    >
      <p>
        <a href={props.editorHref}>{t.t('xliff.report.back')}</a>
      </p>
      <h1>{title}</h1>
      <p class="meta">
        <bdi>{props.filename}</bdi>
      </p>
      {props.problems ? (
        <ErrorSummary message={t.t('xliff.report.refused')} problems={props.problems} />
      ) : null}
      {report ? (
        <>
          <p class="notice" role="status">
            {t.t('xliff.report.counts', {
              saved: report.saved,
              unchanged: report.unchanged,
              conflicts: report.conflicts,
            })}
          </p>
          {report.conflicts > 0 ? <p>{t.t('xliff.report.conflictHint')}</p> : null}
          {report.units.length > 0 ? (
            <div class="table-scroll">
              <table class="post-table">
                <thead>
                  <tr>
                    <th scope="col">{t.t('xliff.report.unit')}</th>
                    <th scope="col">{t.t('xliff.report.outcome')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.units.map((unit) => (
                    <tr>
                      <td>
                        <span class="meta">{unit.number}</span>{' '}
                        <bdi lang={props.sourceLanguage} dir="auto">
                          {unit.source}
                        </bdi>
                      </td>
                      <td>{t.t(`xliff.outcome.${unit.outcome}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </>
      ) : null}
    </Layout>
  );
}
