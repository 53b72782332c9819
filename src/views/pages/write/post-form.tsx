/** The post editor form: Markdown body with preview, co-authors in order, organizations, taxonomy, featured image. */
import { Csrf, ErrorSummary, Field } from '../../components/field.js';
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
  const { values, options, errors: e } = props;
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
        <Field id="title" label="Title" error={e.title}>
          <input id="title" name="title" value={values.title} required dir="auto" maxLength={300} />
        </Field>
        <Field
          id="language"
          label="Language"
          hint="A BCP 47 tag: en, es, sw, sr-Latn, ar…"
          error={e.language}
        >
          <input id="language" name="language" value={values.language} required size={10} />
        </Field>
      </div>
      <Field
        id="slug"
        label="Slug"
        hint="Part of the address. Leave empty to make it from the title."
        error={e.slug}
      >
        <input id="slug" name="slug" value={values.slug} dir="auto" />
      </Field>
      <Field id="excerpt" label="Excerpt" error={e.excerpt}>
        <textarea id="excerpt" name="excerpt" rows={2} dir="auto">
          {values.excerpt}
        </textarea>
      </Field>
      <Field
        id="body"
        label="Body (Markdown)"
        hint='Video from a start time: ::video{url="https://…" start="2:12:30" title="…"} · attachment: ::attachment{media="ID"} · figure: :::figure{media="ID" alt="…"} caption :::'
        error={e.body}
      >
        <textarea id="body" name="body" rows={18} dir="auto" class="markdown">
          {values.body}
        </textarea>
      </Field>
      <fieldset>
        <legend>Authors, in byline order</legend>
        {e.authorIds ? <p class="field-error">{e.authorIds}</p> : null}
        <div class="author-slots">
          {Array.from({ length: slots }, (_, i) => (
            <label>
              <span>Author {i + 1}</span>
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
        <legend>Organizations</legend>
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
              {o.country ? ` (${o.country})` : ''}
            </label>
          ))}
        </div>
      </fieldset>
      <div class="row">
        <Field id="tags" label="Tags" hint="Separated by commas." error={e.tags}>
          <input id="tags" name="tags" value={values.tags} dir="auto" />
        </Field>
        <Field id="categories" label="Categories" hint="Separated by commas." error={e.categories}>
          <input id="categories" name="categories" value={values.categories} dir="auto" />
        </Field>
      </div>
      {options.events.length > 0 ? (
        <fieldset>
          <legend>Events</legend>
          {options.events.map((ev) => (
            <label>
              <input
                type="checkbox"
                name="eventIds"
                value={ev.id}
                checked={values.eventIds.includes(ev.id)}
              />{' '}
              <bdi>{ev.name}</bdi>
              {ev.startsOn ? ` (${ev.startsOn})` : ''}
            </label>
          ))}
        </fieldset>
      ) : null}
      <div class="row">
        <Field
          id="featuredMediaId"
          label="Featured image"
          hint="Upload images in the media library first."
          error={e.featuredMediaId}
        >
          <select id="featuredMediaId" name="featuredMediaId">
            <option value="">None</option>
            {options.images.map((m) => (
              <option value={m.id} selected={values.featuredMediaId === m.id}>
                {m.filename}
              </option>
            ))}
          </select>
        </Field>
        <Field id="featuredAlt" label="Featured image description (alt text)" error={e.featuredAlt}>
          <input id="featuredAlt" name="featuredAlt" value={values.featuredAlt} dir="auto" />
        </Field>
      </div>
      <div class="actions">
        <button type="submit" name="intent" value="save">
          Save
        </button>
        <button
          type="submit"
          name="intent"
          value="preview"
          formAction={props.previewAction}
          class="secondary"
        >
          Preview
        </button>
      </div>
    </form>
  );
}
