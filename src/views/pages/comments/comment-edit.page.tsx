/** The author's edit of their comment, within the grace period: the text, and the way back. */
import { formatTimestamp } from '../../components/date.js';
import { Layout } from '../../layouts/layout.js';
import type { Translator } from '../../../i18n/translator.js';
import type { ViewUser } from '../../view-types.js';

export interface CommentEditPageProps {
  t: Translator;
  user: ViewUser | null;
  csrfToken: string;
  siteName: string;
  action: string;
  body: string;
  /** The comment as it reads now (sanitized). */
  previewHtml: string;
  backHref: string;
  editableUntil: string;
}

export function CommentEditPage(props: CommentEditPageProps) {
  const { t } = props;
  return (
    <Layout
      t={t}
      title={t.t('comments.editPage.title')}
      siteName={props.siteName}
      user={props.user}
      csrfToken={props.csrfToken}
    >
      <h1>{t.t('comments.editPage.title')}</h1>
      <p class="hint">
        {t.t('comments.editPage.until', { time: formatTimestamp(props.editableUntil, t.lang) })}
      </p>
      <h2>{t.t('comments.editPage.current')}</h2>
      <div
        class="comment-body comment-preview"
        dir="auto"
        dangerouslySetInnerHTML={{ __html: props.previewHtml }}
      />
      <form method="post" action={props.action} class="comment-form">
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <label for="comment-edit-body">{t.t('comments.form.label')}</label>
        <textarea
          id="comment-edit-body"
          name="body"
          rows={6}
          maxLength={5000}
          required
          dir="auto"
          aria-describedby="comment-edit-help"
        >
          {props.body}
        </textarea>
        <p class="help" id="comment-edit-help">
          {t.t('comments.form.help')}
        </p>
        <button type="submit">{t.t('comments.editPage.save')}</button>{' '}
        <a href={props.backHref}>{t.t('comments.editPage.back')}</a>
      </form>
    </Layout>
  );
}
