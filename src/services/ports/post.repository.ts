/** Posts, their revisions, relations, taxonomy and events. */
import type { PostStatus } from '../../domain/post.js';
import type { PostKind } from '../../domain/post-kind.js';

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
  /** Pinned by an editor to the top of the home page. */
  sticky: boolean;
  /**
   * A dated post, or a page (in the navigation, not in listings, feeds or search; 0034).
   * Always set on records read back; a record written without it (code that predates pages,
   * such as the bench's seeding) is stored as a post, the column's default.
   */
  kind?: PostKind;
}

/** Relations and taxonomy stored with each revision (so restore brings them back). */
export interface RevisionMetadata {
  authorIds: string[];
  organizationIds: string[];
  tags: string[];
  categories: string[];
  eventIds: string[];
  /** The author flagged this save minor (typos, formatting): the editor is offered to keep translations. */
  minorChange?: boolean;
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
  /** With any of these terms (a category and those below it). */
  termIds?: readonly string[];
  authorId?: string;
  organizationId?: string;
  eventId?: string;
  /** Published at or after this instant (ISO). */
  from?: string;
  /** Published before this instant (ISO). */
  before?: string;
  /**
   * After this row in the listing's order (newest first, then by id): the keyset cursor of
   * the API's pagination, stable while posts are published.
   */
  after?: { publishedAt: string; id: string };
  /**
   * Pinned posts first (the home page), then newest first. Not with `after`, whose cursor
   * follows the plain order.
   */
  stickyFirst?: boolean;
  /**
   * Posts of this kind only; `post` when not given (listings, their counts, feeds and the API
   * show no pages), `any` for both (the translator hub: pages are translated like posts).
   */
  kind?: PostKind | 'any';
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

/** A revision without its body: what a listing's card shows (title, excerpt, metadata). */
export type RevisionHeadline = Omit<RevisionRecord, 'bodyMarkdown' | 'bodyDoc'>;

/** A published post as a listing shows it: its body is not read. */
export interface PostCard {
  post: PostRecord;
  revision: RevisionHeadline;
}

export interface PostRepository {
  insertPost(post: PostRecord): Promise<void>;
  updatePost(id: string, changes: Partial<Omit<PostRecord, 'id' | 'createdAt'>>): Promise<void>;
  /** Makes a post a page or a page a post; false when there is no such post. */
  setKind(id: string, kind: PostKind): Promise<boolean>;
  /** Pins or unpins a post; false when there is no such post. */
  setSticky(id: string, sticky: boolean): Promise<boolean>;
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
  /**
   * Published posts with this slug, in any source language, oldest publication first (a
   * reader's language prefix may show an original written in another language).
   */
  findPublishedBySlug(slug: string): Promise<PostRecord[]>;
  insertRevision(revision: RevisionRecord): Promise<void>;
  revision(postId: string, number: number): Promise<RevisionRecord | null>;
  /** A revision without its body (both bodies are most of its bytes). */
  revisionHeadline(postId: string, number: number): Promise<RevisionHeadline | null>;
  /** A revision's mdast document as JSON text, null when there is no such revision. */
  revisionDoc(postId: string, number: number): Promise<string | null>;
  revisions(postId: string): Promise<RevisionRecord[]>;
  /** Replaces the post's current relations (authors, organizations, terms, events). */
  setRelations(
    postId: string,
    metadata: RevisionMetadata,
    termIds: readonly string[],
  ): Promise<void>;
  /** Published posts matching `filter`, newest first, with their published revision. */
  listPublished(filter: PublishedFilter, limit: number, offset: number): Promise<PostSummary[]>;
  /** As listPublished, without the bodies (a listing page's cards; far less to read). */
  listPublishedCards(filter: PublishedFilter, limit: number, offset: number): Promise<PostCard[]>;
  countPublished(filter: PublishedFilter): Promise<number>;
  /** Those of `termIds` that at least one published post (not page) carries. */
  termsWithPublished(termIds: readonly string[]): Promise<Set<string>>;
  /** Years and months (YYYY-MM) that have published posts (not pages), newest first, with counts. */
  publishedMonths(): Promise<{ month: string; count: number }[]>;
  /**
   * The published pages readable in `language` — written in it, or with a published
   * translation into it — for the site's navigation, oldest first (at most `limit`); one query.
   */
  navigationPages(language: string, limit: number): Promise<NavigationPageRecord[]>;
  findTerm(kind: 'tag' | 'category', slug: string): Promise<TermRecord | null>;
  /** Every category with its parent, by name (the tree: domain/term-tree.ts). */
  categoryTree(): Promise<(TermRecord & { parentId: string | null })[]>;
  /** Sets a category's parent (null: top level). The caller checks for cycles. */
  setTermParent(id: string, parentId: string | null): Promise<void>;
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
  // Taxonomy administration (admin-people): terms and events with their descriptions and the
  // revisions that name them.
  /** Terms of `kind` by name, each with how many posts' join rows use it. */
  listTermDetails(kind: 'tag' | 'category'): Promise<TermDetails[]>;
  termDetails(id: string): Promise<TermDetails | null>;
  /** Inserts a term; false when its (kind, slug) is taken. */
  insertTerm(term: TermRecord & { description: string }): Promise<boolean>;
  /** Renames a term; false when the new (kind, slug) is taken by another term. */
  updateTerm(
    id: string,
    changes: { name: string; slug: string; description: string },
  ): Promise<boolean>;
  /** Deletes a term (its join rows go with it). */
  deleteTerm(id: string): Promise<void>;
  /** Events (newest first) with their description and how many posts' join rows use each. */
  listEventDetails(): Promise<EventDetails[]>;
  eventDetails(id: string): Promise<EventDetails | null>;
  /** Inserts an event; false when its slug is taken. */
  insertEvent(event: EventRecord & { description: string }): Promise<boolean>;
  /** Edits an event; false when the new slug is taken by another event. */
  updateEvent(
    id: string,
    changes: Omit<EventRecord, 'id'> & { description: string },
  ): Promise<boolean>;
  /** Deletes an event (its join rows go with it). */
  deleteEvent(id: string): Promise<void>;
  /** Ids of posts whose join rows name the event. */
  postIdsWithEvent(eventId: string): Promise<string[]>;
  /**
   * A page of every revision's relations in (post, number) order, after `after` (keyset), for
   * rewrites that must reach every revision (merging terms, deleting events).
   */
  revisionMetadataPage(
    after: { postId: string; number: number } | null,
    limit: number,
  ): Promise<{ postId: string; number: number; metadata: RevisionMetadata }[]>;
  /** Replaces the relations stored with one revision. */
  setRevisionMetadata(postId: string, number: number, metadata: RevisionMetadata): Promise<void>;
}

/** A term with what the taxonomy page shows. */
export interface TermDetails extends TermRecord {
  description: string;
  /** The parent category; null at the top (and for every tag). */
  parentId: string | null;
  /** Posts whose join rows use it. */
  posts: number;
}

/** An event with what the taxonomy page shows. */
export interface EventDetails extends EventRecord {
  description: string;
  posts: number;
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

/** A published page as the navigation links to it, in one language. */
export interface NavigationPageRecord {
  postId: string;
  sourceLanguage: string;
  /** The original's slug, or the translation's when `translated`. */
  slug: string;
  publishedAt: string;
  /** The published revision's title (the original's). */
  title: string;
  /** The published translation into the language asked for, when there is one. */
  translation: {
    slug: string;
    /** The title unit's translated text (tagged), when translated and not a draft. */
    titleText: string | null;
  } | null;
}
