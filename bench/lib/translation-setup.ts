// Setup for the translation bench (bench/translation.ts): a real runtime on a fresh database
// (a temporary SQLite file or a fresh database on the PostgreSQL server), users created through
// the auth service, and long posts created and published through the post services.
// Nothing here is measured.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadEnv } from '../../src/config/env.js';
import { withDefaultUser } from '../../src/db/connection.js';
import { createStore } from '../../src/db/store.js';
import type { Role } from '../../src/domain/roles.js';
import { createRuntime } from '../../src/main.js';
import type { Runtime } from '../../src/main.js';
import { createUser } from '../../src/services/auth/auth.service.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { createPost } from '../../src/services/posts/save-post.service.js';
import { publishPost } from '../../src/services/posts/workflow.service.js';
import type { PostRecord, Store, UnitRecord, UserRecord } from '../../src/services/repositories.js';

export type EngineName = 'sqlite' | 'postgres';

/** The PostgreSQL server the bench creates its databases on (`--postgres` overrides it). */
export const DEFAULT_POSTGRES_URL = 'postgres://127.0.0.1:5432/test';

/** The password of every bench user. */
export const PASSWORD = 'correct horse battery';

export interface BenchRuntime {
  engine: EngineName;
  /** What the database is, for the report ("SQLite file", "PostgreSQL 15.4 database x"). */
  description: string;
  runtime: Runtime;
  deps: ServiceDeps;
  /**
   * Runs `read` in one repeatable-read transaction: every query sees the same snapshot, even
   * while other connections commit (SQLite's read transactions are snapshots already).
   */
  snapshot<T>(read: (store: Store) => Promise<T>): Promise<T>;
  /** Closes the runtime and removes the database (file or server database). */
  close(): Promise<void>;
}

/** Whether the PostgreSQL server answers; returns its version or the reason it does not. */
export async function probePostgres(
  serverUrl: string,
): Promise<{ ok: true; version: string } | { ok: false; reason: string }> {
  const client = new pg.Client({
    connectionString: withDefaultUser(serverUrl),
    connectionTimeoutMillis: 3_000,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const result = await client.query<{ server_version: string }>('SHOW server_version');
    return { ok: true, version: result.rows[0]?.server_version ?? 'unknown' };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDefaultUser(serverUrl) });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The engines a bench runs on: SQLite, and the PostgreSQL server of TEST_POSTGRES_URL /
 * DATABASE_URL (default DEFAULT_POSTGRES_URL) unless skipped or not answering (said loudly).
 */
export async function benchEngines(
  skipPostgres: boolean,
): Promise<{ engines: EngineName[]; postgresUrl: string }> {
  const postgresUrl =
    process.env.TEST_POSTGRES_URL ?? process.env.DATABASE_URL ?? DEFAULT_POSTGRES_URL;
  const engines: EngineName[] = ['sqlite'];
  if (!skipPostgres) {
    const probe = await probePostgres(postgresUrl);
    if (probe.ok) engines.push('postgres');
    else console.log(`PostgreSQL at ${postgresUrl} not reachable (${probe.reason}): SQLite only.`);
  }
  return { engines, postgresUrl };
}

/** Databases created on the server and not dropped yet (dropped on Ctrl-C too). */
const liveDatabases = new Map<string, string>();

/** Drops every database this process created and has not dropped yet. */
export async function dropLeftoverDatabases(): Promise<void> {
  for (const [name, serverUrl] of [...liveDatabases]) {
    await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(
      () => undefined,
    );
    liveDatabases.delete(name);
  }
}

/**
 * The real runtime (src/main.ts createRuntime: migrated database, argon2, Markdown, the
 * in-process change feed) on a fresh database. The mailer discards messages.
 */
export async function openRuntime(
  engine: EngineName,
  options: { workDir: string; postgresUrl: string; label: string },
): Promise<BenchRuntime> {
  const dir = mkdtempSync(join(options.workDir, `${options.label}-${engine}-`));
  const mediaDir = join(dir, 'media');
  mkdirSync(mediaDir, { recursive: true });
  let databaseUrl: string;
  let description: string;
  let dropDatabase: () => Promise<void> = () => Promise.resolve();
  if (engine === 'sqlite') {
    const file = join(dir, 'bench.db');
    databaseUrl = `sqlite:${file}`;
    description = `SQLite file in ${tmpdir()} (WAL)`;
  } else {
    const name = `polyphony_bench_${randomBytes(6).toString('hex')}`;
    await adminQuery(options.postgresUrl, `CREATE DATABASE ${name}`);
    liveDatabases.set(name, options.postgresUrl);
    const url = new URL(options.postgresUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    description = `PostgreSQL database ${name} on ${url.host}`;
    dropDatabase = async () => {
      await adminQuery(options.postgresUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      liveDatabases.delete(name);
    };
  }
  const env = loadEnv({
    DATABASE_URL: databaseUrl,
    MEDIA_DIR: mediaDir,
    LOG_LEVEL: 'silent',
    PAGE_CACHE: 'on',
    SEED_DEMO: 'never',
  });
  let runtime: Runtime;
  try {
    runtime = await createRuntime(env, {
      mailer: { send: () => Promise.resolve() },
      log: () => undefined,
    });
  } catch (error) {
    await dropDatabase().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    engine,
    description,
    runtime,
    deps: runtime.deps,
    snapshot: (read) =>
      runtime.database.db
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute((trx) => read(createStore(trx, true))),
    close: async () => {
      await runtime.close();
      await dropDatabase();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let userCounter = 0;

/** A user with `roles`, created through the auth service (argon2 hash and all). */
export async function benchUser(
  deps: ServiceDeps,
  roles: Role[],
  name: string,
): Promise<UserRecord> {
  userCounter += 1;
  const username = `${name}${userCounter}`;
  return createUser(
    deps,
    {
      username,
      displayName: `Bench ${name} ${userCounter}`,
      email: `${username}@bench.example.org`,
      password: PASSWORD,
      timeZone: 'UTC',
    },
    roles,
  );
}

const WORDS = (
  'community river garden morning library bridge harvest lantern market school music ' +
  'volunteer neighbour festival journey window mountain village letter story kitchen ' +
  'workshop season island forest harbour meeting courage promise answer question ' +
  'translation language voice welcome table evening light bread water road paper'
).split(' ');

/** A deterministic pseudo-random generator (mulberry32), so every run writes the same text. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** `count` plain paragraphs of 25–40 words (no Markdown markup: no inline codes to keep). */
export function paragraphs(count: number, seed = 1): string[] {
  const random = generator(seed);
  return Array.from({ length: count }, (_, i) => {
    const length = 25 + Math.floor(random() * 16);
    const words = Array.from(
      { length },
      () => WORDS[Math.floor(random() * WORDS.length)] ?? 'word',
    );
    const sentence = words.join(' ');
    return `Paragraph ${i + 1}: ${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
  });
}

/** The body, title and excerpt of a bench post; `units` = title + excerpt + paragraphs. */
export interface LongPost {
  title: string;
  slug: string;
  excerpt: string;
  paragraphs: string[];
}

export function longPost(name: string, paragraphCount: number, seed: number): LongPost {
  return {
    title: `Bench post ${name}`,
    slug: `bench-post-${name}`,
    excerpt: `A long post for the translation bench (${paragraphCount} paragraphs).`,
    paragraphs: paragraphs(paragraphCount, seed),
  };
}

export function postInput(post: LongPost) {
  return {
    language: 'en',
    title: post.title,
    slug: post.slug,
    excerpt: post.excerpt,
    body: post.paragraphs.join('\n\n'),
    tags: ['bench'],
  };
}

export interface PublishedPost {
  post: PostRecord;
  units: UnitRecord[];
}

/** Creates and publishes `post` as `editor`; returns the post and its units. */
export async function publishLongPost(
  deps: ServiceDeps,
  editor: UserRecord,
  post: LongPost,
): Promise<PublishedPost> {
  const created = await createPost(deps, editor, postInput(post));
  const published = await publishPost(deps, editor, created.id);
  const revision = await deps.store.translations.latestUnitRevision(created.id);
  if (revision === null) throw new Error('publishing the bench post recorded no units');
  const units = await deps.store.translations.units(created.id, revision);
  return { post: published, units };
}

/** 40 target languages for the alignment bench (none is the source language, en). */
// prettier-ignore
export const FORTY_LANGUAGES = [
  'es', 'fr', 'de', 'pt', 'it', 'nl', 'sv', 'da', 'nb', 'fi',
  'pl', 'cs', 'sk', 'sl', 'hr', 'sr-Cyrl', 'bg', 'ru', 'uk', 'el',
  'tr', 'ar', 'he', 'fa', 'hi', 'bn', 'ur', 'ta', 'te', 'zh',
  'ja', 'ko', 'vi', 'th', 'id', 'ms', 'sw', 'am', 'yo', 'ha',
];
