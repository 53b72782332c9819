/**
 * The bell in the site header for signed-in people: a link to /notifications whose accessible
 * name says how many notices are unread ("Notifications, 3 unread"), with the count as a
 * badge (none for zero). Signed-out pages never show it, so they stay cacheable.
 */
import type { Translator } from '../../i18n/translator.js';

export function NotificationBell({ t, count }: { t: Translator; count: number }) {
  const label = t.t('notifications.bell.label', { count });
  return (
    <a href="/notifications" class="notification-bell" aria-label={label} title={label}>
      <svg
        class="icon"
        aria-hidden="true"
        focusable="false"
        width="16"
        height="16"
        viewBox="0 0 16 16"
        fill="none"
        stroke="currentColor"
        stroke-width="1.3"
        stroke-linejoin="round"
      >
        <path d="M4 11V7a4 4 0 0 1 8 0v4l1.2 1.5H2.8z" />
        <path d="M6.5 14a1.6 1.6 0 0 0 3 0" />
      </svg>
      {count > 0 ? (
        <span class="notification-count" aria-hidden="true">
          {t.formatNumber(count)}
        </span>
      ) : null}
    </a>
  );
}
