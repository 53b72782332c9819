/** Posts, their revisions, relations, taxonomy and events. */
import type { PostStatus } from '../../domain/post.js';

export interface PostRecord {
  id: string;
  sourceLanguage: string;
  slug: string;
  status: PostStatus;
  currentRevision: number;
  publishedRevision: number | null;
  publishedAt: string | null;
  scheduledAt: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Relations and taxonomy stored with each revision (so restore brings them back). */
export interface RevisionMetadata {
  authorIds: string[];
  organizationIds: string[];
  tags: string[];
  categories: string[];
  eventIds: string[];
}

export interface RevisionRecord {
  postId: string;
  number: number;
  title: string;
  excerpt: string;
  bodyMarkdown: string;
  /** The mdast document, as JSON text. */
  bodyDoc: string;
  featuredMediaId: string | null;
  featuredAlt: string;
  metadata: RevisionMetadata;
  savedBy: string | null;
  restoredFrom: number | null;
  createdAt: string;
}

export interface TermRecord {
  id: string;
  kind: 'tag' | 'category';
  slug: string;
  name: string;
}

export interface EventRecord {
  id: string;
  slug: string;
  name: string;
  startsOn: string | null;
  endsOn: string | null;
  location: string;
  url: string | null;
}

/** Narrows a listing of published posts; every given condition must hold. */
export interface PublishedFilter {
  termId?: string;
  authorId?: string;
  organizationId?: string;
  eventId?: string;
  /** Published at or after this instant (ISO). */
  from?: string;
  /** Published before this instant (ISO). */
  before?: string;
  /** Written in this language. */
  sourceLanguage?: string;
  /** Written in another language than this one. */
  notSourceLanguage?: string;
  /** Has no translation (in any state) into this language. */
  untranslatedInto?: string;
}

export interface PostSummary {
  post: PostRecord;
  revision: RevisionRecord;
}

export interface PostRepository {
  insertPost(post: PostRecord): Promise<void>;
  updatePost(id: string, changes: Partial<Omit<PostRecord, 'id' | 'createdAt'>>): Promise<void>;
  /** Sets current_revision only if it still equals `expected`; false when another save won. */
  advanceRevision(id: string, expected: number, next: number, updatedAt: string): Promise<boolean>;
  /**
   * The workflow's compare-and-set: applies `changes` only while the post is still as
   * `expected` (one conditional UPDATE); false when another change committed first. Never
   * writes current_revision, so it cannot move backwards.
   */
  updatePostIf(
    id: string,
    expected: PostExpectation,
    changes: PostWorkflowChanges,
  ): Promise<boolean>;
  findById(id: string): Promise<PostRecord | null>;
  findBySlug(language: string, slug: string): Promise<PostRecord | null>;
  insertRevision(revision: RevisionRecord): Promise<void>;
  revision(postId: string, number: number): Promise<RevisionRecord | null>;
  revisions(postId: string): Promise<RevisionRecord[]>;
  /** Replaces the post's current relations (authors, organizations, terms, events). */
  setRelations(
    postId: string,
    metadata: RevisionMetadata,
    termIds: readonly string[],
  ): Promise<void>;
  /** Published posts matching `filter`, newest first, with their published revision. */
  listPublished(filter: PublishedFilter, limit: number, offset: number): Promise<PostSummary[]>;
  countPublished(filter: PublishedFilter): Promise<number>;
  /** Years and months (YYYY-MM) that have published posts, newest first, with counts. */
  publishedMonths(): Promise<{ month: string; count: number }[]>;
  findTerm(kind: 'tag' | 'category', slug: string): Promise<TermRecord | null>;
  findEvent(slug: string): Promise<EventRecord | null>;
  /** Posts in one of `statuses` with their current revision, most recently updated first. */
  listByStatus(statuses: readonly PostStatus[]): Promise<PostSummary[]>;
  listForAuthor(userId: string): Promise<PostSummary[]>;
  dueScheduled(now: string): Promise<PostRecord[]>;
  saveConflict(conflict: {
    id: string;
    postId: string;
    baseRevision: number;
    currentRevision: number;
    submitted: string;
    userId: string;
    createdAt: string;
  }): Promise<void>;
  conflicts(postId: string): Promise<
    {
      id: string;
      baseRevision: number;
      currentRevision: number;
      submitted: string;
      userId: string | null;
      createdAt: string;
    }[]
  >;
  /** Creates missing terms and returns the ids of all, in input order. */
  ensureTerms(terms: readonly Omit<TermRecord, 'id'>[], newId: () => string): Promise<TermRecord[]>;
  termsOfPost(postId: string): Promise<TermRecord[]>;
  createEvent(event: EventRecord): Promise<void>;
  listEvents(): Promise<EventRecord[]>;
  eventsByIds(ids: readonly string[]): Promise<EventRecord[]>;
  /**
   * Every published post, newest first, without revisions (the sitemap lists all of them, so
   * this stays one cheap query over the posts table however many there are).
   */
  publishedIndex(): Promise<PublishedIndexEntry[]>;
}

/** What a workflow transition read and requires still to hold when it writes. */
export interface PostExpectation {
  status: PostStatus;
  currentRevision?: number;
  publishedRevision?: number | null;
  scheduledAt?: string | null;
  /** Only while scheduled_at is at or before this instant (the scheduler's claim). */
  dueBy?: string;
}

/** What a workflow transition writes (never the content or current_revision). */
export interface PostWorkflowChanges {
  status: PostStatus;
  updatedAt: string;
  publishedRevision?: number | null;
  publishedAt?: string | null;
  scheduledAt?: string | null;
}

/** A published post as the sitemap needs it: where it lives and when it last changed. */
export interface PublishedIndexEntry {
  id: string;
  sourceLanguage: string;
  slug: string;
  publishedAt: string;
  updatedAt: string;
}
