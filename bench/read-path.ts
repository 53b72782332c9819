// `node --import tsx bench/read-path.ts`: issue 12's read-path figures, with wrk in its own
// process (never the bench's Node process, which limited the peak it could measure).
//   a. The demo post, page cache warm, identity and brotli, against nginx serving the same bytes
//      and a bare node:http server answering them from memory (the reference in between),
//      alternating the servers round by round so all see the same machine.
//   b. The same page uncached (PAGE_CACHE=off: every request renders).
//   c. 10,000 posts in 10 languages, a mixed load over ~2,800 URLs starting with a cold cache.
// See bench/README.md ("Read path with wrk") for how to read the figures.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { brotliDecompressSync } from 'node:zlib';
import { freePort, httpGet } from './lib/http.js';
import { numberOption } from './lib/options.js';
import { formatMiB, sampleMemory } from './lib/memory.js';
import type { MemorySample } from './lib/memory.js';
import { mixedUrls } from './lib/mixed-urls.js';
import { DEMO_POST_PATH, buildPolyphony, startPolyphony } from './lib/polyphony.js';
import type { PolyphonyServer } from './lib/polyphony.js';
import { installCleanupHandlers, stopAllChildren, stopChild } from './lib/processes.js';
import type { ManagedChild } from './lib/processes.js';
import { describeMachine, formatNumber } from './lib/report.js';
import { BIG_SITE_LANGUAGES, seedMany } from './lib/seed-many-process.js';
import { ensureNginx, startNginx, startNodeStatic } from './lib/static.js';
import { findWrk, runWrk, stopWrk, wrkFailures } from './lib/wrk.js';
import type { WrkResult } from './lib/wrk.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const resultsFile = join(repoRoot, 'bench', 'results', 'read-path.json');

/** Issue 12, acceptance 6. */
const TARGETS = {
  warmRatio: 0.7,
  uncachedRps: 2_500,
  uncachedP99Ms: 50,
  bigRps: 1_500,
  bigP99Ms: 100,
};

const USAGE = `Usage: node --import tsx bench/read-path.ts [options]

  --duration N     seconds of measured load per run (default 5)
  --warmup N       seconds of unmeasured load before each run (default 1)
  --rounds N       rounds of part a, the servers alternating (default 3; the median is kept)
  --connections N  wrk connections (default 32)
  --threads N      wrk threads (default 2)
  --posts N        posts of part c's site (default 10000)
  --big-duration N seconds of part c's mixed load (default 10)
  --workers N      WORKERS of every Polyphony server (default 1: one process)
  --skip-big       skip part c
  --skip-build     do not run node scripts/build.js first (dist/ is current)
  --help           show this help
`;

interface Options {
  duration: number;
  warmup: number;
  rounds: number;
  connections: number;
  threads: number;
  posts: number;
  bigDuration: number;
  workers: number;
  skipBig: boolean;
  skipBuild: boolean;
}

function parseOptions(argv: string[]): Options | undefined {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: 'string' },
      warmup: { type: 'string' },
      rounds: { type: 'string' },
      connections: { type: 'string' },
      threads: { type: 'string' },
      posts: { type: 'string' },
      'big-duration': { type: 'string' },
      workers: { type: 'string' },
      'skip-big': { type: 'boolean', default: false },
      'skip-build': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return undefined;
  }
  return {
    duration: numberOption('duration', values.duration, 5, { min: 1, integer: true }),
    warmup: numberOption('warmup', values.warmup, 1, { min: 0, integer: true }),
    rounds: numberOption('rounds', values.rounds, 3, { min: 1, integer: true }),
    connections: numberOption('connections', values.connections, 32, { min: 1, integer: true }),
    threads: numberOption('threads', values.threads, 2, { min: 1, integer: true }),
    posts: numberOption('posts', values.posts, 10_000, { min: 100, integer: true }),
    bigDuration: numberOption('big-duration', values['big-duration'], 10, {
      min: 1,
      integer: true,
    }),
    workers: numberOption('workers', values.workers, 1, { min: 1, integer: true }),
    skipBig: values['skip-big'],
    skipBuild: values['skip-build'],
  };
}

/** A check that failed: the figure it guards measured nothing. */
const wrong: string[] = [];
function check(ok: boolean, what: string): void {
  if (!ok) {
    wrong.push(what);
    console.log(`WRONG: ${what}`);
  }
}

interface Figure {
  name: string;
  runs: WrkResult[];
  /** The run of median throughput. */
  median: WrkResult;
  memory: MemorySample | undefined;
}

function medianRun(runs: readonly WrkResult[]): WrkResult {
  const sorted = [...runs].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
  const run = sorted[Math.floor((sorted.length - 1) / 2)];
  if (!run) throw new Error('no runs');
  return run;
}

function line(result: WrkResult): string {
  return (
    `${formatNumber(result.requestsPerSecond)} req/s, p50 ${result.latencyMs.p50.toFixed(2)} ms, ` +
    `p99 ${result.latencyMs.p99.toFixed(2)} ms, ${formatNumber(result.bytes / Math.max(1, result.requests))} B/answer`
  );
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  if (!options) return 0;
  const wrk = findWrk();
  if (!wrk) {
    console.log('MISSING: wrk is not installed (apt-get install wrk); no read-path figures.');
    return 1;
  }
  const nginxBinary = ensureNginx();
  if (!nginxBinary) {
    console.log('MISSING: nginx is not installed (apt-get install nginx-light).');
    return 1;
  }
  const machine = describeMachine();
  const loadBefore = loadavg();
  console.log(
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.totalMemoryMiB} MiB, ` +
      `Node ${machine.node}; load average ${loadBefore.map((l) => l.toFixed(2)).join(', ')}`,
  );
  console.log(
    `wrk (${wrk}) in its own process: -t${options.threads} -c${options.connections}, ` +
      `${options.warmup} s warm-up + ${options.duration} s per run, ${options.rounds} rounds; ` +
      `Polyphony with WORKERS=${options.workers}`,
  );

  const workDir = mkdtempSync(join(tmpdir(), 'polyphony-read-path-'));
  chmodSync(workDir, 0o755);
  installCleanupHandlers({
    beforeStop: stopWrk,
    afterStop: () => rmSync(workDir, { recursive: true, force: true }),
  });
  const staticDir = join(workDir, 'static');
  mkdirSync(staticDir, { mode: 0o755 });
  const figures: Figure[] = [];
  const results: Record<string, unknown> = {};

  const load = async (url: string, headers: Record<string, string> = {}, seconds?: number) => {
    if (options.warmup > 0)
      await runWrk(wrk, url, { ...options, duration: options.warmup, headers, workDir });
    return runWrk(wrk, url, {
      ...options,
      duration: seconds ?? options.duration,
      headers,
      workDir,
    });
  };

  try {
    if (!options.skipBuild) buildPolyphony(repoRoot);
    const demoDatabase = join(workDir, 'demo', 'bench.db');
    const demoMedia = join(workDir, 'demo', 'media');

    console.log('\n== a. The demo post, page cache warm, against nginx and node:http ==');
    const warm = await startPolyphony({
      repoRoot,
      name: 'polyphony',
      databaseFile: demoDatabase,
      mediaDir: demoMedia,
      port: await freePort(),
      readyPath: DEMO_POST_PATH,
      readyTimeoutMs: 60_000,
      pageCache: 'on',
      workers: options.workers,
    });
    const url = warm.origin + DEMO_POST_PATH;
    // Every worker renders the page once (each has its own cache; connections go round-robin).
    const warmed: Buffer[] = [];
    for (let i = 0; i < 2 * options.workers + 2; i++) {
      warmed.push((await httpGet(url)).body);
      await httpGet(url, 10_000, { 'accept-encoding': 'br' });
    }
    const identity = (await httpGet(url)).body;
    check(
      warmed.every((body) => body.equals(identity)),
      'every worker answers the same bytes',
    );
    const brAnswer = await httpGet(url, 10_000, { 'accept-encoding': 'br' });
    check(brAnswer.headers['x-cache'] === 'HIT', 'the page cache is warm (x-cache: HIT)');
    check(brAnswer.headers['content-encoding'] === 'br', 'Polyphony answers br with brotli');
    check(
      brotliDecompressSync(brAnswer.body).equals(identity),
      'the brotli body decompresses to the identity bytes',
    );
    console.log(
      `${DEMO_POST_PATH}: ${formatNumber(identity.length)} B identity, ` +
        `${formatNumber(brAnswer.body.length)} B brotli`,
    );
    writeFileSync(join(staticDir, 'index.html'), identity, { mode: 0o644 });
    writeFileSync(join(staticDir, 'index.html.br'), brAnswer.body, { mode: 0o644 });
    const nginx = await startNginx(nginxBinary, {
      root: staticDir,
      workDir,
      port: await freePort(),
    });
    const node = await startNodeStatic(join(staticDir, 'index.html'), await freePort());
    for (const server of [nginx, node]) {
      check((await httpGet(server.url)).body.equals(identity), `${server.kind} serves the bytes`);
      const br = await httpGet(`${server.url}br/`, 10_000, { 'accept-encoding': 'br' });
      check(
        br.headers['content-encoding'] === 'br' && br.body.equals(brAnswer.body),
        `${server.kind} serves Polyphony's brotli bytes at /br/`,
      );
    }
    const servers: Array<{ name: string; url: string; child: ManagedChild; br: boolean }> = [];
    for (const br of [false, true]) {
      const coding = br ? 'br' : 'identity';
      const suffix = br ? 'br/' : '';
      servers.push(
        { name: `nginx, ${coding}`, url: nginx.url + suffix, child: nginx.child, br },
        { name: `node:http, ${coding}`, url: node.url + suffix, child: node.child, br },
        { name: `Polyphony warm, ${coding}`, url, child: warm.child, br },
      );
    }
    const runs = new Map<string, WrkResult[]>(servers.map((s) => [s.name, []]));
    for (let round = 1; round <= options.rounds; round++) {
      for (const server of servers) {
        const result = await load(server.url, server.br ? { 'accept-encoding': 'br' } : {});
        check(wrkFailures(result) === 0, `${server.name}: no errors (round ${round})`);
        runs.get(server.name)?.push(result);
        console.log(`round ${round}  ${server.name.padEnd(26)} ${line(result)}`);
      }
    }
    for (const server of servers) {
      const all = runs.get(server.name) ?? [];
      figures.push({
        name: server.name,
        runs: all,
        median: medianRun(all),
        memory: sampleMemory(server.child.pid),
      });
    }
    await Promise.all([warm.stop(), stopChild(nginx.child), stopChild(node.child)]);

    console.log('\n== b. The same page uncached (PAGE_CACHE=off) ==');
    const uncached: PolyphonyServer = await startPolyphony({
      repoRoot,
      name: 'polyphony-uncached',
      databaseFile: demoDatabase,
      mediaDir: demoMedia,
      port: await freePort(),
      readyPath: DEMO_POST_PATH,
      readyTimeoutMs: 60_000,
      pageCache: 'off',
      workers: options.workers,
    });
    check(
      (await httpGet(uncached.origin + DEMO_POST_PATH)).headers['x-cache'] === undefined,
      'the uncached server renders every request (no x-cache)',
    );
    const uncachedRuns: WrkResult[] = [];
    for (let round = 1; round <= options.rounds; round++) {
      const result = await load(uncached.origin + DEMO_POST_PATH);
      check(wrkFailures(result) === 0, `uncached: no errors (round ${round})`);
      uncachedRuns.push(result);
      console.log(`round ${round}  ${'Polyphony uncached'.padEnd(26)} ${line(result)}`);
    }
    figures.push({
      name: 'Polyphony uncached, identity',
      runs: uncachedRuns,
      median: medianRun(uncachedRuns),
      memory: sampleMemory(uncached.child.pid),
    });
    await uncached.stop();

    if (!options.skipBig) {
      console.log(`\n== c. ${formatNumber(options.posts)} posts, mixed load, cold cache ==`);
      const bigDatabase = join(workDir, 'big', 'bench.db');
      mkdirSync(dirname(bigDatabase), { recursive: true });
      const seed = await seedMany(repoRoot, bigDatabase, options.posts);
      console.log(`Seeded in ${seed.wallSeconds.toFixed(1)} s (own process).`);
      const urls = mixedUrls(bigDatabase, {
        languages: BIG_SITE_LANGUAGES,
        posts: 2_000,
        tagPages: 200,
        authorPages: 100,
      });
      const big = await startPolyphony({
        repoRoot,
        name: 'polyphony-big',
        databaseFile: bigDatabase,
        mediaDir: join(workDir, 'big', 'media'),
        port: await freePort(),
        readyPath: '/en/',
        readyTimeoutMs: 120_000,
        pageCache: 'on',
        workers: options.workers,
        seedDemo: 'never',
        siteLanguages: BIG_SITE_LANGUAGES.join(','),
      });
      const idle = sampleMemory(big.child.pid);
      // No warm-up: the figure is the cold start, the cache filling as readers come.
      const result = await runWrk(wrk, big.origin, {
        ...options,
        duration: options.bigDuration,
        paths: urls.paths,
        workDir,
      });
      check(wrkFailures(result) === 0, 'mixed load: no errors');
      console.log(`${formatNumber(urls.paths.length)} URLs: ${line(result)}`);
      figures.push({
        name: `Polyphony ${formatNumber(options.posts)} posts, mixed, cold`,
        runs: [result],
        median: result,
        memory: sampleMemory(big.child.pid),
      });
      results.bigIdleMemory = idle ?? null;
      await big.stop();
    }
  } finally {
    await stopAllChildren();
  }

  console.log('\n== Results (median run of each) ==');
  for (const figure of figures) {
    const memory = figure.memory
      ? `, RSS ${formatMiB(figure.memory.rssKiB)} (peak ${formatMiB(figure.memory.hwmKiB)})`
      : '';
    console.log(`${figure.name.padEnd(38)} ${line(figure.median)}${memory}`);
  }
  const rps = (name: string) => figures.find((f) => f.name === name)?.median.requestsPerSecond ?? 0;
  const verdicts: Array<{ target: string; measured: string; pass: boolean }> = [];
  for (const coding of ['identity', 'br']) {
    const ratio = rps(`Polyphony warm, ${coding}`) / Math.max(1, rps(`nginx, ${coding}`));
    const nodeRatio = rps(`node:http, ${coding}`) / Math.max(1, rps(`nginx, ${coding}`));
    verdicts.push({
      target: `warm ${coding} ≥ ${TARGETS.warmRatio} × nginx`,
      measured: `${ratio.toFixed(2)} × (node:http ${nodeRatio.toFixed(2)} ×)`,
      pass: ratio >= TARGETS.warmRatio,
    });
  }
  const unc = figures.find((f) => f.name.startsWith('Polyphony uncached'))?.median;
  if (unc) {
    verdicts.push({
      target: `uncached ≥ ${formatNumber(TARGETS.uncachedRps)} req/s, p99 < ${TARGETS.uncachedP99Ms} ms`,
      measured: `${formatNumber(unc.requestsPerSecond)} req/s, p99 ${unc.latencyMs.p99.toFixed(1)} ms`,
      pass:
        unc.requestsPerSecond >= TARGETS.uncachedRps && unc.latencyMs.p99 < TARGETS.uncachedP99Ms,
    });
  }
  const big = figures.find((f) => f.name.includes('mixed'))?.median;
  if (big) {
    verdicts.push({
      target: `mixed cold ≥ ${formatNumber(TARGETS.bigRps)} req/s, p99 < ${TARGETS.bigP99Ms} ms`,
      measured: `${formatNumber(big.requestsPerSecond)} req/s, p99 ${big.latencyMs.p99.toFixed(1)} ms`,
      pass: big.requestsPerSecond >= TARGETS.bigRps && big.latencyMs.p99 < TARGETS.bigP99Ms,
    });
  }
  console.log('\n== Targets (issue 12, acceptance 6) ==');
  for (const v of verdicts)
    console.log(`${v.pass ? 'PASS' : 'FAIL'}  ${v.target.padEnd(44)} ${v.measured}`);
  const loadAfter = loadavg();
  mkdirSync(dirname(resultsFile), { recursive: true });
  writeFileSync(
    resultsFile,
    `${JSON.stringify(
      {
        generatedAt: new Date().toISOString(),
        machine,
        loadBefore,
        loadAfter,
        options,
        figures,
        verdicts,
        wrong,
        ...results,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`\nWritten to ${resultsFile}`);
  if (wrong.length > 0) {
    console.log(`${wrong.length} check(s) printed WRONG: these figures measured nothing.`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  async (error: unknown) => {
    console.error(
      `read-path bench failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    await stopAllChildren();
    process.exitCode = 1;
  },
);
