// `npm run bench:memory`: translation memory at 1,000,000 entries (issue 8, acceptance 6), on
// SQLite (a temporary file) and on the PostgreSQL server (a scratch database created and
// dropped here), through the real migration, repository and services:
//   - seeding: entries built by memoryEntriesOf (what recordMemory writes) from the
//     deterministic corpus of bench/lib/memory-corpus.ts, written by store.memory.record in
//     transactions of 5,000; the fuzzy index is built afterwards (timed: "index build"), as a
//     bulk load would, then 20,000 more entries are written with it in place (the app's rate);
//   - lookups: lookupMemory (default 30 ms budget) for short (≤ 15 characters), medium
//     (40–120) and long (> 200) queries, each band a third exact repeats of stored sources, a
//     third planted near-duplicates (one word changed, dropped or a number) and a third new
//     text; p50/p95/p99 of the wall time of the call, and how many hit the budget;
//   - checks: every exact query finds its 100% match, and the planted near-duplicates are found
//     (the best match scores at least what the stored original scores); WRONG otherwise.
// See bench/README.md, "Translation memory".
import { statSync, mkdtempSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase, withDefaultUser } from '../src/db/connection.js';
import type { DatabaseHandle } from '../src/db/connection.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createStore } from '../src/db/store.js';
import { matchKey } from '../src/domain/memory/key.js';
import { matchScore } from '../src/domain/memory/score.js';
import { memoryEntriesOf } from '../src/services/memory/entries.js';
import { lookupMemory } from '../src/services/memory/lookup-memory.service.js';
import type { MemoryDeps } from '../src/services/memory/lookup-memory.service.js';
import type { MemoryEntryRecord, Store } from '../src/services/repositories.js';
import { Corpus, perturb, Random } from './lib/memory-corpus.js';
import { describeMachine } from './lib/report.js';
import { percentile } from './lib/translation-stats.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const resultsFile = join(repoRoot, 'bench', 'results', 'memory.json');
const SCRATCH_DB = 'polyphony_bench_tm';

const USAGE = `Usage: npm run bench:memory -- [options]

  --entries N    entries to seed per engine (default 1000000)
  --queries N    queries per band and kind (exact, near, new; default 100)
  --engine E     sqlite, postgres or both (default both)
  --postgres URL the PostgreSQL server (default TEST_POSTGRES_URL, else
                 postgres://127.0.0.1:5432/postgres); a scratch database ${SCRATCH_DB} is
                 created there and dropped afterwards
  --keep         keep the SQLite file and the scratch database (their names are printed)
  --reuse PATH   query a database kept by --keep (a SQLite file, or "postgres" for the scratch
                 database) instead of seeding one: the corpus is replayed without writing to
                 get the same queries; for trying lookup changes, not for quoting figures
  --help`;

type Band = 'short' | 'medium' | 'long';
type Kind = 'exact' | 'near' | 'new';
const BANDS: Band[] = ['short', 'medium', 'long'];
const TARGET_P95_MS = 50;
const MAX_BAND_RATIO = 3;
const SEED_BATCH = 5_000;
const LIVE_ENTRIES = 20_000;

function bandOf(length: number): Band | null {
  if (length <= 15) return 'short';
  if (length >= 40 && length <= 120) return 'medium';
  if (length > 200) return 'long';
  return null;
}

interface Query {
  band: Band;
  kind: Kind;
  sourceLanguage: string;
  targetLanguage: string;
  source: string;
  /** For near: the stored source it was made from. */
  original?: string;
}

/** Queries drawn from the corpus: stored sources (exact, near) and a fresh corpus (new). */
function buildQueries(samples: Query[], perBand: number): Query[] {
  const random = new Random(9);
  const out: Query[] = [];
  const count = (band: Band, kind: Kind) =>
    out.filter((q) => q.band === band && q.kind === kind).length;
  for (const s of samples) {
    if (count(s.band, 'exact') < perBand) out.push({ ...s, kind: 'exact' });
    else if (count(s.band, 'near') < perBand && !s.source.includes('<')) {
      const changed = perturb(s.source, s.sourceLanguage, random);
      const band = bandOf(matchKey(changed).length);
      if (band === s.band && changed !== s.source)
        out.push({ ...s, kind: 'near', source: changed, original: s.source });
    }
  }
  const fresh = new Corpus(7_777);
  for (let i = 0; i < 2_000_000 && BANDS.some((b) => count(b, 'new') < perBand); i++) {
    const e = fresh.next();
    const band = bandOf(matchKey(e.source).length);
    if (band && count(band, 'new') < perBand)
      out.push({
        band,
        kind: 'new',
        sourceLanguage: e.sourceLanguage,
        targetLanguage: e.targetLanguage,
        source: e.source,
      });
  }
  return out;
}

/** Seeds `total` entries; keeps a sample of stored sources per band for the queries. */
async function seed(
  store: Store | null,
  total: number,
  perBand: number,
): Promise<{ seconds: number; samples: Query[]; units: number }> {
  const corpus = new Corpus(42);
  const samples: Query[] = [];
  const inBand = new Map<Band, number>();
  let written = 0;
  let units = 0;
  const started = performance.now();
  let previous: string | null = null;
  while (written < total) {
    const batch: MemoryEntryRecord[] = [];
    while (batch.length < SEED_BATCH && written + batch.length < total) {
      const e = corpus.next();
      const entries = memoryEntriesOf({
        sourceLanguage: e.sourceLanguage,
        targetLanguage: e.targetLanguage,
        source: e.source,
        target: e.target,
        provenance: 'human',
        postId: `post-${Math.floor(units / 40)}`,
        translationId: `translation-${Math.floor(units / 40)}`,
        unitId: `unit-${units}`,
        userId: null,
        at: new Date(Date.UTC(2025, 0, 1) + units * 1000),
        previousSource: previous,
        nextSource: null,
      });
      previous = e.source;
      units += 1;
      batch.push(...entries.slice(0, total - written - batch.length));
      const band = bandOf(matchKey(e.source).length);
      // Every 97th unit of each band, until there are enough for two kinds of query.
      if (band && units % 97 === 0 && (inBand.get(band) ?? 0) < perBand * 6) {
        inBand.set(band, (inBand.get(band) ?? 0) + 1);
        samples.push({
          band,
          kind: 'exact',
          sourceLanguage: e.sourceLanguage,
          targetLanguage: e.targetLanguage,
          source: e.source,
        });
      }
    }
    if (store) await store.transaction((trx) => trx.memory.record(batch));
    written += batch.length;
    if (store && written % 100_000 < SEED_BATCH) {
      const rate = Math.round(written / ((performance.now() - started) / 1000));
      console.log(`  … ${written.toLocaleString('en')} entries (${rate.toLocaleString('en')}/s)`);
    }
  }
  return { seconds: (performance.now() - started) / 1000, samples, units };
}

/** More entries with the fuzzy index in place: the rate the app writes at. */
async function liveWrites(store: Store, count: number): Promise<number> {
  const corpus = new Corpus(99);
  const started = performance.now();
  let written = 0;
  let unit = 0;
  while (written < count) {
    const batch: MemoryEntryRecord[] = [];
    while (batch.length < 500 && written + batch.length < count) {
      const e = corpus.next();
      batch.push(
        ...memoryEntriesOf({
          sourceLanguage: e.sourceLanguage,
          targetLanguage: e.targetLanguage,
          source: e.source,
          target: e.target,
          provenance: 'human',
          postId: null,
          translationId: 'live',
          unitId: `live-${unit++}`,
          userId: null,
          at: new Date(),
          previousSource: null,
          nextSource: null,
        }),
      );
    }
    await store.transaction((trx) => trx.memory.record(batch));
    written += batch.length;
  }
  return written / ((performance.now() - started) / 1000);
}

interface EngineResult {
  engine: string;
  entries: number;
  units: number;
  seedSeconds: number;
  entriesPerSecond: number;
  liveEntriesPerSecond: number;
  indexBuildSeconds: number;
  databaseBytes: number;
  bands: Record<
    Band,
    { n: number; p50: number; p95: number; p99: number; max: number; partial: number }
  >;
  checks: { exactFound: number; exactTotal: number; nearFound: number; nearTotal: number };
  wrong: string[];
}

async function dropFuzzyIndex(handle: DatabaseHandle): Promise<void> {
  if (handle.engine === 'sqlite') await sql`DROP TRIGGER memory_entries_ai`.execute(handle.db);
  else await sql`DROP INDEX memory_entries_grams`.execute(handle.db);
}

/** Builds the fuzzy index as migrations 0013 (SQLite) and 0015 (PostgreSQL) define it; returns seconds. */
async function buildFuzzyIndex(handle: DatabaseHandle): Promise<number> {
  const started = performance.now();
  if (handle.engine === 'sqlite') {
    await sql`INSERT INTO memory_fuzzy(memory_fuzzy) VALUES ('rebuild')`.execute(handle.db);
    await sql`CREATE TRIGGER memory_entries_ai AFTER INSERT ON memory_entries BEGIN
      INSERT INTO memory_fuzzy(rowid, match_tag, prefilter) VALUES (new.id, new.match_tag, new.prefilter);
    END`.execute(handle.db);
    await sql`ANALYZE`.execute(handle.db);
  } else {
    await sql`SET maintenance_work_mem = '512MB'`.execute(handle.db);
    await sql`CREATE INDEX memory_entries_grams ON memory_entries
      USING gin (fuzzy_grams)`.execute(handle.db);
    await sql`VACUUM ANALYZE memory_entries`.execute(handle.db);
  }
  return (performance.now() - started) / 1000;
}

async function runEngine(
  name: string,
  handle: DatabaseHandle,
  options: { entries: number; queries: number; reuse: boolean },
  size: () => Promise<number>,
): Promise<EngineResult> {
  const store = createStore(handle.db);
  let seeded: Awaited<ReturnType<typeof seed>>;
  let indexBuildSeconds = 0;
  let live = 0;
  if (options.reuse) {
    console.log(
      `\n${name}: reusing a kept database (seeding, index and write figures not measured)`,
    );
    seeded = await seed(null, options.entries, options.queries);
  } else {
    console.log(`\n${name}: seeding ${options.entries.toLocaleString('en')} entries`);
    await migrateToLatest(handle);
    await dropFuzzyIndex(handle);
    seeded = await seed(store, options.entries, options.queries);
    console.log(`  seeded in ${seeded.seconds.toFixed(1)} s; building the fuzzy index`);
    indexBuildSeconds = await buildFuzzyIndex(handle);
    console.log(`  index built in ${indexBuildSeconds.toFixed(1)} s`);
  }
  const databaseBytes = await size();
  if (!options.reuse) live = await liveWrites(store, LIVE_ENTRIES);
  const deps: MemoryDeps = { store, settings: { memoryThreshold: 70 } };
  const queries = buildQueries(seeded.samples, options.queries);
  // Warm-up: the first queries of each band, untimed.
  for (const q of queries.filter((_, i) => i % 20 === 0)) {
    await lookupMemory(deps, { ...q, codes: {} });
  }
  const times = new Map<Band, number[]>(BANDS.map((b) => [b, []]));
  const partial = new Map<Band, number>(BANDS.map((b) => [b, 0]));
  const wrong: string[] = [];
  const checks = { exactFound: 0, exactTotal: 0, nearFound: 0, nearTotal: 0 };
  for (const q of queries) {
    const started = performance.now();
    const result = await lookupMemory(deps, { ...q, codes: {} });
    times.get(q.band)?.push(performance.now() - started);
    if (result.partial) partial.set(q.band, (partial.get(q.band) ?? 0) + 1);
    const best = result.matches[0]?.score ?? 0;
    if (q.kind === 'exact') {
      checks.exactTotal += 1;
      if (best === 100) checks.exactFound += 1;
      else wrong.push(`exact ${q.band} query not found: ${q.source.slice(0, 60)}`);
    } else if (q.kind === 'near' && q.original !== undefined) {
      const expected = matchScore(matchKey(q.source), matchKey(q.original));
      if (expected >= 70) {
        checks.nearTotal += 1;
        if (best >= expected) checks.nearFound += 1;
      }
    }
  }
  const bands = Object.fromEntries(
    BANDS.map((band) => {
      const sorted = [...(times.get(band) ?? [])].sort((a, b) => a - b);
      const round = (v: number) => Math.round(v * 100) / 100;
      return [
        band,
        {
          n: sorted.length,
          p50: round(percentile(sorted, 50)),
          p95: round(percentile(sorted, 95)),
          p99: round(percentile(sorted, 99)),
          max: round(sorted.at(-1) ?? 0),
          partial: partial.get(band) ?? 0,
        },
      ];
    }),
  ) as EngineResult['bands'];
  // Planted near-duplicates: at least 95% found.
  if (checks.nearFound < Math.ceil(checks.nearTotal * 0.95))
    wrong.push(`near-duplicates found ${checks.nearFound}/${checks.nearTotal} (< 95%)`);
  return {
    engine: name,
    entries: options.entries,
    units: seeded.units,
    seedSeconds: seeded.seconds,
    entriesPerSecond: options.entries / seeded.seconds,
    liveEntriesPerSecond: live,
    indexBuildSeconds,
    databaseBytes,
    bands,
    checks,
    wrong,
  };
}

function report(result: EngineResult): string[] {
  const lines: string[] = [];
  const mib = (b: number) => `${(b / 1_048_576).toFixed(0)} MiB`;
  lines.push(
    `\n${result.engine}: ${result.entries.toLocaleString('en')} entries from ${result.units.toLocaleString('en')} units`,
  );
  lines.push(
    `  seeding ${result.seedSeconds.toFixed(1)} s (${Math.round(result.entriesPerSecond).toLocaleString('en')} entries/s without the fuzzy index), ` +
      `index build ${result.indexBuildSeconds.toFixed(1)} s, database ${mib(result.databaseBytes)}, ` +
      `${Math.round(result.liveEntriesPerSecond).toLocaleString('en')} entries/s with the index in place`,
  );
  lines.push('  band     n    p50 ms  p95 ms  p99 ms  max ms  budget hit');
  for (const band of BANDS) {
    const b = result.bands[band];
    lines.push(
      `  ${band.padEnd(7)} ${String(b.n).padStart(4)} ${b.p50.toFixed(2).padStart(8)} ${b.p95.toFixed(2).padStart(7)} ${b.p99.toFixed(2).padStart(7)} ${b.max.toFixed(2).padStart(7)}  ${b.partial}`,
    );
  }
  const p95s = BANDS.map((b) => result.bands[b].p95);
  const under = p95s.every((p) => p < TARGET_P95_MS);
  const ratio = Math.max(...p95s) / Math.max(0.001, Math.min(...p95s));
  lines.push(
    `  target p95 < ${TARGET_P95_MS} ms every band: ${under ? 'MET' : 'MISSED'}; ` +
      `largest/smallest band p95 ${ratio.toFixed(2)}× (≤ ${MAX_BAND_RATIO}×): ${ratio <= MAX_BAND_RATIO ? 'MET' : 'MISSED'}`,
  );
  const c = result.checks;
  lines.push(
    `  check: exact ${c.exactFound}/${c.exactTotal}, planted near-duplicates ${c.nearFound}/${c.nearTotal} ` +
      `${result.wrong.length === 0 ? 'OK' : 'WRONG'}`,
  );
  for (const w of result.wrong.slice(0, 10)) lines.push(`  WRONG ${w}`);
  return lines;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      entries: { type: 'string' },
      queries: { type: 'string' },
      engine: { type: 'string' },
      postgres: { type: 'string' },
      keep: { type: 'boolean', default: false },
      reuse: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const entries = Number(values.entries ?? 1_000_000);
  const queries = Number(values.queries ?? 100);
  const which = values.engine ?? 'both';
  if (!Number.isInteger(entries) || entries < 1000) throw new Error('--entries must be ≥ 1000');
  if (!Number.isInteger(queries) || queries < 1) throw new Error('--queries must be ≥ 1');
  if (!['sqlite', 'postgres', 'both'].includes(which))
    throw new Error('--engine must be sqlite, postgres or both');
  const reuse = values.reuse;
  if (reuse !== undefined && which === 'both')
    throw new Error('--reuse needs --engine sqlite (with the kept file) or postgres');
  if (reuse !== undefined && which === 'sqlite' && !existsSync(reuse))
    throw new Error(`--reuse: no file ${reuse}`);
  const machine = describeMachine();
  console.log(
    `Translation memory bench: ${machine.cpu}, ${machine.cores} cores, ${machine.totalMemoryMiB} MiB, node ${machine.node}; load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const results: EngineResult[] = [];
  if (which !== 'postgres') {
    const dir = reuse ?? mkdtempSync(join(tmpdir(), 'polyphony-bench-tm-'));
    const file = reuse ?? join(dir, 'memory.db');
    const handle = await openDatabase(`sqlite:${file}`);
    // A 256 MiB page cache (the default is 2 MiB): the unique index's random keys would
    // otherwise make every insert of the seeding read pages from the file.
    await sql`PRAGMA cache_size = -262144`.execute(handle.db);
    try {
      results.push(
        await runEngine('SQLite', handle, { entries, queries, reuse: !!reuse }, async () => {
          await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(handle.db);
          const wal = `${file}-wal`;
          return statSync(file).size + (existsSync(wal) ? statSync(wal).size : 0);
        }),
      );
    } finally {
      await handle.close();
      if (values.keep || reuse) console.log(`kept ${file}`);
      else rmSync(dir, { recursive: true, force: true });
    }
  }
  if (which !== 'sqlite') {
    const serverUrl =
      values.postgres ?? process.env.TEST_POSTGRES_URL ?? 'postgres://127.0.0.1:5432/postgres';
    const admin = new pg.Client({ connectionString: withDefaultUser(serverUrl) });
    await admin.connect();
    if (!reuse) {
      await admin.query(`DROP DATABASE IF EXISTS ${SCRATCH_DB} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${SCRATCH_DB}`);
    }
    const url = new URL(serverUrl);
    url.pathname = `/${SCRATCH_DB}`;
    const handle = await openDatabase(url.toString());
    try {
      results.push(
        await runEngine('PostgreSQL', handle, { entries, queries, reuse: !!reuse }, async () => {
          const { rows } = await sql<{
            size: string;
          }>`SELECT pg_database_size(current_database())::text AS size`.execute(handle.db);
          return Number(rows[0]?.size ?? 0);
        }),
      );
    } finally {
      await handle.close();
      if (values.keep || reuse) console.log(`kept database ${SCRATCH_DB}`);
      else await admin.query(`DROP DATABASE IF EXISTS ${SCRATCH_DB} WITH (FORCE)`);
      await admin.end();
    }
  }
  const lines = results.flatMap(report);
  console.log(lines.join('\n'));
  if (reuse) return results.some((r) => r.wrong.length > 0) ? 1 : 0; // not figures to keep
  mkdirSync(dirname(resultsFile), { recursive: true });
  writeFileSync(
    resultsFile,
    JSON.stringify({ machine, at: new Date().toISOString(), entries, queries, results }, null, 2) +
      '\n',
  );
  console.log(`\nRaw results written to ${resultsFile}`);
  return results.some((r) => r.wrong.length > 0) ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(
      `\nMemory bench failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exitCode = 1;
  },
);
