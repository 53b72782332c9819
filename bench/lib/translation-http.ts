// The HTTP side of the translation bench: signing in like a browser (session cookie and CSRF
// token), opening the editor, and a save load — PUT /api/translate/:postId/:lang/units/:unitId
// driven by autocannon (in this process), every request naming the unit's current version so
// that every save is accepted (a stale version would be a 409 conflict, not a save).
import autocannon from 'autocannon';
import type { ServiceDeps } from '../../src/services/deps.js';
import type { Store } from '../../src/services/repositories.js';
import type { PreciseLatency } from './load.js';
import { percentile } from './translation-stats.js';

export interface HttpSession {
  /** The Cookie header: the session cookie and the (signed) CSRF secret cookie. */
  cookie: string;
  /** The CSRF token, sent as x-csrf-token with every write. */
  csrf: string;
}

function rememberCookies(jar: Map<string, string>, response: Response): void {
  for (const line of response.headers.getSetCookie()) {
    const pair = line.split(';', 1)[0] ?? '';
    const at = pair.indexOf('=');
    if (at <= 0) continue;
    const name = pair.slice(0, at).trim();
    const value = pair.slice(at + 1).trim();
    if (value === '') jar.delete(name);
    else jar.set(name, value);
  }
}

const cookieHeader = (jar: Map<string, string>): string =>
  [...jar].map(([name, value]) => `${name}=${value}`).join('; ');

/**
 * Signs in over HTTP as a browser does: GET /signin (the CSRF secret cookie and the token in
 * the form), then POST /signin with the form (answered 303 with the session cookie).
 */
export async function signInOverHttp(
  origin: string,
  login: string,
  password: string,
): Promise<HttpSession> {
  const jar = new Map<string, string>();
  const page = await fetch(`${origin}/signin`, { headers: { accept: 'text/html' } });
  rememberCookies(jar, page);
  const html = await page.text();
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (page.status !== 200 || !token)
    throw new Error(`GET /signin answered ${page.status} without a CSRF token`);
  const csrf = decodeURIComponent(token.replaceAll('&amp;', '&'));
  const form = new URLSearchParams({ login, password, next: '/', _csrf: csrf });
  const answer = await fetch(`${origin}/signin`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      accept: 'text/html',
      'content-type': 'application/x-www-form-urlencoded',
      cookie: cookieHeader(jar),
    },
    body: form.toString(),
  });
  rememberCookies(jar, answer);
  await answer.arrayBuffer();
  if (answer.status !== 303 || !jar.has('pp_session'))
    throw new Error(`POST /signin answered ${answer.status} without a session cookie`);
  return { cookie: cookieHeader(jar), csrf };
}

/**
 * GET /api/translate/:postId/:lang — what the editor loads (it creates nothing: the first
 * save creates the translation).
 */
export async function openTranslationOverHttp(
  origin: string,
  session: HttpSession,
  postId: string,
  language: string,
): Promise<void> {
  const response = await fetch(`${origin}/api/translate/${postId}/${language}`, {
    headers: { accept: 'application/json', cookie: session.cookie },
  });
  const body = await response.text();
  if (response.status !== 200)
    throw new Error(
      `GET /api/translate/${postId}/${language} answered ${response.status}: ${body.slice(0, 200)}`,
    );
}

/** One unit as the load saves it. */
export interface SaveUnit {
  unitId: string;
  version: number;
  sourceRevision: number;
}

export interface SaveLoadOptions {
  origin: string;
  session: HttpSession;
  postId: string;
  language: string;
  /**
   * Every unit of the post with the version of its target now (0: not translated yet) and
   * the source revision the editor shows it with (a save names it).
   */
  units: readonly SaveUnit[];
  connections: number;
  /** Seconds. */
  duration: number;
  title: string;
  /** The translated text to save for a unit at its next version. */
  text: (unitId: string, version: number) => string;
}

export interface SaveLoadResult {
  result: autocannon.Result;
  /** 200 answers: accepted saves. */
  saves: number;
  /** Accepted saves per second of the measured run (saves / actual duration). */
  savesPerSecond: number;
  /** Of the 2xx answers, with sub-millisecond precision. */
  latency: PreciseLatency;
  /** Answers other than 200, by status code. */
  rejected: Record<string, number>;
  /** The first few rejected answers, for the report. */
  rejectedSamples: string[];
  /** How many units were used in the run; none is ever saved by two requests at once. */
  unitsInPool: number;
}

/** autocannon's request options, with the response callback its typings leave out. */
interface SaveRequest extends autocannon.RequestOptions {
  onResponse: (status: number, body: string, context: Record<string, unknown>) => void;
}

let current: autocannon.Instance | undefined;

/** Stops the load in progress (on Ctrl-C). */
export function stopSaveLoad(): void {
  current?.stop();
}

/**
 * Saves units for `duration` seconds over `connections` keep-alive connections. A unit is
 * checked out of a free list for one request and put back, with the version the answer
 * returned, when that answer arrives: no two requests save the same unit at once, so each
 * request names the current version and is accepted (200), writing the target (text, state,
 * version) and a history row.
 */
export async function runSaveLoad(options: SaveLoadOptions): Promise<SaveLoadResult> {
  const free = options.units.map((u) => ({ ...u }));
  if (free.length < options.connections * 2)
    throw new Error(`too few units (${free.length}) for ${options.connections} connections`);
  const base = `/api/translate/${options.postId}/${options.language}/units/`;
  let saves = 0;
  const rejected: Record<string, number> = {};
  const rejectedSamples: string[] = [];
  const times: number[] = [];

  const request: SaveRequest = {
    method: 'PUT',
    setupRequest: (raw, context) => {
      const unit = free.shift();
      if (!unit) throw new Error('no free unit to save (more connections than units?)');
      context.unit = unit;
      return {
        ...raw,
        path: base + encodeURIComponent(unit.unitId),
        body: JSON.stringify({
          text: options.text(unit.unitId, unit.version + 1),
          version: unit.version,
          sourceRevision: unit.sourceRevision,
          state: 'translated',
        }),
      };
    },
    onResponse: (status, body, context) => {
      const unit = context.unit as SaveUnit | undefined;
      if (!unit) return;
      if (status === 200) {
        saves++;
        const answer = JSON.parse(body) as { target?: { version?: number } };
        unit.version = answer.target?.version ?? unit.version + 1;
        free.push(unit);
        return;
      }
      rejected[String(status)] = (rejected[String(status)] ?? 0) + 1;
      if (rejectedSamples.length < 3) rejectedSamples.push(`${status} ${body.slice(0, 300)}`);
      if (status === 409) {
        // Should not happen; follow the stored version so the run goes on.
        const answer = JSON.parse(body) as { theirs?: { version?: number } };
        if (answer.theirs?.version !== undefined) unit.version = answer.theirs.version;
        free.push(unit);
      }
    },
  };

  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    current = autocannon(
      {
        url: options.origin,
        connections: options.connections,
        pipelining: 1,
        duration: options.duration,
        timeout: 10,
        title: options.title,
        headers: {
          accept: 'application/json',
          'content-type': 'application/json',
          cookie: options.session.cookie,
          'x-csrf-token': options.session.csrf,
        },
        requests: [request],
      },
      (error, result) => {
        current = undefined;
        if (error) reject(error);
        else resolve(result);
      },
    );
    current.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) times.push(responseTime);
    });
  });
  const seconds =
    result.duration > 0
      ? result.duration
      : Math.max(options.duration, (performance.now() - started) / 1000);
  const sorted = Float64Array.from(times).sort();
  const round = (value: number) => Math.round(value * 1000) / 1000;
  const list = [...sorted];
  return {
    result,
    saves,
    savesPerSecond: saves / seconds,
    latency: {
      samples: sorted.length,
      average: round(list.reduce((sum, t) => sum + t, 0) / Math.max(1, list.length)),
      p50: round(percentile(list, 50)),
      p90: round(percentile(list, 90)),
      p99: round(percentile(list, 99)),
      max: round(list.at(-1) ?? 0),
    },
    rejected,
    rejectedSamples,
    unitsInPool: options.units.length,
  };
}

/** The app's store with its transactions counted, so the bench can wait until none is running. */
export interface TrackedDeps {
  /** Give these to buildApp: the same services, with every store transaction tracked. */
  deps: ServiceDeps;
  /** Transactions started through `deps` and not finished yet. */
  inFlight(): number;
  /** Resolves once no tracked transaction is running. */
  settled(): Promise<void>;
}

/**
 * Wraps `deps.store.transaction`. A request whose client hung up (autocannon closes its
 * sockets when it stops) is still running on the server: Fastify's close() returns once the
 * sockets are closed, not when the handlers have finished.
 */
export function trackTransactions(deps: ServiceDeps): TrackedDeps {
  const running = new Set<Promise<unknown>>();
  const store: Store = {
    ...deps.store,
    transaction: <T>(work: (store: Store) => Promise<T>): Promise<T> => {
      const promise = deps.store.transaction(work);
      running.add(promise);
      const forget = () => running.delete(promise);
      promise.then(forget, forget);
      return promise;
    },
  };
  return {
    deps: { ...deps, store },
    inFlight: () => running.size,
    settled: async () => {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}
