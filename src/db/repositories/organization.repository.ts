/** Organizations (chapters, user groups, thematic organizations) and their members. */
import { sql } from 'kysely';
import type { Kysely, Selectable } from 'kysely';
import { organizationKinds, organizationRoles } from '../../services/repositories.js';
import type {
  OrganizationMember,
  OrganizationRecord,
  OrganizationRepository,
  OrganizationRole,
} from '../../services/repositories.js';
import { isUniqueViolation } from '../errors.js';
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
        logo_media_id: o.logoMediaId ?? null,
      })
      .execute();
  }

  async update(o: OrganizationRecord): Promise<boolean> {
    const update = (db: Kysely<Database>) =>
      db
        .updateTable('organizations')
        .set({
          slug: o.slug,
          name: o.name,
          kind: o.kind,
          country: o.country,
          website: o.website,
          description: o.description,
        })
        .where('id', '=', o.id)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('organizations as other')
                .select('other.id')
                .where('other.slug', '=', o.slug)
                .where('other.id', '<>', o.id),
            ),
          ),
        )
        .executeTakeFirst();
    if (!this.db.isTransaction) {
      try {
        return Number((await update(this.db)).numUpdatedRows) === 1;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    }
    // A concurrent transaction may hold the same slug uncommitted: the update then fails on
    // the unique index, which on PostgreSQL would abort the whole transaction — hence the
    // savepoint.
    await sql`savepoint polyphony_org_slug`.execute(this.db);
    try {
      const result = await update(this.db);
      await sql`release savepoint polyphony_org_slug`.execute(this.db);
      return Number(result.numUpdatedRows) === 1;
    } catch (error) {
      await sql`rollback to savepoint polyphony_org_slug`.execute(this.db);
      await sql`release savepoint polyphony_org_slug`.execute(this.db);
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async setLogo(organizationId: string, mediaId: string | null): Promise<void> {
    await this.db
      .updateTable('organizations')
      .set({ logo_media_id: mediaId })
      .where('id', '=', organizationId)
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

  async addMember(
    organizationId: string,
    userId: string,
    role: OrganizationRole = 'member',
  ): Promise<boolean> {
    // The primary key (organization_id, user_id) decides: a racing second insert waits for
    // the first and then does nothing, on both engines.
    const result = await this.db
      .insertInto('organization_members')
      .values({ organization_id: organizationId, user_id: userId, role })
      .onConflict((oc) => oc.columns(['organization_id', 'user_id']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async setMemberRole(
    organizationId: string,
    userId: string,
    role: OrganizationRole,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('organization_members')
      .set({ role })
      .where('organization_id', '=', organizationId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async removeMember(organizationId: string, userId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('organization_members')
      .where('organization_id', '=', organizationId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async members(organizationId: string): Promise<OrganizationMember[]> {
    const rows = await this.db
      .selectFrom('organization_members')
      .select(['user_id', 'role'])
      .where('organization_id', '=', organizationId)
      .orderBy('user_id')
      .execute();
    return rows.map((r) => ({
      userId: r.user_id,
      role: storedValue(organizationRoles, r.role, 'organization_members.role'),
    }));
  }

  async memberCounts(): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('organization_members')
      .select(['organization_id', (eb) => eb.fn.countAll<number | string>().as('count')])
      .groupBy('organization_id')
      .execute();
    return new Map(rows.map((r) => [r.organization_id, Number(r.count)]));
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
    logoMediaId: row.logo_media_id,
  };
}
