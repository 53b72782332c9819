/**
 * buildApp(deps) assembles the HTTP application without listening, so tests drive it with
 * app.inject() and main.ts decides where it listens.
 */
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import Fastify from 'fastify';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import qs from 'node:querystring';
import type { ServiceDeps } from '../services/deps.js';
import { enforceAccess } from './access.js';
import { DEFAULT_REQUEST_LIMITS, fastifyTrustProxy } from './rate-limits.js';
import type { RequestLimits } from './rate-limits.js';
import type { Access } from './access.js';
import { assetsPlugin } from './plugins/assets.js';
import { registerErrorHandler } from './plugins/errors.js';
import { pageCachePlugin } from './plugins/page-cache.js';
import { earlyAnswerOf, frontDoorServer } from './front-door.js';
import type { EarlyAnswer } from './front-door.js';
import { purgeWebhook } from './plugins/surrogate-keys.js';
import { i18nPlugin } from './plugins/i18n.js';
import { sessionPlugin } from './plugins/session.js';
import { securityHeadersPlugin } from './plugins/security-headers.js';
import { registerMultipartFields } from './plugins/multipart-form.js';
import { REQUEST_ID_HEADER, requestIdOf, withRedactedRequests } from './plugins/request-log.js';
import { metricsPlugin } from './plugins/metrics.js';
import { healthRoutes } from './routes/operations/health.routes.js';
import { registerTextInputCheck } from './plugins/text-input.js';
import { registerJsonBody } from './plugins/json-body.js';
import { apiV1Routes } from './routes/api/v1.routes.js';
import { apiTokenRoutes } from './routes/account/api-tokens.routes.js';
import { accountRoutes } from './routes/account/account.routes.js';
import { adminRoutes } from './routes/admin/admin.routes.js';
import { adminOrganizationsRoutes } from './routes/admin/organizations.routes.js';
import { adminTaxonomyRoutes } from './routes/admin/taxonomy.routes.js';
import { adminImportRoutes } from './routes/admin/import.routes.js';
import { adminUsersRoutes } from './routes/admin/users.routes.js';
import { adminAuditRoutes } from './routes/admin/audit.routes.js';
import { adminJobsRoutes } from './routes/admin/jobs.routes.js';
import { adminMtRoutes } from './routes/admin/mt.routes.js';
import { adminLanguagesRoutes } from './routes/admin/languages.routes.js';
import { adminSettingsRoutes } from './routes/admin/settings.routes.js';
import { authRoutes } from './routes/auth/auth.routes.js';
import { ssoRoutes } from './routes/auth/sso.routes.js';
import { adminSignInRoutes } from './routes/admin/sign-in.routes.js';
import { commentRoutes } from './routes/comments/comments.routes.js';
import { editorialRoutes } from './routes/author/editorial.routes.js';
import { mediaRoutes } from './routes/author/media.routes.js';
import { writeRoutes } from './routes/author/write.routes.js';
import { feedRoutes } from './routes/reader/feeds.routes.js';
import { readerRoutes } from './routes/reader/reader.routes.js';
import { translateApiRoutes } from './routes/translate/translate-api.routes.js';
import { xliffRoutes } from './routes/translate/xliff.routes.js';
import { rollbackRoutes } from './routes/translate/rollback.routes.js';
import { findingRoutes } from './routes/translate/findings.routes.js';
import { translateRoutes } from './routes/translate/translate.routes.js';
import { digestRoutes } from './routes/translate/subscriptions.routes.js';
import { searchRoutes } from './routes/reader/search.routes.js';
import { statsRoutes } from './routes/reader/stats.routes.js';
import { glossaryRoutes } from './routes/glossary/glossary.routes.js';
import { interfaceTranslationRoutes } from './routes/translate/interface.routes.js';
import { contentTranslationRoutes } from './routes/translate/content.routes.js';
import {
  notificationRoutes,
  ONE_CLICK_UNSUBSCRIBE_ROUTE,
} from './routes/notifications/notifications.routes.js';
import { notificationCountPlugin } from './plugins/notification-count.js';

export interface RouteRule {
  method: string;
  url: string;
  access: Access;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: RouteRule[];
  }
}

export interface AppOptions {
  deps: ServiceDeps;
  logger?: FastifyServerOptions['logger'];
  /** Secret for signing cookies (CSRF secret cookie). */
  cookieSecret: string;
  /** Mark cookies Secure (when served over https). */
  secureCookies?: boolean;
  /** Keep rendered public pages for signed-out readers (default true; the bench turns it off). */
  pageCache?: boolean;
  /**
   * Seconds a cached page is kept before it is rendered again, whatever the ChangeFeed says
   * (PAGE_CACHE_TTL_SECONDS; default 0: until a change drops it). Measured on deps.clock.
   */
  pageCacheTtlSeconds?: number;
  /** Sign-in attempts per IP per minute (shorthand for requestLimits.signInPerAddress). */
  signInRateLimit?: number;
  /** Request limits per address and per account (DEFAULT_REQUEST_LIMITS for the rest). */
  requestLimits?: Partial<RequestLimits>;
  /**
   * Which proxies may name the client in X-Forwarded-For, as Fastify's trustProxy: false
   * (default: the socket's peer is the client), true, a hop count or addresses/CIDRs.
   */
  trustProxy?: boolean | number | string[];
  /** Receives the keys of every change readers can see, for a CDN purge (PURGE_WEBHOOK_URL). */
  purgeWebhookUrl?: string | undefined;
  /** METRICS_TOKEN: `/metrics` answers only with it as a bearer token; unset, it answers 404. */
  metricsToken?: string | undefined;
  /** METRICS_LISTEN is set: measure for that listener (src/http/metrics-listener.ts). */
  metricsListener?: boolean | undefined;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { deps } = options;
  const app = Fastify({
    // Request URLs are logged with secret tokens (reset links, CSRF, OAuth codes) redacted.
    logger: withRedactedRequests(options.logger),
    trustProxy: fastifyTrustProxy(options.trustProxy ?? false),
    bodyLimit: 1_048_576,
    routerOptions: { ignoreTrailingSlash: true },
    // A proxy's x-request-id when short and plain, else a UUID; sent back on every answer.
    genReqId: requestIdOf,
    requestIdHeader: false,
    // A warm page-cache hit is answered before it reaches Fastify (front-door.ts).
    serverFactory: frontDoorServer(() => earlyAnswer),
  });
  let earlyAnswer: EarlyAnswer | undefined;
  app.addHook('onReady', (done) => {
    earlyAnswer = earlyAnswerOf(app);
    done();
  });
  // First of all: the id.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });

  // Every route must say who may call it; the table lets tests check each rule.
  const routeTable: RouteRule[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (access === undefined) {
      throw new Error(
        `Route ${route.method.toString()} ${route.url} has no access rule (config.access)`,
      );
    }
    for (const method of [route.method].flat()) routeTable.push({ method, url: route.url, access });
  });

  await app.register(securityHeadersPlugin, {
    helmet: {
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:', 'https:'],
          frameSrc: ['https://www.youtube-nocookie.com', 'https://player.vimeo.com'],
          mediaSrc: ["'self'", 'https:'],
          formAction: ["'self'"],
          frameAncestors: ["'self'"],
          upgradeInsecureRequests: null,
        },
      },
      crossOriginEmbedderPolicy: false,
    },
  });
  await app.register(cookie, { secret: options.cookieSecret });
  await app.register(formbody, { parser: (body) => qs.parse(body) });
  registerJsonBody(app);
  await app.register(multipart, {
    limits: { fileSize: deps.settings.maxUploadBytes + 1, files: 1, fields: 20 },
  });
  await app.register(csrf, {
    cookieOpts: {
      signed: true,
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure: options.secureCookies ?? false,
    },
    // From the form body or a header, never the URL (URLs are logged and sent as Referer).
    getToken: (request) => {
      const body = request.body as Record<string, unknown> | undefined;
      const fromBody = body && typeof body._csrf === 'string' ? body._csrf : undefined;
      const header = request.headers['x-csrf-token'];
      return fromBody ?? (typeof header === 'string' ? header : undefined);
    },
  });
  await app.register(rateLimit, { global: false });
  app.decorate('requestLimits', {
    ...DEFAULT_REQUEST_LIMITS,
    ...(options.signInRateLimit !== undefined ? { signInPerAddress: options.signInRateLimit } : {}),
    ...options.requestLimits,
  });
  await app.register(sessionPlugin, { deps });
  await app.register(i18nPlugin, { settings: deps.settings });
  await app.register(notificationCountPlugin, { deps });
  app.addHook('onRequest', enforceAccess);
  // Every state-changing request carries the CSRF token (forms, uploads and fetches alike).
  app.addHook('preHandler', (request, reply, done) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS')
      return done();
    // RFC 8058 one-click unsubscribe: mail clients POST it with no session or token; the
    // HMAC token in its path is the proof (see notifications.routes.ts).
    if (request.method === 'POST' && request.routeOptions.url === ONE_CLICK_UNSUBSCRIBE_ROUTE)
      return done();
    // The REST API never takes a cookie as the caller (api-auth.ts): a bearer token is not
    // sent by a browser on its own, so there is nothing to forge.
    if (request.routeOptions.config.apiScope !== undefined) return done();
    app.csrfProtection(request, reply, done);
  });
  // Multipart fields before the file become the body (so the token above is checked before
  // any file is read); then no NUL or unpaired surrogate passes in any body, query or param.
  registerMultipartFields(app);
  registerTextInputCheck(app);
  registerErrorHandler(app, deps);
  // After the error handler (its route answers through it), before every other route (so each
  // one's answers are measured; nothing is when the token is unset).
  await app.register(metricsPlugin, {
    deps,
    token: options.metricsToken,
    ownListener: options.metricsListener,
  });

  await app.register(assetsPlugin);
  await app.register(pageCachePlugin, {
    changes: deps.changes,
    enabled: options.pageCache ?? true,
    expiry: {
      ttlMs: (options.pageCacheTtlSeconds ?? 0) * 1000,
      now: () => deps.clock.now().getTime(),
    },
  });
  if (options.purgeWebhookUrl) {
    const stop = purgeWebhook({
      changes: deps.changes,
      url: options.purgeWebhookUrl,
      onError: (err) => app.log.warn({ err }, 'the purge webhook was not reached'),
    });
    app.addHook('onClose', async () => stop());
  }

  // The OpenAPI document of /api/v1, built from its route schemas (the site's pages are not in it).
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: `${deps.settings.siteName} API`,
        version: '1.0.0',
        description: 'Posts, translations, units and translation memory. See docs/api.md.',
      },
      servers: [{ url: '/api/v1' }],
      components: {
        securitySchemes: {
          token: { type: 'http', scheme: 'bearer', description: 'A personal access token' },
        },
      },
    },
    transform: ({ schema, url }) =>
      url.startsWith('/api/v1/')
        ? { schema, url: url.slice('/api/v1'.length) }
        : { schema: { ...schema, hide: true }, url },
  });
  await app.register(apiV1Routes, { deps, prefix: '/api/v1' });
  await app.register(searchRoutes, { deps });
  await app.register(statsRoutes, { deps });
  await app.register(feedRoutes, { deps });
  await app.register(readerRoutes, { deps });
  await app.register(authRoutes, {
    deps,
    secureCookies: options.secureCookies ?? false,
  });
  await app.register(ssoRoutes, { deps, secureCookies: options.secureCookies ?? false });
  await app.register(adminSignInRoutes, { deps });
  await app.register(writeRoutes, { deps });
  await app.register(editorialRoutes, { deps });
  await app.register(mediaRoutes, { deps });
  await app.register(adminRoutes, { deps });
  await app.register(adminMtRoutes, { deps });
  await app.register(adminLanguagesRoutes, { deps });
  await app.register(adminSettingsRoutes, { deps });
  await app.register(adminAuditRoutes, { deps });
  await app.register(adminJobsRoutes, { deps });
  await app.register(adminUsersRoutes, { deps });
  await app.register(adminTaxonomyRoutes, { deps });
  await app.register(adminImportRoutes, { deps });
  await app.register(adminOrganizationsRoutes, { deps });
  await app.register(accountRoutes, { deps });
  await app.register(apiTokenRoutes, { deps });
  await app.register(digestRoutes, { deps });
  await app.register(translateRoutes, { deps });
  await app.register(translateApiRoutes, { deps });
  await app.register(xliffRoutes, { deps });
  await app.register(rollbackRoutes, { deps });
  await app.register(findingRoutes, { deps });
  await app.register(glossaryRoutes, { deps });
  await app.register(interfaceTranslationRoutes, { deps });
  await app.register(contentTranslationRoutes, { deps });
  await app.register(notificationRoutes, { deps });
  await app.register(commentRoutes, { deps });
  await app.register(healthRoutes, { deps });
  return app;
}
