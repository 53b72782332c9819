/** Sign-in, sign-up, sign-out and password reset. Sign-in is rate-limited per IP. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { DomainError, ValidationError } from '../../../domain/errors.js';
import {
  createUser,
  requestPasswordReset,
  resetPassword,
  signIn,
  signOut,
  startSession,
} from '../../../services/auth/auth.service.js';
import type { ServiceDeps } from '../../../services/deps.js';
import {
  ForgotPasswordPage,
  ResetPasswordPage,
  SignInPage,
  SignUpPage,
} from '../../../views/pages/auth.pages.js';
import { fieldErrors } from '../../../views/view-types.js';
import { SESSION_COOKIE } from '../../plugins/session.js';
import { renderPage } from '../../render.js';

interface Options {
  deps: ServiceDeps;
  secureCookies: boolean;
  signInRateLimit: number;
}

/** Only same-site paths are allowed as a place to return to. */
export function safeNext(value: unknown): string {
  return typeof value === 'string' &&
    value.startsWith('/') &&
    !value.startsWith('//') &&
    !value.startsWith('/\\')
    ? value
    : '/';
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

export async function authRoutes(
  app: FastifyInstance,
  { deps, secureCookies, signInRateLimit }: Options,
): Promise<void> {
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
      }),
    );
  });

  app.post(
    '/signin',
    {
      config: {
        access: 'public',
        rateLimit: {
          max: signInRateLimit,
          timeWindow: '1 minute',
          errorResponseBuilder: (req, ctx) =>
            new DomainError(
              'rate_limited',
              req.t.t('auth.error.rateLimited', { seconds: Math.ceil(ctx.ttl / 1000) }),
            ),
        },
      },
    },
    async (request, reply) => {
      const body = request.body as Record<string, unknown>;
      const next = safeNext(body.next);
      try {
        const { token } = await signIn(deps, str(body.login), str(body.password));
        setSession(reply, token);
        return reply.redirect(next, 303);
      } catch (error) {
        if (!(error instanceof DomainError) || error.code !== 'invalid_credentials') throw error;
        reply.code(401);
        return renderPage(
          reply,
          SignInPage({
            t: request.t,
            user: null,
            csrfToken: reply.generateCsrf(),
            next,
            login: str(body.login),
            error: error.message,
          }),
        );
      }
    },
  );

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

  app.post(
    '/signup',
    { config: { access: 'public', rateLimit: { max: 20, timeWindow: '1 hour' } } },
    async (request, reply) => {
      const body = request.body as Record<string, unknown>;
      const values = {
        username: str(body.username),
        displayName: str(body.displayName),
        email: str(body.email),
        timeZone: str(body.timeZone) || 'UTC',
      };
      const next = safeNext(body.next);
      try {
        const user = await createUser(deps, { ...values, password: str(body.password) });
        setSession(reply, await startSession(deps, user.id));
        return reply.redirect(next, 303);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        reply.code(422);
        return renderPage(
          reply,
          SignUpPage({
            t: request.t,
            user: null,
            csrfToken: reply.generateCsrf(),
            next,
            values,
            problems: error.problems,
            errors: fieldErrors(error.problems),
          }),
        );
      }
    },
  );

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

  app.post(
    '/password/forgot',
    { config: { access: 'public', rateLimit: { max: 5, timeWindow: '15 minutes' } } },
    async (request, reply) => {
      const { email } = z.object({ email: z.string().default('') }).parse(request.body);
      await requestPasswordReset(deps, email);
      return renderPage(
        reply,
        ForgotPasswordPage({
          t: request.t,
          user: request.user,
          csrfToken: reply.generateCsrf(),
          sent: true,
        }),
      );
    },
  );

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
    { config: { access: 'public', rateLimit: { max: 10, timeWindow: '15 minutes' } } },
    async (request, reply) => {
      const body = request.body as Record<string, unknown>;
      try {
        await resetPassword(deps, request.params.token, str(body.password));
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.redirect('/signin?reset=1', 303);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        reply.code(422);
        return renderPage(
          reply,
          ResetPasswordPage({
            t: request.t,
            user: null,
            csrfToken: reply.generateCsrf(),
            token: request.params.token,
            problems: error.problems,
            errors: fieldErrors(error.problems),
          }),
        );
      }
    },
  );
}
