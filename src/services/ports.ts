/**
 * The outside world as services see it. Adapters in db/, integrations/ and interchange/
 * implement these; tests substitute fakes only for things outside our process
 * (clock, mail), never for the database.
 */
import type { Root } from 'mdast';
import type { Readable } from 'node:stream';
import type { UploadsDirectory, WordPressFile } from './import/wordpress-file.js';
import type { SearchAnalysis, SearchAnalysisKind } from './ports/search.repository.js';

export interface Clock {
  now(): Date;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /**
   * Extra header fields (e.g. RFC 8058 `List-Unsubscribe` and `List-Unsubscribe-Post`). Their
   * values may carry credentials (an unsubscribe URL): adapters must never log them.
   */
  headers?: Record<string, string>;
}

/** Sends e-mail. Throws when the message could not be handed to the mail server. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** Byte storage for media (filesystem by default, S3-compatible later). */
export interface Storage {
  put(key: string, data: Buffer): Promise<void>;
  get(key: string): Promise<Buffer>;
  delete(key: string): Promise<void>;
  /** Absolute path for streaming, when the storage is a local filesystem. */
  localPath(key: string): string | null;
}

/**
 * WordPress exports uploaded on the admin pages, kept until the import runner has read them
 * (never under the media directory: an export holds drafts, private posts and e-mail
 * addresses, and nothing here is served).
 */
export interface ImportFiles {
  /**
   * Stores the stream under `key` (written to a temporary name, renamed when complete); returns
   * its size in bytes. Refuses keys that are not a plain name.
   */
  save(key: string, data: Readable): Promise<number>;
  /** The first `bytes` bytes of the file, to tell an export from something else. */
  head(key: string, bytes: number): Promise<Buffer>;
  /** The stored export, read as a stream on every pass. */
  open(key: string): WordPressFile;
  delete(key: string): Promise<void>;
  /**
   * The server's copy of `wp-content/uploads` (IMPORT_UPLOADS_DIR) attachments are taken from,
   * or null when none is configured.
   */
  uploads(): UploadsDirectory | null;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

export interface ImageInfo {
  format: string;
  mime: string;
  width: number;
  height: number;
}

export interface ImageVariant {
  width: number;
  height: number;
  mime: string;
  data: Buffer;
}

/**
 * Decodes and resizes images (sharp). `probe` reads only the header (any size is safe to
 * probe) and returns null for anything not a decodable image.
 */
export interface ImageProcessor {
  probe(data: Buffer): Promise<ImageInfo | null>;
  /** Throws, without decoding it, an image of more than `maxPixels` pixels. */
  resize(data: Buffer, width: number, maxPixels: number): Promise<ImageVariant>;
}

/** A media item as rendering needs it. */
export interface MediaInfo {
  id: string;
  kind: 'image' | 'document';
  url: string;
  mime: string;
  size: number;
  filename: string;
  width: number | null;
  height: number | null;
  alt: string;
  variants: { width: number; url: string }[];
}

export interface RenderContext {
  /** Looks up a media item referenced by the document (attachments, figures, media: images). */
  media(id: string): MediaInfo | undefined;
}

/**
 * Markdown in, structured document (mdast) out, and sanitized HTML from the document. Parsing
 * and large renders run off the event loop within limits of size, depth and time.
 */
export interface ContentFormat {
  /**
   * @throws DomainError `payload_too_large` (too long) or `too_complex` (too deep, too dense,
   *   too slow), naming the limit and the `body` field; `rate_limited` when the server is busy.
   */
  parse(markdown: string): Promise<Root>;
  /** Problems that make the document unsaveable, each naming where (e.g. `body: video needs a url`). */
  validate(root: Root): string[];
  mediaReferences(root: Root): string[];
  /**
   * The document as Markdown that parses back to it (exports).
   * @throws DomainError `too_complex` for a document past the limits.
   */
  toMarkdown(root: Root): string;
  /** @throws DomainError `too_complex` for a document deeper than the limit, or too slow. */
  render(root: Root, context: RenderContext): Promise<string>;
  /**
   * The analysis of `kind` that the search index stores for a text (SearchAnalysis), computed
   * off the event loop: a long body takes a few hundred milliseconds.
   * @throws DomainError `too_complex` past the time budget or the worker's memory;
   *   `rate_limited` when the server is busy.
   */
  analyzeForSearch(input: SearchAnalysisInput): Promise<SearchAnalysis>;
}

/** What `ContentFormat.analyzeForSearch` analyses: plain text in its language. */
export interface SearchAnalysisInput {
  kind: SearchAnalysisKind;
  language: string;
  title: string;
  body: string;
}

/**
 * What readers can see changed: a post's public versions, or listings it belongs to.
 * Page caches subscribe and drop exactly the pages tagged with these keys.
 */
export interface PublicChange {
  /** Cache keys: `post:<id>` and listing keys such as `list:all`, `list:term:<id>`. */
  keys: string[];
  /**
   * True on a change another instance made (or may have made: notifications missed while the
   * feed was disconnected). Caches drop pages alike; work done once per change, such as the
   * CDN purge, is left to the instance that made it.
   */
  remote?: boolean;
}

/**
 * Announces changes readers can see. `publish` runs this instance's listeners synchronously
 * (a writer never serves its own stale page) and, where instances share a database, reaches
 * the others' listeners too, as `remote` changes, moments later.
 */
export interface ChangeFeed {
  publish(change: PublicChange): void;
  subscribe(listener: (change: PublicChange) => void): () => void;
}

/**
 * Durations the services measure for the operator (the metrics at `/metrics` listen). A
 * report never fails the work measured: listeners must not throw.
 */
export interface Timings {
  /** One translation-memory lookup took `seconds`; `partial` when its time budget ran out. */
  memoryLookup(seconds: number, partial: boolean): void;
}

/** Timings that fan out to whoever subscribed (each app's metrics registry). */
export interface TimingsHub extends Timings {
  /** Adds a listener; returns its removal. */
  subscribe(listener: Timings): () => void;
}
