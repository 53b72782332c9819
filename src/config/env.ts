/**
 * Configuration from the environment, validated once at boot. Fails fast with the name of
 * the bad variable; never prints secret values.
 */
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';

/** Which proxies may name the client (X-Forwarded-For), in the forms Fastify's trustProxy takes. */
export type TrustProxy = boolean | number | string[];

export interface ListenAddress {
  host: string;
  port: number;
}

/** `host:port` or `[ipv6]:port` (port 0: any free one); undefined when it is not that. */
export function parseListenAddress(text: string): ListenAddress | undefined {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]\s]+)):(\d{1,5})$/.exec(text.trim());
  const port = Number(match?.[3]);
  const host = match?.[1] ?? match?.[2];
  if (host === undefined || !Number.isInteger(port) || port > 65_535) return undefined;
  return { host, port };
}

/** proxy-addr's names for address ranges, which Fastify accepts in a trustProxy list. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An address, a CIDR block (`10.0.0.0/8`, `fd00::/8`), an IPv4 netmask form or a range name. */
function isTrustedEntry(entry: string): boolean {
  if (RANGE_NAMES.has(entry) || isIP(entry) !== 0) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  if (prefix === undefined || rest.length > 0) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (/^\d{1,3}$/.test(prefix)) return Number(prefix) <= (family === 4 ? 32 : 128);
  return family === 4 && isIP(prefix) === 4;
}

/**
 * TRUST_PROXY: `false` (default: the socket's peer is the client and X-Forwarded-For is
 * ignored), `true` (trust every hop: only behind a proxy that overwrites the header), a hop
 * count (`1`: the nearest proxy), or a comma list of proxy addresses or CIDR blocks.
 * Returns undefined (and the schema reports it) for anything else.
 */
export function parseTrustProxy(raw: string): TrustProxy | undefined {
  const value = raw.trim();
  if (value === '' || /^false$/i.test(value) || value === '0') return false;
  if (/^true$/i.test(value)) return true;
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value.split(',').map((e) => e.trim());
  return entries.every(isTrustedEntry) ? entries : undefined;
}

/** A PostgreSQL server's URL (what DATABASE_READ_URL and pg-boss need). */
const POSTGRES_URL = /^postgres(ql)?:\/\//;

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /**
   * Processes serving HTTP (src/cluster/): `1` (default) is one process; more forks that many
   * workers sharing PORT; `auto` one per core (os.availableParallelism()).
   */
  WORKERS: z
    .string()
    .default('1')
    .transform((raw, ctx): number => {
      const text = raw.trim().toLowerCase();
      if (text === 'auto') return availableParallelism();
      const count = /^\d{1,3}$/.test(text) ? Number(text) : NaN;
      if (count >= 1 && count <= 64) return count;
      ctx.addIssue({ code: 'custom', message: 'must be a number of processes (1-64) or auto' });
      return 1;
    }),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(
      /^(sqlite:|postgres:\/\/|postgresql:\/\/|pglite:)/,
      'must start with sqlite:, postgres:// or pglite:',
    )
    .default(`sqlite:${resolve('data/polyphony.db')}`),
  /**
   * A read replica of DATABASE_URL (postgres:// only) for what signed-out readers ask for;
   * signed-in requests and every write use DATABASE_URL. Unset: everything uses DATABASE_URL.
   */
  DATABASE_READ_URL: z
    .string()
    .regex(POSTGRES_URL, 'must start with postgres:// (a replica of DATABASE_URL)')
    .optional(),
  /**
   * Milliseconds a replica may lag: pages changed by a write are dropped from the page cache
   * again this long after it, so a page rendered from a replica not yet caught up is not kept.
   */
  DATABASE_READ_MAX_LAG_MS: z.coerce.number().int().min(0).max(60_000).default(2000),
  /**
   * What runs the background jobs: `pg-boss` (a PostgreSQL server only), `table` (the
   * table-backed runner, on every engine) or `auto` (default: pg-boss on a PostgreSQL server,
   * the table runner on SQLite and PGlite).
   */
  JOB_QUEUE: z.enum(['auto', 'table', 'pg-boss']).default('auto'),
  MEDIA_DIR: z.string().default(resolve('data/media')),
  PUBLIC_URL: z.string().url().optional(),
  /** The site name until an administrator sets one at /admin/settings (which then wins). */
  SITE_NAME: z.string().default('Polyphony'),
  SITE_LANGUAGE: z.string().default('en'),
  /**
   * Languages readers can browse in (comma-separated BCP 47 tags); the first is not special.
   * Seeds the database on first start only: from then on /admin/languages decides.
   */
  SITE_LANGUAGES: z.string().default('en,es,ar,sw,de,sr-Cyrl,fr,pt'),
  SESSION_DAYS: z.coerce.number().int().positive().default(30),
  MAX_UPLOAD_MB: z.coerce.number().positive().default(20),
  /** Where WordPress exports uploaded at /admin/import wait for the import runner. */
  IMPORT_DIR: z.string().default(resolve('data/imports')),
  /** Largest WordPress export /admin/import accepts (the import streams it: memory stays flat). */
  MAX_IMPORT_MB: z.coerce.number().positive().default(512),
  /** A copy of the WordPress site's `wp-content/uploads` on this server, for /admin/import. */
  IMPORT_UPLOADS_DIR: z.string().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Polyphony <no-reply@localhost>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** A URL that receives `{"keys": [...]}` (POST, JSON) after each change readers can see. */
  PURGE_WEBHOOK_URL: z.string().url().optional(),
  /**
   * The bearer token a Prometheus scraper sends to `GET /metrics` (at least 16 characters;
   * never logged). Unset or empty: `/metrics` answers 404 and nothing is measured.
   */
  METRICS_TOKEN: z.preprocess(
    (raw) => (raw === '' ? undefined : raw),
    z.string().min(16, 'must be at least 16 characters').optional(),
  ),
  /**
   * `host:port` (e.g. `127.0.0.1:9464`, `[::1]:9464`) of a listener serving only `/metrics`,
   * without a token: for a scraper on a private address. Unset: no such listener.
   */
  METRICS_LISTEN: z.preprocess(
    (raw) => (raw === '' ? undefined : raw),
    z
      .string()
      .optional()
      .transform((raw, ctx): ListenAddress | undefined => {
        if (raw === undefined) return undefined;
        const parsed = parseListenAddress(raw);
        if (!parsed)
          ctx.addIssue({ code: 'custom', message: 'must be host:port, e.g. 127.0.0.1:9464' });
        return parsed;
      }),
  ),
  /** `off` renders every public page on every request (for measuring; default `on`). */
  PAGE_CACHE: z.enum(['on', 'off']).default('on'),
  /**
   * Seconds a cached page is kept before it is rendered again (default 300; 0: until a change
   * drops it). The safety net should a change never arrive: a notification from another
   * instance lost, or a CLI command writing to a SQLite file the server has open.
   */
  PAGE_CACHE_TTL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  SEED_DEMO: z.enum(['auto', 'never']).default('auto'),
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((raw, ctx): TrustProxy => {
      const parsed = parseTrustProxy(raw);
      if (parsed !== undefined) return parsed;
      ctx.addIssue({
        code: 'custom',
        message: 'must be false, true, a hop count or a comma list of addresses or CIDR blocks',
      });
      return z.NEVER;
    }),
  /** `on`: edits to published translations go live without review (default `off`). */
  TRANSLATION_EDITS_GO_LIVE: z.enum(['on', 'off']).default('off'),
  /** `off`: new accounts are readers only; an administrator grants the translator role. */
  SIGNUP_TRANSLATOR: z.enum(['on', 'off']).default('on'),
  /** Percent of unmodified machine translation above which a translation is not published. */
  MT_UNMODIFIED_LIMIT: z.coerce.number().min(0).max(100).default(95),
  /** Percent: translation memory suggests matches scoring at least this (50..100). */
  MEMORY_THRESHOLD: z.coerce.number().int().min(50).max(100).default(70),
  /** Database time one translation-memory lookup may take, in milliseconds. */
  MEMORY_BUDGET_MS: z.coerce.number().int().min(5).max(5_000).default(30),
  /** Apertium APy, e.g. http://127.0.0.1:2737 (unset: not available). */
  MT_APERTIUM_URL: z.string().url().optional(),
  /** A LibreTranslate-compatible server, and its API key when it needs one (never logged). */
  MT_LIBRETRANSLATE_URL: z.string().url().optional(),
  MT_LIBRETRANSLATE_KEY: z.string().optional(),
  /** A MinT-compatible server (Wikimedia's machine translation service). */
  MT_MINT_URL: z.string().url().optional(),
  /** Time one call to a machine-translation engine may take, in milliseconds. */
  MT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(8000),
});

export type Env = z.infer<typeof schema>;

/** Parses `source` (default `process.env`); throws listing each invalid variable by name. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = schema
    .refine((env) => !env.DATABASE_READ_URL || POSTGRES_URL.test(env.DATABASE_URL), {
      path: ['DATABASE_READ_URL'],
      message: 'needs DATABASE_URL on a PostgreSQL server (postgres://)',
    })
    .refine((env) => env.JOB_QUEUE !== 'pg-boss' || POSTGRES_URL.test(env.DATABASE_URL), {
      path: ['JOB_QUEUE'],
      message: 'pg-boss needs DATABASE_URL on a PostgreSQL server (postgres://)',
    })
    .refine((env) => env.WORKERS === 1 || !env.DATABASE_URL.startsWith('pglite:'), {
      path: ['WORKERS'],
      message: 'PGlite runs inside one process; use SQLite or a PostgreSQL server for more workers',
    })
    .safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return result.data;
}

/** The job queue JOB_QUEUE names: `auto` is pg-boss on a PostgreSQL server, else the table. */
export function jobQueueKind(env: Pick<Env, 'JOB_QUEUE' | 'DATABASE_URL'>): 'table' | 'pg-boss' {
  if (env.JOB_QUEUE !== 'auto') return env.JOB_QUEUE;
  return POSTGRES_URL.test(env.DATABASE_URL) ? 'pg-boss' : 'table';
}
