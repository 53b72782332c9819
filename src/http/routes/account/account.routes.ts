/** The signed-in person's own account page (/account): profile, password, sessions. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '../../../domain/errors.js';
import {
  changePassword,
  loadAccount,
  signOutEverywhere,
  updateProfile,
} from '../../../services/account/account.service.js';
import type { ServiceDeps } from '../../../services/deps.js';
import { signInAccounts } from '../../../services/sso/sign-in.service.js';
import { AccountPage } from '../../../views/pages/account.page.js';
import { fieldErrors } from '../../../views/view-types.js';
import { str } from '../../form-values.js';
import { SESSION_COOKIE } from '../../plugins/session.js';
import { renderPage } from '../../render.js';

const timeZones = Intl.supportedValuesOf('timeZone');
const notices = ['profile', 'password'] as const;

export async function accountRoutes(
  app: FastifyInstance,
  { deps }: { deps: ServiceDeps },
): Promise<void> {
  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: {
      problems?: { field: string; message: string }[];
      notice?: string;
      /** The profile as typed, shown again after a refusal. */
      typed?: {
        displayName: string;
        bio: string;
        timeZone: string;
        avatarMediaId: string;
        languages: string[];
      };
    } = {},
  ) {
    const user = request.user;
    if (!user) throw new Error('access rule guarantees a user');
    const account = await loadAccount(deps, request.actor());
    const typed = extra.typed;
    const languages = typed?.languages ?? account.translateLanguages;
    const offered = deps.settings.translationLanguages ?? deps.settings.languages;
    const tags = [...new Set([...offered, ...account.translateLanguages])];
    const zones = timeZones.includes(account.user.timeZone)
      ? timeZones
      : [account.user.timeZone, ...timeZones];
    return renderPage(
      reply,
      AccountPage({
        t: request.t,
        user,
        csrfToken: reply.generateCsrf(),
        profile: {
          displayName: typed?.displayName ?? account.user.displayName,
          bio: typed?.bio ?? account.user.bio,
          timeZone: typed?.timeZone ?? account.user.timeZone,
          avatarMediaId: typed ? typed.avatarMediaId || null : account.user.avatarMediaId,
          languages,
        },
        avatarUrl: account.avatarUrl,
        avatars: account.avatars,
        languageChoices: tags.map((tag) => ({ tag, name: request.t.languageName(tag) })),
        timeZones: zones,
        problems: extra.problems,
        errors: extra.problems ? fieldErrors(extra.problems) : undefined,
        notice: extra.notice,
        signInAccounts: await signInAccounts(deps, request.actor()),
      }),
    );
  }

  app.get<{ Querystring: { done?: unknown } }>(
    '/account',
    { config: { access: 'signed-in' } },
    (request, reply) => {
      const done = str(request.query.done);
      const sso = str((request.query as Record<string, unknown>).sso);
      if (sso === 'linked' || sso === 'unlinked')
        return page(request, reply, { notice: request.t.t(`sso.notice.${sso}`) });
      return page(
        request,
        reply,
        (notices as readonly string[]).includes(done)
          ? { notice: request.t.t(`account.notice.${done}`) }
          : {},
      );
    },
  );

  app.post('/account/profile', { config: { access: 'signed-in' } }, async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    const typed = {
      displayName: str(body.displayName),
      bio: str(body.bio),
      timeZone: str(body.timeZone),
      avatarMediaId: str(body.avatarMediaId),
      languages: (Array.isArray(body.languages) ? body.languages : [body.languages])
        .map(str)
        .filter((l) => l !== ''),
    };
    try {
      await updateProfile(deps, request.actor(), typed);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      reply.code(422);
      return page(request, reply, { problems: error.problems, typed });
    }
    return reply.redirect('/account?done=profile', 303);
  });

  app.post('/account/password', { config: { access: 'signed-in' } }, async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    try {
      await changePassword(deps, request.actor(), request.cookies[SESSION_COOKIE] ?? '', {
        currentPassword: str(body.currentPassword),
        newPassword: str(body.newPassword),
        confirmPassword: str(body.confirmPassword),
      });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      reply.code(422);
      return page(request, reply, { problems: error.problems });
    }
    return reply.redirect('/account?done=password', 303);
  });

  app.post(
    '/account/signout-everywhere',
    { config: { access: 'signed-in' } },
    async (request, reply) => {
      await signOutEverywhere(deps, request.actor());
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.redirect('/signin', 303);
    },
  );
}
