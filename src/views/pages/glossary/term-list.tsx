/** The list of a pair's terms, with edit and delete for reviewers and editors. */
import type { Translator } from '../../../i18n/translator.js';
import { Csrf } from '../../components/field.js';
import type { GlossaryPairView, GlossaryTermView } from './glossary-view-types.js';
import { TermForm } from './term-form.js';
import type { TermFormProps } from './term-form.js';

export interface TermListProps {
  t: Translator;
  csrfToken: string;
  pair: GlossaryPairView;
  terms: GlossaryTermView[];
  canManage: boolean;
  /** The page's own address (search and page kept), for edit links and cancel. */
  pageHref: string;
  /** The term being edited, with its form. */
  editing?: { id: string; form: TermFormProps } | undefined;
}

function Term({
  t,
  pair,
  term,
}: {
  t: Translator;
  pair: GlossaryPairView;
  term: GlossaryTermView;
}) {
  return (
    <div class="glossary-term-body">
      <p class="glossary-term-head">
        <strong lang={pair.from} dir="auto" class="glossary-source">
          {term.term}
        </strong>{' '}
        <span class="badge">{t.t(`glossary.pos.${term.partOfSpeech}`)}</span>
        {term.caseSensitive ? (
          <span class="badge">{t.t('glossary.term.caseSensitive')}</span>
        ) : null}
      </p>
      <p class="glossary-translation">
        {term.doNotTranslate || term.translation === null ? (
          <span class="badge glossary-keep">{t.t('glossary.term.doNotTranslate')}</span>
        ) : (
          <span lang={pair.to} dir="auto">
            {term.translation}
          </span>
        )}
      </p>
      {term.forbidden.length > 0 ? (
        <p class="glossary-forbidden">
          {t.t('glossary.term.forbidden')}{' '}
          {term.forbidden.map((f, i) => (
            <>
              {i > 0 ? ', ' : ''}
              <del lang={pair.to} dir="auto">
                {f}
              </del>
            </>
          ))}
        </p>
      ) : null}
      {term.definition ? (
        <p class="glossary-definition" lang={pair.from} dir="auto">
          {term.definition}
        </p>
      ) : null}
      {term.note ? (
        <p class="meta">
          {t.t('glossary.term.note')} <span dir="auto">{term.note}</span>
        </p>
      ) : null}
    </div>
  );
}

export function TermList(props: TermListProps) {
  const { t, pair } = props;
  const join = props.pageHref.includes('?') ? '&' : '?';
  return (
    <ul class="glossary-terms">
      {props.terms.map((term) => (
        <li class="glossary-term" id={`term-${term.id}`}>
          {props.editing?.id === term.id ? (
            <TermForm {...props.editing.form} />
          ) : (
            <>
              <Term t={t} pair={pair} term={term} />
              {props.canManage ? (
                <div class="glossary-actions">
                  <a
                    href={`${props.pageHref}${join}edit=${encodeURIComponent(term.id)}#term-${term.id}`}
                    aria-label={t.t('glossary.edit.named', { term: term.term })}
                  >
                    {t.t('glossary.edit')}
                  </a>
                  <form
                    method="post"
                    action={`/translate/glossary/terms/${term.id}/delete`}
                    class="inline-form"
                  >
                    <Csrf token={props.csrfToken} />
                    <input type="hidden" name="from" value={pair.from} />
                    <input type="hidden" name="to" value={pair.to} />
                    <button
                      type="submit"
                      class="link-button"
                      aria-label={t.t('glossary.delete.named', { term: term.term })}
                    >
                      {t.t('glossary.delete')}
                    </button>
                  </form>
                </div>
              ) : null}
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
