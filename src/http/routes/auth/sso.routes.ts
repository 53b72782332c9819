/**
 * Signing in with a provider (`/signin/:provider` → the provider → `/signin/:provider/callback`)
 * and, from the account page, linking (`POST /account/sign-in/:provider/link`, the same flow
 * bound to the signed-in account) and unlinking. The browser token of a started flow lives in
 * a short-lived httpOnly cookie (path /signin, SameSite=Lax so the provider's redirect back
 * carries it); the service keeps the state, nonce and PKCE verifier. A refusal is a page in the
 * person's language saying what went wrong (and what the provider said), nothing created.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '../../../domain/errors.js';
import type { ServiceDeps } from '../../../services/deps.js';
import {
  SignInFailedError,
  finishSignIn,
  startSignIn,
  unlinkIdentity,
} from '../../../services/sso/sign-in.service.js';
import type { SignInFailure } from '../../../services/sso/sign-in.service.js';
import { SsoContinuePage, SsoErrorPage, SsoWelcomePage } from '../../../views/pages/sso.pages.js';
import { SESSION_COOKIE } from '../../plugins/session.js';
import { addressOf, limiter } from '../../rate-limits.js';
import { renderPage } from '../../render.js';
import { safeNext } from './safe-next.js';

/** The cookie holding a started flow's browser token. */
export const SSO_COOKIE = 'polyphony_sso';
const SSO_COOKIE_PATH = '/signin';
const FLOW_SECONDS = 10 * 60;

const STATUS: Record<SignInFailure, number> = {
  unknown_provider: 404,
  bad_state: 400,
  provider_refused: 400,
  token_failed: 400,
  no_subject: 400,
  // The provider, not the person, failed: a gateway error.
  unreachable: 502,
  identity_taken: 409,
  provider_linked_already: 409,
  suspended: 403,
  sign_in_first: 401,
};

type ProviderParams = { Params: { provider: string } };

export async function ssoRoutes(
  app: FastifyInstance,
  { deps, secureCookies }: { deps: ServiceDeps; secureCookies: boolean },
): Promise<void> {
  const byAddress = limiter(app, {
    max: app.requestLimits.signInPerAddress,
    windowMs: 60_000,
    key: addressOf,
  });

  const setFlowCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(SSO_COOKIE, token, {
      path: SSO_COOKIE_PATH,
      httpOnly: true,
      sameSite: 'lax',
      secure: secureCookies,
      maxAge: FLOW_SECONDS,
    });

  /** The error page: a message, an optional provider detail and the way back. */
  function errorPage(
    request: FastifyRequest,
    reply: FastifyReply,
    message: string,
    back: 'account' | 'signin',
    detail?: string,
  ) {
    return renderPage(
      reply,
      SsoErrorPage({
        t: request.t,
        user: request.user,
        csrfToken: reply.generateCsrf(),
        message,
        detail,
        back:
          back === 'account'
            ? { href: '/account', label: request.t.t('sso.error.backToAccount') }
            : { href: '/signin', label: request.t.t('sso.error.backToSignIn') },
      }),
    );
  }

  function failurePage(
    request: FastifyRequest,
    reply: FastifyReply,
    error: SignInFailedError,
    linking: boolean,
  ) {
    reply.code(STATUS[error.failure]);
    const detail = error.failure === 'provider_refused' || error.failure === 'unreachable';
    return errorPage(
      request,
      reply,
      request.t.t(`sso.error.${error.failure}`),
      linking ? 'account' : 'signin',
      detail ? error.detail : undefined,
    );
  }

  async function limited(request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
    const result = await byAddress(request);
    if (!result.exceeded) return false;
    reply.code(429).header('retry-after', String(result.retryAfterSeconds));
    return true;
  }

  /** Starts a sign-in or link and sends the browser to the provider. */
  async function start(
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    intent: 'sign_in' | 'link',
    next: string,
  ) {
    if (await limited(request, reply))
      return errorPage(request, reply, request.t.t('sso.error.rateLimited'), 'signin');
    try {
      const { url, browserToken, label } = await startSignIn(deps, slug, {
        intent,
        actor: intent === 'link' ? request.actor() : null,
        next,
      });
      setFlowCookie(reply, browserToken);
      if (intent === 'sign_in') return reply.redirect(url, 303);
      // Answering the Link form: a redirect off-site would be blocked by form-action 'self'.
      reply.header('refresh', `0;url=${url}`);
      return renderPage(
        reply,
        SsoContinuePage({
          t: request.t,
          user: request.user,
          csrfToken: reply.generateCsrf(),
          providerLabel: label,
          url,
        }),
      );
    } catch (error) {
      if (!(error instanceof SignInFailedError)) throw error;
      return failurePage(request, reply, error, intent === 'link');
    }
  }

  app.get<ProviderParams & { Querystring: { next?: unknown } }>(
    '/signin/:provider',
    { config: { access: 'public' } },
    (request, reply) =>
      start(request, reply, request.params.provider, 'sign_in', safeNext(request.query.next)),
  );

  app.post<ProviderParams>(
    '/account/sign-in/:provider/link',
    { config: { access: 'signed-in' } },
    (request, reply) =>
      start(request, reply, request.params.provider, 'link', '/account?sso=linked'),
  );

  app.get<ProviderParams>(
    '/signin/:provider/callback',
    { config: { access: 'public' } },
    async (request, reply) => {
      const rawQuery = request.url.includes('?')
        ? request.url.slice(request.url.indexOf('?') + 1)
        : '';
      const browserToken = request.cookies[SSO_COOKIE];
      // Single use either way: the started flow is over.
      reply.clearCookie(SSO_COOKIE, { path: SSO_COOKIE_PATH });
      const actor = request.user ? request.actor() : null;
      if (await limited(request, reply))
        return errorPage(request, reply, request.t.t('sso.error.rateLimited'), 'signin');
      try {
        const outcome = await finishSignIn(deps, request.params.provider, {
          query: request.query as Record<string, unknown>,
          rawQuery,
          browserToken,
          actor,
        });
        if (outcome.kind === 'linked') return reply.redirect(safeNext(outcome.next), 303);
        reply.setCookie(SESSION_COOKIE, outcome.token, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: secureCookies,
          maxAge: deps.settings.sessionDays * 86_400,
        });
        if (outcome.created && outcome.renamed)
          return renderPage(
            reply,
            SsoWelcomePage({
              t: request.t,
              user: { ...outcome.user },
              csrfToken: reply.generateCsrf(),
              providerLabel: outcome.providerLabel,
              providerName: outcome.providerName,
              username: outcome.user.username,
              next: safeNext(outcome.next),
            }),
          );
        return reply.redirect(safeNext(outcome.next), 303);
      } catch (error) {
        if (!(error instanceof SignInFailedError)) throw error;
        return failurePage(request, reply, error, actor !== null);
      }
    },
  );

  app.post<ProviderParams>(
    '/account/sign-in/:provider/unlink',
    { config: { access: 'signed-in' } },
    async (request, reply) => {
      try {
        await unlinkIdentity(deps, request.actor(), request.params.provider);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        reply.code(422);
        return errorPage(request, reply, request.t.t('sso.error.lastSignInMethod'), 'account');
      }
      return reply.redirect('/account?sso=unlinked', 303);
    },
  );
}
