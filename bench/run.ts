// `npm run bench`: issue #3's reader-performance figures in one run.
//   a. The demo post page with the page cache warm, against nginx serving the same bytes.
//   b. The same page with the page cache off (every request renders).
//   c. Resident memory with 10,000 posts in 10 languages, under a mixed load of many URLs.
//   Then, each in its own process: translation (issue #4), translation memory (issue 8), the
//   statistics page and the digests (issue 10), translation files of a 500-unit post and reading
//   a 10,000-post WordPress export (issue 11).
// See bench/README.md for what is measured and how to read the figures.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type autocannon from 'autocannon';
import { freePort, httpGet } from './lib/http.js';
import { numberOption } from './lib/options.js';
import { measure, stopLoad } from './lib/load.js';
import type { LoadOptions, LoadTarget } from './lib/load.js';
import { sampleMemory, formatMiB } from './lib/memory.js';
import type { MemorySample } from './lib/memory.js';
import { mixedUrls } from './lib/mixed-urls.js';
import type { MixedUrls } from './lib/mixed-urls.js';
import { DEMO_POST_PATH, buildPolyphony, startPolyphony } from './lib/polyphony.js';
import type { PolyphonyServer } from './lib/polyphony.js';
import { installCleanupHandlers, startChild, stopAllChildren, stopChild } from './lib/processes.js';
import type { ManagedChild } from './lib/processes.js';
import {
  describeMachine,
  formatChecks,
  formatNumber,
  formatTable,
  summarize,
} from './lib/report.js';
import type { TargetCheck, TargetSummary } from './lib/report.js';
import { BIG_SITE_LANGUAGES, seedMany } from './lib/seed-many-process.js';
import type { SeedResult } from './lib/seed-many-process.js';
import { ensureNginx, startNginx, startNodeStatic } from './lib/static.js';
import type { StaticServer } from './lib/static.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = join(repoRoot, 'bench', 'results');
const resultsFile = join(resultsDir, 'latest.json');

/** The languages of the big site (part c); seed-many.ts writes posts in exactly these. */

/** Issue #3, acceptance 6. */
const TARGETS = {
  /** Warm Polyphony throughput at least this fraction of nginx's. */
  warmRatio: 0.5,
  /** Requests per second with the page cache off. */
  uncachedRps: 1_000,
  /** Resident set (after load and peak) with the big site, in KiB: 200 MiB. */
  rssKiB: 200 * 1024,
};

const USAGE = `Usage: npm run bench -- [options]

  --duration N      seconds of measured load per target (default 10)
  --warmup N        seconds of warm-up load per target before measuring (default 2)
  --connections N   concurrent connections (default 32)
  --posts N         published posts in the big database of part c (default 10000)
  --skip-big        skip part c (the big database and its memory figures)
  --path P          page of Polyphony to load in parts a and b (default ${DEMO_POST_PATH})
  --static KIND     static baseline server: auto (nginx if available, else node), nginx, node
  --static-only     do not start Polyphony; only measure the static server, serving --html
                    or a built-in sample page (to check the bench itself)
  --html FILE       HTML file for --static-only
  --cpu-prof        profile the uncached server of part b (node --cpu-prof); the profile is
                    written to bench/results/
  --keep            keep the temporary directory (databases, nginx.conf, static copy)
  --skip-translation  skip the translation figures of issue #4 (bench/translation.ts, run
                    last in its own process with the same --duration)
  --skip-stats      skip issue 10's statistics page at 10,000 posts × 10 languages
                    (bench/stats.ts, SQLite and the PostgreSQL server when it answers)
  --skip-digests    skip issue 10's digest run for 1,000 subscribers (bench/digests.ts,
                    SQLite and the PostgreSQL server when it answers)
  --skip-wxr        skip issue 11's WordPress export reading and conversion of 10,000 posts
                    (bench/wxr.ts)
  --skip-xliff      skip issue 11's XLIFF 2.0 / XLIFF 1.2 / PO export and import of a 500-unit
                    post (bench/xliff.ts, SQLite and the PostgreSQL server when it answers)
  --skip-read-path  skip issue 12's read-path figures with wrk in its own process
                    (bench/read-path.ts: warm identity and brotli against nginx and node:http,
                    uncached, 10,000 posts with a cold cache)
  --skip-two-instances  skip issue 12's two instances behind nginx on a scratch PostgreSQL
                    database, with instance A killed and the database connections cut
                    (bench/two-instances.ts, 60 s)
  --skip-memory     skip part d, translation memory at 1,000,000 entries (bench/memory.ts,
                    SQLite and the PostgreSQL server of TEST_POSTGRES_URL; ~12 minutes)
  --help            show this help
`;

interface Options extends LoadOptions {
  path: string;
  posts: number;
  skipBig: boolean;
  staticKind: 'auto' | 'nginx' | 'node';
  staticOnly: boolean;
  html: string | undefined;
  cpuProf: boolean;
  keep: boolean;
  skipTranslation: boolean;
  skipMemory: boolean;
  skipStats: boolean;
  skipDigests: boolean;
  skipXliff: boolean;
  skipWxr: boolean;
  skipReadPath: boolean;
  skipTwoInstances: boolean;
}

function parseOptions(argv: string[]): Options | undefined {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      posts: { type: 'string' },
      'skip-big': { type: 'boolean', default: false },
      path: { type: 'string' },
      static: { type: 'string' },
      'static-only': { type: 'boolean', default: false },
      html: { type: 'string' },
      'cpu-prof': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      'skip-translation': { type: 'boolean', default: false },
      'skip-memory': { type: 'boolean', default: false },
      'skip-stats': { type: 'boolean', default: false },
      'skip-digests': { type: 'boolean', default: false },
      'skip-xliff': { type: 'boolean', default: false },
      'skip-wxr': { type: 'boolean', default: false },
      'skip-read-path': { type: 'boolean', default: false },
      'skip-two-instances': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return undefined;
  }
  const staticKind = values.static ?? 'auto';
  if (staticKind !== 'auto' && staticKind !== 'nginx' && staticKind !== 'node') {
    throw new Error(`--static must be auto, nginx or node (got "${staticKind}")`);
  }
  if (values.html !== undefined && !values['static-only']) {
    throw new Error('--html only makes sense with --static-only');
  }
  const path = values.path ?? DEMO_POST_PATH;
  if (!path.startsWith('/')) throw new Error('--path must start with /');
  return {
    duration: numberOption('duration', values.duration, 10),
    warmup: numberOption('warmup', values.warmup, 2, { min: 0 }),
    connections: Math.round(numberOption('connections', values.connections, 32)),
    posts: Math.round(numberOption('posts', values.posts, 10_000)),
    skipBig: values['skip-big'],
    path,
    staticKind,
    staticOnly: values['static-only'],
    html: values.html,
    cpuProf: values['cpu-prof'],
    keep: values.keep,
    skipTranslation: values['skip-translation'],
    skipMemory: values['skip-memory'],
    skipStats: values['skip-stats'],
    skipDigests: values['skip-digests'],
    skipXliff: values['skip-xliff'],
    skipWxr: values['skip-wxr'],
    skipReadPath: values['skip-read-path'],
    skipTwoInstances: values['skip-two-instances'],
  };
}

/** A page of roughly the size of a real post, for --static-only runs. */
function samplePage(): Buffer {
  const paragraphs = Array.from(
    { length: 40 },
    (_, i) =>
      `<p>Paragraph ${i + 1}. Four chapters on four continents wrote one playbook together; ` +
      `this sample text only stands in for a real post so that the bench can be checked.</p>`,
  ).join('\n');
  return Buffer.from(
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8">` +
      `<title>Bench sample page</title></head>\n<body><main><h1>Bench sample page</h1>\n` +
      `${paragraphs}\n</main></body></html>\n`,
  );
}

function heading(text: string): void {
  console.log(`\n== ${text} ==`);
}

async function startStatic(
  kind: Options['staticKind'],
  workDir: string,
  staticDir: string,
): Promise<StaticServer> {
  const port = await freePort();
  if (kind !== 'node') {
    const nginx = ensureNginx();
    if (nginx) return startNginx(nginx, { root: staticDir, workDir, port });
    if (kind === 'nginx') throw new Error('nginx is not available (and could not be installed)');
    console.log('nginx is not available; falling back to a node:http static server.');
  }
  return startNodeStatic(join(staticDir, 'index.html'), port);
}

const polyphonyServer = `node ${process.version}`;

function formatLoad(load: readonly number[]): string {
  return load.map((l) => l.toFixed(2)).join(', ');
}

/** Loads one target, prints its figures and returns its summary. */
async function loadTarget(
  name: string,
  server: string,
  target: LoadTarget,
  child: ManagedChild,
  options: Options,
  raw: Record<string, autocannon.Result>,
  idle: MemorySample | undefined = sampleMemory(child.pid),
): Promise<TargetSummary> {
  heading(`Loading ${name}`);
  const what = target.paths
    ? `${formatNumber(target.paths.length)} paths on ${target.url}, one at random per request`
    : target.url;
  console.log(`${what} (pid ${child.pid})`);
  const measurement = await measure(target, name, options);
  const after = sampleMemory(child.pid);
  const summary = summarize(name, server, measurement, idle, after);
  raw[name] = measurement.result;
  console.log(
    `${formatNumber(summary.requestsPerSecond)} req/s, ` +
      `p50 ${summary.latencyMs.p50.toFixed(2)} ms, p99 ${summary.latencyMs.p99.toFixed(2)} ms` +
      (after ? `, RSS ${formatMiB(after.rssKiB)} (peak ${formatMiB(after.hwmKiB)})` : '') +
      (summary.errors + summary.timeouts + summary.non2xx > 0
        ? `; ${summary.errors} errors, ${summary.timeouts} timeouts, ${summary.non2xx} non-2xx`
        : ''),
  );
  return summary;
}

/** The x-cache header of one GET of `url` ('(absent)' when there is none). */
async function cacheHeader(url: string): Promise<string> {
  const response = await httpGet(url);
  if (response.status !== 200) throw new Error(`GET ${url} answered HTTP ${response.status}`);
  const value = response.headers['x-cache'];
  return value === undefined ? '(absent)' : String(value);
}

interface Parts {
  warm?: TargetSummary;
  static?: TargetSummary;
  uncached?: TargetSummary;
  big?: TargetSummary;
}

function checks(parts: Parts, options: Options): TargetCheck[] {
  const list: TargetCheck[] = [];
  const { warm, static: base, uncached, big } = parts;
  if (warm && base && base.requestsPerSecond > 0) {
    const ratio = warm.requestsPerSecond / base.requestsPerSecond;
    list.push({
      name: 'a. Warm page cache vs nginx',
      target: `≥ ${TARGETS.warmRatio} × static`,
      measured:
        `${ratio.toFixed(2)} × (${formatNumber(warm.requestsPerSecond)} / ` +
        `${formatNumber(base.requestsPerSecond)} req/s)`,
      pass: ratio >= TARGETS.warmRatio,
    });
  }
  if (uncached) {
    list.push({
      name: 'b. Uncached (every request renders)',
      target: `≥ ${formatNumber(TARGETS.uncachedRps)} req/s`,
      measured: `${formatNumber(uncached.requestsPerSecond)} req/s`,
      pass: uncached.requestsPerSecond >= TARGETS.uncachedRps,
    });
  }
  const posts = formatNumber(options.posts);
  const rssTarget = `< ${formatMiB(TARGETS.rssKiB)}`;
  if (options.skipBig) {
    for (const which of ['after load', 'peak (HWM)']) {
      list.push({
        name: `c. RSS ${which}, big site`,
        target: rssTarget,
        measured: '—',
        pass: undefined,
      });
    }
  } else if (big) {
    const after = big.memoryAfterLoad;
    list.push({
      name: `c. RSS after load, ${posts} posts`,
      target: rssTarget,
      measured: after ? formatMiB(after.rssKiB) : 'n/a',
      pass: after ? after.rssKiB < TARGETS.rssKiB : false,
    });
    list.push({
      name: `c. Peak RSS (HWM), ${posts} posts`,
      target: rssTarget,
      measured: after ? formatMiB(after.hwmKiB) : 'n/a',
      pass: after ? after.hwmKiB < TARGETS.rssKiB : false,
    });
  }
  return list;
}

/**
 * One of the benches that run in their own process (`bench/<script>.ts` with `args`), its
 * output printed as it comes. False when it failed or its own check printed WRONG.
 */
async function runScriptBench(
  title: string,
  script: string,
  args: string[] = [],
): Promise<boolean> {
  heading(title);
  const child = startChild(
    script,
    process.execPath,
    ['--import', 'tsx', `bench/${script}.ts`, ...args],
    {
      cwd: repoRoot,
      echo: false,
      onLine: (line) => console.log(line),
    },
  );
  const { code, signal } = await child.exited;
  if (code === 0) return true;
  console.warn(
    `warning: bench/${script}.ts exited with code ${String(code)}` +
      `${signal ? ` (signal ${signal})` : ''}; its figures are not valid.`,
  );
  return false;
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  if (!options) return 0;

  const machine = describeMachine();
  heading('Polyphony bench');
  console.log(`Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.totalMemoryMiB} MiB RAM`);
  console.log(`Node:    ${machine.node} (${machine.platform})`);
  const loadBefore = loadavg();
  console.log(`Busy:    load average ${formatLoad(loadBefore)} before the run`);
  console.log(
    `Load:    ${options.connections} connections, ${options.warmup} s warm-up + ` +
      `${options.duration} s measured per target, autocannon in this process, 127.0.0.1 only`,
  );

  const workDir = mkdtempSync(join(tmpdir(), 'polyphony-bench-'));
  const removeWorkDir = (): void => {
    if (options.keep) console.log(`Kept ${workDir}`);
    else rmSync(workDir, { recursive: true, force: true });
  };
  installCleanupHandlers({ beforeStop: stopLoad, afterStop: removeWorkDir });
  // nginx workers may run as another user (nobody) when started as root: let them in.
  chmodSync(workDir, 0o755);
  const staticDir = join(workDir, 'static');
  mkdirSync(staticDir, { mode: 0o755 });

  const summaries: TargetSummary[] = [];
  const raw: Record<string, autocannon.Result> = {};
  const parts: Parts = {};
  const notes: Record<string, unknown> = {};
  let html: Buffer;
  let staticServer: StaticServer | undefined;
  let seed: SeedResult | undefined;
  let urls: MixedUrls | undefined;
  const startups: Record<string, number> = {};

  try {
    let warm: PolyphonyServer | undefined;
    const demoDatabase = join(workDir, 'demo', 'bench.db');
    const demoMedia = join(workDir, 'demo', 'media');
    if (options.staticOnly) {
      html = options.html === undefined ? samplePage() : readFileSync(options.html);
      heading('Static only (Polyphony not started)');
    } else {
      heading('Building Polyphony (node scripts/build.js, as npm start does)');
      const buildMs = buildPolyphony(repoRoot);
      console.log(`Built dist/cli.js in ${(buildMs / 1000).toFixed(1)} s.`);

      heading('a. Starting Polyphony on the demo database, page cache on');
      warm = await startPolyphony({
        repoRoot,
        name: 'polyphony',
        databaseFile: demoDatabase,
        mediaDir: demoMedia,
        port: await freePort(),
        readyPath: options.path,
        readyTimeoutMs: 60_000,
        pageCache: 'on',
      });
      startups.demo = warm.startupMs;
      html = warm.page.body;
      console.log(
        `Ready after ${(warm.startupMs / 1000).toFixed(1)} s (seeding the demo included); ` +
          `${warm.origin}${options.path} is ${html.length} bytes of HTML.`,
      );
    }

    heading(`${options.staticOnly ? '' : 'a. '}Starting the static copy`);
    const indexFile = join(staticDir, 'index.html');
    writeFileSync(indexFile, html, { mode: 0o644 });
    staticServer = await startStatic(options.staticKind, workDir, staticDir);
    const check = await httpGet(staticServer.url);
    if (check.status !== 200 || !check.body.equals(html)) {
      throw new Error(
        `The static server does not serve the copy (HTTP ${check.status}, ` +
          `${check.body.length} bytes instead of ${html.length})`,
      );
    }
    console.log(`${staticServer.description} serves ${indexFile} at ${staticServer.url}`);
    const staticName = staticServer.description.split(' (')[0] ?? staticServer.kind;

    if (warm) {
      const url = warm.origin + options.path;
      const server = warm;
      parts.warm = await loadTarget(
        'a. Polyphony, page cache warm',
        polyphonyServer,
        {
          url,
          afterWarmup: async () => {
            const response = await httpGet(url);
            const header = response.headers['x-cache'];
            notes.warmCacheHeader = header ?? null;
            notes.warmBodyMatchesStatic = response.body.equals(html);
            console.log(
              `After the warm-up: x-cache: ${header === undefined ? '(absent)' : String(header)}` +
                `${response.body.equals(html) ? ', same bytes as the static copy' : ''}`,
            );
            if (header !== 'HIT') {
              console.warn('  warning: the page cache is not warm; this is not a warm figure.');
            }
          },
        },
        server.child,
        options,
        raw,
      );
      summaries.push(parts.warm);
    }
    parts.static = await loadTarget(
      `${options.staticOnly ? '' : 'a. '}Static copy`,
      staticName,
      { url: staticServer.url },
      staticServer.child,
      options,
      raw,
    );
    summaries.push(parts.static);
    await stopChild(staticServer.child);

    if (warm) {
      await warm.stop();

      heading('b. Restarting Polyphony on the same database, PAGE_CACHE=off');
      const profileDir = join(resultsDir, 'profiles');
      if (options.cpuProf) mkdirSync(profileDir, { recursive: true });
      const uncached = await startPolyphony({
        repoRoot,
        name: 'polyphony-uncached',
        databaseFile: demoDatabase,
        mediaDir: demoMedia,
        port: await freePort(),
        readyPath: options.path,
        readyTimeoutMs: 60_000,
        pageCache: 'off',
        ...(options.cpuProf ? { nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] } : {}),
      });
      startups.uncached = uncached.startupMs;
      const header = await cacheHeader(uncached.origin + options.path);
      notes.uncachedCacheHeader = header;
      console.log(
        `Ready after ${(uncached.startupMs / 1000).toFixed(1)} s; x-cache: ${header}` +
          (header === '(absent)' ? ' (every request renders)' : ''),
      );
      if (header !== '(absent)') {
        console.warn('  warning: the page cache answered; this is not an uncached figure.');
      }
      parts.uncached = await loadTarget(
        'b. Polyphony, uncached',
        polyphonyServer,
        { url: uncached.origin + options.path },
        uncached.child,
        options,
        raw,
      );
      summaries.push(parts.uncached);
      await uncached.stop();
      if (options.cpuProf) console.log(`CPU profile written to ${profileDir}`);
    }

    if (warm && !options.skipBig) {
      const posts = formatNumber(options.posts);
      heading(`c. Seeding ${posts} posts in ${BIG_SITE_LANGUAGES.length} languages`);
      const bigDatabase = join(workDir, 'big', 'bench.db');
      mkdirSync(dirname(bigDatabase), { recursive: true });
      seed = await seedMany(repoRoot, bigDatabase, options.posts);
      console.log(
        `Seeded by bench/lib/seed-many.ts in ${seed.wallSeconds.toFixed(1)} s ` +
          `(in its own process` +
          (seed.markdownParseSeconds === undefined
            ? ')'
            : `; ${seed.markdownParseSeconds.toFixed(1)} s of it parsing Markdown)`),
      );
      urls = mixedUrls(bigDatabase, {
        languages: BIG_SITE_LANGUAGES,
        posts: 2_000,
        tagPages: 200,
        authorPages: 100,
      });
      const c = urls.counts;
      console.log(
        `Mixed load over ${formatNumber(urls.paths.length)} URLs: ${c.home} home pages, ` +
          `${c.listing} listing pages, ${formatNumber(c.posts)} posts, ${c.tags} tag pages, ` +
          `${c.authors} author pages.`,
      );

      heading(`c. Starting Polyphony on the ${posts}-post database, page cache on`);
      const big = await startPolyphony({
        repoRoot,
        name: 'polyphony-big',
        databaseFile: bigDatabase,
        mediaDir: join(workDir, 'big', 'media'),
        port: await freePort(),
        readyPath: '/en/',
        readyTimeoutMs: 60_000,
        pageCache: 'on',
        seedDemo: 'never',
        siteLanguages: BIG_SITE_LANGUAGES.join(','),
      });
      startups.big = big.startupMs;
      const idle = sampleMemory(big.child.pid);
      console.log(
        `Ready after ${(big.startupMs / 1000).toFixed(1)} s; idle RSS ` +
          `${idle ? formatMiB(idle.rssKiB) : 'n/a'}.`,
      );
      parts.big = await loadTarget(
        `c. Polyphony, ${posts} posts, mixed`,
        polyphonyServer,
        { url: big.origin, paths: urls.paths },
        big.child,
        options,
        raw,
        idle,
      );
      summaries.push(parts.big);
      await big.stop();
    }

    heading('Results');
    console.log(formatTable(summaries));
    console.log(
      '\nMemory: VmRSS / VmHWM from /proc, summed over the server process and its children ' +
        '(nginx: master + workers). Idle = before the load (for c: right after start-up).',
    );

    const ratio =
      parts.warm && parts.static && parts.static.requestsPerSecond > 0
        ? {
            throughput: parts.warm.requestsPerSecond / parts.static.requestsPerSecond,
            latencyP50:
              parts.static.latencyMs.p50 > 0
                ? parts.warm.latencyMs.p50 / parts.static.latencyMs.p50
                : null,
            latencyP99:
              parts.static.latencyMs.p99 > 0
                ? parts.warm.latencyMs.p99 / parts.static.latencyMs.p99
                : null,
          }
        : null;
    if (ratio) {
      console.log(
        `\nThroughput ratio Polyphony (cache warm)/static: ${ratio.throughput.toFixed(2)} ` +
          `(Polyphony serves ${(ratio.throughput * 100).toFixed(0)} % of the static copy's ` +
          `requests per second)`,
      );
    }
    if (parts.uncached && parts.warm && parts.warm.requestsPerSecond > 0) {
      console.log(
        `Uncached/warm: ${(parts.uncached.requestsPerSecond / parts.warm.requestsPerSecond).toFixed(2)} ` +
          `(${(1000 / Math.max(1, parts.uncached.requestsPerSecond)).toFixed(2)} ms of server ` +
          `time per rendered page at that rate)`,
      );
    }

    const targetChecks = options.staticOnly ? [] : checks(parts, options);
    if (targetChecks.length > 0) {
      heading('Targets (issue #3, acceptance 6)');
      console.log(formatChecks(targetChecks));
      console.log('\nA missed target is reported, not an error: the exit status stays 0.');
    }

    const loadAfter = loadavg();
    // The bench itself keeps about two cores busy (a server and autocannon), more with nginx.
    const busyBefore = (loadBefore[0] ?? 0) > Math.max(1, machine.cores / 2);
    if (busyBefore || (loadAfter[0] ?? 0) > machine.cores + 2) {
      console.warn(
        `\nwarning: the machine was busy (load average ${formatLoad(loadBefore)} before, ` +
          `${formatLoad(loadAfter)} after, on ${machine.cores} cores); other processes took ` +
          'CPU time from the servers and the load generator, so the figures are low.',
      );
    }

    const failed = summaries.filter((s) => s.errors + s.timeouts + s.non2xx > 0);
    for (const s of failed) {
      console.warn(
        `warning: ${s.name} had ${s.errors} errors, ${s.timeouts} timeouts and ` +
          `${s.non2xx} non-2xx answers; its figures are not valid.`,
      );
    }

    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(
      resultsFile,
      JSON.stringify(
        {
          generatedAt: new Date().toISOString(),
          command: ['npm', 'run', 'bench', '--', ...process.argv.slice(2)].join(' '),
          machine,
          loadAverage: { before: loadBefore, after: loadAfter },
          options: {
            connections: options.connections,
            warmupSeconds: options.warmup,
            durationSeconds: options.duration,
            path: options.path,
            posts: options.posts,
            skipBig: options.skipBig,
            staticOnly: options.staticOnly,
          },
          page: { bytes: html.length },
          startupMs: startups,
          staticServer: { kind: staticServer.kind, description: staticServer.description },
          cache: notes,
          seed: seed ?? null,
          mixedUrls: urls ? { total: urls.paths.length, ...urls.counts } : null,
          summaries,
          ratio,
          targets: targetChecks,
          valid: failed.length === 0,
          raw,
        },
        null,
        2,
      ) + '\n',
    );
    console.log(`\nRaw results written to ${resultsFile}`);
    const readPathOk =
      options.skipReadPath ||
      (await runScriptBench('Read path with wrk (bench/read-path.ts, issue 12)', 'read-path', [
        '--skip-build',
      ]));
    const twoInstancesOk =
      options.skipTwoInstances ||
      (await runScriptBench(
        'Two instances behind nginx (bench/two-instances.ts, issue 12)',
        'two-instances',
        ['--skip-build'],
      ));
    const translationOk =
      options.skipTranslation ||
      (await runScriptBench('Translation figures (bench/translation.ts, issue #4)', 'translation', [
        '--duration',
        String(options.duration),
      ]));
    const memoryOk =
      options.skipMemory ||
      (await runScriptBench('Translation memory (bench/memory.ts, issue 8)', 'memory'));
    const statsOk =
      options.skipStats ||
      (await runScriptBench('Statistics page (bench/stats.ts, issue 10)', 'stats'));
    const digestsOk =
      options.skipDigests ||
      (await runScriptBench('Digests (bench/digests.ts, issue 10)', 'digests'));
    const xliffOk =
      options.skipXliff ||
      (await runScriptBench('Translation files (bench/xliff.ts, issue 11)', 'xliff'));
    const wxrOk =
      options.skipWxr ||
      (await runScriptBench('WordPress export reading (bench/wxr.ts, issue 11)', 'wxr'));
    return failed.length > 0 ||
      !readPathOk ||
      !twoInstancesOk ||
      !translationOk ||
      !memoryOk ||
      !statsOk ||
      !digestsOk ||
      !xliffOk ||
      !wxrOk
      ? 1
      : 0;
  } finally {
    await stopAllChildren();
    removeWorkDir();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  async (error: unknown) => {
    console.error(`\nBench failed: ${error instanceof Error ? error.message : String(error)}`);
    await stopAllChildren();
    process.exitCode = 1;
  },
);
