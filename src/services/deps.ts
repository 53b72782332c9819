/** Everything a service may use, passed in by the composition root (src/main.ts). */
import type {
  ChangeFeed,
  Clock,
  ContentFormat,
  ImageProcessor,
  ImportFiles,
  Mailer,
  PasswordHasher,
  Storage,
  TimingsHub,
} from './ports.js';
import type { PublicationPolicy } from '../domain/publication-policy.js';
import type { AccountLimits } from './auth/limits.js';
import type { CommentLimits } from './comments/limits.js';
import type { MtRegistry } from './mt/registry.js';
import type { SignInProtocol } from './ports/sign-in-protocol.js';
import type { Store } from './repositories.js';

export interface Settings {
  siteName: string;
  /** Absolute base URL used in e-mails, e.g. http://localhost:3000 */
  publicUrl: string;
  sessionDays: number;
  maxUploadBytes: number;
  /** Largest WordPress export the admin import page accepts. */
  maxImportBytes?: number;
  /** Canonical tags of the languages readers can browse in; includes `defaultLanguage`. */
  languages: string[];
  /** The language of `/` when nothing else decides, and of x-default links. */
  defaultLanguage: string;
  /** Per-account limits on sign-in, reset and sign-up (DEFAULT_ACCOUNT_LIMITS when absent). */
  accountLimits?: AccountLimits;
  /**
   * Edits to published translations go live at once instead of waiting for a reviewer (for
   * communities that trust their volunteers; off by default).
   */
  translationEditsGoLive: boolean;
  /** New accounts get the translator role (saving translations needs it). */
  translatorRoleAtSignUp: boolean;
  /**
   * A translation whose share of unmodified machine-translated words is above this (0..1)
   * cannot be published (default 0.95).
   */
  unmodifiedMachineLimit: number;
  /** Translation memory suggests matches scoring at least this percent (default 70). */
  memoryThreshold: number;
  /**
   * Database time one memory lookup may take before it answers with what it found (default
   * 30 ms); the counts of the editor and the hub take at least this much too. Tests raise it so
   * their matches do not depend on how busy the machine is.
   */
  memoryBudgetMs?: number;
  /** When a translation may be published (site setting; DEFAULT_PUBLICATION_POLICY). */
  publication: PublicationPolicy;
  /** One or two sentences about the site (site setting; empty when not set). */
  siteDescription?: string;
  /**
   * Per site language, the languages its missing interface text comes from, in order
   * (`pt-BR` → `pt`, `en`); set from the database by applySiteSettings.
   */
  languageFallbacks?: Record<string, string[]>;
  /** Languages translators may translate into (site languages with translating on). */
  translationLanguages?: string[];
  /** Days after publication a post takes comments (site setting; default 21, 0 = never closes). */
  commentsCloseAfterDays?: number;
  /** Comments per account and per address (DEFAULT_COMMENT_LIMITS when absent). */
  commentLimits?: CommentLimits;
}

export interface ServiceDeps {
  store: Store;
  /**
   * The same repositories over a read replica (DATABASE_READ_URL), for signed-out reading
   * (src/http/reader-deps.ts); absent, everything reads `store`.
   */
  readStore?: Store;
  clock: Clock;
  mailer: Mailer;
  hasher: PasswordHasher;
  content: ContentFormat;
  storage: Storage;
  /** Uploaded WordPress exports waiting for the import runner. */
  imports: ImportFiles;
  images: ImageProcessor;
  newId: () => string;
  /** Announces changes readers can see (page caches listen). */
  changes: ChangeFeed;
  /** Machine-translation engines configured here, with their circuit breakers and limits. */
  mt: MtRegistry;
  /** OpenID Connect and OAuth 2 with the sign-in providers an administrator configured. */
  signInProtocol: SignInProtocol;
  settings: Settings;
  /** Durations reported to the operator's metrics; absent, nothing is reported. */
  timings?: TimingsHub;
  /**
   * Set while a migration (the WordPress import) replays a site's history: nobody is notified
   * of what it publishes, schedules or submits — those events happened long ago elsewhere.
   */
  silent?: boolean;
}
