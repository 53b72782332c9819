/** The form that adds or edits one glossary term (reviewers and editors). */
import type { Translator } from '../../../i18n/translator.js';
import { Csrf, ErrorSummary, Field } from '../../components/field.js';
import type { FieldErrors } from '../../view-types.js';
import type { GlossaryPairView } from './glossary-view-types.js';

/** Parts of speech in the order the form offers them. */
export const PART_OF_SPEECH_OPTIONS = [
  'noun',
  'verb',
  'adjective',
  'adverb',
  'properNoun',
  'other',
] as const;

/** What the form shows: a term's fields as typed (forbidden translations one per line). */
export interface TermFormValues {
  term: string;
  translation: string;
  partOfSpeech: string;
  definition: string;
  note: string;
  forbidden: string;
  caseSensitive: boolean;
  doNotTranslate: boolean;
}

export const EMPTY_TERM_FORM: TermFormValues = {
  term: '',
  translation: '',
  partOfSpeech: 'noun',
  definition: '',
  note: '',
  forbidden: '',
  caseSensitive: false,
  doNotTranslate: false,
};

export interface TermFormProps {
  t: Translator;
  csrfToken: string;
  pair: GlossaryPairView;
  /** Editing an existing term (its id and the time it was last changed), else adding. */
  edit?: { id: string; baseUpdatedAt: string; term: string } | undefined;
  values: TermFormValues;
  errors: FieldErrors;
  /** Shown above the fields when the last attempt failed. */
  message?: string | undefined;
  /** Where "Cancel" goes when editing. */
  cancelHref: string;
}

export function TermForm(props: TermFormProps) {
  const { t, pair, values, errors, edit } = props;
  const prefix = edit ? `edit-${edit.id}` : 'add';
  const id = (name: string) => `${prefix}-${name}`;
  const problems = Object.entries(errors).flatMap(([field, message]) =>
    message ? [{ field: id(field), message }] : [],
  );
  return (
    <form
      method="post"
      action={edit ? `/translate/glossary/terms/${edit.id}` : '/translate/glossary/terms'}
      class="stack glossary-form"
      aria-labelledby={id('heading')}
    >
      <h3 id={id('heading')}>
        {edit
          ? t.t('glossary.form.editHeading', { term: edit.term })
          : t.t('glossary.form.addHeading')}
      </h3>
      <ErrorSummary message={props.message} problems={problems} />
      <Csrf token={props.csrfToken} />
      <input type="hidden" name="from" value={pair.from} />
      <input type="hidden" name="to" value={pair.to} />
      {edit ? <input type="hidden" name="baseUpdatedAt" value={edit.baseUpdatedAt} /> : null}
      <div class="row">
        <Field
          id={id('term')}
          label={t.t('glossary.form.term', { language: pair.fromName })}
          error={errors.term}
        >
          <input
            id={id('term')}
            name="term"
            value={values.term}
            required
            maxLength={200}
            lang={pair.from}
            dir="auto"
          />
        </Field>
        <Field
          id={id('translation')}
          label={t.t('glossary.form.translation', { language: pair.toName })}
          hint={t.t('glossary.form.translation.hint')}
          error={errors.translation}
        >
          <input
            id={id('translation')}
            name="translation"
            value={values.translation}
            maxLength={200}
            lang={pair.to}
            dir="auto"
          />
        </Field>
        <Field
          id={id('partOfSpeech')}
          label={t.t('glossary.form.partOfSpeech')}
          error={errors.partOfSpeech}
        >
          <select id={id('partOfSpeech')} name="partOfSpeech">
            {PART_OF_SPEECH_OPTIONS.map((p) => (
              <option value={p} selected={values.partOfSpeech === p}>
                {t.t(`glossary.pos.${p}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <div class="row">
        <Field
          id={id('definition')}
          label={t.t('glossary.form.definition')}
          error={errors.definition}
        >
          <textarea id={id('definition')} name="definition" rows={3} maxLength={2000} dir="auto">
            {values.definition}
          </textarea>
        </Field>
        <Field id={id('note')} label={t.t('glossary.form.note')} error={errors.note}>
          <textarea id={id('note')} name="note" rows={3} maxLength={2000} dir="auto">
            {values.note}
          </textarea>
        </Field>
        <Field
          id={id('forbidden')}
          label={t.t('glossary.form.forbidden')}
          hint={t.t('glossary.form.forbidden.hint')}
          error={errors.forbidden}
        >
          <textarea id={id('forbidden')} name="forbidden" rows={3} lang={pair.to} dir="auto">
            {values.forbidden}
          </textarea>
        </Field>
      </div>
      <fieldset>
        <legend>{t.t('glossary.form.flags')}</legend>
        <label class="checkbox">
          <input type="checkbox" name="caseSensitive" value="on" checked={values.caseSensitive} />{' '}
          {t.t('glossary.form.caseSensitive')}
        </label>
        <label class="checkbox">
          <input type="checkbox" name="doNotTranslate" value="on" checked={values.doNotTranslate} />{' '}
          {t.t('glossary.form.doNotTranslate')}
        </label>
      </fieldset>
      <div class="actions">
        <button type="submit">{edit ? t.t('glossary.form.save') : t.t('glossary.form.add')}</button>
        {edit ? <a href={props.cancelHref}>{t.t('glossary.form.cancel')}</a> : null}
      </div>
    </form>
  );
}
