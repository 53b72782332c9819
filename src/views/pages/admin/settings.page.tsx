/**
 * Administration: the site settings — name, description, default language, when a translation
 * may be published, whether edits to published translations go live at once, and whether new
 * accounts get the translator role. One form; a refusal names the field.
 */
import type { Translator } from '../../../i18n/translator.js';
import { Csrf, ErrorSummary, Field } from '../../components/field.js';
import { Layout } from '../../layouts/layout.js';
import { fieldErrors } from '../../view-types.js';
import type { ViewUser } from '../../view-types.js';

export interface SettingsFormValues {
  siteName: string;
  siteDescription: string;
  defaultLanguage: string;
  minCompletion: string;
  requireReview: boolean;
  editorsAnyCompletion: boolean;
  translationEditsGoLive: boolean;
  translatorRoleAtSignUp: boolean;
  /** Absent when the form did not carry it (the value in effect stays). */
  commentsCloseAfterDays?: string;
}

export interface SettingsAdminPageProps {
  t: Translator;
  user: ViewUser;
  csrfToken: string;
  values: SettingsFormValues;
  /** The enabled languages one may make the default, named in the interface language. */
  languages: { tag: string; name: string; autonym: string }[];
  problems?: { field: string; message: string }[] | undefined;
  notice?: string | undefined;
}

export function SettingsAdminPage(props: SettingsAdminPageProps) {
  const { t, values } = props;
  const errors = fieldErrors(props.problems ?? []);
  return (
    <Layout title={t.t('sitesettings.title')} t={t} user={props.user} csrfToken={props.csrfToken}>
      <p>
        <a href="/admin">{t.t('sitesettings.back')}</a>
      </p>
      <h1>{t.t('sitesettings.title')}</h1>
      <p>{t.t('sitesettings.intro')}</p>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <ErrorSummary problems={props.problems} />
      <form method="post" action="/admin/settings" class="stack narrow">
        <Csrf token={props.csrfToken} />
        <Field id="siteName" label={t.t('sitesettings.field.siteName')} error={errors.siteName}>
          <input id="siteName" name="siteName" required dir="auto" value={values.siteName} />
        </Field>
        <Field
          id="siteDescription"
          label={t.t('sitesettings.field.siteDescription')}
          hint={t.t('sitesettings.field.siteDescriptionHint')}
          error={errors.siteDescription}
        >
          <textarea id="siteDescription" name="siteDescription" rows={3} dir="auto">
            {values.siteDescription}
          </textarea>
        </Field>
        <Field
          id="defaultLanguage"
          label={t.t('sitesettings.field.defaultLanguage')}
          hint={t.t('sitesettings.field.defaultLanguageHint')}
          error={errors.defaultLanguage}
        >
          <select id="defaultLanguage" name="defaultLanguage">
            {props.languages.map((l) => (
              <option value={l.tag} selected={l.tag === values.defaultLanguage}>
                {l.name === l.autonym ? l.name : `${l.name} — ${l.autonym}`}
              </option>
            ))}
          </select>
        </Field>
        <fieldset class="stack">
          <legend>{t.t('sitesettings.publication.legend')}</legend>
          <Field
            id="minCompletion"
            label={t.t('sitesettings.field.minCompletion')}
            hint={t.t('sitesettings.field.minCompletionHint')}
            error={errors.minCompletion}
          >
            <input
              id="minCompletion"
              name="minCompletion"
              type="number"
              min={0}
              max={100}
              step={1}
              inputMode="numeric"
              dir="ltr"
              value={values.minCompletion}
            />
          </Field>
          <Check
            id="requireReview"
            checked={values.requireReview}
            label={t.t('sitesettings.field.requireReview')}
          />
          <Check
            id="editorsAnyCompletion"
            checked={values.editorsAnyCompletion}
            label={t.t('sitesettings.field.editorsAnyCompletion')}
          />
        </fieldset>
        <fieldset class="stack">
          <legend>{t.t('sitesettings.community.legend')}</legend>
          <Check
            id="translationEditsGoLive"
            checked={values.translationEditsGoLive}
            label={t.t('sitesettings.field.translationEditsGoLive')}
          />
          <Check
            id="translatorRoleAtSignUp"
            checked={values.translatorRoleAtSignUp}
            label={t.t('sitesettings.field.translatorRoleAtSignUp')}
          />
          <Field
            id="commentsCloseAfterDays"
            label={t.t('comments.settings.closeAfterDays.label')}
            hint={t.t('comments.settings.closeAfterDays.help')}
            error={errors.commentsCloseAfterDays}
          >
            <input
              id="commentsCloseAfterDays"
              name="commentsCloseAfterDays"
              type="number"
              min={0}
              max={3650}
              step={1}
              inputMode="numeric"
              dir="ltr"
              value={values.commentsCloseAfterDays ?? ''}
            />
          </Field>
        </fieldset>
        <p>
          <button type="submit">{t.t('sitesettings.save')}</button>
        </p>
      </form>
    </Layout>
  );
}

function Check(props: { id: string; checked: boolean; label: string }) {
  return (
    <label for={props.id}>
      <input type="checkbox" id={props.id} name={props.id} checked={props.checked} /> {props.label}
    </label>
  );
}
