/** A person's notifications, newest first: message, time, unread marked, each opening its page. */
import type { NotificationKind, NotificationParams } from '../../../domain/notifications.js';
import { notificationMessage } from '../../../i18n/notification-text.js';
import type { Translator } from '../../../i18n/translator.js';
import { Timestamp } from '../../components/date.js';
import { Csrf } from '../../components/field.js';
import { Layout } from '../../layouts/layout.js';
import type { ViewUser } from '../../view-types.js';

export interface NotificationsPageProps {
  t: Translator;
  user: ViewUser;
  csrfToken: string;
  items: {
    id: string;
    kind: NotificationKind;
    params: NotificationParams;
    createdAt: string;
    read: boolean;
  }[];
  page: number;
  hasOlder: boolean;
  unread: number;
}

export function NotificationsPage(props: NotificationsPageProps) {
  const { t } = props;
  return (
    <Layout
      title={t.t('notifications.page.title')}
      t={t}
      user={props.user}
      csrfToken={props.csrfToken}
    >
      <h1 class="page-title">{t.t('notifications.page.title')}</h1>
      <div class="notification-actions">
        {props.unread > 0 ? (
          <form method="post" action="/notifications/read-all" class="inline-form">
            <Csrf token={props.csrfToken} />
            <button type="submit" class="secondary">
              {t.t('notifications.page.markAllRead')}
            </button>
          </form>
        ) : null}
        <a href="/notifications/settings">{t.t('notifications.page.settings')}</a>
      </div>
      {props.items.length === 0 ? (
        <p class="hint">{t.t('notifications.page.empty')}</p>
      ) : (
        <ol class="notification-list">
          {props.items.map((item) => (
            <li class={item.read ? 'notification' : 'notification unread'}>
              <a href={`/notifications/${encodeURIComponent(item.id)}`} class="notification-link">
                {item.read ? null : (
                  <span class="badge notification-unread">{t.t('notifications.page.unread')}</span>
                )}
                <span dir="auto">{notificationMessage(t, item.kind, item.params)}</span>
              </a>
              {item.params.comment ? (
                <p class="notification-comment">
                  <bdi>{t.t('notifications.page.comment', { comment: item.params.comment })}</bdi>
                </p>
              ) : null}
              <p class="meta">
                <Timestamp iso={item.createdAt} t={t} />
              </p>
            </li>
          ))}
        </ol>
      )}
      {props.page > 1 || props.hasOlder ? (
        <nav class="pager" aria-label={t.t('notifications.page.title')}>
          {props.page > 1 ? (
            <a href={props.page === 2 ? '/notifications' : `/notifications?page=${props.page - 1}`}>
              {t.t('notifications.page.newer')}
            </a>
          ) : null}
          {props.hasOlder ? (
            <a href={`/notifications?page=${props.page + 1}`}>{t.t('notifications.page.older')}</a>
          ) : null}
        </nav>
      ) : null}
    </Layout>
  );
}
