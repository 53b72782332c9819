/** The media library: upload images and PDFs, copy the snippet that places them in a post. */
import type { Translator } from '../../i18n/translator.js';
import { ErrorSummary } from '../components/field.js';
import { Layout } from '../layouts/layout.js';
import type { ViewUser } from '../view-types.js';

export interface MediaRow {
  id: string;
  kind: 'image' | 'document';
  filename: string;
  url: string;
  thumbnail: string | null;
  mime: string;
  size: string;
  dimensions: string | null;
}

export function MediaPage(props: {
  t: Translator;
  user: ViewUser;
  csrfToken: string;
  items: MediaRow[];
  error?: string | undefined;
  uploaded?: string | undefined;
}) {
  const { t } = props;
  return (
    <Layout title={t.t('media.title')} t={t} user={props.user} csrfToken={props.csrfToken}>
      <h1>{t.t('media.title')}</h1>
      <ErrorSummary message={props.error} />
      {props.uploaded ? (
        <p class="notice" role="status">
          {t.t('media.uploaded', { filename: props.uploaded })}
        </p>
      ) : null}
      <form method="post" action="/media" enctype="multipart/form-data" class="stack upload-form">
        {/* Before the file input: the server checks the token before it reads the file. */}
        <input type="hidden" name="_csrf" value={props.csrfToken} />
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
            </p>
            <label class="directive-snippet">
              <span>{t.t('media.placeInPost')}</span>
              <input
                readOnly
                value={
                  m.kind === 'image'
                    ? `:::figure{media="${m.id}" alt=""}\n${t.t('media.captionPlaceholder')}\n:::`
                    : `::attachment{media="${m.id}"}`
                }
              />
            </label>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
