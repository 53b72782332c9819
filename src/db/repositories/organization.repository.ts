/** Organizations (chapters, user groups, thematic organizations) and their members. */
import type { Kysely, Selectable } from 'kysely';
import { organizationKinds } from '../../services/repositories.js';
import type { OrganizationRecord, OrganizationRepository } from '../../services/repositories.js';
import type { Database, OrganizationsTable } from '../schema.js';
import { storedValue } from './stored-value.js';

export class KyselyOrganizationRepository implements OrganizationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(o: OrganizationRecord): Promise<void> {
    await this.db
      .insertInto('organizations')
      .values({
        id: o.id,
        slug: o.slug,
        name: o.name,
        kind: o.kind,
        country: o.country,
        website: o.website,
        description: o.description,
        created_at: o.createdAt,
      })
      .execute();
  }

  async list(): Promise<OrganizationRecord[]> {
    const rows = await this.db.selectFrom('organizations').selectAll().orderBy('name').execute();
    return rows.map(toOrganization);
  }

  async listByIds(ids: readonly string[]): Promise<OrganizationRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('organizations')
      .selectAll()
      .where('id', 'in', ids)
      .execute();
    const byId = new Map(rows.map((r) => [r.id, toOrganization(r)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async findBySlug(slug: string): Promise<OrganizationRecord | null> {
    const row = await this.db
      .selectFrom('organizations')
      .selectAll()
      .where('slug', '=', slug)
      .executeTakeFirst();
    return row ? toOrganization(row) : null;
  }

  async addMember(organizationId: string, userId: string): Promise<void> {
    await this.db
      .insertInto('organization_members')
      .values({ organization_id: organizationId, user_id: userId })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  async members(organizationId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('organization_members')
      .select('user_id')
      .where('organization_id', '=', organizationId)
      .execute();
    return rows.map((r) => r.user_id);
  }

  async memberships(userId: string): Promise<OrganizationRecord[]> {
    const rows = await this.db
      .selectFrom('organizations')
      .innerJoin('organization_members', 'organization_members.organization_id', 'organizations.id')
      .selectAll('organizations')
      .where('organization_members.user_id', '=', userId)
      .orderBy('organizations.name')
      .execute();
    return rows.map(toOrganization);
  }
}

function toOrganization(row: Selectable<OrganizationsTable>): OrganizationRecord {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    kind: storedValue(organizationKinds, row.kind, 'organizations.kind'),
    country: row.country,
    website: row.website,
    description: row.description,
    createdAt: row.created_at,
  };
}
