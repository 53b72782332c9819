/**
 * A post's comment thread in the reader's language: top-level comments oldest first, each
 * with its replies (one level), tombstones for deleted ones, the viewer's own comments waiting
 * for moderation marked, and at the end the form — or "Comments are closed", or for a
 * signed-out reader a link to sign in and come back (the page may be cached: it carries no
 * form and nothing personal). Comment bodies arrive sanitized (bodyHtml) and are isolated
 * with dir="auto": a comment may be in any script.
 */
import type { Translator } from '../../i18n/translator.js';
import { DateTime } from './date.js';

export interface CommentView {
  id: string;
  /** Sanitized HTML; empty for a tombstone. */
  bodyHtml: string;
  deleted: boolean;
  pending: boolean;
  authorName: string | null;
  authorHref: string | null;
  createdAt: string;
  edited: boolean;
  editHref: string | null;
  deleteAction: string | null;
}

export interface CommentEntryView extends CommentView {
  replies: CommentView[];
}

export interface CommentsView {
  postId: string;
  language: string;
  count: number;
  open: boolean;
  entries: CommentEntryView[];
  /** Where the form posts. */
  action: string;
  /** Sign-in with `next` back to the thread (for signed-out readers). */
  signInHref: string;
}

function Comment({
  t,
  comment,
  csrfToken,
}: {
  t: Translator;
  comment: CommentView;
  csrfToken: string;
}) {
  if (comment.deleted)
    return (
      <article class="comment comment-deleted" id={`comment-${comment.id}`}>
        <p class="meta">
          {t.t('comments.deleted')} <DateTime iso={comment.createdAt} lang={t.lang} />
        </p>
      </article>
    );
  return (
    <article
      class={comment.pending ? 'comment comment-pending' : 'comment'}
      id={`comment-${comment.id}`}
      aria-labelledby={`comment-${comment.id}-by`}
    >
      <header class="comment-header meta" id={`comment-${comment.id}-by`}>
        {comment.authorHref ? (
          <a href={comment.authorHref}>
            <bdi>{comment.authorName}</bdi>
          </a>
        ) : (
          <bdi>{comment.authorName ?? t.t('comments.formerAccount')}</bdi>
        )}
        {' · '}
        <a href={`#comment-${comment.id}`}>
          <DateTime iso={comment.createdAt} lang={t.lang} />
        </a>
        {comment.edited ? ` · ${t.t('comments.edited')}` : ''}
      </header>
      {comment.pending ? (
        <p class="notice comment-notice" role="status">
          {t.t('comments.pending')}
        </p>
      ) : null}
      <div class="comment-body" dir="auto" dangerouslySetInnerHTML={{ __html: comment.bodyHtml }} />
      {comment.editHref || comment.deleteAction ? (
        <div class="comment-actions">
          {comment.editHref ? <a href={comment.editHref}>{t.t('comments.edit')}</a> : null}
          {comment.deleteAction ? (
            <form method="post" action={comment.deleteAction} class="inline-form">
              <input type="hidden" name="_csrf" value={csrfToken} />
              <button type="submit" class="link-button">
                {t.t('comments.delete')}
              </button>
            </form>
          ) : null}
        </div>
      ) : null}
    </article>
  );
}

function CommentForm({
  t,
  view,
  csrfToken,
  parent,
}: {
  t: Translator;
  view: CommentsView;
  csrfToken: string;
  parent: CommentEntryView | null;
}) {
  const id = parent ? `reply-${parent.id}` : 'comment-new';
  return (
    <form method="post" action={view.action} class="comment-form">
      <input type="hidden" name="_csrf" value={csrfToken} />
      <input type="hidden" name="postId" value={view.postId} />
      <input type="hidden" name="language" value={view.language} />
      {parent ? <input type="hidden" name="parentId" value={parent.id} /> : null}
      {/* The honeypot: hidden from people and from assistive technology; bots fill it. */}
      <div class="comment-website" aria-hidden="true">
        <label for={`${id}-website`}>{t.t('comments.form.honeypot')}</label>
        <input
          type="text"
          id={`${id}-website`}
          name="website"
          tabIndex={-1}
          autoComplete="off"
          value=""
        />
      </div>
      <label for={`${id}-body`}>
        {parent
          ? t.t('comments.form.replyLabel', { name: parent.authorName ?? '' })
          : t.t('comments.form.label')}
      </label>
      <textarea
        id={`${id}-body`}
        name="body"
        rows={parent ? 3 : 5}
        maxLength={5000}
        required
        aria-describedby={`${id}-help`}
      />
      <p class="help" id={`${id}-help`}>
        {t.t('comments.form.help')}
      </p>
      <button type="submit">
        {parent ? t.t('comments.form.replySubmit') : t.t('comments.form.submit')}
      </button>
    </form>
  );
}

export function Comments({
  t,
  view,
  signedIn,
  csrfToken,
}: {
  t: Translator;
  view: CommentsView;
  signedIn: boolean;
  csrfToken: string;
}) {
  return (
    <section
      class="comments"
      id="comments"
      aria-labelledby="comments-title"
      lang={t.lang}
      dir={t.dir}
    >
      <h2 id="comments-title">
        {t.t('comments.title')}{' '}
        <span class="meta">({t.t('comments.count', { count: view.count })})</span>
      </h2>
      {view.entries.length === 0 ? (
        <p>{t.t('comments.none')}</p>
      ) : (
        <ol class="comment-list">
          {view.entries.map((entry) => (
            <li>
              <Comment t={t} comment={entry} csrfToken={csrfToken} />
              {entry.replies.length > 0 ? (
                <ol class="comment-replies" aria-label={t.t('comments.replies')}>
                  {entry.replies.map((reply) => (
                    <li>
                      <Comment t={t} comment={reply} csrfToken={csrfToken} />
                    </li>
                  ))}
                </ol>
              ) : null}
              {view.open && signedIn && !entry.deleted && !entry.pending ? (
                <details class="comment-reply">
                  <summary>{t.t('comments.reply')}</summary>
                  <CommentForm t={t} view={view} csrfToken={csrfToken} parent={entry} />
                </details>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {!view.open ? (
        <p class="notice comments-closed">{t.t('comments.closed')}</p>
      ) : signedIn ? (
        <CommentForm t={t} view={view} csrfToken={csrfToken} parent={null} />
      ) : (
        <p class="comments-sign-in">
          <a href={view.signInHref}>{t.t('comments.signIn')}</a>
        </p>
      )}
    </section>
  );
}
