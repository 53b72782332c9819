/**
 * Administration of sign-in providers (admins only): add, edit, enable or disable and delete
 * OpenID Connect issuers and plain OAuth 2 servers, with a MediaWiki (Wikimedia) preset. Every
 * change commits with its audit entry, which never holds the client secret (only whether it
 * changed). On edit an empty secret keeps the stored one. A provider some accounts sign in with
 * cannot be deleted (they would lose their way in): disable it instead.
 */
import { z } from 'zod';
import { ForbiddenError, NotFoundError, ValidationError } from '../../domain/errors.js';
import type { FieldProblem } from '../../domain/errors.js';
import { can } from '../../domain/roles.js';
import type { Actor } from '../../domain/roles.js';
import {
  endpointProblem,
  isNewUserRole,
  mediaWikiPreset,
  newUserRoles,
  parseScopes,
  providerKinds,
} from '../../domain/sign-in.js';
import { recordAudit } from '../admin/audit.service.js';
import type { ServiceDeps } from '../deps.js';
import type { SignInProviderRecord } from '../repositories.js';
import { parseInput } from '../validate.js';

const url = z.string().trim().max(2000).default('');

export const providerInput = z.object({
  /** `oidc`, `oauth2`, or `mediawiki` (OAuth 2 with the endpoints from `wikiUrl`). */
  kind: z.enum([...providerKinds, 'mediawiki']),
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'Use 1–40 lower-case letters, digits and hyphens'),
  label: z.string().trim().min(1, 'A button label is required').max(80),
  issuer: url,
  wikiUrl: url,
  authorizationEndpoint: url,
  tokenEndpoint: url,
  profileEndpoint: url,
  subjectField: z.string().trim().max(100).default(''),
  usernameField: z.string().trim().max(100).default(''),
  clientId: z.string().trim().min(1, 'The client id is required').max(500),
  clientSecret: z.string().trim().max(2000).default(''),
  scopes: z.string().max(2000).default(''),
  enabled: z.boolean().default(true),
  newUserRole: z.string().default('reader'),
});
export type ProviderInput = z.input<typeof providerInput>;

/** What the admin page shows of a provider: everything but the secret. */
export type ProviderView = Omit<SignInProviderRecord, 'clientSecret'> & {
  hasSecret: boolean;
  linkedAccounts: number;
};

function mustAdmin(actor: Actor): void {
  if (!can.manageUsers(actor))
    throw new ForbiddenError('Only administrators can configure sign-in providers');
}

function view(p: SignInProviderRecord, linkedAccounts: number): ProviderView {
  const { clientSecret, ...rest } = p;
  return { ...rest, hasSecret: clientSecret !== '', linkedAccounts };
}

/** Audit details: every field but the secret; the secret only as "changed". */
function auditable(p: SignInProviderRecord): Record<string, unknown> {
  const { clientSecret: _secret, createdAt: _c, updatedAt: _u, ...rest } = p;
  return rest;
}

/** Every provider (enabled or not), for the admin page. */
export async function listProviders(deps: ServiceDeps, actor: Actor): Promise<ProviderView[]> {
  mustAdmin(actor);
  const providers = await deps.store.signIn.listProviders();
  return Promise.all(
    providers.map(async (p) => view(p, await deps.store.signIn.countIdentities(p.id))),
  );
}

/** The provider fields from the form, checked; `existing` supplies the kept secret on edit. */
function build(
  deps: ServiceDeps,
  raw: ProviderInput,
  existing: SignInProviderRecord | null,
): SignInProviderRecord {
  const input = parseInput(providerInput, raw);
  const problems: FieldProblem[] = [];
  const now = deps.clock.now().toISOString();
  let kind: SignInProviderRecord['kind'] = input.kind === 'oidc' ? 'oidc' : 'oauth2';
  let authorizationEndpoint = input.authorizationEndpoint;
  let tokenEndpoint = input.tokenEndpoint;
  let profileEndpoint = input.profileEndpoint;
  let subjectField = input.subjectField || 'sub';
  let usernameField = input.usernameField || 'preferred_username';
  const issuer: string | null = input.issuer === '' ? null : input.issuer;
  if (input.kind === 'mediawiki') {
    const preset = mediaWikiPreset(input.wikiUrl);
    if (!preset)
      problems.push({
        field: 'wikiUrl',
        message: 'Give the wiki’s REST URL, e.g. https://meta.wikimedia.org/w/rest.php',
      });
    else {
      kind = 'oauth2';
      ({ authorizationEndpoint, tokenEndpoint, profileEndpoint, subjectField, usernameField } =
        preset);
    }
  }
  const check = (field: string, value: string) => {
    const problem = endpointProblem(value);
    if (problem) problems.push({ field, message: problem });
  };
  if (kind === 'oidc') {
    if (issuer === null) problems.push({ field: 'issuer', message: 'The issuer URL is required' });
    else check('issuer', issuer);
  } else if (input.kind !== 'mediawiki' || problems.length === 0) {
    if (issuer !== null) check('issuer', issuer);
    check('authorizationEndpoint', authorizationEndpoint);
    check('tokenEndpoint', tokenEndpoint);
    check('profileEndpoint', profileEndpoint);
  }
  if (!/^[\w.-]{1,100}$/.test(subjectField))
    problems.push({ field: 'subjectField', message: 'A field name of the profile, e.g. sub' });
  if (!/^[\w.-]{1,100}$/.test(usernameField))
    problems.push({
      field: 'usernameField',
      message: 'A field name of the profile, e.g. username',
    });
  const scopes = parseScopes(
    input.scopes === '' && kind === 'oidc' ? 'openid profile' : input.scopes,
  );
  if (!scopes) problems.push({ field: 'scopes', message: 'Scopes are words separated by spaces' });
  else if (kind === 'oidc' && !scopes.includes('openid')) scopes.unshift('openid');
  const clientSecret =
    input.clientSecret !== '' ? input.clientSecret : (existing?.clientSecret ?? '');
  if (clientSecret === '')
    problems.push({ field: 'clientSecret', message: 'The client secret is required' });
  if (!isNewUserRole(input.newUserRole))
    problems.push({
      field: 'newUserRole',
      message: `One of ${newUserRoles.join(', ')}`,
    });
  if (problems.length > 0 || !scopes || !isNewUserRole(input.newUserRole))
    throw new ValidationError(problems);
  return {
    id: existing?.id ?? deps.newId(),
    slug: input.slug,
    kind,
    label: input.label,
    issuer: kind === 'oidc' ? issuer : issuer,
    authorizationEndpoint: kind === 'oidc' ? null : authorizationEndpoint,
    tokenEndpoint: kind === 'oidc' ? null : tokenEndpoint,
    profileEndpoint: kind === 'oidc' ? null : profileEndpoint,
    subjectField,
    usernameField,
    clientId: input.clientId,
    clientSecret,
    scopes,
    enabled: input.enabled,
    newUserRole: input.newUserRole,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
}

const SLUG_TAKEN: FieldProblem = {
  field: 'slug',
  message: 'Another provider has this short name',
};

/** Adds a provider; throws ValidationError naming the field (a taken slug included). */
export async function addProvider(
  deps: ServiceDeps,
  actor: Actor,
  raw: ProviderInput,
): Promise<SignInProviderRecord> {
  mustAdmin(actor);
  const provider = build(deps, raw, null);
  return deps.store.transaction(async (store) => {
    if (!(await store.signIn.insertProvider(provider))) throw new ValidationError([SLUG_TAKEN]);
    await recordAudit(deps, store, actor, {
      action: 'sign_in_provider.add',
      subject: { kind: 'sign_in_provider', id: provider.id, label: provider.label },
      details: { after: auditable(provider) },
    });
    return provider;
  });
}

/** Edits a provider; an empty secret keeps the stored one. Throws NotFoundError, ValidationError. */
export async function updateProvider(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
  raw: ProviderInput,
): Promise<SignInProviderRecord> {
  mustAdmin(actor);
  return deps.store.transaction(async (store) => {
    const existing = await store.signIn.findProvider(id);
    if (!existing) throw new NotFoundError('Sign-in provider');
    const provider = build(deps, raw, existing);
    if (!(await store.signIn.updateProvider(provider))) throw new ValidationError([SLUG_TAKEN]);
    await recordAudit(deps, store, actor, {
      action: 'sign_in_provider.update',
      subject: { kind: 'sign_in_provider', id, label: provider.label },
      details: {
        before: auditable(existing),
        after: auditable(provider),
        secretChanged: provider.clientSecret !== existing.clientSecret,
      },
    });
    return provider;
  });
}

/** Offers or withdraws a provider's button (its linked accounts stay linked). */
export async function setProviderEnabled(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
  enabled: boolean,
): Promise<void> {
  mustAdmin(actor);
  await deps.store.transaction(async (store) => {
    const existing = await store.signIn.findProvider(id);
    if (!existing) throw new NotFoundError('Sign-in provider');
    if (existing.enabled === enabled) return;
    await store.signIn.updateProvider({
      ...existing,
      enabled,
      updatedAt: deps.clock.now().toISOString(),
    });
    await recordAudit(deps, store, actor, {
      action: enabled ? 'sign_in_provider.enable' : 'sign_in_provider.disable',
      subject: { kind: 'sign_in_provider', id, label: existing.label },
    });
  });
}

/** Deletes a provider no account signs in with; throws ValidationError while some do. */
export async function deleteProvider(deps: ServiceDeps, actor: Actor, id: string): Promise<void> {
  mustAdmin(actor);
  await deps.store.transaction(async (store) => {
    const existing = await store.signIn.findProvider(id);
    if (!existing) throw new NotFoundError('Sign-in provider');
    const linked = await store.signIn.countIdentities(id);
    if (linked > 0)
      throw new ValidationError([
        {
          field: 'provider',
          message: `${linked} account(s) sign in with this provider; disable it instead`,
        },
      ]);
    await store.signIn.deleteProvider(id);
    await recordAudit(deps, store, actor, {
      action: 'sign_in_provider.delete',
      subject: { kind: 'sign_in_provider', id, label: existing.label },
      details: { before: auditable(existing) },
    });
  });
}

/** The address the provider sends people back to (to register with the provider). */
export function redirectUri(deps: ServiceDeps, slug: string): string {
  return `${deps.settings.publicUrl.replace(/\/+$/, '')}/signin/${slug}/callback`;
}
