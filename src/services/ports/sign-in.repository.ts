/**
 * Single sign-on storage (0023): the providers an administrator configured, which account each
 * provider subject signs in to, and the sign-ins started (state, nonce, PKCE verifier).
 */
import type { NewUserRole, ProviderKind, SignInIntent } from '../../domain/sign-in.js';

export interface SignInProviderRecord {
  id: string;
  slug: string;
  kind: ProviderKind;
  label: string;
  /** OIDC: the issuer (discovery). OAuth 2: optional, the authorization server's identifier. */
  issuer: string | null;
  authorizationEndpoint: string | null;
  tokenEndpoint: string | null;
  profileEndpoint: string | null;
  subjectField: string;
  usernameField: string;
  clientId: string;
  /** Never logged, rendered or written to the audit log. */
  clientSecret: string;
  scopes: string[];
  enabled: boolean;
  newUserRole: NewUserRole;
  createdAt: string;
  updatedAt: string;
}

export interface UserIdentityRecord {
  providerId: string;
  subject: string;
  userId: string;
  providerUsername: string;
  linkedAt: string;
}

export interface SignInStateRecord {
  stateHash: string;
  providerId: string;
  browserHash: string;
  nonce: string;
  codeVerifier: string;
  intent: SignInIntent;
  userId: string | null;
  next: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}

export interface SignInRepository {
  /** Deletes the sign-in states expired at `now`; how many. */
  pruneStates(now: string): Promise<number>;
  listProviders(): Promise<SignInProviderRecord[]>;
  findProvider(id: string): Promise<SignInProviderRecord | null>;
  findProviderBySlug(slug: string): Promise<SignInProviderRecord | null>;
  /** Inserts; false when the slug is taken (unique index), nothing written. */
  insertProvider(provider: SignInProviderRecord): Promise<boolean>;
  /** Updates every field but id and createdAt; false when the slug is taken. */
  updateProvider(provider: SignInProviderRecord): Promise<boolean>;
  deleteProvider(id: string): Promise<void>;
  /** How many accounts sign in with the provider. */
  countIdentities(providerId: string): Promise<number>;

  findIdentity(providerId: string, subject: string): Promise<UserIdentityRecord | null>;
  identitiesOf(userId: string): Promise<UserIdentityRecord[]>;
  /** Inserts; false when the subject or (provider, user) is linked already (race-safe). */
  insertIdentity(identity: UserIdentityRecord): Promise<boolean>;
  /** The provider's user name as it gave it at the latest sign-in. */
  updateIdentityUsername(providerId: string, subject: string, username: string): Promise<void>;
  deleteIdentity(providerId: string, userId: string): Promise<boolean>;

  insertState(state: SignInStateRecord): Promise<void>;
  /**
   * Marks the unused, unexpired state of `stateHash` used at `now` and returns it; null when
   * absent, used or expired (of two simultaneous callbacks one gets it). Also drops states
   * that expired before `now`.
   */
  consumeState(stateHash: string, now: string): Promise<SignInStateRecord | null>;
}
