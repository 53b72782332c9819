/** Recognizing database errors the same way on every driver (better-sqlite3, pg, PGlite). */

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/** A unique-constraint violation: SQLite's SQLITE_CONSTRAINT_UNIQUE/PRIMARYKEY, SQLSTATE 23505. */
export function isUniqueViolation(error: unknown): boolean {
  const code = codeOf(error);
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

/** SQLSTATEs of a server that is shutting down, restarting or not accepting connections yet. */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);
/** Socket errors of a connection the server refused or closed. */
const UNAVAILABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);

/**
 * The database cannot be reached for now (a PostgreSQL restart, failover or overload): the
 * SQLSTATE class 08 (connection exception), 57P01–57P03 (shutdown, crash, starting up), 53300
 * (too many connections), a refused or reset socket, or node-postgres's "Connection terminated"
 * for a connection closed under a query. Worth a 503 and a retry, not a 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = codeOf(error);
  if (code && (code.startsWith('08') || UNAVAILABLE_STATES.has(code))) return true;
  if (code && UNAVAILABLE_SOCKET_CODES.has(code)) return true;
  return error instanceof Error && /^Connection terminated/.test(error.message);
}
