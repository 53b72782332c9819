/**
 * A real app over a real database (one engine per call) for HTTP tests through app.inject().
 * Only the mailer is replaced (it records messages); storage goes to a temp directory.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { DatabaseHandle } from '../../src/db/connection.js';
import { createStore } from '../../src/db/store.js';
import { buildApp } from '../../src/http/app.js';
import { interfaceCatalog } from '../../src/i18n/overrides.js';
import type { AppOptions } from '../../src/http/app.js';
import { argon2Hasher } from '../../src/integrations/auth/argon2-hasher.js';
import { openIdProtocol } from '../../src/integrations/auth/openid-protocol.js';
import { sharpImages } from '../../src/integrations/images/sharp-images.js';
import { fsStorage } from '../../src/integrations/storage/fs-storage.js';
import { markdownFormat } from '../../src/interchange/markdown/index.js';
import { importFiles } from '../../src/interchange/wxr/import-files.js';
import type { MarkdownFormat } from '../../src/interchange/markdown/index.js';
import { DEFAULT_PUBLICATION_POLICY } from '../../src/domain/publication-policy.js';
import type { Role } from '../../src/domain/roles.js';
import { createUser } from '../../src/services/auth/auth.service.js';
import { inProcessChangeFeed } from '../../src/services/change-feed.js';
import { loadInterfaceOverrides } from '../../src/services/interface/load-interface-overrides.service.js';
import type { ServiceDeps, Settings } from '../../src/services/deps.js';
import { createMtRegistry } from '../../src/services/mt/registry.js';
import type { MtRegistry } from '../../src/services/mt/registry.js';
import type { MailMessage } from '../../src/services/ports.js';
import type { UserRecord } from '../../src/services/repositories.js';
import { timingsHub } from '../../src/services/timings.js';
import type { EngineCase } from './databases.js';

export interface TestContext {
  app: FastifyInstance;
  deps: ServiceDeps;
  mail: MailMessage[];
  /** The app's database, for tests that break it on purpose (readiness). */
  database: DatabaseHandle;
  close(): Promise<void>;
}

/** Builds deps over an open database handle, with recorded mail and temp media storage. */
export function testDeps(
  db: Parameters<typeof createStore>[0],
  mediaDir: string,
  mail: MailMessage[] = [],
): ServiceDeps {
  return {
    store: createStore(db),
    clock: { now: () => new Date() },
    mailer: {
      send: (m) => {
        mail.push(m);
        return Promise.resolve();
      },
    },
    hasher: argon2Hasher,
    signInProtocol: openIdProtocol(),
    content: markdownFormat,
    storage: fsStorage(mediaDir),
    // Beside the media directory (never inside it), removed with it by startTestApp.
    imports: importFiles(`${mediaDir}-imports`),
    images: sharpImages,
    newId: randomUUID,
    changes: inProcessChangeFeed(),
    timings: timingsHub(),
    // No engine: machine translation is off unless a test passes a registry (startTestApp's mt).
    mt: createMtRegistry([]),
    settings: {
      siteName: 'Polyphony',
      publicUrl: 'http://localhost:3000',
      sessionDays: 30,
      maxUploadBytes: 2 * 1_048_576,
      languages: ['en', 'es', 'ar', 'sw', 'de', 'sr-Cyrl'],
      defaultLanguage: 'en',
      translationEditsGoLive: false,
      translatorRoleAtSignUp: true,
      unmodifiedMachineLimit: 0.95,
      memoryThreshold: 70,
      publication: { ...DEFAULT_PUBLICATION_POLICY },
      // Matches must not depend on how busy the machine is; budget tests pass their own.
      memoryBudgetMs: 5_000,
    },
  };
}

export async function startTestApp(
  engine: EngineCase,
  options: {
    signInRateLimit?: number;
    requestLimits?: AppOptions['requestLimits'];
    trustProxy?: AppOptions['trustProxy'];
    accountLimits?: Settings['accountLimits'];
    /** A content format with its own limits (e.g. a small time budget); closed with the app. */
    content?: MarkdownFormat;
    /** Machine-translation engines (default: none configured). */
    mt?: MtRegistry;
    /** The largest WordPress export /admin/import accepts (read when the routes are built). */
    maxImportBytes?: number;
    /** METRICS_TOKEN: /metrics answers to this bearer token (default: unset, 404). */
    metricsToken?: string;
    /** METRICS_LISTEN is set: the app measures for `startMetricsListener`. */
    metricsListener?: boolean;
    /** Fastify's logger (default: none). */
    logger?: AppOptions['logger'];
    /** Keep rendered pages (default true, as served); false renders every request. */
    pageCache?: boolean;
  } = {},
): Promise<TestContext> {
  const handle = await engine.open();
  const mediaDir = mkdtempSync(join(tmpdir(), 'polyphony-media-'));
  const mail: MailMessage[] = [];
  const deps = testDeps(handle.db, mediaDir, mail);
  if (options.accountLimits) deps.settings.accountLimits = options.accountLimits;
  if (options.mt) deps.mt = options.mt;
  if (options.maxImportBytes) deps.settings.maxImportBytes = options.maxImportBytes;
  // As main.ts does: this database's approved interface texts (none left from another app).
  await loadInterfaceOverrides(deps, interfaceCatalog);
  const content = options.content ?? markdownFormat;
  deps.content = content;
  const app = await buildApp({
    deps,
    cookieSecret: 'test-cookie-secret-of-enough-length',
    signInRateLimit: options.signInRateLimit ?? 1000,
    ...(options.requestLimits ? { requestLimits: options.requestLimits } : {}),
    ...(options.trustProxy !== undefined ? { trustProxy: options.trustProxy } : {}),
    ...(options.metricsToken !== undefined ? { metricsToken: options.metricsToken } : {}),
    ...(options.metricsListener !== undefined ? { metricsListener: options.metricsListener } : {}),
    ...(options.logger !== undefined ? { logger: options.logger } : {}),
    ...(options.pageCache !== undefined ? { pageCache: options.pageCache } : {}),
  });
  await app.ready();
  return {
    app,
    deps,
    mail,
    database: handle,
    close: async () => {
      await app.close();
      await content.close();
      await handle.close();
      rmSync(mediaDir, { recursive: true, force: true });
      rmSync(`${mediaDir}-imports`, { recursive: true, force: true });
    },
  };
}

let counter = 0;

/** Creates a user with the given roles; the password is always `correct horse battery`. */
export async function buildUser(
  deps: ServiceDeps,
  roles: Role[],
  overrides: { username?: string; displayName?: string } = {},
): Promise<UserRecord> {
  counter += 1;
  const username = overrides.username ?? `user${counter}_${randomUUID().slice(0, 6)}`;
  return createUser(
    deps,
    {
      username,
      displayName: overrides.displayName ?? `Test ${username}`,
      email: `${username}@example.org`,
      password: 'correct horse battery',
      timeZone: 'UTC',
    },
    roles,
  );
}

/** A browser-like agent: keeps cookies and the latest CSRF token. */
export class Agent {
  cookies = new Map<string, string>();
  csrf = '';

  constructor(private readonly app: FastifyInstance) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(response: LightMyRequestResponse): void {
    for (const c of response.cookies) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now()))
        this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const match =
      /name="_csrf" value="([^"]+)"/.exec(response.body) ?? /_csrf=([^"&]+)/.exec(response.body);
    if (match?.[1]) this.csrf = decodeURIComponent(match[1]);
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const response = await this.app.inject({
      method: 'GET',
      url,
      headers: { cookie: this.cookieHeader(), accept: 'text/html', ...headers },
    });
    this.remember(response);
    return response;
  }

  /** Posts a form; includes the CSRF token unless `withCsrf` is false. Fetches one first if needed. */
  async post(
    url: string,
    form: Record<string, string | string[]> = {},
    options: { withCsrf?: boolean } = {},
  ): Promise<LightMyRequestResponse> {
    if (options.withCsrf !== false && !this.csrf) await this.get('/signin');
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(form))
      for (const item of Array.isArray(v) ? v : [v]) params.append(k, item);
    if (options.withCsrf !== false) params.set('_csrf', this.csrf);
    const response = await this.app.inject({
      method: 'POST',
      url,
      payload: params.toString(),
      headers: {
        cookie: this.cookieHeader(),
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html',
      },
    });
    this.remember(response);
    return response;
  }

  async signIn(login: string, password = 'correct horse battery'): Promise<LightMyRequestResponse> {
    await this.get('/signin');
    const response = await this.post('/signin', { login, password, next: '/' });
    if (response.statusCode !== 303)
      throw new Error(`sign-in failed for ${login}: ${response.statusCode}`);
    await this.get('/en/');
    return response;
  }
}
