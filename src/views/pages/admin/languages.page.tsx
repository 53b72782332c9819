/**
 * Administration: the site's languages in menu order — their names (in the interface language
 * and in their own), direction, fallback chain and whether readers and translators have them —
 * with forms to add any BCP 47 tag, move, edit, and enable or disable one for readers.
 */
import type { Translator } from '../../../i18n/translator.js';
import { Csrf, ErrorSummary, Field } from '../../components/field.js';
import { Layout } from '../../layouts/layout.js';
import { fieldErrors } from '../../view-types.js';
import type { ViewUser } from '../../view-types.js';

export interface LanguageRow {
  tag: string;
  /** In the interface language. */
  name: string;
  /** In the language itself. */
  autonym: string;
  direction: 'ltr' | 'rtl';
  fallback: { tag: string; name: string }[];
  reading: boolean;
  translating: boolean;
  isDefault: boolean;
}

export interface LanguagesAdminPageProps {
  t: Translator;
  user: ViewUser;
  csrfToken: string;
  languages: LanguageRow[];
  /** The add form's values as typed, when it was refused. */
  added?: { tag: string; direction: string; fallback: string } | undefined;
  /** The language whose edit form was refused (its form is shown open). */
  editing?: string | undefined;
  problems?: { field: string; message: string }[] | undefined;
  notice?: string | undefined;
}

/** An id safe in HTML for a language's own controls (`fallback-pt-BR`). */
const idFor = (field: string, tag: string) => `${field}-${tag}`;

export function LanguagesAdminPage(props: LanguagesAdminPageProps) {
  const { t } = props;
  const problems = props.problems ?? [];
  // An edit form's problems point at that row's own controls.
  const shown = props.editing
    ? problems.map((p) => ({ ...p, field: idFor(p.field, props.editing ?? '') }))
    : problems;
  const errors = fieldErrors(shown);
  const last = props.languages.length - 1;
  const dirName = (d: 'ltr' | 'rtl') => t.t(d === 'rtl' ? 'sitelang.dir.rtl' : 'sitelang.dir.ltr');
  return (
    <Layout title={t.t('sitelang.title')} t={t} user={props.user} csrfToken={props.csrfToken}>
      <p>
        <a href="/admin">{t.t('sitelang.back')}</a>
      </p>
      <h1>{t.t('sitelang.title')}</h1>
      <p>{t.t('sitelang.intro')}</p>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <ErrorSummary problems={shown} />
      <section aria-labelledby="sitelang-list">
        <h2 id="sitelang-list">{t.t('sitelang.list.heading')}</h2>
        <table class="post-table">
          <thead>
            <tr>
              <th scope="col">{t.t('sitelang.list.language')}</th>
              <th scope="col">{t.t('sitelang.list.direction')}</th>
              <th scope="col">{t.t('sitelang.list.fallback')}</th>
              <th scope="col">{t.t('sitelang.list.readers')}</th>
              <th scope="col">{t.t('sitelang.list.order')}</th>
            </tr>
          </thead>
          <tbody>
            {props.languages.map((l, index) => {
              const editing = props.editing === l.tag;
              return (
                <tr data-language={l.tag} data-reading={l.reading ? 'on' : 'off'}>
                  <td>
                    <strong>{l.name}</strong>{' '}
                    {l.autonym === l.name ? null : (
                      <>
                        <span lang={l.tag} dir={l.direction}>
                          {l.autonym}
                        </span>{' '}
                      </>
                    )}
                    <code dir="ltr">{l.tag}</code>
                    <br />
                    {l.isDefault ? (
                      <span class="badge status-published">{t.t('sitelang.list.default')}</span>
                    ) : null}
                    {l.reading ? null : <span class="badge">{t.t('sitelang.list.hidden')}</span>}
                    <span class="badge">
                      {t.t(
                        l.translating
                          ? 'sitelang.list.translatingOn'
                          : 'sitelang.list.translatingOff',
                      )}
                    </span>
                    <details open={editing}>
                      <summary>{t.t('sitelang.edit.summary', { language: l.name })}</summary>
                      <form
                        method="post"
                        action={`/admin/languages/${encodeURIComponent(l.tag)}`}
                        class="stack"
                      >
                        <Csrf token={props.csrfToken} />
                        <Field
                          id={idFor('direction', l.tag)}
                          label={t.t('sitelang.field.direction')}
                          error={editing ? errors[idFor('direction', l.tag)] : undefined}
                        >
                          <select id={idFor('direction', l.tag)} name="direction">
                            <option value="ltr" selected={l.direction === 'ltr'}>
                              {dirName('ltr')}
                            </option>
                            <option value="rtl" selected={l.direction === 'rtl'}>
                              {dirName('rtl')}
                            </option>
                          </select>
                        </Field>
                        <Field
                          id={idFor('fallback', l.tag)}
                          label={t.t('sitelang.field.fallback')}
                          hint={t.t('sitelang.field.fallbackHint')}
                          error={editing ? errors[idFor('fallback', l.tag)] : undefined}
                        >
                          <input
                            id={idFor('fallback', l.tag)}
                            name="fallback"
                            dir="ltr"
                            value={l.fallback.map((f) => f.tag).join(', ')}
                          />
                        </Field>
                        <label>
                          <input type="checkbox" name="translating" checked={l.translating} />{' '}
                          {t.t('sitelang.field.translating')}
                        </label>
                        <p>
                          <button type="submit" class="secondary">
                            {t.t('sitelang.edit.save')}
                          </button>
                        </p>
                      </form>
                    </details>
                  </td>
                  <td>{dirName(l.direction)}</td>
                  <td>
                    {l.fallback.length === 0
                      ? t.t('sitelang.list.noFallback')
                      : t.formatList(l.fallback.map((f) => f.name))}
                  </td>
                  <td>
                    {l.reading ? t.t('sitelang.list.shown') : t.t('sitelang.list.hiddenLong')}
                    {l.isDefault ? (
                      <p class="meta">{t.t('sitelang.list.defaultStays')}</p>
                    ) : (
                      <form
                        method="post"
                        action={`/admin/languages/${encodeURIComponent(l.tag)}/reading`}
                      >
                        <Csrf token={props.csrfToken} />
                        <input type="hidden" name="reading" value={l.reading ? 'off' : 'on'} />
                        <button type="submit" class="secondary">
                          {t.t(l.reading ? 'sitelang.disable' : 'sitelang.enable', {
                            language: l.name,
                          })}
                        </button>
                      </form>
                    )}
                  </td>
                  <td>
                    <div class="actions">
                      {index > 0 ? (
                        <MoveForm
                          tag={l.tag}
                          way="up"
                          label={t.t('sitelang.moveUp', { language: l.name })}
                          csrfToken={props.csrfToken}
                        />
                      ) : null}
                      {index < last ? (
                        <MoveForm
                          tag={l.tag}
                          way="down"
                          label={t.t('sitelang.moveDown', { language: l.name })}
                          csrfToken={props.csrfToken}
                        />
                      ) : null}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="sitelang-add">
        <h2 id="sitelang-add">{t.t('sitelang.add.heading')}</h2>
        <form method="post" action="/admin/languages" class="stack narrow">
          <Csrf token={props.csrfToken} />
          <Field
            id="tag"
            label={t.t('sitelang.field.tag')}
            hint={t.t('sitelang.field.tagHint')}
            error={props.editing ? undefined : errors.tag}
          >
            <input
              id="tag"
              name="tag"
              required
              dir="ltr"
              size={16}
              autocomplete="off"
              value={props.added?.tag ?? ''}
            />
          </Field>
          <Field
            id="direction"
            label={t.t('sitelang.field.direction')}
            error={props.editing ? undefined : errors.direction}
          >
            <select id="direction" name="direction">
              <option value="" selected={!props.added?.direction}>
                {t.t('sitelang.dir.auto')}
              </option>
              <option value="ltr" selected={props.added?.direction === 'ltr'}>
                {dirName('ltr')}
              </option>
              <option value="rtl" selected={props.added?.direction === 'rtl'}>
                {dirName('rtl')}
              </option>
            </select>
          </Field>
          <Field
            id="fallback"
            label={t.t('sitelang.field.fallback')}
            hint={t.t('sitelang.field.fallbackAddHint')}
            error={props.editing ? undefined : errors.fallback}
          >
            <input id="fallback" name="fallback" dir="ltr" value={props.added?.fallback ?? ''} />
          </Field>
          <p>
            <button type="submit">{t.t('sitelang.add.submit')}</button>
          </p>
        </form>
      </section>
    </Layout>
  );
}

function MoveForm(props: { tag: string; way: 'up' | 'down'; label: string; csrfToken: string }) {
  return (
    <form method="post" action={`/admin/languages/${encodeURIComponent(props.tag)}/move`}>
      <Csrf token={props.csrfToken} />
      <input type="hidden" name="way" value={props.way} />
      <button type="submit" class="secondary" aria-label={props.label} title={props.label}>
        <span aria-hidden="true">{props.way === 'up' ? '↑' : '↓'}</span>
      </button>
    </form>
  );
}
