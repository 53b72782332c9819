/**
 * Single sign-on (issue 10). `sign_in_providers`: the OpenID Connect issuers and plain OAuth 2
 * servers an administrator configured (an OIDC provider by its issuer, found by discovery; an
 * OAuth 2 one by its three endpoints and the profile fields holding the subject and the user
 * name), with the client's id and secret, scopes, whether it is offered and the role new
 * accounts get. `user_identities`: which account a provider's subject (its stable id, never
 * its user name) signs in to, one per (provider, subject) and at most one per (provider,
 * user), with the provider's user name as it gave it. `sign_in_states`: the state, nonce and
 * PKCE verifier of each sign-in or link started, single use (`used_at`), bound to the browser
 * that started it (hash of a cookie value) and, for a link, to the signed-in account.
 * Frozen: takes Kysely<any>, imports no app code.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sign_in_providers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('oidc', 'oauth2')`))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text')
    .addColumn('authorization_endpoint', 'text')
    .addColumn('token_endpoint', 'text')
    .addColumn('profile_endpoint', 'text')
    .addColumn('subject_field', 'text', (c) => c.notNull())
    .addColumn('username_field', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('client_secret', 'text', (c) => c.notNull())
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().check(sql`enabled in (0, 1)`))
    .addColumn('new_user_role', 'text', (c) =>
      c.notNull().check(sql`new_user_role in ('reader', 'translator', 'author')`),
    )
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('user_identities')
    .addColumn('provider_id', 'text', (c) =>
      c.notNull().references('sign_in_providers.id').onDelete('cascade'),
    )
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('provider_username', 'text', (c) => c.notNull())
    .addColumn('linked_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('user_identities_pk', ['provider_id', 'subject'])
    .addUniqueConstraint('user_identities_one_per_user', ['provider_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('user_identities_user')
    .on('user_identities')
    .column('user_id')
    .execute();
  await db.schema
    .createTable('sign_in_states')
    .addColumn('state_hash', 'text', (c) => c.primaryKey())
    .addColumn('provider_id', 'text', (c) =>
      c.notNull().references('sign_in_providers.id').onDelete('cascade'),
    )
    .addColumn('browser_hash', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('intent', 'text', (c) => c.notNull().check(sql`intent in ('sign_in', 'link')`))
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('next', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema
    .createIndex('sign_in_states_expiry')
    .on('sign_in_states')
    .column('expires_at')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sign_in_states').execute();
  await db.schema.dropTable('user_identities').execute();
  await db.schema.dropTable('sign_in_providers').execute();
}
