/**
 * The HTTP calls every MT adapter makes: fetch with the caller's signal (time limit), an answer
 * read up to a size limit, JSON checked against the engine's documented shape (zod), and every
 * failure turned into an MtEngineError saying why (timeout, network, 5xx, 429, 4xx, not the API).
 */
import type { z } from 'zod';
import { MtEngineError } from '../../services/ports/mt.js';

/** Largest answer read from an engine (a unit is at most a few KB; a pair list some 100 KB). */
export const MAX_ANSWER_BYTES = 2 * 1_048_576;

/** A request body: JSON or form fields. */
export type Body = { json: unknown } | { form: Record<string, string> };

function abortCause(signal: AbortSignal): MtEngineError | null {
  if (!signal.aborted) return null;
  const reason: unknown = signal.reason;
  if (reason instanceof DOMException && reason.name === 'TimeoutError')
    return new MtEngineError('timeout', 'no answer within the time limit');
  return new MtEngineError('timeout', 'the request was cancelled');
}

async function readLimited(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new MtEngineError('server_error', `the answer is larger than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The engine's own error message from a JSON error body, shortened (never our request). */
function engineMessage(text: string): string {
  let message = text;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null) {
      const record = parsed as Record<string, unknown>;
      const found = [record.error, record.explanation, record.message, record.detail].find(
        (v) => typeof v === 'string',
      );
      if (typeof found === 'string') message = found;
    }
  } catch {
    // not JSON: keep the text
  }
  const single = message.replace(/\s+/g, ' ').trim();
  return single.length > 200 ? `${single.slice(0, 199)}…` : single;
}

/**
 * Calls `url` and returns its JSON answer parsed by `schema`.
 * @throws MtEngineError `timeout` (signal fired), `network`, `server_error` (5xx, an answer
 *   that is not JSON of the documented shape, or too large), `rate_limited` (429) or
 *   `rejected` (other 4xx, with the engine's message).
 */
export async function callJson<S extends z.ZodType>(
  url: URL,
  init: { method: 'GET' | 'POST'; body?: Body; signal: AbortSignal },
  schema: S,
  maxBytes = MAX_ANSWER_BYTES,
): Promise<z.output<S>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: string | undefined;
  if (init.body && 'json' in init.body) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.body.json);
  } else if (init.body) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(init.body.form).toString();
  }
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, { method: init.method, headers, body, signal: init.signal });
    text = await readLimited(response, maxBytes);
  } catch (error) {
    if (error instanceof MtEngineError) throw error;
    const aborted = abortCause(init.signal);
    if (aborted) throw aborted;
    const code =
      error instanceof Error && error.cause instanceof Error && 'code' in error.cause
        ? String(error.cause.code)
        : error instanceof Error
          ? error.message
          : 'unknown error';
    throw new MtEngineError('network', `cannot reach ${url.origin} (${code})`);
  }
  const status = response.status;
  if (status === 429)
    throw new MtEngineError('rate_limited', `429: ${engineMessage(text)}`, status);
  if (status >= 500)
    throw new MtEngineError('server_error', `${status}: ${engineMessage(text)}`, status);
  if (status >= 400)
    throw new MtEngineError('rejected', `${status}: ${engineMessage(text)}`, status);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new MtEngineError('server_error', `${status}: the answer is not JSON`, status);
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    const where = result.error.issues[0]?.path.join('.') ?? '';
    throw new MtEngineError(
      'server_error',
      `${status}: the answer does not have the documented shape${where ? ` (at ${where})` : ''}`,
      status,
    );
  }
  return result.data;
}

/** `base` joined with `path` (keeps a base path such as `https://host/apy/`). */
export function endpoint(base: string, path: string): URL {
  const root = base.endsWith('/') ? base : `${base}/`;
  return new URL(path.replace(/^\//, ''), root);
}

/**
 * Runs `work` on every item with at most `limit` at a time; rejects with the first failure
 * (the rest still settle, so no request is left running unobserved).
 */
export async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const queue = items.map((item, index) => ({ item, index }));
  const results: ({ value: R } | undefined)[] = [];
  const failures: unknown[] = [];
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next && failures.length === 0; next = queue.shift()) {
      try {
        results[next.index] = { value: await work(next.item) };
      } catch (error) {
        failures.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failures.length > 0) throw failures[0];
  return items.map((_, index) => {
    const box = results[index];
    if (box === undefined) throw new Error(`mapLimited: item ${index} has no result`);
    return box.value;
  });
}

/** A value computed at most once per `ttlMs` (a failed computation is not kept). */
export function expiring<T>(ttlMs: number, now: () => number = Date.now) {
  let held: { value: Promise<T>; at: number } | null = null;
  return (compute: () => Promise<T>): Promise<T> => {
    if (held && now() - held.at < ttlMs) return held.value;
    const value = compute();
    const entry = { value, at: now() };
    held = entry;
    value.catch(() => {
      if (held === entry) held = null;
    });
    return value;
  };
}
