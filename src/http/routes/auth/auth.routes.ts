/**
 * Sign-in, sign-up, sign-out and password reset. Each form is limited per client address here
 * (src/http/rate-limits.ts) and per account in the services; over a limit the form comes back
 * with 429, a Retry-After header and a message saying how long to wait, in the reader's language.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DomainError, ValidationError } from '../../../domain/errors.js';
import { AccountLimitError } from '../../../services/auth/account-limits.js';
import {
  AccountSuspendedError,
  requestPasswordReset,
  resetPassword,
  signIn,
  signOut,
  signUp,
  startSession,
} from '../../../services/auth/auth.service.js';
import type { ServiceDeps } from '../../../services/deps.js';
import { enabledProviders } from '../../../services/sso/sign-in.service.js';
import {
  ForgotPasswordPage,
  ResetPasswordPage,
  SignInPage,
  SignUpPage,
} from '../../../views/pages/auth.pages.js';
import { fieldErrors } from '../../../views/view-types.js';
import { SESSION_COOKIE } from '../../plugins/session.js';
import { addressOf, limiter } from '../../rate-limits.js';
import { renderPage } from '../../render.js';
import { safeNext } from './safe-next.js';
import { rememberInterfaceLanguage } from '../../../services/notifications/inbox.service.js';
import { interfaceLanguageOf } from '../../plugins/i18n.js';
import { str } from '../../form-values.js';

export { safeNext } from './safe-next.js';

interface Options {
  deps: ServiceDeps;
  secureCookies: boolean;
}

const MINUTE = 60_000;

const minutes = (seconds: number) => Math.max(1, Math.ceil(seconds / 60));

/** Marks the reply 429 with Retry-After; the caller renders the form with the message. */
function tooMany(reply: FastifyReply, seconds: number): void {
  reply.code(429).header('retry-after', String(seconds));
}

/** The message for an account-level limit, in the reader's language. */
function accountLimitMessage(request: FastifyRequest, error: AccountLimitError): string {
  const count = minutes(error.retryAfterSeconds);
  switch (error.action) {
    case 'signInFailures':
      return request.t.t('auth.error.accountPaused', { minutes: count });
    case 'passwordResetRequests':
      return request.t.t('auth.error.resetRateLimited', { minutes: count });
    case 'signUpsPerEmail':
      return request.t.t('auth.error.signUpEmailLimited', { minutes: count });
  }
}

export async function authRoutes(
  app: FastifyInstance,
  { deps, secureCookies }: Options,
): Promise<void> {
  const limits = app.requestLimits;
  const signInByAddress = limiter(app, {
    max: limits.signInPerAddress,
    windowMs: MINUTE,
    key: addressOf,
  });
  const signUpByAddress = limiter(app, {
    max: limits.signUpPerAddress,
    windowMs: 60 * MINUTE,
    key: addressOf,
  });
  const forgotByAddress = limiter(app, {
    max: limits.resetRequestsPerAddress,
    windowMs: 15 * MINUTE,
    key: addressOf,
  });
  const resetByAddress = limiter(app, {
    max: limits.resetsPerAddress,
    windowMs: 15 * MINUTE,
    key: addressOf,
  });

  const setSession = (reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: secureCookies,
      maxAge: deps.settings.sessionDays * 86_400,
    });

  app.get('/signin', { config: { access: 'public' } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    return renderPage(
      reply,
      SignInPage({
        t: request.t,
        user: request.user,
        csrfToken: reply.generateCsrf(),
        next: safeNext(query.next),
        notice: query.reset === '1' ? request.t.t('auth.notice.passwordChanged') : undefined,
        providers: await enabledProviders(deps),
      }),
    );
  });

  app.post('/signin', { config: { access: 'public' } }, async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    const next = safeNext(body.next);
    const providers = await enabledProviders(deps);
    const page = (error: string) =>
      renderPage(
        reply,
        SignInPage({
          t: request.t,
          user: null,
          csrfToken: reply.generateCsrf(),
          next,
          login: str(body.login),
          error,
          providers,
        }),
      );
    const byAddress = await signInByAddress(request);
    if (byAddress.exceeded) {
      tooMany(reply, byAddress.retryAfterSeconds);
      return page(request.t.t('auth.error.rateLimited', { seconds: byAddress.retryAfterSeconds }));
    }
    try {
      const { token, user } = await signIn(deps, str(body.login), str(body.password));
      setSession(reply, token);
      // The language they sign in in is the language of their mail until they choose one.
      await rememberInterfaceLanguage(deps, user.id, interfaceLanguageOf(request));
      return reply.redirect(next, 303);
    } catch (error) {
      if (error instanceof AccountLimitError) {
        tooMany(reply, error.retryAfterSeconds);
        return page(accountLimitMessage(request, error));
      }
      if (!(error instanceof DomainError) || error.code !== 'invalid_credentials') throw error;
      reply.code(401);
      if (error instanceof AccountSuspendedError) return page(request.t.t('account.suspended'));
      return page(error.message);
    }
  });

  app.post('/signout', { config: { access: 'public' } }, async (request, reply) => {
    await signOut(deps, request.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/', 303);
  });

  app.get('/signup', { config: { access: 'public' } }, async (request, reply) => {
    const next = safeNext((request.query as Record<string, unknown>).next);
    return renderPage(
      reply,
      SignUpPage({
        t: request.t,
        user: request.user,
        csrfToken: reply.generateCsrf(),
        next,
        values: {},
      }),
    );
  });

  app.post('/signup', { config: { access: 'public' } }, async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    const values = {
      username: str(body.username),
      displayName: str(body.displayName),
      email: str(body.email),
      timeZone: str(body.timeZone) || 'UTC',
    };
    const next = safeNext(body.next);
    const page = (problems: { error?: string; validation?: ValidationError }) =>
      renderPage(
        reply,
        SignUpPage({
          t: request.t,
          user: null,
          csrfToken: reply.generateCsrf(),
          next,
          values,
          error: problems.error,
          problems: problems.validation?.problems ?? [],
          errors: problems.validation ? fieldErrors(problems.validation.problems) : {},
        }),
      );
    const byAddress = await signUpByAddress(request);
    if (byAddress.exceeded) {
      tooMany(reply, byAddress.retryAfterSeconds);
      return page({
        error: request.t.t('auth.error.signUpRateLimited', {
          minutes: minutes(byAddress.retryAfterSeconds),
        }),
      });
    }
    try {
      const user = await signUp(deps, { ...values, password: str(body.password) });
      setSession(reply, await startSession(deps, user.id));
      return reply.redirect(next, 303);
    } catch (error) {
      if (error instanceof AccountLimitError) {
        tooMany(reply, error.retryAfterSeconds);
        return page({ error: accountLimitMessage(request, error) });
      }
      if (!(error instanceof ValidationError)) throw error;
      reply.code(422);
      return page({ validation: error });
    }
  });

  app.get('/password/forgot', { config: { access: 'public' } }, async (request, reply) =>
    renderPage(
      reply,
      ForgotPasswordPage({
        t: request.t,
        user: request.user,
        csrfToken: reply.generateCsrf(),
        sent: false,
      }),
    ),
  );

  app.post('/password/forgot', { config: { access: 'public' } }, async (request, reply) => {
    const { email } = z.object({ email: z.string().default('') }).parse(request.body);
    const page = (sent: boolean, error?: string) =>
      renderPage(
        reply,
        ForgotPasswordPage({
          t: request.t,
          user: request.user,
          csrfToken: reply.generateCsrf(),
          sent,
          error,
        }),
      );
    const byAddress = await forgotByAddress(request);
    if (byAddress.exceeded) {
      tooMany(reply, byAddress.retryAfterSeconds);
      return page(
        false,
        request.t.t('auth.error.resetRateLimited', {
          minutes: minutes(byAddress.retryAfterSeconds),
        }),
      );
    }
    try {
      await requestPasswordReset(deps, email);
    } catch (error) {
      if (!(error instanceof AccountLimitError)) throw error;
      tooMany(reply, error.retryAfterSeconds);
      return page(false, accountLimitMessage(request, error));
    }
    return page(true);
  });

  app.get<{ Params: { token: string } }>(
    '/password/reset/:token',
    { config: { access: 'public' } },
    async (request, reply) =>
      renderPage(
        reply,
        ResetPasswordPage({
          t: request.t,
          user: request.user,
          csrfToken: reply.generateCsrf(),
          token: request.params.token,
        }),
      ),
  );

  app.post<{ Params: { token: string } }>(
    '/password/reset/:token',
    { config: { access: 'public' } },
    async (request, reply) => {
      const body = request.body as Record<string, unknown>;
      const page = (problems: { error?: string; validation?: ValidationError }) =>
        renderPage(
          reply,
          ResetPasswordPage({
            t: request.t,
            user: null,
            csrfToken: reply.generateCsrf(),
            token: request.params.token,
            error: problems.error,
            problems: problems.validation?.problems ?? [],
            errors: problems.validation ? fieldErrors(problems.validation.problems) : {},
          }),
        );
      const byAddress = await resetByAddress(request);
      if (byAddress.exceeded) {
        tooMany(reply, byAddress.retryAfterSeconds);
        return page({
          error: request.t.t('auth.error.tryLater', {
            minutes: minutes(byAddress.retryAfterSeconds),
          }),
        });
      }
      try {
        await resetPassword(deps, request.params.token, str(body.password));
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.redirect('/signin?reset=1', 303);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        reply.code(422);
        return page({ validation: error });
      }
    },
  );
}
