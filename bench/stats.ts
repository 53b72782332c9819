// `node --import tsx bench/stats.ts`: issue 10's statistics figure (acceptance 6).
//   The public statistics page `/en/stats` rendered uncached (the computed figures dropped
//   before every request) with 10,000 published posts × 10 languages, on SQLite and on the
//   PostgreSQL server of TEST_POSTGRES_URL / DATABASE_URL (default postgres://127.0.0.1:5432/test)
//   when it answers. Target: median under 200 ms.
// The site is built with bulk INSERTs (no services: seconds, not minutes) from a fixed seed:
// each post has 10 units; for each other language a post is untranslated, translated and
// published, in progress, or outdated, each with its target_history rows over two years. The
// page's figures are checked against the counts made while inserting: WRONG when they differ.
// On PostgreSQL the bench runs ANALYZE after the first refresh, as autovacuum does on a live
// site a minute after a bulk change: without planner statistics on the freshly loaded tables,
// the refresh check seq-scans target_history and the monthly sums sort on disk (--no-analyze
// measures that state).
//   --posts N   posts (default 10000)   --runs N   measured renders (default 20)
//   --skip-postgres   --no-analyze
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { buildApp } from '../src/http/app.js';
import {
  dropStatisticsCache,
  refreshStatistics,
  siteStatistics,
} from '../src/services/stats/statistics.service.js';
import { describeMachine } from './lib/report.js';
import { STATS_LANGUAGES, buildStatsSite } from './lib/stats-site.js';
import { benchEngines, dropLeftoverDatabases, openRuntime } from './lib/translation-setup.js';
import type { BenchRuntime, EngineName } from './lib/translation-setup.js';
import { heading, ms, table, timing } from './lib/translation-stats.js';

const LANGUAGES = STATS_LANGUAGES;
const TARGET_MS = 200;

const { values } = parseArgs({
  options: {
    posts: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '20' },
    'skip-postgres': { type: 'boolean', default: false },
    'no-analyze': { type: 'boolean', default: false },
  },
});
const POSTS = Number(values.posts);
const RUNS = Number(values.runs);

interface Result {
  engine: EngineName;
  description: string;
  buildMs: number;
  firstRefreshMs: number;
  correct: boolean;
  render: ReturnType<typeof timing>;
  p95: number;
}

async function benchEngine(bench: BenchRuntime): Promise<Result> {
  const { deps } = bench;
  deps.settings.languages = [...LANGUAGES];
  const started = performance.now();
  const expected = await buildStatsSite(bench.runtime.database.db, POSTS);
  const buildMs = performance.now() - started;
  console.log(
    `${bench.engine}: built ${POSTS} posts × ${LANGUAGES.length} languages in ${ms(buildMs)} ms`,
  );
  const r0 = performance.now();
  const first = await refreshStatistics(deps);
  const firstRefreshMs = performance.now() - r0;
  console.log(
    `${bench.engine}: first refresh of the summary tables (${first.all ? 'everything' : 'partial'}) ` +
      `in ${ms(firstRefreshMs)} ms (once, after migrating)`,
  );
  if (bench.engine === 'postgres' && !values['no-analyze']) {
    const a0 = performance.now();
    await sql`ANALYZE`.execute(bench.runtime.database.db);
    console.log(
      `${bench.engine}: ANALYZE (planner statistics, as autovacuum would) in ${ms(performance.now() - a0)} ms`,
    );
  }
  dropStatisticsCache(deps);
  const stats = await siteStatistics(deps);
  let correct = true;
  for (const l of stats.languages) {
    const e = expected.get(l.language)!;
    const got = {
      translated: l.translated,
      inProgress: l.inProgress,
      outdated: l.outdated,
      missing: l.missing,
      doneUnits: l.doneUnits,
    };
    if (JSON.stringify(got) !== JSON.stringify(e)) {
      correct = false;
      console.log(`WRONG ${l.language}: expected ${JSON.stringify(e)}, got ${JSON.stringify(got)}`);
    }
    const last = stats.series.find((s) => s.language === l.language)?.points.at(-1);
    if (!last || last.done !== l.doneUnits || last.units !== l.units) {
      correct = false;
      console.log(
        `WRONG ${l.language}: history ends at ${last?.done}/${last?.units}, figures say ${l.doneUnits}/${l.units}`,
      );
    }
  }
  const app = await buildApp({
    deps,
    cookieSecret: randomBytes(32).toString('hex'),
    logger: false,
  });
  await app.ready();
  try {
    const samples: number[] = [];
    for (let i = 0; i < RUNS + 2; i++) {
      dropStatisticsCache(deps);
      const t0 = performance.now();
      const res = await app.inject({ method: 'GET', url: '/en/stats' });
      const elapsed = performance.now() - t0;
      if (res.statusCode !== 200) throw new Error(`/en/stats answered ${res.statusCode}`);
      if (i >= 2) samples.push(elapsed); // two warm-up renders (JIT, statement caches)
    }
    const sorted = [...samples].sort((a, b) => a - b);
    const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)] ?? 0;
    return {
      engine: bench.engine,
      description: bench.description,
      buildMs,
      firstRefreshMs,
      correct,
      render: timing(samples),
      p95,
    };
  } finally {
    await app.close();
  }
}

async function main(): Promise<number> {
  heading(`Statistics page, uncached, ${POSTS} posts × ${LANGUAGES.length} languages (issue 10)`);
  console.log(describeMachine());
  console.log(
    `Load average: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const { engines, postgresUrl } = await benchEngines(values['skip-postgres']);
  const workDir = mkdtempSync(join(tmpdir(), 'polyphony-bench-stats-'));
  const results: Result[] = [];
  try {
    for (const engine of engines) {
      const bench = await openRuntime(engine, { workDir, postgresUrl, label: 'stats' });
      try {
        results.push(await benchEngine(bench));
      } finally {
        await bench.close();
      }
    }
  } finally {
    await dropLeftoverDatabases();
    rmSync(workDir, { recursive: true, force: true });
  }
  console.log(
    table(
      ['engine', 'build', 'first refresh', 'p50', 'p95', 'max', `p50 < ${TARGET_MS} ms`, 'figures'],
      results.map((r) => [
        r.engine,
        ms(r.buildMs),
        ms(r.firstRefreshMs),
        ms(r.render.p50),
        ms(r.p95),
        ms(r.render.max),
        r.render.p50 < TARGET_MS ? 'ok' : 'FAIL',
        r.correct ? 'right' : 'WRONG',
      ]),
    ),
  );
  return results.every((r) => r.correct) ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
