/**
 * The translation editor page: the island's server render (source, saved translations, all
 * controls) inside the layout, its state as JSON for hydration, and the CSRF token in a meta
 * tag for the island's fetches. Without JavaScript it still shows the source and the
 * translations saved so far, with a note that editing needs JavaScript.
 */
import { Editor } from '../../../client/translate/editor.js';
import type { EditorState } from '../../../client/translate/state.js';
import { fill } from '../../../client/translate/state.js';
import type { Translator } from '../../../i18n/translator.js';
import { Layout } from '../../layouts/layout.js';
import { assetUrl } from '../../asset-urls.js';
import type { ViewUser } from '../../view-types.js';

export interface TranslationEditorPageProps {
  t: Translator;
  user: ViewUser;
  csrfToken: string;
  siteName: string;
  editor: EditorState;
  /** The text the translation was imported from (a WordPress post), null when none. */
  reference?: { source: string; title: string; html: string; unaligned: number } | null;
}

/** Where an imported text came from, as readers know it. */
function sourceName(source: string): string {
  return source === 'wordpress' ? 'WordPress' : source;
}

/** JSON safe inside <script>: no `<` can close the element or open a comment. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function TranslationEditorPage(props: TranslationEditorPageProps) {
  const { t, editor } = props;
  const m = editor.messages;
  const heading = fill(m.heading, {
    title: `\u2068${editor.title}\u2069`,
    language: editor.target.name,
  });
  return (
    <Layout
      t={t}
      title={fill(m.heading, { title: editor.title, language: editor.target.name })}
      user={props.user}
      csrfToken={props.csrfToken}
      siteName={props.siteName}
      meta={[{ name: 'csrf-token', content: props.csrfToken }]}
      scripts={['/assets/build/translate.js']}
    >
      <link rel="stylesheet" href={assetUrl('/assets/editor.css')} />
      <div class="editor-page">
        <h1 class="page-title">{heading}</h1>
        <p class="meta">
          <a href={editor.originalPath} lang={editor.source.tag} hreflang={editor.source.tag}>
            {m.original}
          </a>
          {' · '}
          {t.t('xliff.download')}{' '}
          <a href={`/translate/${editor.postId}/${editor.target.tag}/file?format=xliff2`} download>
            XLIFF 2.0
          </a>
          {' · '}
          <a href={`/translate/${editor.postId}/${editor.target.tag}/file?format=xliff12`} download>
            XLIFF 1.2
          </a>
          {' · '}
          <a href={`/translate/${editor.postId}/${editor.target.tag}/file?format=po`} download>
            PO
          </a>
        </p>
        {editor.canTranslate ? (
          <details class="file-upload">
            <summary>{t.t('xliff.upload.summary')}</summary>
            {/* Fields before the file: the CSRF check reads them before the upload. */}
            <form
              method="post"
              action={`/translate/${editor.postId}/${editor.target.tag}/file`}
              enctype="multipart/form-data"
              class="stack narrow"
            >
              <input type="hidden" name="_csrf" value={props.csrfToken} />
              <input type="hidden" name="respond" value="page" />
              <div class="field">
                <label for="translation-file">{t.t('xliff.upload.file')}</label>
                <p class="hint" id="translation-file-hint">
                  {t.t('xliff.upload.hint')}
                </p>
                <input
                  id="translation-file"
                  name="file"
                  type="file"
                  required
                  accept=".xlf,.xliff,.po,application/xliff+xml,text/x-gettext-translation"
                  aria-describedby="translation-file-hint"
                />
              </div>
              <p>
                <button type="submit" class="secondary">
                  {t.t('xliff.upload.submit')}
                </button>
              </p>
            </form>
          </details>
        ) : null}
        <noscript>
          <p class="notice">{m.noscript}</p>
        </noscript>
        {editor.canReview ? (
          <form
            method="post"
            action={`/translate/${editor.postId}/${editor.target.tag}/slug`}
            class="slug-form"
          >
            <input type="hidden" name="_csrf" value={props.csrfToken} />
            <label for="translation-slug">{t.t('translate.slug.label')}</label>{' '}
            <span class="meta" dir="ltr">
              /{editor.target.tag}/
              {(editor.postPublishedAt ?? '').slice(0, 10).replaceAll('-', '/')}/
            </span>
            <input
              id="translation-slug"
              name="slug"
              value={editor.translation.slug}
              dir="auto"
              size={30}
            />{' '}
            <button type="submit" class="secondary">
              {t.t('translate.slug.save')}
            </button>
          </form>
        ) : null}
        {props.reference ? (
          <details class="imported-reference" open={props.reference.unaligned > 0}>
            <summary>
              {t.t('translate.reference.summary', { source: sourceName(props.reference.source) })}
            </summary>
            <p class="hint">
              {props.reference.unaligned > 0
                ? t.t('translate.reference.unaligned', { count: props.reference.unaligned })
                : t.t('translate.reference.aligned')}
            </p>
            <div class="reference-text" lang={editor.target.tag} dir={editor.target.dir}>
              <h2>{props.reference.title}</h2>
              {/* Rendered by the content format, which sanitizes. */}
              <div dangerouslySetInnerHTML={{ __html: props.reference.html }} />
            </div>
          </details>
        ) : null}
        <div id="translation-editor">
          <Editor state={editor} csrf={props.csrfToken} />
        </div>
        <script
          type="application/json"
          id="editor-state"
          dangerouslySetInnerHTML={{ __html: scriptJson(editor) }}
        />
      </div>
    </Layout>
  );
}
