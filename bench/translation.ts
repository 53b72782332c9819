// `node --import tsx bench/translation.ts`: issue #4's translation figures (acceptance 6).
//   1. Units saved per second through the HTTP API (PUT …/units/:unitId: the target's text,
//      state and version, and a history row), on SQLite and on PostgreSQL.
//   2. Aligning and marking outdated a 500-unit post with 40 translations after a
//      one-paragraph edit: publishPost + runDueJobs (target: p50 under 100 ms).
//   3. Rendering a 500-unit translation with mixed states: getPublishedPost (target: p50
//      under 20 ms), on SQLite.
// Figures only: a missed target is printed as FAIL, not an error. See bench/README.md.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { OUTDATED_CLASS } from '../src/domain/units/apply.js';
import { buildApp } from '../src/http/app.js';
import { runDueJobs } from '../src/jobs/runner.js';
import { getPublishedPost } from '../src/services/posts/read-post.service.js';
import { savePost } from '../src/services/posts/save-post.service.js';
import { publishPost } from '../src/services/posts/workflow.service.js';
import type { ServiceDeps } from '../src/services/deps.js';
import type {
  Store,
  TargetRecord,
  TranslationRecord,
  UnitRecord,
  UserRecord,
} from '../src/services/repositories.js';
import { ensureTranslation } from '../src/services/translation/translation-context.js';
import { describeMachine } from './lib/report.js';
import type { PreciseLatency } from './lib/load.js';
import {
  openTranslationOverHttp,
  runSaveLoad,
  signInOverHttp,
  stopSaveLoad,
  trackTransactions,
} from './lib/translation-http.js';
import type { SaveUnit } from './lib/translation-http.js';
import {
  DEFAULT_POSTGRES_URL,
  FORTY_LANGUAGES,
  PASSWORD,
  benchUser,
  dropLeftoverDatabases,
  longPost,
  openRuntime,
  postInput,
  probePostgres,
  publishLongPost,
} from './lib/translation-setup.js';
import type { BenchRuntime, EngineName, LongPost } from './lib/translation-setup.js';
import { count, elapsedMs, heading, ms, table, timing } from './lib/translation-stats.js';
import type { Timing } from './lib/translation-stats.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const resultsFile = join(repoRoot, 'bench', 'results', 'translation.json');

/** Issue #4, acceptance 6. */
const TARGETS = {
  /** publishPost + runDueJobs after a one-paragraph edit, p50, ms. */
  alignMs: 100,
  /** getPublishedPost of a 500-unit translation, p50, ms. */
  renderMs: 20,
};

const SAVE_PARAGRAPHS = 200;
/** Title + excerpt + 498 paragraphs = 500 units. */
const LONG_PARAGRAPHS = 498;
const ALIGN_WARMUPS = 2;
const RENDER_WARMUPS = 5;

const USAGE = `Usage: node --import tsx bench/translation.ts [options]

  --duration N      seconds of measured save load per engine (default 10; plus 1 s warm-up)
  --connections N   concurrent connections of the save load (default 10)
  --edits N         measured one-paragraph edits of part 2 (default 20; plus ${ALIGN_WARMUPS} warm-ups)
  --renders N       measured renders of part 3 (default 50; plus ${RENDER_WARMUPS} warm-ups)
  --postgres URL    PostgreSQL server to create the bench databases on
                    (default ${DEFAULT_POSTGRES_URL})
  --skip-postgres   SQLite only
  --only PARTS      run only these parts, comma-separated: saves, align, render (default all)
  --help            show this help
`;

interface Options {
  duration: number;
  connections: number;
  edits: number;
  renders: number;
  postgresUrl: string;
  skipPostgres: boolean;
  /** The parts to run (all three unless --only names some). */
  parts: ReadonlySet<Part>;
}

const PARTS = ['saves', 'align', 'render'] as const;
type Part = (typeof PARTS)[number];

function parseParts(value: string | undefined): ReadonlySet<Part> {
  if (value === undefined) return new Set(PARTS);
  const parts = new Set<Part>();
  for (const name of value.split(',').map((p) => p.trim())) {
    const part = PARTS.find((p) => p === name);
    if (!part) throw new Error(`--only takes ${PARTS.join(', ')} (got "${name}")`);
    parts.add(part);
  }
  return parts;
}

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0)
    throw new Error(`--${name} must be a positive number (got "${value}")`);
  return parsed;
}

function parseOptions(argv: string[]): Options | undefined {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: 'string' },
      connections: { type: 'string' },
      edits: { type: 'string' },
      renders: { type: 'string' },
      postgres: { type: 'string' },
      'skip-postgres': { type: 'boolean', default: false },
      only: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return undefined;
  }
  return {
    duration: positive('duration', values.duration, 10),
    connections: Math.round(positive('connections', values.connections, 10)),
    edits: Math.round(positive('edits', values.edits, 20)),
    renders: Math.round(positive('renders', values.renders, 50)),
    postgresUrl: values.postgres ?? DEFAULT_POSTGRES_URL,
    skipPostgres: values['skip-postgres'],
    parts: parseParts(values.only),
  };
}

const engineLabel = (engine: EngineName): string => (engine === 'sqlite' ? 'SQLite' : 'PostgreSQL');

function loud(lines: string[]): void {
  const bar = '!'.repeat(78);
  console.warn(`\n${bar}`);
  for (const line of lines) console.warn(`!!! ${line}`);
  console.warn(bar);
}

// ---- 1. Units saved per second over HTTP ----------------------------------------------------

interface SavesResult {
  engine: EngineName;
  database: string;
  units: number;
  connections: number;
  durationSeconds: number;
  savesPerSecond: number;
  saves: number;
  latencyMs: PreciseLatency;
  rejected: Record<string, number>;
  errors: number;
  timeouts: number;
  /** target_history rows with action "save" written during the measured run. */
  historyRowsDuringRun: number;
  /** Checks that the writes happened (see verifySaves). */
  check: { ok: boolean; detail: string };
  warmupSaves: number;
}

/** Sum of history rows (all actions, and "save" only) over the units of a translation. */
async function historyRows(
  store: Store,
  translationId: string,
  units: readonly UnitRecord[],
): Promise<{ all: number; saves: number }> {
  let all = 0;
  let saves = 0;
  for (const unit of units) {
    const rows = await store.translations.history(translationId, unit.unitId);
    all += rows.length;
    saves += rows.filter((r) => r.action === 'save').length;
  }
  return { all, saves };
}

/** Every unit with its target's version now (0: none yet) and the revision it is shown at. */
async function unitVersions(
  deps: ServiceDeps,
  postId: string,
  language: string,
  units: readonly UnitRecord[],
): Promise<SaveUnit[]> {
  const translation = await deps.store.translations.findTranslation(postId, language);
  const targets = translation ? await deps.store.translations.targets([translation.id]) : [];
  const byUnit = new Map(targets.map((t) => [t.unitId, t.version]));
  return units.map((u) => ({
    unitId: u.unitId,
    version: byUnit.get(u.unitId) ?? 0,
    sourceRevision: u.revision,
  }));
}

async function benchSaves(bench: BenchRuntime, options: Options): Promise<SavesResult> {
  const { deps } = bench;
  const label = engineLabel(bench.engine);
  heading(`1. Units saved per second over HTTP — ${label}`);
  console.log(`Database: ${bench.description}`);
  let app: FastifyInstance | undefined;
  const server = trackTransactions(deps);
  try {
    app = await buildApp({
      deps: server.deps,
      cookieSecret: randomBytes(32).toString('hex'),
      logger: false,
      // The load is one account saving ~100 times a second: the per-account and per-address
      // save limits (a flood shield) would turn it into 429s.
      requestLimits: { savesPerAccount: Infinity, savesPerAddress: Infinity },
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

    const editor = await benchUser(deps, ['editor'], 'editor');
    const translator = await benchUser(deps, ['translator'], 'translator');
    const { post, units } = await publishLongPost(
      deps,
      editor,
      longPost('saves', SAVE_PARAGRAPHS, 1),
    );
    const session = await signInOverHttp(origin, translator.username, PASSWORD);
    // The warm-up saves into its own translation: its last requests, still running on the
    // server after autocannon stops, can never meet the measured run's units. The editor's GET
    // creates nothing; each translation is created by its first save.
    const [warmLanguage, language] = ['fr', 'es'];
    await openTranslationOverHttp(origin, session, post.id, warmLanguage);
    await openTranslationOverHttp(origin, session, post.id, language);
    console.log(
      `App on ${origin} (buildApp on createRuntime); post of ${units.length} units published; ` +
        `${translator.username} signed in over HTTP; the editor opened in ${warmLanguage} ` +
        `(warm-up) and ${language} (measured).`,
    );
    console.log(
      `Load: ${options.connections} connections, 1 s warm-up + ${options.duration} s measured; ` +
        `PUT /api/translate/:postId/${language}/units/:unitId {text, version, state: "translated"}` +
        ` with the session cookie and x-csrf-token.`,
    );
    const text = (unitId: string, version: number): string =>
      `Traducción del segmento ${unitId}, versión ${version}.`;

    const warm = await runSaveLoad({
      origin,
      session,
      postId: post.id,
      language: warmLanguage,
      units: await unitVersions(deps, post.id, warmLanguage, units),
      connections: options.connections,
      duration: 1,
      title: `saves warm-up ${bench.engine}`,
      text,
    });
    const run = await runSaveLoad({
      origin,
      session,
      postId: post.id,
      language,
      units: await unitVersions(deps, post.id, language, units),
      connections: options.connections,
      duration: options.duration,
      title: `saves ${bench.engine}`,
      text,
    });
    // autocannon hangs up on the requests in flight when it stops, and close() returns once
    // the sockets are closed: those requests' saves are still running on the server.
    await app.close();
    app = undefined;
    const stillRunning = server.inFlight();
    const translation = await deps.store.translations.findTranslation(post.id, language);
    if (!translation) throw new Error(`the saves did not create the ${language} translation`);
    // Counted in one snapshot (see verifySaves), then the last saves are let finish.
    const check = await bench.snapshot((store) =>
      verifySaves(store, translation, units, run.saves),
    );
    await server.settled();
    const rejectedCount = Object.values(run.rejected).reduce((a, b) => a + b, 0);

    console.log(
      `${count(run.savesPerSecond)} saves/s (${count(run.saves)} saves in ` +
        `${run.result.duration.toFixed(1)} s), p50 ${ms(run.latency.p50)} ms, ` +
        `p99 ${ms(run.latency.p99)} ms; ${count(check.history.saves)} history rows written ` +
        `(${stillRunning} saves were still running on the server when the load stopped).`,
    );
    if (rejectedCount + run.result.errors + run.result.timeouts > 0) {
      console.warn(
        `  warning: ${rejectedCount} rejected answers (${JSON.stringify(run.rejected)}), ` +
          `${run.result.errors} errors, ${run.result.timeouts} timeouts: these figures are not valid.`,
      );
      for (const sample of [...warm.rejectedSamples, ...run.rejectedSamples].slice(0, 3))
        console.warn(`    ${sample}`);
    }
    console.log(`Check: ${check.ok ? 'OK' : 'WRONG'} — ${check.detail}`);
    return {
      engine: bench.engine,
      database: bench.description,
      units: units.length,
      connections: options.connections,
      durationSeconds: run.result.duration,
      savesPerSecond: run.savesPerSecond,
      saves: run.saves,
      latencyMs: run.latency,
      rejected: run.rejected,
      errors: run.result.errors,
      timeouts: run.result.timeouts,
      historyRowsDuringRun: check.history.saves,
      check: { ok: check.ok, detail: check.detail },
      warmupSaves: warm.saves,
    };
  } finally {
    if (app) await app.close();
    await server.settled();
  }
}

/**
 * Every accepted save wrote its target (version +1, state "translated") and one "save"
 * history row: the sum of the versions equals the number of save rows, which is at least
 * the number of 200 answers counted (answers still in flight when autocannon stopped were
 * written but not counted), and there is no conflict row.
 *
 * Read in ONE snapshot (`store` is a repeatable-read transaction): saves whose client had
 * gone may still be committing, and rows counted at different moments — the history unit by
 * unit, then the targets — would disagree by those commits (on PostgreSQL; SQLite's single
 * connection queues the reads behind them), which is what this bench once reported as WRONG.
 */
async function verifySaves(
  store: Store,
  translation: TranslationRecord,
  units: readonly UnitRecord[],
  answered: number,
): Promise<{ ok: boolean; detail: string; history: { all: number; saves: number } }> {
  const history = await historyRows(store, translation.id, units);
  const targets = await store.translations.targets([translation.id]);
  const versions = targets.reduce((sum, t) => sum + t.version, 0);
  const states = new Set(targets.map((t) => t.state));
  const ok =
    versions === history.saves &&
    history.all === history.saves &&
    history.saves >= answered &&
    states.size === 1 &&
    states.has('translated') &&
    targets.length <= units.length;
  return {
    ok,
    history,
    detail:
      `${count(history.saves)} "save" history rows in all (${count(history.all - history.saves)} ` +
      `others), sum of target versions ${count(versions)}, ${count(answered)} 200 answers ` +
      `counted, ${targets.length} targets all "${[...states].join('", "')}".`,
  };
}

// ---- 2. Align + mark outdated after a one-paragraph edit ------------------------------------

interface AlignResult {
  engine: EngineName;
  database: string;
  units: number;
  translations: number;
  targets: number;
  setupSeconds: number;
  edits: number;
  /** publishPost + runDueJobs, per edit. */
  totalMs: Timing;
  publishMs: Timing;
  jobMs: Timing;
  /** Targets outdated by each measured edit (40 expected each time). */
  outdatedPerEdit: number[];
  check: { ok: boolean; detail: string };
  pass: boolean;
}

function targetRecord(
  translationId: string,
  unit: UnitRecord,
  text: string,
  state: TargetRecord['state'],
  translatedBy: string,
  reviewedBy: string | null,
  now: string,
): TargetRecord {
  return {
    translationId,
    unitId: unit.unitId,
    text,
    state,
    previousState: null,
    baseSource: unit.source,
    baseRevision: unit.revision,
    version: 1,
    provenance: 'human',
    translatedBy,
    reviewedBy,
    updatedAt: now,
  };
}

/** Saves the post's current text (one more revision) as `editor`, based on its current revision. */
async function saveLongPost(
  deps: ServiceDeps,
  editor: UserRecord,
  postId: string,
  post: LongPost,
): Promise<void> {
  const current = await deps.store.posts.findById(postId);
  if (!current) throw new Error('the bench post disappeared');
  await savePost(deps, editor, postId, current.currentRevision, postInput(post));
}

async function benchAlign(bench: BenchRuntime, options: Options): Promise<AlignResult> {
  const { deps } = bench;
  heading(`2. Align + mark outdated, 500 units × 40 translations — ${engineLabel(bench.engine)}`);
  console.log(`Database: ${bench.description}`);
  const editor = await benchUser(deps, ['editor'], 'editor');
  const translator = await benchUser(deps, ['translator'], 'translator');
  const source = longPost('align', LONG_PARAGRAPHS, 2);
  const { post, units } = await publishLongPost(deps, editor, source);

  const setupStart = performance.now();
  const translationIds = await deps.store.transaction(async (store) => {
    const now = new Date().toISOString();
    const ids: string[] = [];
    for (const language of FORTY_LANGUAGES) {
      const id = deps.newId();
      ids.push(id);
      await store.translations.createTranslation({
        id,
        postId: post.id,
        language,
        slug: post.slug,
        status: 'in_progress',
        publishedAt: null,
        createdBy: translator.id,
        createdAt: now,
        updatedAt: now,
      });
      for (const unit of units) {
        const target = targetRecord(
          id,
          unit,
          `[${language}] ${unit.source}`,
          'translated',
          translator.id,
          null,
          now,
        );
        if (!(await store.translations.writeTarget(target, 0)))
          throw new Error('could not write a setup target');
      }
    }
    return ids;
  });
  const setupSeconds = elapsedMs(setupStart) / 1000;
  const targetCount = translationIds.length * units.length;
  console.log(
    `Post of ${units.length} units published; ${translationIds.length} translations with every ` +
      `unit translated (${count(targetCount)} targets written through ` +
      `store.translations.writeTarget in ${setupSeconds.toFixed(1)} s, not measured).`,
  );
  console.log(
    `Each edit: append a sentence to one paragraph (a different one each time), savePost ` +
      `(not measured), then time publishPost + runDueJobs. ${ALIGN_WARMUPS} warm-ups + ` +
      `${options.edits} measured.`,
  );

  const total = options.edits + ALIGN_WARMUPS;
  const step = Math.floor((LONG_PARAGRAPHS - 6) / total);
  const totals: number[] = [];
  const publishes: number[] = [];
  const jobs: number[] = [];
  const outdatedPerEdit: number[] = [];
  const problems: string[] = [];
  const jobErrors: unknown[] = [];
  for (let k = 0; k < total; k++) {
    const paragraph = 3 + k * step;
    source.paragraphs[paragraph] =
      `${source.paragraphs[paragraph] ?? ''} Revised in round ${k + 1} of the bench.`;
    await saveLongPost(deps, editor, post.id, source);
    const start = performance.now();
    await publishPost(deps, editor, post.id);
    const published = performance.now();
    const done = await runDueJobs(deps, (error) => jobErrors.push(error));
    const end = performance.now();

    // Not measured: the edit outdated exactly the edited unit's 40 targets.
    const unit = units[paragraph + 2];
    if (!unit) throw new Error(`no unit at position ${paragraph + 2}`);
    const revision = await deps.store.translations.latestUnitRevision(post.id);
    const latest = revision === null ? [] : await deps.store.translations.units(post.id, revision);
    if (latest[paragraph + 2]?.unitId !== unit.unitId)
      problems.push(`edit ${k + 1}: the edited paragraph did not keep its unit id`);
    let outdated = 0;
    for (const id of translationIds) {
      const target = await deps.store.translations.target(id, unit.unitId);
      if (target?.state === 'outdated') outdated++;
    }
    if (done !== 1) problems.push(`edit ${k + 1}: runDueJobs ran ${done} jobs instead of 1`);
    if (outdated !== translationIds.length)
      problems.push(
        `edit ${k + 1}: ${outdated} targets outdated instead of ${translationIds.length}`,
      );
    if (k >= ALIGN_WARMUPS) {
      totals.push(end - start);
      publishes.push(published - start);
      jobs.push(end - published);
      outdatedPerEdit.push(outdated);
    }
  }
  // No other target changed: exactly 40 per edit are outdated in all, the rest still translated.
  const all = await deps.store.translations.targets(translationIds);
  const outdatedAll = all.filter((t) => t.state === 'outdated').length;
  const translatedAll = all.filter((t) => t.state === 'translated').length;
  if (outdatedAll !== total * translationIds.length)
    problems.push(
      `${outdatedAll} targets outdated in all instead of ${total * translationIds.length}`,
    );
  if (translatedAll + outdatedAll !== targetCount)
    problems.push(`${targetCount - translatedAll - outdatedAll} targets in another state`);
  if (jobErrors.length > 0)
    problems.push(`${jobErrors.length} job errors: ${String(jobErrors[0])}`);

  const totalMs = timing(totals);
  const check = {
    ok: problems.length === 0,
    detail:
      problems.length === 0
        ? `every edit outdated exactly ${translationIds.length} targets (the edited unit's, which ` +
          `kept its id); ${count(outdatedAll)} outdated and ${count(translatedAll)} still ` +
          `translated of ${count(targetCount)} after ${total} edits.`
        : problems.slice(0, 5).join('; '),
  };
  console.log(
    `publishPost + runDueJobs: p50 ${ms(totalMs.p50)} ms, max ${ms(totalMs.max)} ms ` +
      `(publishPost p50 ${ms(timing(publishes).p50)} ms, runDueJobs p50 ${ms(timing(jobs).p50)} ms).`,
  );
  console.log(`Check: ${check.ok ? 'OK' : 'WRONG'} — ${check.detail}`);
  return {
    engine: bench.engine,
    database: bench.description,
    units: units.length,
    translations: translationIds.length,
    targets: targetCount,
    setupSeconds,
    edits: totals.length,
    totalMs,
    publishMs: timing(publishes),
    jobMs: timing(jobs),
    outdatedPerEdit,
    check,
    pass: check.ok && totalMs.p50 < TARGETS.alignMs,
  };
}

// ---- 3. Render a 500-unit translation with mixed states --------------------------------------

interface RenderResult {
  engine: EngineName;
  database: string;
  units: number;
  states: { reviewed: number; outdated: number; untranslated: number };
  bodyHtmlBytes: number;
  renders: number;
  renderMs: Timing;
  check: { ok: boolean; detail: string };
  pass: boolean;
}

async function benchRender(bench: BenchRuntime, options: Options): Promise<RenderResult> {
  const { deps } = bench;
  heading(`3. Render a 500-unit translation with mixed states — ${engineLabel(bench.engine)}`);
  console.log(`Database: ${bench.description}`);
  const editor = await benchUser(deps, ['editor'], 'editor');
  const translator = await benchUser(deps, ['translator'], 'translator');
  const reviewer = await benchUser(deps, ['reviewer'], 'reviewer');
  const source = longPost('render', LONG_PARAGRAPHS, 3);
  const { post, units } = await publishLongPost(deps, editor, source);
  const language = 'es';
  // The first save creates a translation; the bench writes its targets directly, so it
  // creates the row the same way a first save does.
  const translationId = (
    await deps.store.transaction((store) =>
      ensureTranslation(deps, store, post, language, translator, new Date().toISOString()),
    )
  ).id;

  // Units 0, 3, 6… reviewed; 1, 4, 7… translated, then outdated by an edit; 2, 5, 8… untranslated.
  await deps.store.transaction(async (store) => {
    const now = new Date().toISOString();
    for (const [i, unit] of units.entries()) {
      if (i % 3 === 2) continue;
      const reviewed = i % 3 === 0;
      const target = targetRecord(
        translationId,
        unit,
        `Traducción ${i}: ${unit.source}`,
        reviewed ? 'reviewed' : 'translated',
        translator.id,
        reviewed ? reviewer.id : null,
        now,
      );
      if (!(await store.translations.writeTarget(target, 0)))
        throw new Error('could not write a setup target');
    }
  });
  for (const [i, unit] of units.entries()) {
    if (i % 3 !== 1) continue;
    if (unit.kind === 'excerpt') source.excerpt = `${source.excerpt} Revised for the bench.`;
    else if (unit.kind === 'paragraph')
      source.paragraphs[i - 2] = `${source.paragraphs[i - 2] ?? ''} Revised for the bench.`;
    else throw new Error(`unexpected unit kind ${unit.kind} at position ${i}`);
  }
  await saveLongPost(deps, editor, post.id, source);
  await publishPost(deps, editor, post.id);
  await runDueJobs(deps);
  const publishedAt = new Date().toISOString();
  await deps.store.translations.updateTranslation(translationId, {
    status: 'published',
    publishedAt,
  });

  const targets = await deps.store.translations.targets([translationId]);
  const states = {
    reviewed: targets.filter((t) => t.state === 'reviewed').length,
    outdated: targets.filter((t) => t.state === 'outdated').length,
    untranslated: units.length - targets.length,
  };
  const translation = await deps.store.translations.findTranslation(post.id, language);
  const current = await deps.store.posts.findById(post.id);
  if (!translation || !current?.publishedAt) throw new Error('the bench translation is missing');
  const date = current.publishedAt.slice(0, 10);
  console.log(
    `Post of ${units.length} units; its ${language} translation: ${states.reviewed} reviewed, ` +
      `${states.outdated} outdated (by an edit of the source), ${states.untranslated} ` +
      `untranslated; marked published directly (setup).`,
  );
  console.log(
    `Timing getPublishedPost(deps, '${language}', '${date}', '${translation.slug}'): ` +
      `${RENDER_WARMUPS} warm-ups + ${options.renders} measured.`,
  );

  const render = async () => {
    const result = await getPublishedPost(deps, language, date, translation.slug);
    if ('redirect' in result) throw new Error(`getPublishedPost redirected to ${result.redirect}`);
    return result.view;
  };
  for (let i = 0; i < RENDER_WARMUPS; i++) await render();
  const times: number[] = [];
  let view = await render();
  for (let i = 0; i < options.renders; i++) {
    const start = performance.now();
    view = await render();
    times.push(elapsedMs(start));
  }
  const renderMs = timing(times);
  const expectedOutdated = units.filter((_, i) => i % 3 === 1).length;
  const expectedCompletion = units.filter((_, i) => i % 3 === 0).length / units.length;
  // The excerpt (unit 1) is outdated too but is not part of the body.
  const expectedMarks = units.filter((u, i) => i % 3 === 1 && u.kind === 'paragraph').length;
  const marks = view.bodyHtml.split(OUTDATED_CLASS).length - 1;
  const problems: string[] = [];
  if (view.shown.isOriginal) problems.push('the original was shown, not the translation');
  if (view.shown.language !== language) problems.push(`shown in ${view.shown.language}`);
  if (view.shown.outdated !== expectedOutdated)
    problems.push(`${view.shown.outdated} outdated units shown instead of ${expectedOutdated}`);
  if (states.outdated !== expectedOutdated)
    problems.push(`${states.outdated} targets outdated instead of ${expectedOutdated}`);
  if (Math.abs(view.shown.completion - expectedCompletion) > 1e-9)
    problems.push(`completion ${view.shown.completion} instead of ${expectedCompletion}`);
  if (!view.bodyHtml.includes('Traducción 3:')) problems.push('a reviewed unit is not shown');
  if (marks !== expectedMarks)
    problems.push(`${marks} blocks marked ${OUTDATED_CLASS} instead of ${expectedMarks}`);
  const check = {
    ok: problems.length === 0,
    detail:
      problems.length === 0
        ? `the ${language} translation is shown with ${view.shown.outdated} outdated units, ` +
          `completion ${(view.shown.completion * 100).toFixed(1)} %, ` +
          `${count(view.bodyHtml.length)} characters of body HTML with ${marks} paragraphs ` +
          `marked ${OUTDATED_CLASS} (the outdated excerpt is not in the body).`
        : problems.join('; '),
  };
  console.log(
    `getPublishedPost: p50 ${ms(renderMs.p50)} ms, p99 ${ms(renderMs.p99)} ms, ` +
      `max ${ms(renderMs.max)} ms.`,
  );
  console.log(`Check: ${check.ok ? 'OK' : 'WRONG'} — ${check.detail}`);
  return {
    engine: bench.engine,
    database: bench.description,
    units: units.length,
    states,
    bodyHtmlBytes: Buffer.byteLength(view.bodyHtml),
    renders: times.length,
    renderMs,
    check,
    pass: check.ok && renderMs.p50 < TARGETS.renderMs,
  };
}

// ---- Main ------------------------------------------------------------------------------------

interface TargetLine {
  name: string;
  goal: string;
  measured: string;
  result: 'PASS' | 'FAIL' | 'SKIPPED' | 'INFO';
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  if (!options) return 0;
  const started = performance.now();
  const machine = describeMachine();
  const loadBefore = loadavg();
  heading('Polyphony translation bench (issue #4, acceptance 6)');
  console.log(`Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.totalMemoryMiB} MiB RAM`);
  console.log(
    `Node:    ${machine.node} (${machine.platform}); load average ` +
      `${loadBefore.map((l) => l.toFixed(2)).join(', ')}`,
  );

  const workDir = mkdtempSync(join(tmpdir(), 'polyphony-bench-translation-'));
  const cleanup = async (): Promise<void> => {
    stopSaveLoad();
    await dropLeftoverDatabases();
    rmSync(workDir, { recursive: true, force: true });
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\nReceived ${signal}; cleaning up…`);
      void cleanup().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    });
  }

  const engines: EngineName[] = ['sqlite'];
  let postgres: { url: string; status: string };
  if (options.skipPostgres) {
    postgres = { url: options.postgresUrl, status: 'skipped (--skip-postgres)' };
    console.log('PostgreSQL: skipped (--skip-postgres).');
  } else {
    const probe = await probePostgres(options.postgresUrl);
    if (probe.ok) {
      engines.push('postgres');
      postgres = { url: options.postgresUrl, status: `PostgreSQL ${probe.version}` };
      console.log(
        `PostgreSQL: ${probe.version} at ${options.postgresUrl} (fresh databases, dropped after).`,
      );
    } else {
      postgres = { url: options.postgresUrl, status: `unreachable: ${probe.reason}` };
      loud([
        `PostgreSQL at ${options.postgresUrl} is NOT reachable (${probe.reason}).`,
        'The PostgreSQL figures are SKIPPED: this run measures SQLite only.',
        'Start the server (or pass --postgres URL) to measure both engines.',
      ]);
    }
  }

  const open = (engine: EngineName, label: string) =>
    openRuntime(engine, { workDir, postgresUrl: options.postgresUrl, label });
  const withRuntime = async <T>(
    engine: EngineName,
    label: string,
    work: (bench: BenchRuntime) => Promise<T>,
  ): Promise<T> => {
    const bench = await open(engine, label);
    try {
      return await work(bench);
    } finally {
      await bench.close();
    }
  };

  const saves: SavesResult[] = [];
  const align: AlignResult[] = [];
  let render: RenderResult | undefined;
  try {
    if (options.parts.has('saves'))
      for (const engine of engines)
        saves.push(await withRuntime(engine, 'saves', (b) => benchSaves(b, options)));
    if (options.parts.has('align'))
      for (const engine of engines)
        align.push(await withRuntime(engine, 'align', (b) => benchAlign(b, options)));
    if (options.parts.has('render'))
      render = await withRuntime('sqlite', 'render', (b) => benchRender(b, options));
  } finally {
    await cleanup();
  }

  heading('Results');
  console.log(
    table(
      ['Measure', 'Saves/s', 'p50 ms', 'p99 ms', 'Saves', 'History rows', 'Rejected', 'Writes'],
      saves.map((s) => [
        `1. ${engineLabel(s.engine)}, HTTP saves (${s.connections} conn.)`,
        count(s.savesPerSecond),
        ms(s.latencyMs.p50),
        ms(s.latencyMs.p99),
        count(s.saves),
        count(s.historyRowsDuringRun),
        count(Object.values(s.rejected).reduce((a, b) => a + b, 0) + s.errors + s.timeouts),
        s.check.ok ? 'OK' : 'WRONG',
      ]),
    ),
  );
  console.log('');
  console.log(
    table(
      ['Measure', 'Runs', 'p50 ms', 'p99 ms', 'Max ms', 'Result check'],
      [
        ...align.map((a) => [
          `2. ${engineLabel(a.engine)}, publishPost + runDueJobs (${a.units} units × ${a.translations})`,
          String(a.edits),
          ms(a.totalMs.p50),
          ms(a.totalMs.p99),
          ms(a.totalMs.max),
          a.check.ok ? `OK (${a.translations} outdated per edit)` : 'WRONG',
        ]),
        ...(render
          ? [
              [
                `3. ${engineLabel(render.engine)}, getPublishedPost (${render.units}-unit translation)`,
                String(render.renders),
                ms(render.renderMs.p50),
                ms(render.renderMs.p99),
                ms(render.renderMs.max),
                render.check.ok ? 'OK' : 'WRONG',
              ],
            ]
          : []),
      ],
    ),
  );

  const targets: TargetLine[] = [];
  for (const s of saves)
    targets.push({
      name: `1. Units saved per second over HTTP, ${engineLabel(s.engine)}`,
      goal: '(figure)',
      measured: `${count(s.savesPerSecond)} saves/s`,
      result: 'INFO',
    });
  if (!engines.includes('postgres'))
    targets.push({
      name: '1. Units saved per second over HTTP, PostgreSQL',
      goal: '(figure)',
      measured: '—',
      result: 'SKIPPED',
    });
  for (const a of align)
    targets.push({
      name: `2. Align + mark outdated, ${engineLabel(a.engine)}`,
      goal: `p50 < ${TARGETS.alignMs} ms`,
      measured: `${ms(a.totalMs.p50)} ms${a.check.ok ? '' : ' (wrong result)'}`,
      result: a.pass ? 'PASS' : 'FAIL',
    });
  if (!engines.includes('postgres'))
    targets.push({
      name: '2. Align + mark outdated, PostgreSQL',
      goal: `p50 < ${TARGETS.alignMs} ms`,
      measured: '—',
      result: 'SKIPPED',
    });
  if (render)
    targets.push({
      name: `3. Render a 500-unit translation, ${engineLabel(render.engine)}`,
      goal: `p50 < ${TARGETS.renderMs} ms`,
      measured: `${ms(render.renderMs.p50)} ms${render.check.ok ? '' : ' (wrong result)'}`,
      result: render.pass ? 'PASS' : 'FAIL',
    });
  heading('Targets (issue #4, acceptance 6)');
  console.log(
    table(
      ['Target', 'Goal', 'Measured', 'Result'],
      targets.map((t) => [t.name, t.goal, t.measured, t.result]),
    ),
  );
  for (const t of targets)
    if (t.result === 'PASS' || t.result === 'FAIL')
      console.log(`${t.result}: ${t.name} — ${t.measured} (${t.goal})`);

  const invalid = [
    ...saves.filter(
      (s) =>
        !s.check.ok ||
        s.errors + s.timeouts + Object.values(s.rejected).reduce((a, b) => a + b, 0) > 0,
    ),
    ...align.filter((a) => !a.check.ok),
    ...(render && !render.check.ok ? [render] : []),
  ];
  const loadAfter = loadavg();
  if ((loadBefore[0] ?? 0) > Math.max(1, machine.cores / 2)) {
    console.warn(
      `\nwarning: the machine was busy before the run (load average ${loadBefore[0]?.toFixed(2)} ` +
        `on ${machine.cores} cores); the figures may be low.`,
    );
  }
  if (invalid.length > 0)
    console.warn(
      '\nwarning: some checks failed (see "Check:" above); those figures are not valid.',
    );

  mkdirSync(dirname(resultsFile), { recursive: true });
  writeFileSync(
    resultsFile,
    JSON.stringify(
      {
        generatedAt: new Date().toISOString(),
        command: ['node', '--import', 'tsx', 'bench/translation.ts', ...process.argv.slice(2)].join(
          ' ',
        ),
        machine,
        loadAverage: { before: loadBefore, after: loadAfter },
        options,
        postgres,
        targets: TARGETS,
        saves,
        align,
        render: render ?? null,
        checks: targets,
        valid: invalid.length === 0,
        seconds: Math.round(elapsedMs(started) / 100) / 10,
      },
      null,
      2,
    ) + '\n',
  );
  console.log(
    `\nResults written to ${resultsFile} (${(elapsedMs(started) / 1000).toFixed(0)} s in all).`,
  );
  console.log('A missed target is reported, not an error: the exit status stays 0.');
  return invalid.length > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  async (error: unknown) => {
    console.error(
      `\nTranslation bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    await dropLeftoverDatabases();
    process.exitCode = 1;
  },
);
