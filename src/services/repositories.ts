/**
 * What services need from storage, declared here and implemented in src/db/repositories.
 * One method, one query (or one short batch); no business rules live behind these.
 */
import type { PostStatus } from '../domain/post.js';
import type { Role } from '../domain/roles.js';

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  email: string;
  passwordHash: string | null;
  timeZone: string;
  bio: string;
  avatarMediaId: string | null;
  roles: Role[];
  createdAt: string;
}

export interface NewUser {
  id: string;
  username: string;
  usernameKey: string;
  displayName: string;
  email: string;
  passwordHash: string | null;
  timeZone: string;
  bio: string;
  roles: Role[];
  createdAt: string;
}

export interface UserRepository {
  create(user: NewUser): Promise<void>;
  findById(id: string): Promise<UserRecord | null>;
  /** By user name (compared by its key) or e-mail. */
  findByLogin(usernameKey: string, email: string): Promise<UserRecord | null>;
  findByEmail(email: string): Promise<UserRecord | null>;
  existsUsernameKeyOrEmail(
    usernameKey: string,
    email: string,
  ): Promise<{ username: boolean; email: boolean }>;
  listByIds(ids: readonly string[]): Promise<UserRecord[]>;
  listAll(): Promise<UserRecord[]>;
  findByUsername(username: string): Promise<UserRecord | null>;
  /** What readers may see of people (no e-mail, no roles), in the order of `ids`; one query. */
  publicProfiles(
    ids: readonly string[],
  ): Promise<
    { id: string; username: string; displayName: string; timeZone: string; bio: string }[]
  >;
  setRoles(userId: string, roles: readonly Role[]): Promise<void>;
  setPasswordHash(userId: string, hash: string): Promise<void>;
  count(): Promise<number>;
}

export interface SessionRepository {
  create(session: {
    idHash: string;
    userId: string;
    createdAt: string;
    expiresAt: string;
  }): Promise<void>;
  /** The user of an unexpired session. */
  findUser(idHash: string, now: string): Promise<UserRecord | null>;
  delete(idHash: string): Promise<void>;
  deleteForUser(userId: string): Promise<void>;
  createPasswordReset(reset: {
    tokenHash: string;
    userId: string;
    createdAt: string;
    expiresAt: string;
  }): Promise<void>;
  /** Marks an unused, unexpired reset token used and returns its user id, or null. */
  consumePasswordReset(tokenHash: string, now: string): Promise<string | null>;
}

export const organizationKinds = ['chapter', 'user_group', 'thematic', 'other'] as const;
export type OrganizationKind = (typeof organizationKinds)[number];

export interface OrganizationRecord {
  id: string;
  slug: string;
  name: string;
  kind: OrganizationKind;
  country: string | null;
  website: string | null;
  description: string;
  createdAt: string;
}

export interface OrganizationRepository {
  create(org: OrganizationRecord): Promise<void>;
  list(): Promise<OrganizationRecord[]>;
  listByIds(ids: readonly string[]): Promise<OrganizationRecord[]>;
  findBySlug(slug: string): Promise<OrganizationRecord | null>;
  addMember(organizationId: string, userId: string): Promise<void>;
  members(organizationId: string): Promise<string[]>;
  memberships(userId: string): Promise<OrganizationRecord[]>;
}

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

/** A published post as the sitemap needs it: where it lives and when it last changed. */
export interface PublishedIndexEntry {
  id: string;
  sourceLanguage: string;
  slug: string;
  publishedAt: string;
  updatedAt: string;
}

export interface MediaRecord {
  id: string;
  kind: 'image' | 'document';
  mime: string;
  filename: string;
  size: number;
  width: number | null;
  height: number | null;
  storageKey: string;
  variants: { width: number; height: number; key: string; mime: string }[];
  alt: string;
  uploadedBy: string | null;
  createdAt: string;
}

export interface MediaRepository {
  insert(media: MediaRecord): Promise<void>;
  findById(id: string): Promise<MediaRecord | null>;
  listByIds(ids: readonly string[]): Promise<MediaRecord[]>;
  list(limit: number, offset: number): Promise<MediaRecord[]>;
  updateAlt(id: string, alt: string): Promise<void>;
}

/** All repositories over one connection or one transaction. */
export interface Store {
  users: UserRepository;
  sessions: SessionRepository;
  organizations: OrganizationRepository;
  posts: PostRepository;
  media: MediaRepository;
  search: SearchRepository;
  translations: TranslationRepository;
  jobs: JobRepository;
  /** Runs `work` in one database transaction; rolls back if it throws. */
  transaction<T>(work: (store: Store) => Promise<T>): Promise<T>;
}

/**
 * Marks around matched words in search snippets. Control characters that the indexed text
 * never contains (the search service strips them), so snippets stay plain text: the view
 * splits on them and renders `<mark>` itself, with the user's text escaped.
 */
export const snippetMarks = { start: '\u0002', end: '\u0003' } as const;

/** The searchable text of one published post in one language (the original or a translation). */
export interface SearchDocument {
  postId: string;
  language: string;
  title: string;
  /** Plain text: excerpt and body, blocks separated by newlines. */
  body: string;
}

export interface SearchQuery {
  language: string;
  /** The reader's words as typed; the repository turns them into a safe engine query. */
  text: string;
  limit: number;
  offset: number;
}

export interface SearchHit {
  postId: string;
  language: string;
  title: string;
  /** A few words of the body around the matches, matches between `snippetMarks`. */
  snippet: string;
  slug: string;
  publishedAt: string;
}

/** The full-text index of published posts: SQLite FTS5, PostgreSQL tsvector + GIN. */
export interface SearchRepository {
  /** Adds or replaces the row of (postId, language). */
  index(document: SearchDocument): Promise<void>;
  /** Removes the post's rows in every language. */
  remove(postId: string): Promise<void>;
  /** Empties the index (before a rebuild). */
  clear(): Promise<void>;
  /** Matching published posts in the query's language, best match first, then newest. */
  search(query: SearchQuery): Promise<SearchHit[]>;
  /** How many rows `search` would find without limit and offset. */
  count(query: Omit<SearchQuery, 'limit' | 'offset'>): Promise<number>;
}

// ---- Translation model -------------------------------------------------------------------

export type TargetState = 'untranslated' | 'draft' | 'translated' | 'reviewed' | 'outdated';
export type Provenance = 'human' | 'import' | 'system';

/** One unit of a published source revision; `unitId` is stable across revisions (alignment). */
export interface UnitRecord {
  postId: string;
  revision: number;
  unitId: string;
  position: number;
  path: string;
  kind: string;
  source: string;
  codes: Record<string, { kind: 'pc' | 'ph'; label: string }>;
}

export interface TranslationRecord {
  id: string;
  postId: string;
  language: string;
  slug: string;
  status: 'in_progress' | 'published';
  publishedAt: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface TargetRecord {
  translationId: string;
  unitId: string;
  text: string;
  state: TargetState;
  /** The state before the target became outdated (restored on an exact revert). */
  previousState: TargetState | null;
  /** The source text this translation was made from (shown as a diff when outdated). */
  baseSource: string | null;
  baseRevision: number | null;
  version: number;
  provenance: Provenance;
  translatedBy: string | null;
  reviewedBy: string | null;
  updatedAt: string;
}

export interface TargetHistoryRecord {
  id: string;
  translationId: string;
  unitId: string;
  version: number;
  text: string;
  state: TargetState;
  baseRevision: number | null;
  provenance: Provenance;
  /** save | review | send_back | outdate | restore | conflict */
  action: string;
  comment: string | null;
  userId: string | null;
  createdAt: string;
}

export interface TranslationRepository {
  insertUnits(units: readonly UnitRecord[]): Promise<void>;
  /** Units of one revision in document order. */
  units(postId: string, revision: number): Promise<UnitRecord[]>;
  /** The newest revision of the post that has units, or null. */
  latestUnitRevision(postId: string): Promise<number | null>;
  createTranslation(translation: TranslationRecord): Promise<void>;
  updateTranslation(
    id: string,
    changes: Partial<Pick<TranslationRecord, 'slug' | 'status' | 'publishedAt' | 'updatedAt'>>,
  ): Promise<void>;
  findTranslation(postId: string, language: string): Promise<TranslationRecord | null>;
  findTranslationBySlug(language: string, slug: string): Promise<TranslationRecord | null>;
  translationsOfPosts(postIds: readonly string[]): Promise<TranslationRecord[]>;
  /** Every published translation's post, language and slug (for the sitemap); one query. */
  publishedTranslationIndex(): Promise<{ postId: string; language: string; slug: string }[]>;
  /** Translations in `languages` (or all), newest first, with the post's title for hubs. */
  listTranslations(filter: {
    languages?: readonly string[];
    userId?: string;
  }): Promise<TranslationRecord[]>;
  targets(translationIds: readonly string[]): Promise<TargetRecord[]>;
  /** Only the targets of `unitIds` (outdated marking touches the changed units only). */
  targetsOfUnits(
    translationIds: readonly string[],
    unitIds: readonly string[],
  ): Promise<TargetRecord[]>;
  target(translationId: string, unitId: string): Promise<TargetRecord | null>;
  /**
   * Writes a target only if its stored version is `expectedVersion` (0: it must not exist yet).
   * Returns false when someone else saved first.
   */
  writeTarget(target: TargetRecord, expectedVersion: number): Promise<boolean>;
  addHistory(entry: TargetHistoryRecord): Promise<void>;
  history(translationId: string, unitId: string): Promise<TargetHistoryRecord[]>;
  /** Reviewers' send-back entries of a translation, oldest first. */
  sentBack(translationId: string): Promise<TargetHistoryRecord[]>;
  touchPresence(translationId: string, userId: string, now: string): Promise<void>;
  /** Users seen on the translation since `since`. */
  presence(translationId: string, since: string): Promise<string[]>;
}

export interface JobRecord {
  id: string;
  kind: string;
  payload: string;
  runAfter: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  doneAt: string | null;
}

export interface JobRepository {
  enqueue(
    job: Pick<JobRecord, 'id' | 'kind' | 'payload' | 'runAfter' | 'createdAt'>,
  ): Promise<void>;
  /** Pending jobs due at `now`, oldest first. */
  due(now: string, limit: number): Promise<JobRecord[]>;
  complete(id: string, now: string): Promise<void>;
  fail(id: string, error: string, retryAt: string): Promise<void>;
}
