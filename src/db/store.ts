/** Builds the Store (all repositories) over a Kysely connection or transaction. */
import type { Kysely } from 'kysely';
import type { Store } from '../services/repositories.js';
import { lockedTransaction, takeAdvisoryLock } from './connection.js';
import { KyselyApiTokenRepository } from './repositories/api-token.repository.js';
import { KyselyAuditRepository } from './repositories/audit.repository.js';
import { KyselyCandidateRepository } from './repositories/candidate.repository.js';
import { KyselyCommentRepository } from './repositories/comment.repository.js';
import { KyselyContentRepository } from './repositories/content.repository.js';
import { KyselyDigestRepository } from './repositories/digest.repository.js';
import { KyselySignInRepository } from './repositories/sign-in.repository.js';
import { KyselyFindingRepository } from './repositories/finding.repository.js';
import { KyselyGlossaryRepository } from './repositories/glossary.repository.js';
import { KyselyHealthRepository } from './repositories/health.repository.js';
import { KyselyJobRepository } from './repositories/job.repository.js';
import { KyselyMediaRepository } from './repositories/media.repository.js';
import { KyselyMemoryRepository } from './repositories/memory.repository.js';
import { KyselyMtRepository } from './repositories/mt.repository.js';
import { KyselyNotificationRepository } from './repositories/notification.repository.js';
import { KyselyImportRunRepository } from './repositories/import-run.repository.js';
import { KyselyInterfaceRepository } from './repositories/interface.repository.js';
import { KyselyOrganizationRepository } from './repositories/organization.repository.js';
import { KyselyPostRepository } from './repositories/post.repository.js';
import { KyselyRedirectRepository } from './repositories/redirect.repository.js';
import { KyselySearchRepository } from './repositories/search.repository.js';
import { KyselySessionRepository } from './repositories/session.repository.js';
import { KyselySiteExportRepository } from './repositories/site-export.repository.js';
import { KyselySiteRepository } from './repositories/site.repository.js';
import { KyselyStatsRepository } from './repositories/stats.repository.js';
import { KyselyTranslationRepository } from './repositories/translation.repository.js';
import { KyselyUserRepository } from './repositories/user.repository.js';
import type { Database } from './schema.js';

export function createStore(db: Kysely<Database>, inTransaction = false): Store {
  return {
    users: new KyselyUserRepository(db),
    sessions: new KyselySessionRepository(db),
    organizations: new KyselyOrganizationRepository(db),
    posts: new KyselyPostRepository(db),
    media: new KyselyMediaRepository(db),
    translations: new KyselyTranslationRepository(db),
    candidates: new KyselyCandidateRepository(db),
    findings: new KyselyFindingRepository(db),
    jobs: new KyselyJobRepository(db),
    search: new KyselySearchRepository(db),
    mt: new KyselyMtRepository(db),
    glossary: new KyselyGlossaryRepository(db),
    memory: new KyselyMemoryRepository(db),
    audit: new KyselyAuditRepository(db),
    interface: new KyselyInterfaceRepository(db),
    site: new KyselySiteRepository(db),
    siteExport: new KyselySiteExportRepository(db),
    content: new KyselyContentRepository(db),
    digests: new KyselyDigestRepository(db),
    signIn: new KyselySignInRepository(db),
    comments: new KyselyCommentRepository(db),
    stats: new KyselyStatsRepository(db),
    notifications: new KyselyNotificationRepository(db),
    apiTokens: new KyselyApiTokenRepository(db),
    redirects: new KyselyRedirectRepository(db),
    importRuns: new KyselyImportRunRepository(db),
    health: new KyselyHealthRepository(db),
    transaction: (work) =>
      inTransaction
        ? work(createStore(db, true))
        : db.transaction().execute((trx) => work(createStore(trx, true))),
    locked: async (name, work) => {
      if (!inTransaction) return lockedTransaction(db, name, (trx) => work(createStore(trx, true)));
      await takeAdvisoryLock(db, name);
      return work(createStore(db, true));
    },
  };
}
