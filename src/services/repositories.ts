/**
 * What services need from storage: one port per file under ./ports, implemented in
 * src/db/repositories. One method, one query (or one short batch); no business rules live
 * behind these. This module re-exports them so callers import from one place.
 */
export * from './ports/api-token.repository.js';
export * from './ports/audit.repository.js';
export * from './ports/candidate.repository.js';
export * from './ports/comment.repository.js';
export * from './ports/content.repository.js';
export * from './ports/digest.repository.js';
export * from './ports/sign-in.repository.js';
export * from './ports/finding.repository.js';
export * from './ports/glossary.repository.js';
export * from './ports/health.repository.js';
export * from './ports/job.repository.js';
export * from './ports/media.repository.js';
export * from './ports/memory.repository.js';
export * from './ports/import-run.repository.js';
export * from './ports/interface.repository.js';
export * from './ports/mt.repository.js';
export * from './ports/notification.repository.js';
export * from './ports/organization.repository.js';
export * from './ports/post.repository.js';
export * from './ports/search.repository.js';
export * from './ports/site.repository.js';
export * from './ports/stats.repository.js';
export * from './ports/store.js';
export * from './ports/translation.repository.js';
export * from './ports/user.repository.js';
