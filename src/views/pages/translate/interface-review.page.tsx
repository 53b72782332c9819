/**
 * Reviewing volunteers' interface texts of one language: each pending proposal with the
 * English source, the current text and the word diff to it, approve or reject (never one's own).
 */
import type { DiffPart } from '../../../domain/alignment/index.js';
import type { Translator } from '../../../i18n/translator.js';
import { Csrf } from '../../components/field.js';
import { Layout } from '../../layouts/layout.js';
import type { ViewUser } from '../../view-types.js';
import { contextLabel } from './interface.page.js';

export interface InterfaceProposalRow {
  id: string;
  key: string;
  context: { area: string; path: string[] };
  source: string;
  current: string | null;
  text: string;
  diff: DiffPart[];
  byName: string | null;
  createdAt: string;
  own: boolean;
  sourceChanged: boolean;
}

export function InterfaceReviewPage(props: {
  t: Translator;
  user: ViewUser;
  csrfToken: string;
  language: string;
  languageName: string;
  proposals: InterfaceProposalRow[];
  notice?: string;
}) {
  const { t, language } = props;
  const title = t.t('l10n.review.title', { language: props.languageName });
  return (
    <Layout t={t} title={title} user={props.user} csrfToken={props.csrfToken}>
      <p class="meta">
        <a href="/translate/interface">{t.t('l10n.back')}</a> ·{' '}
        <a href={`/translate/interface/${language}`}>
          {t.t('l10n.messages.title', { language: props.languageName })}
        </a>
      </p>
      <h1>{title}</h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.proposals.length === 0 ? <p>{t.t('l10n.review.empty')}</p> : null}
      {props.proposals.map((p) => (
        <article class="l10n-message" id={`p-${p.id}`}>
          <header class="l10n-message-head">
            <code dir="ltr">{p.key}</code> <span class="meta">{contextLabel(t, p.context)}</span>
          </header>
          <dl class="l10n-texts">
            <dt>{t.t('l10n.message.source')}</dt>
            <dd lang="en" dir="ltr">
              {p.source}
            </dd>
            <dt>{t.t('l10n.review.current')}</dt>
            {p.current === null ? (
              <dd class="hint">{t.t('l10n.message.none')}</dd>
            ) : (
              <dd lang={language} dir="auto">
                {p.current}
              </dd>
            )}
            <dt>{t.t('l10n.review.proposed')}</dt>
            <dd lang={language} dir="auto">
              {p.text}
            </dd>
            {p.current !== null ? (
              <>
                <dt>{t.t('l10n.review.changes')}</dt>
                <dd lang={language} dir="auto" class="diff">
                  {p.diff.map((part) =>
                    part.kind === 'added' ? (
                      <ins>{part.text}</ins>
                    ) : part.kind === 'removed' ? (
                      <del>{part.text}</del>
                    ) : (
                      <span>{part.text}</span>
                    ),
                  )}
                </dd>
              </>
            ) : null}
          </dl>
          <p class="meta">
            {t.t('l10n.review.by', {
              name: p.byName ?? '—',
              date: t.formatDate(p.createdAt, 'medium'),
            })}
          </p>
          {p.sourceChanged ? <p class="hint">{t.t('l10n.review.sourceChanged')}</p> : null}
          {p.own ? (
            <p class="hint">{t.t('l10n.review.own')}</p>
          ) : (
            <form
              method="post"
              action={`/translate/interface/${language}/review`}
              class="l10n-decide"
            >
              <Csrf token={props.csrfToken} />
              <input type="hidden" name="id" value={p.id} />
              <div class="field">
                <label for={`c-${p.id}`}>{t.t('l10n.review.comment')}</label>
                <input id={`c-${p.id}`} name="comment" maxLength={2000} />
              </div>
              <p class="actions">
                <button type="submit" name="action" value="approve">
                  {t.t('l10n.review.approve')}
                </button>
                <button type="submit" name="action" value="reject" class="secondary">
                  {t.t('l10n.review.reject')}
                </button>
              </p>
            </form>
          )}
        </article>
      ))}
    </Layout>
  );
}
