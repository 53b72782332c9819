/**
 * Personal access tokens for the REST API (migration 0028).
 */
import type { ApiScope } from '../api/scopes.js';

export interface ApiTokenRecord {
  id: string;
  userId: string;
  name: string;
  /** SHA-256 (hex) of the secret; the secret itself is never stored. */
  tokenHash: string;
  /** The first characters of the secret, for telling tokens apart. */
  prefix: string;
  scopes: ApiScope[];
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

export interface ApiTokenRepository {
  insert(token: ApiTokenRecord): Promise<void>;
  findByHash(tokenHash: string): Promise<ApiTokenRecord | null>;
  findById(id: string): Promise<ApiTokenRecord | null>;
  /** A person's tokens, newest first (revoked ones too). */
  listForUser(userId: string): Promise<ApiTokenRecord[]>;
  /** Sets revoked_at unless already set; false when it was (or the token does not exist). */
  revoke(id: string, now: string): Promise<boolean>;
  /** Sets last_used_at to `now` unless it is already after `since` (one write a minute). */
  touch(id: string, now: string, since: string): Promise<void>;
}
