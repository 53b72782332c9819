/** Site administration: people and their roles, organizations and their members. */
import { z } from 'zod';
import { ForbiddenError, NotFoundError, ValidationError } from '../../domain/errors.js';
import { can, isRole } from '../../domain/roles.js';
import type { Actor, Role } from '../../domain/roles.js';
import { isValidSlug, slugify } from '../../domain/slug.js';
import type { ServiceDeps } from '../deps.js';
import { organizationKinds } from '../repositories.js';
import type { OrganizationRecord, UserRecord } from '../repositories.js';
import { parseInput } from '../validate.js';
import { recordAudit } from './audit.service.js';

export async function listUsers(deps: ServiceDeps, actor: Actor): Promise<UserRecord[]> {
  if (!can.manageUsers(actor)) throw new ForbiddenError('Only administrators can manage people');
  return deps.store.users.listAll();
}

/** Replaces a user's roles. An admin cannot remove their own admin role (no lock-out). */
export async function setUserRoles(
  deps: ServiceDeps,
  actor: Actor,
  userId: string,
  roles: string[],
): Promise<void> {
  if (!can.manageUsers(actor)) throw new ForbiddenError('Only administrators can change roles');
  const unknown = roles.filter((r) => !isRole(r));
  if (unknown.length > 0)
    throw new ValidationError([{ field: 'roles', message: `Unknown role: ${unknown.join(', ')}` }]);
  const valid = roles.filter(isRole);
  if (userId === actor.id && !valid.includes('admin')) {
    throw new ValidationError([
      { field: 'roles', message: 'You cannot remove your own administrator role' },
    ]);
  }
  await deps.store.transaction(async (store) => {
    const user = await store.users.findById(userId);
    if (!user) throw new NotFoundError('User');
    const next = valid.length > 0 ? valid : (['reader'] satisfies Role[]);
    await store.users.setRoles(userId, next);
    await recordAudit(deps, store, actor, {
      action: 'user.roles',
      subject: { kind: 'user', id: userId, label: user.username },
      details: { before: [...user.roles], after: next },
    });
  });
}

export const organizationInput = z.object({
  name: z.string().trim().min(1, 'Name is required').max(200),
  slug: z.string().trim().default(''),
  kind: z.enum(organizationKinds, {
    message: `Kind must be one of: ${organizationKinds.join(', ')}`,
  }),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^([A-Z]{2})?$/, 'Country is a two-letter ISO code such as AR, KE or RS')
    .default(''),
  website: z
    .union([z.literal(''), z.string().trim().url('Website must be a full URL (https://…)')])
    .default(''),
  description: z.string().trim().max(2000).default(''),
});

export async function listOrganizations(deps: ServiceDeps): Promise<OrganizationRecord[]> {
  return deps.store.organizations.list();
}

export async function createOrganization(
  deps: ServiceDeps,
  actor: Actor,
  raw: unknown,
): Promise<OrganizationRecord> {
  if (!can.manageOrganizations(actor))
    throw new ForbiddenError('Only administrators can add organizations');
  const input = parseInput(organizationInput, raw);
  const slug = input.slug || slugify(input.name);
  if (!isValidSlug(slug))
    throw new ValidationError([
      { field: 'slug', message: 'Slug may contain only letters, digits and hyphens' },
    ]);
  if (await deps.store.organizations.findBySlug(slug))
    throw new ValidationError([
      { field: 'slug', message: `An organization already uses "${slug}"` },
    ]);
  if (input.website && !/^https?:/.test(input.website))
    throw new ValidationError([{ field: 'website', message: 'Website must be an http(s) URL' }]);
  const org: OrganizationRecord = {
    id: deps.newId(),
    slug,
    name: input.name.normalize('NFC'),
    kind: input.kind,
    country: input.country || null,
    website: input.website || null,
    description: input.description,
    createdAt: deps.clock.now().toISOString(),
  };
  await deps.store.transaction(async (store) => {
    await store.organizations.create(org);
    await recordAudit(deps, store, actor, {
      action: 'organization.create',
      subject: { kind: 'organization', id: org.id, label: org.name },
      details: { slug: org.slug, kind: org.kind },
    });
  });
  return org;
}

export async function addOrganizationMember(
  deps: ServiceDeps,
  actor: Actor,
  organizationSlug: string,
  userId: string,
): Promise<void> {
  if (!can.manageOrganizations(actor))
    throw new ForbiddenError('Only administrators can change memberships');
  const org = await deps.store.organizations.findBySlug(organizationSlug);
  if (!org) throw new NotFoundError('Organization');
  const user = await deps.store.users.findById(userId);
  if (!user) throw new NotFoundError('User');
  await deps.store.transaction(async (store) => {
    await store.organizations.addMember(org.id, userId);
    await recordAudit(deps, store, actor, {
      action: 'organization.member_add',
      subject: { kind: 'organization', id: org.id, label: org.name },
      details: { user: user.username },
    });
  });
}
