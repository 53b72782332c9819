/** Organizations (chapters, user groups) and their members. */

export const organizationKinds = ['chapter', 'user_group', 'thematic', 'other'] as const;
export type OrganizationKind = (typeof organizationKinds)[number];

export interface OrganizationRecord {
  id: string;
  slug: string;
  name: string;
  kind: OrganizationKind;
  country: string | null;
  website: string | null;
  description: string;
  createdAt: string;
}

export interface OrganizationRepository {
  create(org: OrganizationRecord): Promise<void>;
  list(): Promise<OrganizationRecord[]>;
  listByIds(ids: readonly string[]): Promise<OrganizationRecord[]>;
  findBySlug(slug: string): Promise<OrganizationRecord | null>;
  addMember(organizationId: string, userId: string): Promise<void>;
  members(organizationId: string): Promise<string[]>;
  memberships(userId: string): Promise<OrganizationRecord[]>;
}
