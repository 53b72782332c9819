/**
 * Reviewing volunteers' content texts of one language: each pending proposal with its item,
 * the original (and the one it was written against, when that changed since), the current
 * text, approve or reject (never one's own).
 */
import type { Translator } from '../../../i18n/translator.js';
import { Csrf } from '../../components/field.js';
import { Layout } from '../../layouts/layout.js';
import type { ViewUser } from '../../view-types.js';

export interface ContentProposalRow {
  id: string;
  kind: string;
  field: string;
  label: string | null;
  source: string | null;
  sourceText: string;
  current: string | null;
  text: string;
  byName: string | null;
  createdAt: string;
  own: boolean;
}

export function ContentReviewPage(props: {
  t: Translator;
  user: ViewUser;
  csrfToken: string;
  language: string;
  languageName: string;
  sourceLanguage: string;
  proposals: ContentProposalRow[];
  notice?: string;
}) {
  const { t, language } = props;
  const title = t.t('content.review.title', { language: props.languageName });
  return (
    <Layout t={t} title={title} user={props.user} csrfToken={props.csrfToken}>
      <p class="meta">
        <a href="/translate/content">{t.t('content.back')}</a> ·{' '}
        <a href={`/translate/content/${language}`}>
          {t.t('content.items.title', { language: props.languageName })}
        </a>
      </p>
      <h1>{title}</h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.proposals.length === 0 ? <p>{t.t('content.review.empty')}</p> : null}
      {props.proposals.map((p) => (
        <article class="l10n-message" id={`p-${p.id}`}>
          <header class="l10n-message-head">
            <strong>
              <bdi lang={props.sourceLanguage}>{p.label ?? t.t('content.review.deleted')}</bdi>
            </strong>{' '}
            <span class="meta">
              {t.t('content.kind', { kind: p.kind })} › {t.t('content.field', { field: p.field })}
            </span>
          </header>
          <dl class="l10n-texts">
            <dt>{t.t('content.source')}</dt>
            <dd lang={props.sourceLanguage} dir="auto">
              {p.source ?? p.sourceText}
            </dd>
            {p.source !== null && p.source !== p.sourceText ? (
              <>
                <dt>{t.t('content.review.writtenFor')}</dt>
                <dd lang={props.sourceLanguage} dir="auto">
                  {p.sourceText}
                </dd>
              </>
            ) : null}
            <dt>{t.t('content.current')}</dt>
            {p.current === null ? (
              <dd class="hint">{t.t('content.none')}</dd>
            ) : (
              <dd lang={language} dir="auto">
                {p.current}
              </dd>
            )}
            <dt>{t.t('content.review.proposed')}</dt>
            <dd lang={language} dir="auto">
              {p.text}
            </dd>
          </dl>
          <p class="meta">
            {t.t('content.review.by', {
              name: p.byName ?? '—',
              date: t.formatDate(p.createdAt, 'medium'),
            })}
          </p>
          {p.own ? (
            <p class="hint">{t.t('content.review.own')}</p>
          ) : (
            <form
              method="post"
              action={`/translate/content/${language}/review`}
              class="l10n-decide"
            >
              <Csrf token={props.csrfToken} />
              <input type="hidden" name="id" value={p.id} />
              <p class="actions">
                <button type="submit" name="action" value="approve">
                  {t.t('content.review.approve')}
                </button>
                <button type="submit" name="action" value="reject" class="secondary">
                  {t.t('content.review.reject')}
                </button>
              </p>
            </form>
          )}
        </article>
      ))}
    </Layout>
  );
}
