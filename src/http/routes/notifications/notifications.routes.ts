/**
 * Notifications: the list (signed in; newest first), opening one (marks it read and 303s to
 * its page), marking all read, the e-mail settings (CSRF forms), and the one-click unsubscribe
 * of RFC 8058 — public, because mail clients POST it with no session and no CSRF token: the
 * token in the path is the proof (an HMAC no one can make for another person). Its GET only
 * asks (link scanners prefetch GETs); its POST unsubscribes and answers 200.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DomainError } from '../../../domain/errors.js';
import type { ServiceDeps } from '../../../services/deps.js';
import {
  listNotifications,
  markAllNotificationsRead,
  notificationSettings,
  openNotification,
  resumeNotificationEmails,
  saveNotificationSettings,
} from '../../../services/notifications/inbox.service.js';
import { describeUnsubscribe, unsubscribe } from '../../../services/notifications/unsubscribe.js';
import { parseInput } from '../../../services/validate.js';
import { NotificationSettingsPage } from '../../../views/pages/notifications/settings.page.js';
import { NotificationsPage } from '../../../views/pages/notifications/notifications.page.js';
import { UnsubscribePage } from '../../../views/pages/notifications/unsubscribe.page.js';
import { str } from '../../form-values.js';
import { renderPage } from '../../render.js';

/** The one route that takes POSTs without a CSRF token (buildApp exempts exactly this one). */
export const ONE_CLICK_UNSUBSCRIBE_ROUTE = '/unsubscribe/:token';

const listQuery = z.object({ page: z.coerce.number().int().min(1).max(10_000).default(1) });
const idParams = z.object({ id: z.string().min(1).max(100) });
const tokenParams = z.object({ token: z.string().min(1).max(300) });
const settingsQuery = z.object({ done: z.enum(['saved', 'resumed']).optional() });

/** A form field sent once or many times (checkboxes), as a list of strings, at most 50. */
function many(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((v): v is string => typeof v === 'string').slice(0, 50);
}

export async function notificationRoutes(
  app: FastifyInstance,
  { deps }: { deps: ServiceDeps },
): Promise<void> {
  const viewer = (request: FastifyRequest) => {
    const user = request.user;
    if (!user) throw new Error('access rule guarantees a user');
    return user;
  };

  app.get('/notifications', { config: { access: 'signed-in' } }, async (request, reply) => {
    const query = parseInput(listQuery, request.query);
    const list = await listNotifications(deps, request.actor(), query.page);
    reply.header('Cache-Control', 'private, no-store');
    return renderPage(
      reply,
      NotificationsPage({
        t: request.t,
        user: { ...viewer(request), unreadNotifications: list.unread },
        csrfToken: reply.generateCsrf(),
        ...list,
      }),
    );
  });

  app.post(
    '/notifications/read-all',
    { config: { access: 'signed-in' } },
    async (request, reply) => {
      await markAllNotificationsRead(deps, request.actor());
      return reply.redirect('/notifications', 303);
    },
  );

  const showSettings = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { notice?: string; problems?: { field: string; message: string }[] } = {},
  ) => {
    const settings = await notificationSettings(deps, request.actor());
    const t = request.t;
    reply.header('Cache-Control', 'private, no-store');
    return renderPage(
      reply,
      NotificationSettingsPage({
        t,
        user: viewer(request),
        csrfToken: reply.generateCsrf(),
        ...settings,
        languages: deps.settings.languages.map((tag) => ({ tag, name: t.languageName(tag) })),
        defaultLanguageName: t.languageName(deps.settings.defaultLanguage),
        ...extra,
      }),
    );
  };

  app.get(
    '/notifications/settings',
    { config: { access: 'signed-in' } },
    async (request, reply) => {
      const { done } = parseInput(settingsQuery, request.query);
      const notice =
        done === 'saved'
          ? request.t.t('notifications.settings.saved')
          : done === 'resumed'
            ? request.t.t('notifications.settings.optedBackIn')
            : undefined;
      return showSettings(request, reply, notice ? { notice } : {});
    },
  );

  app.post(
    '/notifications/settings',
    { config: { access: 'signed-in' } },
    async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      try {
        await saveNotificationSettings(deps, request.actor(), {
          email: many(body.email),
          interfaceLanguage: str(body.interfaceLanguage),
        });
      } catch (error) {
        if (!(error instanceof DomainError) || error.code !== 'validation_failed') throw error;
        reply.code(422);
        return showSettings(request, reply, { problems: error.problems });
      }
      return reply.redirect('/notifications/settings?done=saved', 303);
    },
  );

  app.post(
    '/notifications/settings/resume',
    { config: { access: 'signed-in' } },
    async (request, reply) => {
      await resumeNotificationEmails(deps, request.actor());
      return reply.redirect('/notifications/settings?done=resumed', 303);
    },
  );

  app.get('/notifications/:id', { config: { access: 'signed-in' } }, async (request, reply) => {
    const { id } = parseInput(idParams, request.params);
    return reply.redirect(await openNotification(deps, request.actor(), id), 303);
  });

  const unsubscribePage = (
    request: FastifyRequest,
    reply: FastifyReply,
    props: Pick<Parameters<typeof UnsubscribePage>[0], 'action' | 'scope' | 'state'>,
  ) => {
    // The address is a credential: never cached, never sent on as a Referer.
    reply.header('Cache-Control', 'no-store').header('Referrer-Policy', 'no-referrer');
    return renderPage(
      reply,
      UnsubscribePage({
        t: request.t,
        user: request.user,
        csrfToken: reply.generateCsrf(),
        ...props,
      }),
    );
  };

  app.get(ONE_CLICK_UNSUBSCRIBE_ROUTE, { config: { access: 'public' } }, async (request, reply) => {
    const { token } = parseInput(tokenParams, request.params);
    try {
      const link = await describeUnsubscribe(deps, token);
      return unsubscribePage(request, reply, {
        action: `/unsubscribe/${encodeURIComponent(token)}`,
        scope: link.scope,
        state: link.optedOut ? 'already' : 'ask',
      });
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'not_found') throw error;
      reply.code(404);
      return unsubscribePage(request, reply, { action: null, scope: null, state: 'invalid' });
    }
  });

  app.post(
    ONE_CLICK_UNSUBSCRIBE_ROUTE,
    { config: { access: 'public' } },
    async (request, reply) => {
      const { token } = parseInput(tokenParams, request.params);
      try {
        await unsubscribe(deps, token);
      } catch (error) {
        if (!(error instanceof DomainError) || error.code !== 'not_found') throw error;
        reply.code(404);
        return unsubscribePage(request, reply, { action: null, scope: null, state: 'invalid' });
      }
      return unsubscribePage(request, reply, { action: null, scope: null, state: 'done' });
    },
  );
}
