/** The post editor form: Markdown body with preview, co-authors in order, organizations, taxonomy, featured image. */
import type { Translator } from '../../../i18n/translator.js';
import { Csrf, ErrorSummary, Field } from '../../components/field.js';
import type { FieldErrors } from '../../view-types.js';
import { mediaDirective } from '../media.page.js';
import type { MediaChoice } from '../media.page.js';

export interface PostFormValues {
  /** 'post' or 'page' as chosen (or sent: an unknown value is shown back with its error). */
  kind: string;
  language: string;
  title: string;
  slug: string;
  excerpt: string;
  body: string;
  featuredMediaId: string;
  featuredAlt: string;
  authorIds: string[];
  /** Co-authors as typed in the pickers (user names), in byline order. */
  authorNames: string[];
  organizationIds: string[];
  /** Organizations as typed in the pickers (names). */
  organizationNames: string[];
  tags: string;
  categories: string;
  eventIds: string[];
  /** This save only fixes typos or formatting (asked again at every save). */
  minorChange: boolean;
}

export interface PostFormOptions {
  /** The people the form names (for their user names); the pickers search the rest. */
  people: { id: string; username: string; displayName: string }[];
  organizations: { id: string; name: string; country: string | null }[];
  events: { id: string; name: string; startsOn: string | null }[];
  images: { id: string; filename: string; alt: string }[];
  /** Media offered by the "insert" panel. */
  media?: MediaChoice[];
}

export interface PostFormProps {
  t: Translator;
  action: string;
  csrfToken: string;
  values: PostFormValues;
  options: PostFormOptions;
  baseRevision: number | null;
  errors: FieldErrors;
  problems: { field: string; message: string }[];
  message?: string | undefined;
  notice?: string | undefined;
  previewAction: string;
}

/** Empty picker inputs shown after the filled ones (scripts add more on demand). */
const SPARE_SLOTS = 2;

/** The co-authors the form shows: typed names, else the user names of `authorIds`. */
function authorNamesOf(values: PostFormValues, options: PostFormOptions): string[] {
  if (values.authorNames.length > 0) return values.authorNames;
  const byId = new Map(options.people.map((p) => [p.id, p.username]));
  return values.authorIds.flatMap((id) => byId.get(id) ?? []);
}

function organizationNamesOf(values: PostFormValues, options: PostFormOptions): string[] {
  if (values.organizationNames.length > 0) return values.organizationNames;
  const byId = new Map(options.organizations.map((o) => [o.id, o.name]));
  return values.organizationIds.flatMap((id) => byId.get(id) ?? []);
}

/**
 * A search-as-you-type list: one text input per entry (order kept), suggestions from
 * `source` (a JSON endpoint) through a <datalist> once the script runs; without it, plain
 * inputs whose names are resolved on save.
 */
function Picker(props: {
  t: Translator;
  name: 'authorNames' | 'organizationNames';
  legend: string;
  hint: string;
  slotLabel: (n: number) => string;
  addLabel: string;
  source: string;
  names: string[];
  error?: string | undefined;
}) {
  const { name } = props;
  const slots = [...props.names, ...Array.from({ length: SPARE_SLOTS }, () => '')];
  const listId = `${name}-options`;
  return (
    <fieldset class="picker" data-picker={props.source} data-list={listId}>
      <legend>{props.legend}</legend>
      <p class="hint" id={`${name}-hint`}>
        {props.hint}
      </p>
      {props.error ? (
        <p class="field-error" id={`${name}-error`} role="alert">
          {props.error}
        </p>
      ) : null}
      <ol class="picker-slots">
        {slots.map((value, i) => {
          const id = i === 0 ? name : `${name}-${i + 1}`;
          return (
            <li class="picker-slot">
              <label for={id}>{props.slotLabel(i + 1)}</label>
              <input
                id={id}
                name={name}
                value={value}
                list={listId}
                autocomplete="off"
                spellcheck={false}
                dir="auto"
                aria-describedby={props.error ? `${name}-hint ${name}-error` : `${name}-hint`}
                aria-invalid={props.error ? 'true' : undefined}
              />
            </li>
          );
        })}
      </ol>
      <datalist id={listId} />
      <button type="button" class="secondary picker-add" data-picker-add hidden>
        {props.addLabel}
      </button>
    </fieldset>
  );
}

/** The editor's media panel: each item's directive to copy, and (with the script) an insert button. */
function InsertMedia({ t, media }: { t: Translator; media: MediaChoice[] }) {
  return (
    <details class="insert-media">
      <summary>{t.t('authoring.insert.summary')}</summary>
      {media.length === 0 ? <p>{t.t('authoring.insert.empty')}</p> : null}
      <ul class="insert-media-list">
        {media.map((m) => {
          const directive = mediaDirective(m, t.t('media.captionPlaceholder'));
          return (
            <li>
              <span class="insert-media-name" dir="auto">
                {m.filename}
              </span>
              <textarea
                readOnly
                rows={3}
                class="directive"
                dir="ltr"
                aria-label={t.t('authoring.insert.snippetLabel', { filename: m.filename })}
              >
                {directive}
              </textarea>
              <button
                type="button"
                class="secondary"
                data-insert={directive}
                data-target="body"
                aria-label={t.t('authoring.insert.buttonLabel', { filename: m.filename })}
                hidden
              >
                {t.t('authoring.insert.button')}
              </button>
            </li>
          );
        })}
      </ul>
      <p
        class="insert-status"
        role="status"
        aria-live="polite"
        data-inserted-text={t.t('authoring.insert.inserted')}
      />
      <p>
        <a href="/media">{t.t('authoring.insert.library')}</a>
      </p>
    </details>
  );
}

export function PostForm(props: PostFormProps) {
  const { values, options, errors: e, t } = props;
  return (
    <form method="post" action={props.action} class="post-form stack">
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <ErrorSummary message={props.message} problems={props.problems} />
      <Csrf token={props.csrfToken} />
      {props.baseRevision !== null ? (
        <input type="hidden" name="baseRevision" value={String(props.baseRevision)} />
      ) : null}
      <div class="row">
        <Field id="title" label={t.t('write.form.title')} error={e.title}>
          <input id="title" name="title" value={values.title} required dir="auto" maxLength={300} />
        </Field>
        <Field
          id="language"
          label={t.t('write.form.language')}
          hint={t.t('write.form.languageHint', { examples: 'en, es, sw, sr-Latn, ar' })}
          error={e.language}
        >
          <input id="language" name="language" value={values.language} required size={10} />
        </Field>
      </div>
      <Field
        id="kind"
        label={t.t('write.form.kind')}
        hint={t.t('write.form.kindHint')}
        error={e.kind}
      >
        <select id="kind" name="kind">
          <option value="post" selected={values.kind !== 'page'}>
            {t.t('write.form.kindPost')}
          </option>
          <option value="page" selected={values.kind === 'page'}>
            {t.t('write.form.kindPage')}
          </option>
        </select>
      </Field>
      <Field
        id="slug"
        label={t.t('write.form.slug')}
        hint={t.t('write.form.slugHint')}
        error={e.slug}
      >
        <input id="slug" name="slug" value={values.slug} dir="auto" />
      </Field>
      <Field id="excerpt" label={t.t('write.form.excerpt')} error={e.excerpt}>
        <textarea id="excerpt" name="excerpt" rows={2} dir="auto">
          {values.excerpt}
        </textarea>
      </Field>
      <Field
        id="body"
        label={t.t('write.form.body')}
        hint={t.t('write.form.bodyHint', {
          video: '::video{url="https://…" start="2:12:30" title="…"}',
          attachment: '::attachment{media="ID"}',
          figure: ':::figure{media="ID" alt="…"} … :::',
        })}
        error={e.body}
      >
        <textarea id="body" name="body" rows={18} dir="auto" class="markdown">
          {values.body}
        </textarea>
      </Field>
      {options.media ? <InsertMedia t={t} media={options.media} /> : null}
      <Picker
        t={t}
        name="authorNames"
        legend={t.t('write.form.authors')}
        hint={t.t('authoring.picker.authorsHint')}
        slotLabel={(number) => t.t('write.form.author', { number })}
        addLabel={t.t('authoring.picker.addAuthor')}
        source="/write/people"
        names={authorNamesOf(values, options)}
        error={e.authorNames ?? e.authorIds}
      />
      <Picker
        t={t}
        name="organizationNames"
        legend={t.t('write.form.organizations')}
        hint={t.t('authoring.picker.organizationsHint')}
        slotLabel={(number) => t.t('authoring.picker.organization', { number })}
        addLabel={t.t('authoring.picker.addOrganization')}
        source="/write/organizations"
        names={organizationNamesOf(values, options)}
        error={e.organizationNames ?? e.organizationIds}
      />
      <div class="row">
        <Field
          id="tags"
          label={t.t('write.form.tags')}
          hint={t.t('write.form.commaHint')}
          error={e.tags}
        >
          <input id="tags" name="tags" value={values.tags} dir="auto" />
        </Field>
        <Field
          id="categories"
          label={t.t('write.form.categories')}
          hint={t.t('write.form.commaHint')}
          error={e.categories}
        >
          <input id="categories" name="categories" value={values.categories} dir="auto" />
        </Field>
      </div>
      {options.events.length > 0 ? (
        <fieldset>
          <legend>{t.t('write.form.events')}</legend>
          {options.events.map((ev) => (
            <label>
              <input
                type="checkbox"
                name="eventIds"
                value={ev.id}
                checked={values.eventIds.includes(ev.id)}
              />{' '}
              <bdi>{ev.name}</bdi>
              {ev.startsOn ? ` (${t.formatDate(ev.startsOn, 'medium')})` : ''}
            </label>
          ))}
        </fieldset>
      ) : null}
      <div class="row">
        <Field
          id="featuredMediaId"
          label={t.t('write.form.featuredImage')}
          hint={t.t('write.form.featuredImageHint')}
          error={e.featuredMediaId}
        >
          <select id="featuredMediaId" name="featuredMediaId">
            <option value="">{t.t('write.form.noImage')}</option>
            {options.images.map((m) => (
              <option value={m.id} selected={values.featuredMediaId === m.id}>
                {m.filename}
              </option>
            ))}
          </select>
        </Field>
        <Field id="featuredAlt" label={t.t('write.form.featuredAlt')} error={e.featuredAlt}>
          <input id="featuredAlt" name="featuredAlt" value={values.featuredAlt} dir="auto" />
        </Field>
      </div>
      <div class="field minor-change">
        <label>
          <input type="checkbox" name="minorChange" value="1" checked={values.minorChange} />{' '}
          {t.t('authoring.minor.label')}
        </label>
      </div>
      <div class="actions">
        <button type="submit" name="intent" value="save">
          {t.t('write.form.save')}
        </button>
        <button
          type="submit"
          name="intent"
          value="preview"
          formAction={props.previewAction}
          class="secondary"
        >
          {t.t('write.form.preview')}
        </button>
      </div>
    </form>
  );
}
