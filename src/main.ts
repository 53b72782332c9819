/**
 * Composition root: turns configuration into real adapters and services, and starts the
 * HTTP server and the scheduler. The only place that knows every layer.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { jobQueueKind } from './config/env.js';
import type { Env } from './config/env.js';
import { openDatabase, withDefaultUser } from './db/connection.js';
import type { DatabaseHandle } from './db/connection.js';
import { migrateToLatest } from './db/migrate.js';
import { openPgChangeFeed } from './db/pg-change-feed.js';
import { DEFAULT_PUBLICATION_POLICY } from './domain/publication-policy.js';
import { parseSiteLanguages } from './domain/site-languages.js';
import { createStore } from './db/store.js';
import { buildApp } from './http/app.js';
import { startMetricsListener } from './http/metrics-listener.js';
import { interfaceCatalog } from './i18n/overrides.js';
import { argon2Hasher } from './integrations/auth/argon2-hasher.js';
import { openIdProtocol } from './integrations/auth/openid-protocol.js';
import { sharpImages } from './integrations/images/sharp-images.js';
import { logMailer, smtpMailer } from './integrations/mail/smtp-mailer.js';
import { mtProviders } from './integrations/mt/providers.js';
import { fsStorage } from './integrations/storage/fs-storage.js';
import { markdownFormat } from './interchange/markdown/index.js';
import { importFiles } from './interchange/wxr/import-files.js';
import { startHousekeeping } from './jobs/housekeeping.js';
import { startImportRunner } from './jobs/import-runner.js';
import { startJobQueue } from './jobs/queue.js';
import { startScheduler } from './jobs/scheduler.js';
import { startDigestScheduler } from './jobs/digest-scheduler.js';
import { followSiteChanges } from './services/admin/follow-site-changes.service.js';
import { applySiteSettings, reloadSiteSettings } from './services/admin/site-settings.service.js';
import { cookieSecret } from './services/admin/site-secrets.service.js';
import { echoedChangeFeed, inProcessChangeFeed } from './services/change-feed.js';
import { loadInterfaceOverrides } from './services/interface/load-interface-overrides.service.js';
import type { ServiceDeps } from './services/deps.js';
import { timingsHub } from './services/timings.js';
import { createMtRegistry } from './services/mt/registry.js';
import type { ChangeFeed, Mailer } from './services/ports.js';

/** A change feed that may hold something to let go of when the runtime closes. */
export type ClosableChangeFeed = ChangeFeed & { close?(): void };

export interface Runtime {
  deps: ServiceDeps;
  database: DatabaseHandle;
  close(): Promise<void>;
}

/** The read replica's pool; never migrated (it replays the primary). */
async function openReplica(url: string): Promise<DatabaseHandle> {
  const replica = await openDatabase(url);
  if (replica.driver !== 'pg') {
    await replica.close();
    throw new Error('DATABASE_READ_URL must name a PostgreSQL server (postgres://)');
  }
  return replica;
}

/** Opens and migrates the database and wires every service dependency. */
export async function createRuntime(
  env: Env,
  options: {
    mailer?: Mailer;
    log?: (line: string) => void;
    /** Wraps the change feed the services publish to (a worker's IPC relay on SQLite). */
    wrapChanges?: (feed: ChangeFeed, driver: DatabaseHandle['driver']) => ClosableChangeFeed;
  } = {},
): Promise<Runtime> {
  const database = await openDatabase(env.DATABASE_URL);
  await migrateToLatest(database);
  const site = parseSiteLanguages(env.SITE_LANGUAGES, env.SITE_LANGUAGE);
  const log = options.log ?? ((line: string) => console.log(line));
  // Instances sharing a PostgreSQL server tell each other what changed (LISTEN/NOTIFY);
  // SQLite and PGlite are one process, where the in-process feed is exact.
  const feed =
    database.driver === 'pg'
      ? await openPgChangeFeed({
          db: database.db,
          url: env.DATABASE_URL,
          onError: (error) =>
            log(`change feed: ${error instanceof Error ? error.message : String(error)}`),
        }).catch(async (error: unknown) => {
          await database.close();
          throw error;
        })
      : undefined;
  // Signed-out reading from a replica (src/http/reader-deps.ts); its pages are dropped again
  // once the replica may have replayed the change that dropped them.
  const replica = env.DATABASE_READ_URL
    ? await openReplica(env.DATABASE_READ_URL).catch(async (error: unknown) => {
        await feed?.close();
        await database.close();
        throw error;
      })
    : null;
  const changes = replica
    ? echoedChangeFeed(feed ?? inProcessChangeFeed(), env.DATABASE_READ_MAX_LAG_MS)
    : null;
  const base = changes ?? feed ?? inProcessChangeFeed();
  const wrapped = options.wrapChanges?.(base, database.driver);
  const deps: ServiceDeps = {
    store: createStore(database.db),
    ...(replica ? { readStore: createStore(replica.db) } : {}),
    clock: { now: () => new Date() },
    mailer:
      options.mailer ?? (env.SMTP_URL ? smtpMailer(env.SMTP_URL, env.MAIL_FROM) : logMailer(log)),
    hasher: argon2Hasher,
    signInProtocol: openIdProtocol(),
    content: markdownFormat,
    storage: fsStorage(env.MEDIA_DIR),
    imports: importFiles(env.IMPORT_DIR, env.IMPORT_UPLOADS_DIR),
    images: sharpImages,
    newId: randomUUID,
    changes: wrapped ?? base,
    timings: timingsHub(),
    mt: createMtRegistry(
      mtProviders({
        apertiumUrl: env.MT_APERTIUM_URL,
        libreTranslateUrl: env.MT_LIBRETRANSLATE_URL,
        libreTranslateKey: env.MT_LIBRETRANSLATE_KEY,
        mintUrl: env.MT_MINT_URL,
      }),
      { limits: { timeoutMs: env.MT_TIMEOUT_MS } },
    ),
    settings: {
      siteName: env.SITE_NAME,
      publicUrl:
        env.PUBLIC_URL ?? `http://${env.HOST === '0.0.0.0' ? 'localhost' : env.HOST}:${env.PORT}`,
      sessionDays: env.SESSION_DAYS,
      maxUploadBytes: Math.round(env.MAX_UPLOAD_MB * 1_048_576),
      maxImportBytes: Math.round(env.MAX_IMPORT_MB * 1_048_576),
      languages: site.languages,
      defaultLanguage: site.defaultLanguage,
      translationEditsGoLive: env.TRANSLATION_EDITS_GO_LIVE === 'on',
      translatorRoleAtSignUp: env.SIGNUP_TRANSLATOR === 'on',
      unmodifiedMachineLimit: env.MT_UNMODIFIED_LIMIT / 100,
      memoryThreshold: env.MEMORY_THRESHOLD,
      publication: { ...DEFAULT_PUBLICATION_POLICY },
      memoryBudgetMs: env.MEMORY_BUDGET_MS,
    },
  };
  // The environment seeds the database on first start; from then on the database decides.
  await applySiteSettings(deps);
  // Volunteers' approved interface texts, live over the shipped catalogs.
  await loadInterfaceOverrides(deps, interfaceCatalog);
  // What another worker or instance changes site-wide is re-read here too. The settings last:
  // from the moment they apply to the follower's drop of the pages there is no I/O, so no page
  // is rendered with them only to be dropped.
  const follower = followSiteChanges(
    deps,
    async () => {
      const { changed } = await loadInterfaceOverrides(deps, interfaceCatalog);
      const settingsChanged = await reloadSiteSettings(deps);
      return changed || settingsChanged;
    },
    (error) =>
      log(
        `re-reading the site settings: ${error instanceof Error ? error.message : String(error)}`,
      ),
  );
  return {
    deps,
    database,
    close: async () => {
      await follower.stop();
      // The content format's worker threads first: they must not outlive the process's work.
      await markdownFormat.close();
      // Before the pool: the notifications still being sent go out on it.
      wrapped?.close?.();
      changes?.close();
      await feed?.close();
      await replica?.close();
      await database.close();
    },
  };
}

/**
 * The scheduler, the digest scheduler, the job queue (pg-boss on a PostgreSQL server, the
 * table runner elsewhere: JOB_QUEUE), the import runner and housekeeping, logging to the
 * app's logger. One process of an instance runs them (with WORKERS, one worker does); jobs
 * are claimed, so instances that each run them never run a job twice.
 */
async function startBackgroundWork(
  runtime: Runtime,
  env: Env,
  app: FastifyInstance,
): Promise<{ stop(): Promise<void> }> {
  const kind = jobQueueKind(env);
  const jobs = await startJobQueue(runtime.deps, kind, {
    databaseUrl: kind === 'pg-boss' ? withDefaultUser(env.DATABASE_URL) : env.DATABASE_URL,
    onError: (error) => app.log.error({ err: error }, 'a background job failed'),
  });
  const scheduler = startScheduler(runtime.deps, (error) =>
    app.log.error({ err: error }, 'scheduled publishing failed'),
  );
  const digests = startDigestScheduler(runtime.deps, (error) =>
    app.log.error({ err: error }, 'enqueueing the digest run failed'),
  );
  const imports = startImportRunner(runtime.deps, (error) =>
    app.log.error({ err: error }, 'a WordPress import failed'),
  );
  const housekeeping = startHousekeeping(
    runtime.deps,
    (pruned) => app.log.info({ pruned }, 'expired rows deleted'),
    (error) => app.log.error({ err: error }, 'deleting expired rows failed'),
  );
  return {
    stop: async () => {
      const stopped = await Promise.allSettled([
        scheduler.stop(),
        digests.stop(),
        jobs.stop(),
        imports.stop(),
        housekeeping.stop(),
      ]);
      const failure = stopped.find((outcome) => outcome.status === 'rejected');
      if (failure) throw failure.reason;
    },
  };
}

export interface ServeOptions {
  /** Run the background work in this process (default true; false in all workers but one). */
  background?: boolean;
}

/** Builds the app and listens; returns the server, the URL and a stop function. */
export async function serve(
  runtime: Runtime,
  env: Env,
  options: ServeOptions = {},
): Promise<{ app: FastifyInstance; url: string; stop(): Promise<void> }> {
  const app = await buildApp({
    deps: runtime.deps,
    cookieSecret: await cookieSecret(runtime.deps, process.env.COOKIE_SECRET),
    secureCookies: env.PUBLIC_URL?.startsWith('https:') ?? false,
    pageCache: env.PAGE_CACHE === 'on',
    pageCacheTtlSeconds: env.PAGE_CACHE_TTL_SECONDS,
    trustProxy: env.TRUST_PROXY,
    metricsToken: env.METRICS_TOKEN,
    metricsListener: env.METRICS_LISTEN !== undefined,
    purgeWebhookUrl: env.PURGE_WEBHOOK_URL,
    logger: {
      level: env.LOG_LEVEL,
      redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
    },
  });
  const address = await app.listen({ port: env.PORT, host: env.HOST });
  const metrics = env.METRICS_LISTEN
    ? await startMetricsListener(app, env.METRICS_LISTEN).catch(async (error: unknown) => {
        await app.close();
        throw error;
      })
    : null;
  if (metrics) app.log.info({ url: metrics.url }, 'metrics listening');
  const background =
    options.background === false
      ? null
      : await startBackgroundWork(runtime, env, app).catch(async (error: unknown) => {
          await metrics?.close();
          await app.close();
          throw error;
        });
  const url = env.PUBLIC_URL ?? address.replace('[::1]', 'localhost');
  let stopping: Promise<void> | undefined;
  return {
    app,
    url: url.endsWith('/') ? url : `${url}/`,
    // Graceful: stop listening and let the requests in flight finish (app.close), claim no
    // new work and let the running job and import item finish, then close the database (even
    // when one of those failed; the first failure is thrown after). Once: a second call (a
    // second signal) gets the same promise.
    stop: () =>
      (stopping ??= (async () => {
        const stopped = await Promise.allSettled([
          app.close(),
          metrics?.close(),
          background?.stop(),
        ]);
        await runtime.close();
        const failure = stopped.find((outcome) => outcome.status === 'rejected');
        if (failure) throw failure.reason;
      })()),
  };
}
