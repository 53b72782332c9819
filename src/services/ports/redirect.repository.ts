/**
 * Permanent redirects from a former site's addresses (migration 0029): written by an import
 * (`store.redirects.put`), read by the reader's 404 path and home page (`findRedirect`).
 * There is no write route: redirects are public reads only.
 */

/** One old address and the local path it now leads to. */
export interface RedirectRow {
  /**
   * The old address: a path with its query (`/2024/03/05/caf%C3%A9/`, `/?p=123`) or a full
   * URL. `put` stores its `redirectKey` (domain/redirect-key.ts); `find` returns the key.
   */
  path: string;
  /** A path on this site (`/posts/abc`), as `redirectTarget` accepts it. */
  target: string;
  /** Who recorded it, e.g. `wordpress`. */
  source: string;
  /** ISO-8601 UTC instant. */
  createdAt: string;
}

export interface RedirectRepository {
  /** The redirect stored under `key` (a `redirectKey`), or null. */
  find(key: string): Promise<RedirectRow | null>;
  /**
   * Upserts rows by key: a key stored again gets the new target and source (its created_at
   * is kept), so re-running an import changes nothing; of rows sharing a key in one call,
   * the last wins. Throws ValidationError naming every row whose path has no key or whose
   * target is not a local path (`//host`, `https://…`), and then stores none of them. Run it
   * inside `store.transaction` to make a large batch all-or-nothing.
   */
  put(rows: readonly RedirectRow[]): Promise<void>;
  /** How many redirects are stored. */
  count(): Promise<number>;
}
