/** The media library: upload images and PDFs, copy the snippet that places them in a post. */
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
  user: ViewUser;
  csrfToken: string;
  items: MediaRow[];
  error?: string | undefined;
  uploaded?: string | undefined;
}) {
  return (
    <Layout title="Media library" user={props.user} csrfToken={props.csrfToken}>
      <h1>Media library</h1>
      <ErrorSummary message={props.error} />
      {props.uploaded ? (
        <p class="notice" role="status">
          Uploaded {props.uploaded}.
        </p>
      ) : null}
      <form
        method="post"
        action={`/media?_csrf=${encodeURIComponent(props.csrfToken)}`}
        enctype="multipart/form-data"
        class="stack upload-form"
      >
        <div class="field">
          <label for="file">Image (JPEG, PNG, WebP, GIF, AVIF) or PDF document</label>
          <input id="file" name="file" type="file" required accept="image/*,application/pdf" />
        </div>
        <button type="submit">Upload</button>
      </form>
      <ul class="media-grid">
        {props.items.map((m) => (
          <li class="media-item">
            {m.thumbnail ? (
              <img src={m.thumbnail} alt="" loading="lazy" width={160} />
            ) : (
              <span class="doc-icon">{m.mime === 'application/pdf' ? 'PDF' : 'FILE'}</span>
            )}
            <p>
              <a href={m.url}>{m.filename}</a>
              <br />
              <span class="meta">
                {m.size}
                {m.dimensions ? ` · ${m.dimensions}` : ''}
              </span>
            </p>
            <label class="snippet">
              <span>Place in a post</span>
              <input
                readOnly
                value={
                  m.kind === 'image'
                    ? `:::figure{media="${m.id}" alt=""}\nCaption\n:::`
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
