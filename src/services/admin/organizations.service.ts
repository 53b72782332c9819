/**
 * Organizations run by administrators: edit an organization, its members and their roles
 * (member or coordinator), and its logo (an image from the media library). Every change is
 * made in one transaction with its audit entry; writes are conditional or backed by a
 * constraint, so two administrators racing end with one change and one clear refusal.
 */
import { ForbiddenError, NotFoundError, ValidationError } from '../../domain/errors.js';
import { can } from '../../domain/roles.js';
import type { Actor } from '../../domain/roles.js';
import { isValidSlug, slugify } from '../../domain/slug.js';
import { usernameKey } from '../../domain/user.js';
import type { ServiceDeps } from '../deps.js';
import { organizationKey } from '../change-feed.js';
import { toMediaInfo } from '../media/media-info.js';
import type { MediaInfo } from '../ports.js';
import { organizationRoles } from '../repositories.js';
import type { OrganizationRecord, OrganizationRole, UserRecord } from '../repositories.js';
import { parseInput } from '../validate.js';
import { organizationInput } from './admin.service.js';
import { recordAudit } from './audit.service.js';

export interface OrganizationSummary extends OrganizationRecord {
  members: number;
  logo: MediaInfo | null;
}

export interface OrganizationMemberView {
  userId: string;
  username: string;
  displayName: string;
  role: OrganizationRole;
}

export interface OrganizationDetail {
  organization: OrganizationRecord;
  logo: MediaInfo | null;
  members: OrganizationMemberView[];
  /** Images an administrator may choose as the logo: the newest, or those matching `query`. */
  images: MediaInfo[];
  query: string;
}

const IMAGE_CHOICES = 12;

function requireAdmin(actor: Actor): void {
  if (!can.manageOrganizations(actor))
    throw new ForbiddenError('Only administrators can manage organizations');
}

async function findOrganization(deps: ServiceDeps, slug: string): Promise<OrganizationRecord> {
  const org = await deps.store.organizations.findBySlug(slug.normalize('NFC'));
  if (!org) throw new NotFoundError('Organization');
  return org;
}

async function logosOf(
  deps: ServiceDeps,
  orgs: readonly OrganizationRecord[],
): Promise<Map<string, MediaInfo>> {
  const ids = orgs.flatMap((o) => (o.logoMediaId ? [o.logoMediaId] : []));
  const media = await deps.store.media.listByIds(ids);
  return new Map(media.map((m) => [m.id, toMediaInfo(m)]));
}

/** Every organization, by name, with its member count and logo. */
export async function organizationsOverview(
  deps: ServiceDeps,
  actor: Actor,
): Promise<OrganizationSummary[]> {
  requireAdmin(actor);
  const [orgs, counts] = await Promise.all([
    deps.store.organizations.list(),
    deps.store.organizations.memberCounts(),
  ]);
  const logos = await logosOf(deps, orgs);
  return orgs.map((o) => ({
    ...o,
    members: counts.get(o.id) ?? 0,
    logo: o.logoMediaId ? (logos.get(o.logoMediaId) ?? null) : null,
  }));
}

/** One organization for its admin page: members by name, the logo, images to choose from. */
export async function organizationDetail(
  deps: ServiceDeps,
  actor: Actor,
  slug: string,
  query = '',
): Promise<OrganizationDetail> {
  requireAdmin(actor);
  const organization = await findOrganization(deps, slug);
  const text = query.trim().slice(0, 200);
  const [memberships, logos, found] = await Promise.all([
    deps.store.organizations.members(organization.id),
    logosOf(deps, [organization]),
    // Documents are filtered out here; a few pages' worth is searched for enough images.
    deps.store.media.search({ text, limit: IMAGE_CHOICES * 4, offset: 0 }),
  ]);
  const users = new Map(
    (await deps.store.users.listByIds(memberships.map((m) => m.userId))).map((u) => [u.id, u]),
  );
  const members = memberships
    .flatMap((m) => {
      const user = users.get(m.userId);
      return user
        ? [
            {
              userId: m.userId,
              username: user.username,
              displayName: user.displayName,
              role: m.role,
            },
          ]
        : [];
    })
    .sort(
      (a, b) => a.displayName.localeCompare(b.displayName) || a.username.localeCompare(b.username),
    );
  return {
    organization,
    logo: organization.logoMediaId ? (logos.get(organization.logoMediaId) ?? null) : null,
    members,
    images: found
      .filter((m) => m.kind === 'image')
      .slice(0, IMAGE_CHOICES)
      .map(toMediaInfo),
    query: text,
  };
}

/** Its archive, and every page whose byline names it (post pages carry organizationKey). */
function cacheKeys(org: OrganizationRecord): string[] {
  return [`list:organization:${org.id}`, organizationKey(org.id)];
}

/** Edits name, slug, kind, country, website and description; returns the saved record. */
export async function updateOrganization(
  deps: ServiceDeps,
  actor: Actor,
  slug: string,
  raw: unknown,
): Promise<OrganizationRecord> {
  requireAdmin(actor);
  const input = parseInput(organizationInput, raw);
  const before = await findOrganization(deps, slug);
  const nextSlug = (input.slug || slugify(input.name)).normalize('NFC');
  if (!isValidSlug(nextSlug))
    throw new ValidationError([
      { field: 'slug', message: 'Slug may contain only letters, digits and hyphens' },
    ]);
  if (input.website && !/^https?:/.test(input.website))
    throw new ValidationError([{ field: 'website', message: 'Website must be an http(s) URL' }]);
  const after: OrganizationRecord = {
    ...before,
    slug: nextSlug,
    name: input.name.normalize('NFC'),
    kind: input.kind,
    country: input.country || null,
    website: input.website || null,
    description: input.description.normalize('NFC'),
  };
  await deps.store.transaction(async (store) => {
    if (!(await store.organizations.update(after)))
      throw new ValidationError([
        { field: 'slug', message: `An organization already uses "${nextSlug}"` },
      ]);
    const changed = (['slug', 'name', 'kind', 'country', 'website', 'description'] as const).filter(
      (k) => before[k] !== after[k],
    );
    await recordAudit(deps, store, actor, {
      action: 'organization.update',
      subject: { kind: 'organization', id: after.id, label: after.name },
      details: {
        changed,
        before: Object.fromEntries(changed.map((k) => [k, before[k]])),
        after: Object.fromEntries(changed.map((k) => [k, after[k]])),
      },
    });
  });
  deps.changes.publish({ keys: cacheKeys(after) });
  return after;
}

function parseRole(value: string): OrganizationRole {
  const role = organizationRoles.find((r) => r === value);
  if (!role)
    throw new ValidationError([
      { field: 'role', message: `Role must be one of: ${organizationRoles.join(', ')}` },
    ]);
  return role;
}

async function findUserByName(deps: ServiceDeps, name: string): Promise<UserRecord> {
  const username = name.trim().replace(/^@/, '').normalize('NFC');
  if (!username)
    throw new ValidationError([{ field: 'username', message: 'Give the person’s user name' }]);
  const user =
    (await deps.store.users.findByUsername(username)) ??
    (await deps.store.users.findByLogin(usernameKey(username), ''));
  if (!user)
    throw new ValidationError([
      { field: 'username', message: `No one has the user name "${username}"` },
    ]);
  return user;
}

/** Adds a person (by user name) with a role; someone already a member is refused. */
export async function addMember(
  deps: ServiceDeps,
  actor: Actor,
  slug: string,
  input: { username: string; role: string },
): Promise<void> {
  requireAdmin(actor);
  const role = parseRole(input.role || 'member');
  const org = await findOrganization(deps, slug);
  const user = await findUserByName(deps, input.username);
  await deps.store.transaction(async (store) => {
    // Constraint-backed: the membership's primary key makes a second add, even a concurrent
    // one, insert nothing.
    if (!(await store.organizations.addMember(org.id, user.id, role)))
      throw new ValidationError([
        { field: 'username', message: `@${user.username} is already a member of ${org.name}` },
      ]);
    await recordAudit(deps, store, actor, {
      action: 'organization.member_add',
      subject: { kind: 'organization', id: org.id, label: org.name },
      details: { user: user.username, role },
    });
  });
}

export async function setMemberRole(
  deps: ServiceDeps,
  actor: Actor,
  slug: string,
  userId: string,
  roleValue: string,
): Promise<void> {
  requireAdmin(actor);
  const role = parseRole(roleValue);
  const org = await findOrganization(deps, slug);
  await deps.store.transaction(async (store) => {
    const before = (await store.organizations.members(org.id)).find((m) => m.userId === userId);
    const user = await store.users.findById(userId);
    if (!before || !user || !(await store.organizations.setMemberRole(org.id, userId, role)))
      throw new ValidationError([{ field: 'role', message: 'That person is not a member' }]);
    await recordAudit(deps, store, actor, {
      action: 'organization.member_role',
      subject: { kind: 'organization', id: org.id, label: org.name },
      details: { user: user.username, before: before.role, after: role },
    });
  });
}

export async function removeMember(
  deps: ServiceDeps,
  actor: Actor,
  slug: string,
  userId: string,
): Promise<void> {
  requireAdmin(actor);
  const org = await findOrganization(deps, slug);
  await deps.store.transaction(async (store) => {
    const user = await store.users.findById(userId);
    // Conditional: of two administrators removing the same person, one removes, one is told.
    if (!user || !(await store.organizations.removeMember(org.id, userId)))
      throw new ValidationError([{ field: 'member', message: 'That person is not a member' }]);
    await recordAudit(deps, store, actor, {
      action: 'organization.member_remove',
      subject: { kind: 'organization', id: org.id, label: org.name },
      details: { user: user.username },
    });
  });
}

/** Sets the logo to an image of the media library, or clears it (`mediaId` empty). */
export async function setLogo(
  deps: ServiceDeps,
  actor: Actor,
  slug: string,
  mediaId: string,
): Promise<void> {
  requireAdmin(actor);
  const org = await findOrganization(deps, slug);
  await deps.store.transaction(async (store) => {
    let next: string | null = null;
    if (mediaId) {
      const media = await store.media.findById(mediaId);
      if (!media)
        throw new ValidationError([{ field: 'logo', message: 'That media item does not exist' }]);
      if (media.kind !== 'image')
        throw new ValidationError([
          { field: 'logo', message: `The logo must be an image; ${media.filename} is not one` },
        ]);
      next = media.id;
    }
    await store.organizations.setLogo(org.id, next);
    await recordAudit(deps, store, actor, {
      action: 'organization.logo',
      subject: { kind: 'organization', id: org.id, label: org.name },
      details: { before: org.logoMediaId ?? null, after: next },
    });
  });
  deps.changes.publish({ keys: cacheKeys(org) });
}
