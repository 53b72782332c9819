/**
 * Volunteers' texts of site content (migration 0022): names and descriptions of terms and
 * events, organizations' descriptions, authors' bios, media's alt text and caption — inserted,
 * then decided by a reviewer; never deleted. At most one approved text per (subject, field,
 * language), kept by the database. The repository also reads the originals (the subjects'
 * own rows) so the services can list what there is to translate.
 */

/** What may be translated: the subject's table. */
export const CONTENT_KINDS = ['term', 'event', 'organization', 'user', 'media'] as const;
export type ContentKind = (typeof CONTENT_KINDS)[number];

export const CONTENT_FIELDS = ['name', 'description', 'bio', 'alt', 'caption'] as const;
export type ContentField = (typeof CONTENT_FIELDS)[number];

/**
 * The fields each kind offers, in the order they are shown. Media have no caption of their
 * own in the library (a figure's caption is a unit of its post), so only `alt` is offered;
 * `caption` is kept in the vocabulary and the table for when the library grows one.
 */
export const CONTENT_FIELDS_OF: Record<ContentKind, readonly ContentField[]> = {
  term: ['name', 'description'],
  event: ['name', 'description'],
  organization: ['description'],
  user: ['bio'],
  media: ['alt'],
};

export const CONTENT_STATUSES = ['pending', 'approved', 'rejected', 'superseded'] as const;
export type ContentTextStatus = (typeof CONTENT_STATUSES)[number];

export function isContentKind(value: string): value is ContentKind {
  return (CONTENT_KINDS as readonly string[]).includes(value);
}
export function isContentField(value: string): value is ContentField {
  return (CONTENT_FIELDS as readonly string[]).includes(value);
}
export function isContentTextStatus(value: string): value is ContentTextStatus {
  return (CONTENT_STATUSES as readonly string[]).includes(value);
}

export interface ContentTextRecord {
  id: string;
  subjectKind: ContentKind;
  subjectId: string;
  field: ContentField;
  language: string;
  text: string;
  /** The original text the translation was written against. */
  sourceText: string;
  status: ContentTextStatus;
  /** Null once the account is deleted. */
  createdBy: string | null;
  createdAt: string;
  reviewedBy: string | null;
  reviewedAt: string | null;
}

/** One subject's originals: what identifies it to a volunteer, and its non-empty fields. */
export interface ContentSource {
  kind: ContentKind;
  id: string;
  /** A term's kind (`tag` | `category`), else null. */
  termKind: 'tag' | 'category' | null;
  /** The name, user name or file name the subject is known by. */
  label: string;
  /** A term's or event's slug, a user name, an organization's slug, a media file name. */
  slug: string;
  fields: { field: ContentField; text: string }[];
}

/** A subject a reader page shows: by id, or a term by its kind and slug (posts name terms so). */
export type ContentSubjectRef =
  { kind: ContentKind; id: string } | { kind: 'term'; termKind: 'tag' | 'category'; slug: string };

/** An approved text with, for a term, the kind and slug it was found by. */
export interface ApprovedContentText extends ContentTextRecord {
  termKind: 'tag' | 'category' | null;
  termSlug: string | null;
}

export interface ContentRepository {
  insert(record: ContentTextRecord): Promise<void>;
  findById(id: string): Promise<ContentTextRecord | null>;
  /** The approved text of one field of one subject in `language`, if any. */
  findApproved(
    kind: ContentKind,
    subjectId: string,
    field: ContentField,
    language: string,
  ): Promise<ContentTextRecord | null>;
  /** The approved texts in `language` of every subject named (one query). */
  approvedFor(
    language: string,
    subjects: readonly ContentSubjectRef[],
  ): Promise<ApprovedContentText[]>;
  /** The approved and pending texts in `language` of the given subjects (by id). */
  openFor(language: string, subjectIds: readonly string[]): Promise<ContentTextRecord[]>;
  /** A language's pending proposals, oldest first. */
  listPending(language: string): Promise<ContentTextRecord[]>;
  /** How many approved texts `language` has, per kind. */
  countApproved(language: string): Promise<Partial<Record<ContentKind, number>>>;
  /** How many proposals in `language` wait for review. */
  countPending(language: string): Promise<number>;
  /**
   * Approves pending proposal `id` (its previous approved text becomes superseded) — call it
   * inside a transaction. False when the proposal is no longer pending or another text was
   * approved for the same field at the same time (the unique index): the caller reports a
   * conflict.
   */
  approve(id: string, reviewer: { by: string; at: string }): Promise<boolean>;
  /** Rejects pending proposal `id`; false when it is no longer pending. */
  reject(id: string, reviewer: { by: string; at: string }): Promise<boolean>;
  /**
   * Subjects of `kind` with at least one non-empty translatable field, ordered by label,
   * `limit` from `offset` (users: those with a bio; media: images with alt text).
   */
  listSources(kind: ContentKind, limit: number, offset: number): Promise<ContentSource[]>;
  /** How many such subjects and non-empty fields `kind` has. */
  countSources(kind: ContentKind): Promise<{ subjects: number; fields: number }>;
  /** One subject's originals; null when it does not exist. */
  findSource(kind: ContentKind, id: string): Promise<ContentSource | null>;
}
