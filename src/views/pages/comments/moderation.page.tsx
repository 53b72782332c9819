/**
 * The editors' moderation queue: waiting comments oldest first (approve, reject, delete), or
 * the published or rejected ones newest first, a page at a time.
 */
import { DateTime } from '../../components/date.js';
import { Layout } from '../../layouts/layout.js';
import type { Translator } from '../../../i18n/translator.js';
import type { ViewUser } from '../../view-types.js';

export interface ModerationItemView {
  id: string;
  /** Sanitized HTML. */
  bodyHtml: string;
  authorName: string | null;
  createdAt: string;
  postTitle: string;
  language: string;
  /** The comment in its thread (null when the post is no longer public). */
  href: string | null;
}

export interface ModerationPageProps {
  t: Translator;
  user: ViewUser | null;
  csrfToken: string;
  siteName: string;
  queue: {
    status: 'pending' | 'published' | 'rejected';
    items: ModerationItemView[];
    total: number;
    page: number;
    pages: number;
    pending: number;
  };
}

const STATUSES = ['pending', 'published', 'rejected'] as const;

export function ModerationPage(props: ModerationPageProps) {
  const { t, queue } = props;
  const action = (id: string, verb: string) =>
    `/editorial/comments/${encodeURIComponent(id)}/${verb}`;
  const pageHref = (page: number) => `/editorial/comments?status=${queue.status}&page=${page}`;
  return (
    <Layout
      t={t}
      title={t.t('comments.moderation.title')}
      siteName={props.siteName}
      user={props.user}
      csrfToken={props.csrfToken}
    >
      <p>
        <a href="/editorial">{t.t('comments.moderation.back')}</a>
      </p>
      <h1>{t.t('comments.moderation.title')}</h1>
      <p>{t.t('comments.moderation.intro')}</p>
      <p role="status">{t.t('comments.moderation.waiting', { count: queue.pending })}</p>
      <nav aria-label={t.t('comments.moderation.lists')} class="audit-filter">
        <ul>
          {STATUSES.map((status) => (
            <li>
              <a
                href={`/editorial/comments?status=${status}`}
                aria-current={status === queue.status ? 'page' : undefined}
              >
                {t.t('comments.moderation.status', { status })}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {queue.items.length === 0 ? (
        <p>{t.t('comments.moderation.none')}</p>
      ) : (
        <ol class="moderation-list">
          {queue.items.map((item) => (
            <li class="comment moderation-item" id={`comment-${item.id}`}>
              <p class="meta">
                <bdi>{item.authorName ?? t.t('comments.formerAccount')}</bdi>
                {' · '}
                <DateTime iso={item.createdAt} lang={t.lang} />
                {' · '}
                {item.href ? (
                  <a href={item.href}>
                    <bdi>{item.postTitle}</bdi>
                  </a>
                ) : (
                  <bdi>{item.postTitle}</bdi>
                )}{' '}
                ({t.languageName(item.language)})
              </p>
              <div
                class="comment-body"
                dir="auto"
                dangerouslySetInnerHTML={{ __html: item.bodyHtml }}
              />
              <div class="comment-actions">
                {queue.status === 'pending' ? (
                  <>
                    <form method="post" action={action(item.id, 'approve')} class="inline-form">
                      <input type="hidden" name="_csrf" value={props.csrfToken} />
                      <button type="submit">{t.t('comments.moderation.approve')}</button>
                    </form>{' '}
                    <form method="post" action={action(item.id, 'reject')} class="inline-form">
                      <input type="hidden" name="_csrf" value={props.csrfToken} />
                      <button type="submit" class="secondary">
                        {t.t('comments.moderation.reject')}
                      </button>
                    </form>{' '}
                  </>
                ) : null}
                <form method="post" action={action(item.id, 'delete')} class="inline-form">
                  <input type="hidden" name="_csrf" value={props.csrfToken} />
                  <button type="submit" class="danger">
                    {t.t('comments.delete')}
                  </button>
                </form>
              </div>
            </li>
          ))}
        </ol>
      )}
      {queue.pages > 1 ? (
        <nav aria-label={t.t('comments.moderation.pages')}>
          {queue.page > 1 ? (
            <a href={pageHref(queue.page - 1)} rel="prev">
              {t.t('comments.moderation.previous')}
            </a>
          ) : null}{' '}
          {queue.page < queue.pages ? (
            <a href={pageHref(queue.page + 1)} rel="next">
              {t.t('comments.moderation.next')}
            </a>
          ) : null}
        </nav>
      ) : null}
    </Layout>
  );
}
