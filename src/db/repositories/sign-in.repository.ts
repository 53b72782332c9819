/** Single sign-on storage (0023): providers, linked identities and started sign-ins. */
import type { Kysely, Selectable } from 'kysely';
import { newUserRoles, providerKinds } from '../../domain/sign-in.js';
import type {
  SignInProviderRecord,
  SignInRepository,
  SignInStateRecord,
  UserIdentityRecord,
} from '../../services/ports/sign-in.repository.js';
import { isUniqueViolation } from '../errors.js';
import type {
  Database,
  SignInProvidersTable,
  SignInStatesTable,
  UserIdentitiesTable,
} from '../schema.js';
import { storedValue } from './stored-value.js';

function toProvider(row: Selectable<SignInProvidersTable>): SignInProviderRecord {
  return {
    id: row.id,
    slug: row.slug,
    kind: storedValue(providerKinds, row.kind, 'sign_in_providers.kind'),
    label: row.label,
    issuer: row.issuer,
    authorizationEndpoint: row.authorization_endpoint,
    tokenEndpoint: row.token_endpoint,
    profileEndpoint: row.profile_endpoint,
    subjectField: row.subject_field,
    usernameField: row.username_field,
    clientId: row.client_id,
    clientSecret: row.client_secret,
    scopes: row.scopes === '' ? [] : row.scopes.split(' '),
    enabled: row.enabled === 1,
    newUserRole: storedValue(newUserRoles, row.new_user_role, 'sign_in_providers.new_user_role'),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function providerRow(p: SignInProviderRecord): Selectable<SignInProvidersTable> {
  return {
    id: p.id,
    slug: p.slug,
    kind: p.kind,
    label: p.label,
    issuer: p.issuer,
    authorization_endpoint: p.authorizationEndpoint,
    token_endpoint: p.tokenEndpoint,
    profile_endpoint: p.profileEndpoint,
    subject_field: p.subjectField,
    username_field: p.usernameField,
    client_id: p.clientId,
    client_secret: p.clientSecret,
    scopes: p.scopes.join(' '),
    enabled: p.enabled ? 1 : 0,
    new_user_role: p.newUserRole,
    created_at: p.createdAt,
    updated_at: p.updatedAt,
  };
}

function toIdentity(row: Selectable<UserIdentitiesTable>): UserIdentityRecord {
  return {
    providerId: row.provider_id,
    subject: row.subject,
    userId: row.user_id,
    providerUsername: row.provider_username,
    linkedAt: row.linked_at,
  };
}

function toState(row: Selectable<SignInStatesTable>): SignInStateRecord {
  return {
    stateHash: row.state_hash,
    providerId: row.provider_id,
    browserHash: row.browser_hash,
    nonce: row.nonce,
    codeVerifier: row.code_verifier,
    intent: storedValue(['sign_in', 'link'] as const, row.intent, 'sign_in_states.intent'),
    userId: row.user_id,
    next: row.next,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    usedAt: row.used_at,
  };
}

export class KyselySignInRepository implements SignInRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async listProviders(): Promise<SignInProviderRecord[]> {
    const rows = await this.db
      .selectFrom('sign_in_providers')
      .selectAll()
      .orderBy('label')
      .orderBy('id')
      .execute();
    return rows.map(toProvider);
  }

  async findProvider(id: string): Promise<SignInProviderRecord | null> {
    const row = await this.db
      .selectFrom('sign_in_providers')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toProvider(row) : null;
  }

  async findProviderBySlug(slug: string): Promise<SignInProviderRecord | null> {
    const row = await this.db
      .selectFrom('sign_in_providers')
      .selectAll()
      .where('slug', '=', slug)
      .executeTakeFirst();
    return row ? toProvider(row) : null;
  }

  async insertProvider(provider: SignInProviderRecord): Promise<boolean> {
    try {
      await this.db.insertInto('sign_in_providers').values(providerRow(provider)).execute();
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async updateProvider(provider: SignInProviderRecord): Promise<boolean> {
    const { id: _id, created_at: _created, ...fields } = providerRow(provider);
    try {
      await this.db
        .updateTable('sign_in_providers')
        .set(fields)
        .where('id', '=', provider.id)
        .execute();
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async deleteProvider(id: string): Promise<void> {
    await this.db.deleteFrom('sign_in_providers').where('id', '=', id).execute();
  }

  async countIdentities(providerId: string): Promise<number> {
    const row = await this.db
      .selectFrom('user_identities')
      .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
      .where('provider_id', '=', providerId)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async findIdentity(providerId: string, subject: string): Promise<UserIdentityRecord | null> {
    const row = await this.db
      .selectFrom('user_identities')
      .selectAll()
      .where('provider_id', '=', providerId)
      .where('subject', '=', subject)
      .executeTakeFirst();
    return row ? toIdentity(row) : null;
  }

  async identitiesOf(userId: string): Promise<UserIdentityRecord[]> {
    const rows = await this.db
      .selectFrom('user_identities')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('linked_at')
      .execute();
    return rows.map(toIdentity);
  }

  async insertIdentity(identity: UserIdentityRecord): Promise<boolean> {
    const result = await this.db
      .insertInto('user_identities')
      .values({
        provider_id: identity.providerId,
        subject: identity.subject,
        user_id: identity.userId,
        provider_username: identity.providerUsername,
        linked_at: identity.linkedAt,
      })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async updateIdentityUsername(providerId: string, subject: string, username: string) {
    await this.db
      .updateTable('user_identities')
      .set({ provider_username: username })
      .where('provider_id', '=', providerId)
      .where('subject', '=', subject)
      .execute();
  }

  async deleteIdentity(providerId: string, userId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('user_identities')
      .where('provider_id', '=', providerId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async insertState(state: SignInStateRecord): Promise<void> {
    await this.db
      .insertInto('sign_in_states')
      .values({
        state_hash: state.stateHash,
        provider_id: state.providerId,
        browser_hash: state.browserHash,
        nonce: state.nonce,
        code_verifier: state.codeVerifier,
        intent: state.intent,
        user_id: state.userId,
        next: state.next,
        created_at: state.createdAt,
        expires_at: state.expiresAt,
        used_at: state.usedAt,
      })
      .execute();
  }

  async pruneStates(now: string): Promise<number> {
    const result = await this.db
      .deleteFrom('sign_in_states')
      .where('expires_at', '<=', now)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async consumeState(stateHash: string, now: string): Promise<SignInStateRecord | null> {
    const row = await this.db
      .updateTable('sign_in_states')
      .set({ used_at: now })
      .where('state_hash', '=', stateHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returningAll()
      .executeTakeFirst();
    await this.pruneStates(now);
    return row ? toState(row) : null;
  }
}
