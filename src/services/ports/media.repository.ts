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
}
