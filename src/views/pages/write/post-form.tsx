/** The post editor form: Markdown body with preview, co-authors in order, organizations, taxonomy, featured image. */
import type { Translator } from '../../../i18n/translator.js';
import { Csrf, ErrorSummary, Field } from '../../components/field.js';
import { regionName } from '../../components/names.js';
import type { FieldErrors } from '../../view-types.js';

export interface PostFormValues {
  language: string;
  title: string;
  slug: string;
  excerpt: string;
  body: string;
  featuredMediaId: string;
  featuredAlt: string;
  authorIds: string[];
  organizationIds: string[];
  tags: string;
  categories: string;
  eventIds: string[];
}

export interface PostFormOptions {
  people: { id: string; username: string; displayName: string }[];
  organizations: { id: string; name: string; country: string | null }[];
  events: { id: string; name: string; startsOn: string | null }[];
  images: { id: string; filename: string; alt: string }[];
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

const AUTHOR_SLOTS = 6;

export function PostForm(props: PostFormProps) {
  const { values, options, errors: e, t } = props;
  const slots = Math.max(AUTHOR_SLOTS, values.authorIds.length + 1);
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
      <fieldset>
        <legend>{t.t('write.form.authors')}</legend>
        {e.authorIds ? <p class="field-error">{e.authorIds}</p> : null}
        <div class="author-slots">
          {Array.from({ length: slots }, (_, i) => (
            <label>
              <span>{t.t('write.form.author', { number: i + 1 })}</span>
              <select name="authorIds" id={i === 0 ? 'authorIds' : undefined}>
                <option value="">—</option>
                {options.people.map((p) => (
                  <option value={p.id} selected={values.authorIds[i] === p.id}>
                    {p.displayName} (@{p.username})
                  </option>
                ))}
              </select>
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t.t('write.form.organizations')}</legend>
        {e.organizationIds ? <p class="field-error">{e.organizationIds}</p> : null}
        <div class="checkbox-grid">
          {options.organizations.map((o) => (
            <label>
              <input
                type="checkbox"
                name="organizationIds"
                value={o.id}
                checked={values.organizationIds.includes(o.id)}
              />{' '}
              <bdi>{o.name}</bdi>
              {o.country ? ` (${regionName(o.country, t.lang)})` : ''}
            </label>
          ))}
        </div>
      </fieldset>
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
