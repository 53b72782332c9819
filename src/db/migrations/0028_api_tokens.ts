/**
 * Personal access tokens for the REST API (issue 11): a person's named, scoped tokens. Only
 * the SHA-256 hash of a token's secret is stored (unique: a request finds its token by it);
 * `prefix` is the first characters of the secret, shown so its owner can tell tokens apart.
 * `scopes` is a space-separated list (`read`, `translate`). Revoked tokens are kept (who had
 * which token stays readable) with `revoked_at` set.
 * Frozen: takes Kysely<any>, imports no app code.
 */
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('scopes', 'text', (c) => c.notNull())
    // ISO-8601 UTC instants; null: never used / never expires / not revoked.
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('expires_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  // The account page lists a person's tokens, newest first.
  await db.schema
    .createIndex('api_tokens_user')
    .on('api_tokens')
    .columns(['user_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('api_tokens').execute();
}
