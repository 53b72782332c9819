/** Administration: sign-in providers (OpenID Connect, OAuth 2, MediaWiki), admins only. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '../../../domain/errors.js';
import type { ServiceDeps } from '../../../services/deps.js';
import {
  addProvider,
  deleteProvider,
  listProviders,
  redirectUri,
  setProviderEnabled,
  updateProvider,
} from '../../../services/sso/providers.service.js';
import type { ProviderInput } from '../../../services/sso/providers.service.js';
import { SignInAdminPage, emptyProviderForm } from '../../../views/pages/admin/sign-in.page.js';
import type { ProviderFormValues } from '../../../views/pages/admin/sign-in.page.js';
import { str } from '../../form-values.js';
import { renderPage } from '../../render.js';

type Body = Record<string, unknown>;
type IdParams = { Params: { id: string } };

const notices = ['added', 'saved', 'enabled', 'disabled', 'deleted'] as const;

function formValues(body: Body): ProviderFormValues {
  return {
    kind: str(body.kind),
    slug: str(body.slug),
    label: str(body.label),
    issuer: str(body.issuer),
    wikiUrl: str(body.wikiUrl),
    authorizationEndpoint: str(body.authorizationEndpoint),
    tokenEndpoint: str(body.tokenEndpoint),
    profileEndpoint: str(body.profileEndpoint),
    subjectField: str(body.subjectField),
    usernameField: str(body.usernameField),
    clientId: str(body.clientId),
    scopes: str(body.scopes),
    enabled: str(body.enabled) === 'on',
    newUserRole: str(body.newUserRole),
  };
}

function input(values: ProviderFormValues, body: Body): ProviderInput {
  const kind = values.kind === 'oauth2' || values.kind === 'mediawiki' ? values.kind : 'oidc';
  return { ...values, kind, clientSecret: str(body.clientSecret) };
}

export async function adminSignInRoutes(
  app: FastifyInstance,
  { deps }: { deps: ServiceDeps },
): Promise<void> {
  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: {
      editId?: string | undefined;
      values?: ProviderFormValues;
      problems?: { field: string; message: string }[];
      notice?: string | undefined;
    } = {},
  ) {
    const user = request.user;
    if (!user) throw new Error('access rule guarantees a user');
    const providers = await listProviders(deps, request.actor());
    const edited = extra.editId ? providers.find((p) => p.id === extra.editId) : undefined;
    const values: ProviderFormValues =
      extra.values ??
      (edited
        ? {
            kind: edited.kind,
            slug: edited.slug,
            label: edited.label,
            issuer: edited.issuer ?? '',
            wikiUrl: '',
            authorizationEndpoint: edited.authorizationEndpoint ?? '',
            tokenEndpoint: edited.tokenEndpoint ?? '',
            profileEndpoint: edited.profileEndpoint ?? '',
            subjectField: edited.subjectField,
            usernameField: edited.usernameField,
            clientId: edited.clientId,
            scopes: edited.scopes.join(' '),
            enabled: edited.enabled,
            newUserRole: edited.newUserRole,
          }
        : emptyProviderForm);
    return renderPage(
      reply,
      SignInAdminPage({
        t: request.t,
        user,
        csrfToken: reply.generateCsrf(),
        providers: providers.map((p) => ({
          id: p.id,
          slug: p.slug,
          kind: p.kind,
          label: p.label,
          issuer: p.issuer,
          enabled: p.enabled,
          linkedAccounts: p.linkedAccounts,
          redirectUri: redirectUri(deps, p.slug),
        })),
        editing: edited ? { id: edited.id, hasSecret: edited.hasSecret } : null,
        values,
        redirectBase: `${deps.settings.publicUrl.replace(/\/+$/, '')}/signin/`,
        problems: extra.problems,
        notice: extra.notice,
      }),
    );
  }

  /** Runs a change; a refusal re-renders the page (422) with the problems named by field. */
  async function change(
    request: FastifyRequest,
    reply: FastifyReply,
    work: () => Promise<unknown>,
    done: (typeof notices)[number],
    onRefusal: { editId?: string; values?: ProviderFormValues } = {},
  ) {
    try {
      await work();
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      reply.code(422);
      return page(request, reply, { ...onRefusal, problems: error.problems });
    }
    return reply.redirect(`/admin/sign-in?done=${done}`, 303);
  }

  const admin = { config: { access: 'admin' as const } };

  app.get<{ Querystring: { edit?: unknown; done?: unknown } }>(
    '/admin/sign-in',
    admin,
    (request, reply) => {
      const done = str(request.query.done);
      return page(request, reply, {
        editId: str(request.query.edit) || undefined,
        notice: (notices as readonly string[]).includes(done)
          ? request.t.t(`sso.admin.notice.${done}`)
          : undefined,
      });
    },
  );

  app.post('/admin/sign-in', admin, (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const values = formValues(body);
    return change(
      request,
      reply,
      () => addProvider(deps, request.actor(), input(values, body)),
      'added',
      { values },
    );
  });

  app.post<IdParams>('/admin/sign-in/:id', admin, (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const values = formValues(body);
    const id = request.params.id;
    return change(
      request,
      reply,
      () => updateProvider(deps, request.actor(), id, input(values, body)),
      'saved',
      { editId: id, values },
    );
  });

  app.post<IdParams>('/admin/sign-in/:id/enabled', admin, (request, reply) => {
    const enabled = str(((request.body ?? {}) as Body).enabled) === 'on';
    return change(
      request,
      reply,
      () => setProviderEnabled(deps, request.actor(), request.params.id, enabled),
      enabled ? 'enabled' : 'disabled',
    );
  });

  app.post<IdParams>('/admin/sign-in/:id/delete', admin, (request, reply) =>
    change(
      request,
      reply,
      () => deleteProvider(deps, request.actor(), request.params.id),
      'deleted',
    ),
  );
}
