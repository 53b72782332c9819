// `node --import tsx bench/two-instances.ts [--seconds N] [--posts N] [--no-faults]`: issue 12,
// acceptance 5 and 6.
// Two Polyphony instances on one PostgreSQL database behind nginx; wrk reads through nginx while
// translators save units through both instances. With --posts, bench/lib/seed-many.ts adds that
// many posts in ten languages beside the demo, and wrk also reads the big site's mixed URLs
// (listing, post, tag and author pages; bench/lib/mixed-urls.ts), starting with cold caches. The server is one of the bench's own
// (test/support/private-postgres.ts: Debian's initdb in a temporary directory), so it can be
// restarted for real without touching the machine's shared server. Faults during the load: at a
// third of the window PostgreSQL is restarted (`pg_ctl restart -m fast`: every connection
// closed by the server, a new postmaster on the same port) and both instances must recover
// without a restart; at two thirds instance A is killed (SIGKILL) and B must keep serving.
// Afterwards every acknowledged (200) save must be in the database. With --no-faults nothing is
// restarted or killed, and the load must run without a single error: no reader answer other
// than 2xx/3xx, no socket error, no failed save, probe or edit.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { freePort, httpGet, waitForOk } from './lib/http.js';
import { formatMiB, sampleMemory } from './lib/memory.js';
import { numberOption } from './lib/options.js';
import { buildPolyphony, startFlags } from './lib/polyphony.js';
import {
  assertRunning,
  installCleanupHandlers,
  startChild,
  stopAllChildren,
} from './lib/processes.js';
import type { ManagedChild } from './lib/processes.js';
import { describeMachine, formatNumber } from './lib/report.js';
import { privatePostgresMissing, startPrivatePostgres } from '../test/support/private-postgres.js';
import { editAndPublishOverHttp } from './lib/editor-http.js';
import { signInOverHttp } from './lib/translation-http.js';
import type { HttpSession } from './lib/translation-http.js';
import { findWrk, runWrk, stopWrk } from './lib/wrk.js';
import { mixedUrlsOnPostgres } from './lib/mixed-urls.js';
import { BIG_SITE_LANGUAGES, seedMany } from './lib/seed-many-process.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const LANGUAGES = ['es', 'fr', 'de', 'pt'];

const wrong: string[] = [];
function check(ok: boolean, what: string): void {
  if (!ok) {
    wrong.push(what);
    console.log(`WRONG: ${what}`);
  } else console.log(`ok: ${what}`);
}

interface Instance {
  name: string;
  child: ManagedChild;
  origin: string;
}

async function startInstance(
  name: string,
  env: NodeJS.ProcessEnv,
  port: number,
): Promise<Instance> {
  const child = startChild(
    name,
    process.execPath,
    [...startFlags(repoRoot), join('dist', 'cli.js'), 'serve'],
    { cwd: repoRoot, env: { ...env, PORT: String(port) } },
  );
  const origin = `http://127.0.0.1:${port}`;
  await waitForOk(`${origin}/en/`, {
    // The first start on a big site re-analyses its search rows (migrateToLatest).
    timeoutMs: 300_000,
    check: () => assertRunning(child),
  });
  return { name, child, origin };
}

interface PublishedPost {
  id: string;
  language: string;
  slug: string;
  at: string;
}

async function publishedPosts(url: string): Promise<PublishedPost[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<PublishedPost>(
      `SELECT id, source_language AS language, slug, published_at AS at FROM posts
       WHERE status = 'published' ORDER BY id`,
    );
    return result.rows;
  } finally {
    await client.end();
  }
}

function nginxConf(dir: string, port: number, upstreams: number[]): string {
  return `daemon off;
master_process on;
worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log stderr error;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${join(dir, 'client_body')};
  proxy_temp_path ${join(dir, 'proxy')};
  fastcgi_temp_path ${join(dir, 'fastcgi')};
  uwsgi_temp_path ${join(dir, 'uwsgi')};
  scgi_temp_path ${join(dir, 'scgi')};
  upstream polyphony {
${upstreams.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=5s;`).join('\n')}
    keepalive 32;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://polyphony;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_connect_timeout 2s;
      # GETs only (non_idempotent is not set): a POST/PUT is never sent twice. Not on a 503:
      # an instance answers 503 when the shared database is unreachable, which the other
      # instance meets too; counted as failures, both would be taken out of the upstream.
      proxy_next_upstream error timeout;
      proxy_next_upstream_tries 2;
    }
  }
}
`;
}

interface Unit {
  postId: string;
  unitId: string;
  revision: number;
}

interface Ack {
  postId: string;
  language: string;
  unitId: string;
  version: number;
  text: string;
  via: string;
  /** When the acknowledgement arrived (ms). */
  at: number;
}

/** A translator: saves units of one (post, language) through one instance, in turn. */
async function translator(
  instance: () => Instance,
  session: HttpSession,
  language: string,
  units: Unit[],
  until: number,
  acks: Ack[],
  failures: Map<string, number>,
  tag: string,
  /** The target versions before the load, by `language/postId/unitId`. */
  startVersions: ReadonlyMap<string, number>,
): Promise<void> {
  const versions = new Map<string, number>();
  // A unit refused as invalid (422) is not tried again.
  const skipped = new Set<string>();
  let n = 0;
  while (Date.now() < until) {
    // Paced under the save rate limits: 120 a minute per account (each translator is its own)
    // and 600 a minute per address (all eight come from 127.0.0.1).
    await sleep(1_000);
    const usable = units.filter((u) => !skipped.has(u.unitId));
    const unit = usable[n++ % Math.max(1, usable.length)];
    if (!unit) break;
    const key = `${unit.postId}/${unit.unitId}`;
    const version = versions.get(key) ?? startVersions.get(`${language}/${key}`) ?? 0;
    const text = `${tag} ${language} ${unit.unitId} v${version + 1} ${Date.now()}`;
    const target = instance();
    try {
      const response = await fetch(
        `${target.origin}/api/translate/${unit.postId}/${language}/units/${encodeURIComponent(unit.unitId)}`,
        {
          method: 'PUT',
          headers: {
            accept: 'application/json',
            'content-type': 'application/json',
            cookie: session.cookie,
            'x-csrf-token': session.csrf,
          },
          body: JSON.stringify({
            text,
            version,
            sourceRevision: unit.revision,
            state: 'translated',
          }),
          signal: AbortSignal.timeout(10_000),
        },
      );
      const body = await response.text();
      if (response.status === 200) {
        const answer = JSON.parse(body) as { target?: { version?: number } };
        const saved = answer.target?.version ?? version + 1;
        versions.set(key, saved);
        acks.push({ ...unit, language, version: saved, text, via: target.name, at: Date.now() });
      } else {
        const k = `${target.name} ${response.status}`;
        failures.set(k, (failures.get(k) ?? 0) + 1);
        if (response.status === 422) skipped.add(unit.unitId);
        if (response.status === 409) {
          const answer = JSON.parse(body) as { theirs?: { version?: number } };
          if (answer.theirs?.version !== undefined) versions.set(key, answer.theirs.version);
        }
        if ((failures.get(k) ?? 0) <= 2) console.log(`  save ${k}: ${body.slice(0, 160)}`);
      }
    } catch (error) {
      const k = `${target.name} ${error instanceof Error ? error.name : 'error'}`;
      failures.set(k, (failures.get(k) ?? 0) + 1);
      await sleep(100);
    }
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      seconds: { type: 'string' },
      posts: { type: 'string' },
      'skip-build': { type: 'boolean', default: false },
      'no-faults': { type: 'boolean', default: false },
    },
  });
  const faults = !values['no-faults'];
  const seconds = numberOption('seconds', values.seconds, 60, { min: 6, integer: true });
  const manyPosts = numberOption('posts', values.posts, 0, { min: 0, integer: true });
  const wrk = findWrk();
  if (!wrk) {
    console.log('MISSING: wrk');
    return 1;
  }
  const noServer = privatePostgresMissing();
  if (noServer) {
    console.log(`MISSING: ${noServer}`);
    return 1;
  }
  const machine = describeMachine();
  console.log(
    `Machine: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}; load average ` +
      loadavg()
        .map((l) => l.toFixed(2))
        .join(', '),
  );
  const workDir = mkdtempSync(join(tmpdir(), 'polyphony-two-'));
  chmodSync(workDir, 0o755);
  const scratch = 'polyphony';
  const server = await startPrivatePostgres();
  const databaseUrl = (name: string) => server.urlOf(name);
  installCleanupHandlers({
    beforeStop: stopWrk,
    afterStop: () => {
      server.stop();
      rmSync(workDir, { recursive: true, force: true });
    },
  });
  try {
    if (!values['skip-build']) buildPolyphony(repoRoot);
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${scratch}`);
    await admin.end();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: databaseUrl(scratch),
      MEDIA_DIR: join(workDir, 'media'),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      PAGE_CACHE: 'on',
      SEED_DEMO: 'never',
      COOKIE_SECRET: 'bench-two-instances-cookie-secret-0123456789',
      // A big site is written in more languages than the demo's.
      ...(manyPosts > 0 ? { SITE_LANGUAGES: BIG_SITE_LANGUAGES.join(',') } : {}),
    };
    mkdirSync(join(workDir, 'media'), { recursive: true });
    const seedStarted = Date.now();
    const seeded = execFileSync(process.execPath, [join('dist', 'cli.js'), 'seed-demo'], {
      cwd: repoRoot,
      env,
      encoding: 'utf8',
    });
    const password = /Admin sign-in: admin \/ (\S+)/.exec(seeded)?.[1];
    if (!password) throw new Error(`seed-demo printed no password:\n${seeded}`);
    console.log(`Seeded the demo in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`);
    // The demo's posts (the edited post, the translators' units and the checked reader URLs);
    // read before seed-many adds its own.
    const posts = await publishedPosts(databaseUrl(scratch));
    let mixed: string[] = [];
    if (manyPosts > 0) {
      const seed = await seedMany(repoRoot, databaseUrl(scratch), manyPosts);
      console.log(
        `Seeded ${formatNumber(seed.posts)} more posts in ${seed.wallSeconds.toFixed(1)} s`,
      );
      const urls = await mixedUrlsOnPostgres(databaseUrl(scratch), {
        languages: BIG_SITE_LANGUAGES,
        posts: 2_000,
        tagPages: 200,
        authorPages: 100,
      });
      mixed = urls.paths;
      console.log(`${formatNumber(mixed.length)} mixed URLs of the big site`);
    }

    const a = await startInstance('A', env, await freePort());
    const b = await startInstance('B', env, await freePort());
    const nginxPort = await freePort();
    const conf = join(workDir, 'nginx.conf');
    writeFileSync(
      conf,
      nginxConf(workDir, nginxPort, [
        Number(new URL(a.origin).port),
        Number(new URL(b.origin).port),
      ]),
    );
    const nginx = startChild('nginx', '/usr/sbin/nginx', [
      '-c',
      conf,
      '-p',
      workDir,
      '-e',
      'stderr',
    ]);
    const front = `http://127.0.0.1:${nginxPort}`;
    await waitForOk(`${front}/en/`, { timeoutMs: 10_000, check: () => assertRunning(nginx) });

    const db = new pg.Client({ connectionString: databaseUrl(scratch) });
    db.on('error', () => undefined);
    await db.connect();
    const paths = ['/en/', '/es/', '/sw/', '/en/search?q=community'];
    for (const p of posts) {
      const d = new Date(p.at);
      const ymd = `${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String(d.getUTCDate()).padStart(2, '0')}`;
      paths.push(`/${p.language}/${ymd}/${encodeURIComponent(p.slug)}`);
    }
    const okPaths: string[] = [];
    for (const p of paths) if ((await httpGet(front + p)).status === 200) okPaths.push(p);
    console.log(`${okPaths.length} of ${paths.length} reader URLs answer 200`);
    // The big site's URLs are not read first (that would fill the caches); wrk counts errors.
    const readerPaths = [...okPaths, ...mixed];
    // The published revision's units without inline codes (bold, links: a plain text would be
    // refused, 422), and the version each language's target is at (a save naming an older one
    // is a conflict, 409): every save the translators send is one the site should accept.
    const unitRows = await db.query<{ post_id: string; unit_id: string; revision: number }>(
      `SELECT u.post_id, u.unit_id, u.revision FROM post_units u
       JOIN posts p ON p.id = u.post_id AND p.status = 'published' AND p.source_language = 'en'
         AND u.revision = p.published_revision
       WHERE u.codes = '{}'`,
    );
    const targetRows = await db.query<{ k: string; version: number }>(
      `SELECT t.language || '/' || t.post_id || '/' || g.unit_id AS k, g.version
       FROM targets g JOIN translations t ON t.id = g.translation_id
       WHERE t.language = ANY($1)`,
      [LANGUAGES],
    );
    const startVersions = new Map(targetRows.rows.map((r) => [r.k, Number(r.version)]));
    const units: Unit[] = unitRows.rows.map((r) => ({
      postId: r.post_id,
      unitId: r.unit_id,
      revision: Number(r.revision),
    }));
    console.log(`${units.length} units of English posts to translate`);
    const sessionA = await signInOverHttp(a.origin, 'admin', password);
    const sessionB = await signInOverHttp(b.origin, 'admin', password);
    // Eight translators, each an account of their own (created with the CLI), signed in on
    // the instance they save through (a session is good on both: sessions are in the database).
    const translatorSessions: HttpSession[] = [];
    for (let i = 0; i < LANGUAGES.length * 2; i++) {
      const login = `translator${i}`;
      const secret = `bench-translator-${i}-${process.pid}`;
      execFileSync(
        process.execPath,
        [
          join('dist', 'cli.js'),
          'create-admin',
          '--username',
          login,
          '--email',
          `${login}@bench.invalid`,
          '--password',
          secret,
        ],
        { cwd: repoRoot, env, stdio: 'ignore' },
      );
      translatorSessions.push(
        await signInOverHttp(i % 2 === 0 ? a.origin : b.origin, login, secret),
      );
    }

    const started = Date.now();
    const until = started + seconds * 1000;
    const acks: Ack[] = [];
    const failures = new Map<string, number>();
    let aDead = false;
    const load = runWrk(wrk, front, {
      connections: 64,
      threads: 2,
      duration: seconds,
      paths: readerPaths,
      workDir,
    });
    const writers = LANGUAGES.flatMap((language, i) => {
      const mine = units.filter((_, k) => k % LANGUAGES.length === i);
      return [
        translator(
          () => (aDead ? b : a),
          translatorSessions[2 * i]!,
          language,
          mine.filter((_, k) => k % 2 === 0),
          until,
          acks,
          failures,
          'A',
          startVersions,
        ),
        translator(
          () => b,
          translatorSessions[2 * i + 1]!,
          language,
          mine.filter((_, k) => k % 2 === 1),
          until,
          acks,
          failures,
          'B',
          startVersions,
        ),
      ];
    });
    // Probe B directly every 250 ms ("B served throughout") and A until it is killed, on a page
    // neither has cached (the search for a changing word), so each probe needs the database.
    const probes = { A: 0, B: 0 };
    const probeFailures = { A: 0, B: 0 };
    /** When each instance last answered a probe. */
    const lastAnswered = { A: 0, B: 0 };
    /** When B failed a probe: allowed only while PostgreSQL is down for its restart. */
    const bFailedAt: number[] = [];
    const probeLoop = async (instance: Instance, tag: 'A' | 'B') => {
      while (Date.now() < until && !(tag === 'A' && aDead)) {
        probes[tag]++;
        try {
          const answer = await httpGet(`${instance.origin}/en/search?q=probe${probes[tag]}`, 5_000);
          if (answer.status === 200) lastAnswered[tag] = Date.now();
          else {
            probeFailures[tag]++;
            if (tag === 'B') bFailedAt.push(Date.now());
          }
        } catch {
          if (!(tag === 'A' && aDead)) probeFailures[tag]++;
          if (tag === 'B') bFailedAt.push(Date.now());
        }
        await sleep(250);
      }
    };
    const probe = Promise.all([probeLoop(a, 'A'), probeLoop(b, 'B')]);
    // An editor publishes an edit of a Spanish post (translators work on English ones) every
    // 3 s through A (through B once A is dead); after each, B is asked directly for the page
    // until it shows the edit: how long B served the old page after the publish was answered.
    const edited = posts.find((p) => p.language === 'es');
    if (!edited) throw new Error('the demo has no Spanish post to edit');
    const editedPath = paths[4 + posts.indexOf(edited)]!;
    const edits: { via: string; visibleAfterMs: number | null }[] = [];
    const editFailures: string[] = [];
    const editor = (async () => {
      let n = 0;
      while (Date.now() < until - 3_000) {
        await sleep(3_000);
        const via = aDead ? b : a;
        const marker = `Edit marker ${++n} ${Date.now()}`;
        try {
          await editAndPublishOverHttp(
            via.origin,
            via === a ? sessionA : sessionB,
            edited.id,
            marker,
          );
        } catch (error) {
          editFailures.push(
            `${via.name}: ${error instanceof Error ? error.message : String(error)}`,
          );
          continue;
        }
        const publishedAt = Date.now();
        let visibleAfterMs: number | null = null;
        while (Date.now() - publishedAt < 10_000) {
          const page = await httpGet(`${b.origin}${editedPath}`, 5_000).catch(() => null);
          if (page?.status === 200 && page.body.includes(marker)) {
            visibleAfterMs = Date.now() - publishedAt;
            break;
          }
          await sleep(50);
        }
        edits.push({ via: via.name, visibleAfterMs });
      }
    })();
    await db.end().catch(() => undefined);
    // Without faults the restart "happens" at the start: every check about after it holds
    // for the whole window.
    let restartAt = started;
    let restartedAt = started;
    if (faults) {
      await sleep((seconds * 1000) / 3);
      restartAt = Date.now();
      await server.restart();
      restartedAt = Date.now();
      console.log(
        `t=${((restartAt - started) / 1000).toFixed(1)} s: PostgreSQL restarted (pg_ctl restart -m fast, ` +
          `${restartedAt - restartAt} ms until it accepted connections again)`,
      );
      await sleep((seconds * 1000) / 3 - (restartedAt - restartAt));
    } else await sleep(until - Date.now() - 1_000);
    const memA = sampleMemory(a.child.pid);
    const aAnsweredAfterRestart = lastAnswered.A > restartedAt;
    const aSavedAfterRestart = acks.some((x) => x.via === 'A' && x.at > restartedAt);
    if (faults) {
      console.log(`t=${((Date.now() - started) / 1000).toFixed(1)} s: kill -9 instance A`);
      aDead = true;
      a.child.process.kill('SIGKILL');
    }
    const [result] = await Promise.all([load, probe, editor, ...writers]);
    const memB = sampleMemory(b.child.pid);
    const after = await httpGet(`${b.origin}/en/`).catch(() => ({ status: 0 }));
    check(after.status === 200, 'B serves after the faults without a restart');
    if (b.child.exitStatus)
      console.log(
        `B exited: ${JSON.stringify(b.child.exitStatus)}; last output:\n    ${b.child.recentOutput.slice(-30).join('\n    ')}`,
      );

    const verify = new pg.Client({ connectionString: databaseUrl(scratch) });
    await verify.connect();
    const latest = new Map<string, Ack>();
    for (const ack of acks) {
      const key = `${ack.postId}/${ack.language}/${ack.unitId}`;
      const seen = latest.get(key);
      if (!seen || ack.version > seen.version) latest.set(key, ack);
    }
    let present = 0;
    const stored = await verify.query<{ k: string; version: number; text: string }>(
      `SELECT t.post_id || '/' || t.language || '/' || g.unit_id AS k, g.version, g.text
       FROM targets g JOIN translations t ON t.id = g.translation_id`,
    );
    const byKey = new Map(stored.rows.map((r) => [r.k, r]));
    const versionsNow = new Map<string, number>();
    for (const [key, ack] of latest) {
      const row = byKey.get(key);
      versionsNow.set(key, row ? Number(row.version) : 0);
      if (row && Number(row.version) >= ack.version) present++;
    }
    // Every acknowledged version is in the history: the highest acknowledged is the stored one
    // or older (a later save by the other instance), and its text is there.
    const history = await verify.query<{ text: string }>(`SELECT text FROM target_history`);
    const texts = new Set(history.rows.map((r) => r.text));
    const ackTexts = acks.filter(
      (ack) =>
        texts.has(ack.text) ||
        byKey.get(`${ack.postId}/${ack.language}/${ack.unitId}`)?.text === ack.text,
    ).length;
    await verify.end();

    const elapsed = (Date.now() - started) / 1000;
    console.log('\n== Results ==');
    console.log(
      `wrk through nginx, 64 connections, ${seconds} s, ${readerPaths.length} URLs: ` +
        `${formatNumber(result.requestsPerSecond)} req/s, p50 ${result.latencyMs.p50.toFixed(2)} ms, ` +
        `p99 ${result.latencyMs.p99.toFixed(2)} ms, ${formatNumber(result.requests)} requests`,
    );
    console.log(
      `reader errors: non-2xx/3xx ${result.badStatus}, socket connect ${result.errors.connect}, ` +
        `read ${result.errors.read}, write ${result.errors.write}, timeout ${result.errors.timeout}`,
    );
    console.log(
      `saves acknowledged ${acks.length} (${(acks.length / elapsed).toFixed(1)}/s; via A ` +
        `${acks.filter((x) => x.via === 'A').length}, via B ${acks.filter((x) => x.via === 'B').length}); ` +
        `units: ${latest.size}, stored at or past the acknowledged version: ${present}; ` +
        `acknowledged texts found: ${ackTexts}`,
    );
    console.log(
      `save failures: ${[...failures].map(([k, v]) => `${k}: ${v}`).join(', ') || 'none'}`,
    );
    const viaA = edits
      .filter((e) => e.via === 'A' && e.visibleAfterMs !== null)
      .map((e) => e.visibleAfterMs!)
      .sort((x, y) => x - y);
    console.log(
      `editor: ${edits.length} edits published (${edits.filter((e) => e.via === 'A').length} via A), ` +
        `${editFailures.length} refused${editFailures.length ? ` (${editFailures.slice(0, 3).join('; ')})` : ''}; ` +
        `B showed an edit published via A after ${viaA.length ? `median ${viaA[Math.floor(viaA.length / 2)]} ms, max ${viaA.at(-1)} ms` : 'n/a'}` +
        ` (B polled every 50 ms; includes B's answer time under the load)`,
    );
    console.log(
      `probed directly (uncached search): A ${probes.A} GETs${faults ? ' until its kill' : ''}, ${probeFailures.A} failed; ` +
        `B ${probes.B} GETs, ${probeFailures.B} failed`,
    );
    console.log(
      `RSS: A ${memA ? formatMiB(memA.rssKiB) : 'n/a'} (${faults ? 'before kill' : 'end of load'}), B ${memB ? formatMiB(memB.rssKiB) : 'n/a'} (after load)`,
    );
    check(
      edits.length > 0 && edits.every((e) => e.visibleAfterMs !== null),
      'B showed every published edit (within 10 s)',
    );
    check(viaA.length > 0, 'edits were published through A and seen on B');
    check(present === latest.size, 'every acknowledged save is stored (version)');
    check(ackTexts === acks.length, 'every acknowledged text is in the target or its history');
    const sinceRestart = faults ? ' after the PostgreSQL restart' : '';
    check(
      aAnsweredAfterRestart,
      `A answered readers${sinceRestart}${faults ? ', not restarted' : ''}`,
    );
    check(aSavedAfterRestart, `A acknowledged saves${sinceRestart}`);
    check(
      acks.some((x) => x.via === 'B' && x.at > restartedAt),
      `B acknowledged saves${sinceRestart}`,
    );
    check(lastAnswered.B > restartedAt, `B answered readers${sinceRestart}`);
    if (!faults) {
      const socketErrors = Object.values(result.errors).reduce((sum, n) => sum + n, 0);
      check(
        result.badStatus === 0 && socketErrors === 0,
        `no faults: every reader request answered 2xx/3xx (${result.badStatus} other, ${socketErrors} socket errors)`,
      );
      const failedSaves = [...failures.values()].reduce((sum, n) => sum + n, 0);
      check(failedSaves === 0, `no faults: no save failed (${failedSaves})`);
      check(
        probeFailures.A + probeFailures.B === 0 && editFailures.length === 0,
        `no faults: no probe or edit failed (${probeFailures.A + probeFailures.B} probes, ${editFailures.length} edits)`,
      );
    }
    // A probe may fail while the server is down (and for 5 s after: a probe can be in flight on
    // a closing connection); none may fail at any other time, A's kill included.
    const outside = bFailedAt.filter((t) => t < restartAt || t > restartedAt + 5_000).length;
    check(outside === 0, `B answered every direct probe outside the restart (${outside} failed)`);
    check(
      acks.some((x) => x.via === 'B' && x.version > 0),
      'B acknowledged saves',
    );
    return wrong.length > 0 ? 1 : 0;
  } finally {
    await stopAllChildren();
    server.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    if (code !== 0) console.log(`${wrong.length} check(s) WRONG`);
    process.exitCode = code;
  },
  async (error: unknown) => {
    console.error(
      `two-instances bench failed: ${error instanceof Error ? error.stack : String(error)}`,
    );
    await stopAllChildren();
    process.exitCode = 1;
  },
);
