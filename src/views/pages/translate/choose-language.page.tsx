/** "Translate this post": the volunteer picks the language they will translate into. */
import { ErrorSummary } from '../../components/field.js';
import { Layout } from '../../layouts/layout.js';
import type { Translator } from '../../../i18n/translator.js';
import type { ViewUser } from '../../view-types.js';

export interface LanguageChoice {
  tag: string;
  autonym: string;
  name: string;
  /** Share already translated, or null when nobody started. */
  completion: number | null;
}

export interface ChooseLanguagePageProps {
  t: Translator;
  user: ViewUser;
  csrfToken: string;
  postId: string;
  title: string;
  sourceLanguage: string;
  sourceName: string;
  choices: LanguageChoice[];
  selected: string | null;
  other: string;
  error?: string | undefined;
}

export function ChooseLanguagePage(props: ChooseLanguagePageProps) {
  const { t } = props;
  return (
    <Layout
      t={t}
      title={t.t('translate.choose.title', { title: props.title })}
      user={props.user}
      csrfToken={props.csrfToken}
    >
      <div class="narrow">
        <h1>{t.t('translate.choose.title', { title: '\u2068' + props.title + '\u2069' })}</h1>
        <p>{t.t('translate.choose.intro', { source: props.sourceName })}</p>
        <ErrorSummary message={props.error} />
        <form method="get" action={`/translate/${props.postId}/start`} class="stack">
          <fieldset>
            <legend>{t.t('translate.choose.legend')}</legend>
            <ul class="language-choices">
              {props.choices.map((c) => (
                <li>
                  <label>
                    <input
                      type="radio"
                      name="language"
                      value={c.tag}
                      checked={props.selected === c.tag}
                    />{' '}
                    <span lang={c.tag}>{c.autonym}</span>
                    {c.autonym !== c.name ? <span class="meta"> ({c.name})</span> : null}
                    <span class="meta">
                      {' · '}
                      {c.completion === null
                        ? t.t('translate.choose.notStarted')
                        : t.t('translate.choose.existing', {
                            percent: t.formatPercent(c.completion),
                          })}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <div class="field">
            <label for="other">{t.t('translate.choose.other')}</label>
            <input id="other" name="other" value={props.other} size={12} />
          </div>
          <button type="submit">{t.t('translate.choose.submit')}</button>
        </form>
      </div>
    </Layout>
  );
}
