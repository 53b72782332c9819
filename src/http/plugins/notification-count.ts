/**
 * Counts a signed-in person's unread notifications for the header bell: on every GET of a page
 * by a signed-in person the count rides on `request.user` (`unreadNotifications`), which pages
 * pass to the layout. Signed-out requests are not touched, so the reader pages the page cache
 * keeps (only for requests without a user) never carry anyone's bell.
 */
import fp from 'fastify-plugin';
import type { ServiceDeps } from '../../services/deps.js';
import { unreadCount } from '../../services/notifications/inbox.service.js';
import { wantsHtml } from '../access.js';

export const notificationCountPlugin = fp<{ deps: ServiceDeps }>((app, { deps }, done) => {
  app.addHook('preHandler', async (request) => {
    const user = request.user;
    if (!user || request.method !== 'GET' || !wantsHtml(request)) return;
    Object.assign(user, { unreadNotifications: await unreadCount(deps, user.id) });
  });
  done();
});
