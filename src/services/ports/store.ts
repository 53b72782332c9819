/** All repositories over one connection or one transaction. */
import type { ApiTokenRepository } from './api-token.repository.js';
import type { AuditRepository } from './audit.repository.js';
import type { CandidateRepository } from './candidate.repository.js';
import type { CommentRepository } from './comment.repository.js';
import type { ContentRepository } from './content.repository.js';
import type { DigestRepository } from './digest.repository.js';
import type { SignInRepository } from './sign-in.repository.js';
import type { FindingRepository } from './finding.repository.js';
import type { ImportRunRepository } from './import-run.repository.js';
import type { InterfaceRepository } from './interface.repository.js';
import type { GlossaryRepository } from './glossary.repository.js';
import type { HealthRepository } from './health.repository.js';
import type { JobRepository } from './job.repository.js';
import type { MediaRepository } from './media.repository.js';
import type { MemoryRepository } from './memory.repository.js';
import type { MtRepository } from './mt.repository.js';
import type { NotificationRepository } from './notification.repository.js';
import type { OrganizationRepository } from './organization.repository.js';
import type { PostRepository } from './post.repository.js';
import type { RedirectRepository } from './redirect.repository.js';
import type { SearchRepository } from './search.repository.js';
import type { SiteExportRepository } from './site-export.repository.js';
import type { SiteRepository } from './site.repository.js';
import type { StatsRepository } from './stats.repository.js';
import type { TranslationRepository } from './translation.repository.js';
import type { SessionRepository, UserRepository } from './user.repository.js';

export interface Store {
  users: UserRepository;
  sessions: SessionRepository;
  organizations: OrganizationRepository;
  posts: PostRepository;
  media: MediaRepository;
  search: SearchRepository;
  translations: TranslationRepository;
  candidates: CandidateRepository;
  findings: FindingRepository;
  jobs: JobRepository;
  mt: MtRepository;
  glossary: GlossaryRepository;
  memory: MemoryRepository;
  audit: AuditRepository;
  interface: InterfaceRepository;
  site: SiteRepository;
  /** The whole site in one snapshot, for `polyphony export`. */
  siteExport: SiteExportRepository;
  content: ContentRepository;
  digests: DigestRepository;
  signIn: SignInRepository;
  comments: CommentRepository;
  stats: StatsRepository;
  notifications: NotificationRepository;
  apiTokens: ApiTokenRepository;
  /** Old addresses (a WordPress import's) answered with a 301 to a local path. */
  redirects: RedirectRepository;
  /** WordPress imports started from the admin pages, and their report lines. */
  importRuns: ImportRunRepository;
  /** Readiness: the database answers and its migrations match the code's. */
  health: HealthRepository;
  /** Runs `work` in one database transaction; rolls back if it throws. */
  transaction<T>(work: (store: Store) => Promise<T>): Promise<T>;
  /**
   * Runs `work` in one transaction holding the lock `name`: across every connection and
   * instance, one such transaction per name at a time (PostgreSQL advisory lock, SQLite's
   * write lock taken at BEGIN); the next one waits, then sees what the first committed.
   */
  locked<T>(name: string, work: (store: Store) => Promise<T>): Promise<T>;
}
