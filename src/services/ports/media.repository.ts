/** The media library's records (the bytes live in Storage). */

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
  /**
   * Media whose file name or alt text contains `text` (case-insensitive for ASCII letters;
   * all when empty), newest first, `limit` from `offset`.
   */
  search(query: { text: string; limit: number; offset: number }): Promise<MediaRecord[]>;
  /**
   * Revisions that may use the media: featured image, or a body whose Markdown mentions its
   * id (callers confirm against the parsed body). Newest revision first.
   */
  usage(id: string): Promise<MediaUse[]>;
  /** Removes the record (the caller removes the files from Storage). */
  delete(id: string): Promise<void>;
}

/** A revision that names a media item, with what the caller needs to confirm and show it. */
export interface MediaUse {
  postId: string;
  revision: number;
  title: string;
  featured: boolean;
  /** The revision's mdast document, as JSON text. */
  bodyDoc: string;
}
