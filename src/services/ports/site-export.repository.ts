/**
 * Reading the whole site for `polyphony export` (docs/export.md): every record a person would
 * want to take away, from one consistent snapshot, with no secret (password hashes, sessions,
 * tokens, sign-in secrets and states are never read).
 */
import type { PostKind } from '../../domain/post-kind.js';
import type { TranslationReference } from './translation.repository.js';

export interface ExportSite {
  settings: Record<string, unknown>;
  languages: {
    tag: string;
    position: number;
    direction: string;
    fallback: string[];
    reading: boolean;
    translating: boolean;
  }[];
}

export interface ExportUser {
  id: string;
  username: string;
  displayName: string;
  email: string;
  bio: string;
  timeZone: string;
  avatarMediaId: string | null;
  interfaceLanguage: string | null;
  roles: string[];
  createdAt: string;
  suspendedAt: string | null;
}

export interface ExportOrganization {
  id: string;
  slug: string;
  name: string;
  kind: string;
  country: string | null;
  website: string | null;
  description: string;
  logoMediaId: string | null;
  createdAt: string;
  members: { userId: string; role: string }[];
}

export interface ExportTerm {
  id: string;
  kind: string;
  slug: string;
  name: string;
  description: string;
  /** The parent category's id (migration 0032); null at the top and for tags. */
  parentId: string | null;
}

export interface ExportEvent {
  id: string;
  slug: string;
  name: string;
  startsOn: string | null;
  endsOn: string | null;
  location: string;
  url: string | null;
  description: string;
}

export interface ExportMedia {
  id: string;
  kind: string;
  mime: string;
  filename: string;
  size: number;
  width: number | null;
  height: number | null;
  storageKey: string;
  /** Resized variants as stored: each has its own storage key. */
  variants: { storageKey: string; [field: string]: unknown }[];
  alt: string;
  uploadedBy: string | null;
  createdAt: string;
}

export interface ExportRevision {
  number: number;
  title: string;
  excerpt: string;
  bodyMarkdown: string;
  featuredMediaId: string | null;
  featuredAlt: string;
  /** Authors, organizations, tags, categories and events as saved with the revision. */
  metadata: Record<string, unknown>;
  savedBy: string | null;
  restoredFrom: number | null;
  createdAt: string;
}

export interface ExportUnit {
  unitId: string;
  position: number;
  path: string;
  kind: string;
  source: string;
}

export interface ExportTarget {
  unitId: string;
  text: string;
  state: string;
  version: number;
  provenance: string;
  baseRevision: number | null;
  baseSource: string | null;
  translatedBy: string | null;
  reviewedBy: string | null;
  updatedAt: string;
}

export interface ExportHistoryEntry {
  unitId: string;
  version: number;
  action: string;
  text: string;
  state: string;
  provenance: string;
  baseRevision: number | null;
  comment: string | null;
  userId: string | null;
  createdAt: string;
}

export interface ExportTranslation {
  id: string;
  language: string;
  slug: string;
  status: string;
  publishedAt: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  targets: ExportTarget[];
  history: ExportHistoryEntry[];
}

/**
 * The whole text a translation was imported from (migration 0030), once per post and language.
 * Kept on the post rather than on a translation: an import that aligned nothing leaves a
 * reference for a language that has no translation yet.
 */
export type ExportReference = Omit<TranslationReference, 'postId'>;

/** A permanent redirect (migration 0029): a former site's address → a path of this site. */
export interface ExportRedirect {
  path: string;
  target: string;
  source: string;
  createdAt: string;
}

export interface ExportComment {
  id: string;
  language: string;
  parentId: string | null;
  authorId: string | null;
  body: string;
  status: string;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
}

export interface ExportPost {
  id: string;
  sourceLanguage: string;
  slug: string;
  status: string;
  currentRevision: number;
  publishedRevision: number | null;
  publishedAt: string | null;
  scheduledAt: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  /** Pinned to the top of the home page (migration 0031). */
  sticky: boolean;
  /** `post` or `page` (migration 0034). */
  kind: PostKind;
  revisions: ExportRevision[];
  /** The units of the latest revision whose units were recorded (the one targets refer to). */
  unitRevision: number | null;
  units: ExportUnit[];
  /** The stored document (mdast JSON) of `unitRevision`, which translations are applied to. */
  unitBodyDoc: string | null;
  translations: ExportTranslation[];
  /** Imported reference texts, by language. */
  references: ExportReference[];
  comments: ExportComment[];
}

/** One consistent view of the site; lists come a page at a time, in id order. */
export interface SiteExportSnapshot {
  site(): Promise<ExportSite>;
  users(): AsyncGenerator<ExportUser[]>;
  organizations(): Promise<ExportOrganization[]>;
  terms(): Promise<ExportTerm[]>;
  events(): Promise<ExportEvent[]>;
  media(): AsyncGenerator<ExportMedia[]>;
  /** Redirects in `path` order. */
  redirects(): AsyncGenerator<ExportRedirect[]>;
  /** Posts with everything they own, a few at a time (a post's history can be large). */
  posts(): AsyncGenerator<ExportPost[]>;
}

export interface SiteExportRepository {
  /** Runs `work` over one snapshot: REPEATABLE READ on PostgreSQL, a read transaction on SQLite. */
  snapshot<T>(work: (snapshot: SiteExportSnapshot) => Promise<T>): Promise<T>;
}
