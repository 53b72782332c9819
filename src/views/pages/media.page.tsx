/**
 * The media library: upload images (with their alt text) and PDFs, search by file name or alt
 * text, copy the directive that places an item in a post, delete what no post uses.
 */
import type { Translator } from '../../i18n/translator.js';
import { Csrf, ErrorSummary } from '../components/field.js';
import { Layout } from '../layouts/layout.js';
import type { ViewUser } from '../view-types.js';

/** What a directive needs to know of a media item. */
export interface MediaChoice {
  id: string;
  kind: 'image' | 'document';
  filename: string;
  alt: string;
}

/** Directive attribute values are quoted: a double quote inside becomes a typographic one. */
const attribute = (text: string) => text.replace(/"/g, '″').replace(/[\r\n]+/g, ' ');

/**
 * The Markdown directive that places a media item in a post body: a figure (with its alt text
 * and a caption line to fill in) for an image, an attachment for a document.
 */
export function mediaDirective(m: MediaChoice, captionPlaceholder: string): string {
  return m.kind === 'image'
    ? `:::figure{media="${m.id}" alt="${attribute(m.alt)}"}\n${captionPlaceholder}\n:::`
    : `::attachment{media="${m.id}"}`;
}

export interface MediaRow extends MediaChoice {
  url: string;
  thumbnail: string | null;
  mime: string;
  size: string;
  dimensions: string | null;
  /** Whether the viewer may delete it (its uploader, or an editor). */
  canDelete: boolean;
}

export interface MediaPageProps {
  t: Translator;
  user: ViewUser;
  csrfToken: string;
  items: MediaRow[];
  query?: string | undefined;
  error?: string | undefined;
  uploaded?: string | undefined;
  deleted?: string | undefined;
  /** A refused delete: the file and the posts that use it. */
  inUse?: { filename: string; posts: { title: string; href: string }[] } | undefined;
}

export function MediaPage(props: MediaPageProps) {
  const { t } = props;
  return (
    <Layout
      title={t.t('media.title')}
      t={t}
      user={props.user}
      csrfToken={props.csrfToken}
      scripts={['/assets/build/author.js']}
    >
      <h1>{t.t('media.title')}</h1>
      <ErrorSummary message={props.error} />
      {props.uploaded ? (
        <p class="notice" role="status">
          {t.t('media.uploaded', { filename: props.uploaded })}
        </p>
      ) : null}
      {props.deleted ? (
        <p class="notice" role="status">
          {t.t('authoring.media.deleted', { filename: props.deleted })}
        </p>
      ) : null}
      {props.inUse ? (
        <div class="error-summary" role="alert">
          <p>{t.t('authoring.media.inUse', { filename: props.inUse.filename })}</p>
          <ul>
            {props.inUse.posts.map((p) => (
              <li>
                <a href={p.href} dir="auto">
                  {p.title}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <section aria-labelledby="upload-heading">
        <h2 id="upload-heading">{t.t('media.upload')}</h2>
        <form method="post" action="/media" enctype="multipart/form-data" class="stack upload-form">
          {/* Before the file input: the server checks the token before it reads the file. */}
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <div class="field">
            <label for="alt">{t.t('authoring.media.altLabel')}</label>
            <p class="hint" id="alt-hint">
              {t.t('authoring.media.altHint')}
            </p>
            <input id="alt" name="alt" maxLength={500} dir="auto" aria-describedby="alt-hint" />
          </div>
          <div class="field">
            <label for="file">
              {t.t('media.fileLabel', {
                imageTypes: 'JPEG, PNG, WebP, GIF, AVIF',
                documentTypes: 'PDF',
              })}
            </label>
            <input id="file" name="file" type="file" required accept="image/*,application/pdf" />
          </div>
          <button type="submit">{t.t('media.upload')}</button>
        </form>
      </section>
      <section aria-labelledby="library-heading">
        <h2 id="library-heading">{t.t('authoring.media.library')}</h2>
        <form method="get" action="/media" class="media-search" role="search">
          <label for="media-q">{t.t('authoring.media.searchLabel')}</label>{' '}
          <input id="media-q" name="q" type="search" value={props.query ?? ''} dir="auto" />{' '}
          <button type="submit" class="secondary">
            {t.t('authoring.media.search')}
          </button>
        </form>
        {props.items.length === 0 && props.query ? (
          <p>{t.t('authoring.media.noResults', { query: props.query })}</p>
        ) : null}
        <ul class="media-grid">
          {props.items.map((m) => (
            <li class="media-item">
              {m.thumbnail ? (
                <img src={m.thumbnail} alt="" loading="lazy" width={160} />
              ) : (
                <span class="doc-icon">
                  {m.mime === 'application/pdf' ? 'PDF' : t.t('media.genericFile')}
                </span>
              )}
              <p>
                <a href={m.url} dir="auto">
                  {m.filename}
                </a>
                <br />
                <span class="meta">
                  {m.size}
                  {m.dimensions ? ` · ${m.dimensions}` : ''}
                </span>
                {m.alt ? (
                  <>
                    <br />
                    <span class="meta" dir="auto">
                      {t.t('authoring.media.alt', { alt: m.alt })}
                    </span>
                  </>
                ) : null}
              </p>
              <label class="directive-snippet">
                <span>{t.t('media.placeInPost')}</span>
                <textarea readOnly rows={3} class="directive" dir="ltr">
                  {mediaDirective(m, t.t('media.captionPlaceholder'))}
                </textarea>
              </label>
              {m.canDelete ? (
                <form method="post" action={`/media/${m.id}/delete`} class="inline-form">
                  <Csrf token={props.csrfToken} />
                  <button
                    type="submit"
                    class="secondary danger"
                    aria-label={t.t('authoring.media.deleteLabel', { filename: m.filename })}
                  >
                    {t.t('authoring.media.delete')}
                  </button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}
