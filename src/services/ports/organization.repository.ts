/** Organizations (chapters, user groups) and their members. */

export const organizationKinds = ['chapter', 'user_group', 'thematic', 'other'] as const;
export type OrganizationKind = (typeof organizationKinds)[number];

/** A member's role in an organization (migration 0021 checks the stored value). */
export const organizationRoles = ['member', 'coordinator'] as const;
export type OrganizationRole = (typeof organizationRoles)[number];

export interface OrganizationMember {
  userId: string;
  role: OrganizationRole;
}

export interface OrganizationRecord {
  id: string;
  slug: string;
  name: string;
  kind: OrganizationKind;
  country: string | null;
  website: string | null;
  description: string;
  createdAt: string;
  /** A media-library image shown on the organization's archive page (migration 0021). */
  logoMediaId?: string | null;
}

export interface OrganizationRepository {
  create(org: OrganizationRecord): Promise<void>;
  list(): Promise<OrganizationRecord[]>;
  listByIds(ids: readonly string[]): Promise<OrganizationRecord[]>;
  findBySlug(slug: string): Promise<OrganizationRecord | null>;
  /**
   * Name, slug, kind, country, website and description (not the logo, not the creation time);
   * false, changing nothing, when another organization holds the slug (even uncommitted).
   */
  update(org: OrganizationRecord): Promise<boolean>;
  setLogo(organizationId: string, mediaId: string | null): Promise<void>;
  /**
   * Adds the membership when it does not exist (a conflicting insert, even from a concurrent
   * transaction, is a no-op); false when it already existed.
   */
  addMember(organizationId: string, userId: string, role?: OrganizationRole): Promise<boolean>;
  /** False when the user is not a member. */
  setMemberRole(organizationId: string, userId: string, role: OrganizationRole): Promise<boolean>;
  /** False when the user was not a member. */
  removeMember(organizationId: string, userId: string): Promise<boolean>;
  /** Every member with their role (callers sort them by name). */
  members(organizationId: string): Promise<OrganizationMember[]>;
  /** Member counts by organization id (organizations with none are absent). */
  memberCounts(): Promise<Map<string, number>>;
  memberships(userId: string): Promise<OrganizationRecord[]>;
}
