// `node --import tsx bench/digests.ts`: issue 10's digest figure (acceptance 6).
//   The hourly digest run for 1,000 due subscribers, on SQLite and on the PostgreSQL server of
//   TEST_POSTGRES_URL / DATABASE_URL (default postgres://127.0.0.1:5432/test) when it answers.
//   Target: under 10 s.
// What is timed is what production does once an hour, through its own code: the scheduler's
// `enqueueDigestRun` (the `send-digests` job, deduplicated by the hour) and the job runner's
// `runDueJobs`, which claims the job and runs its registered handler — `sendDueDigests` with
// `composeDigestMail`: the due scan (pages of 200), one compare-and-set claim per subscriber,
// their users, languages, filters and review rights, the per-language reads (once per run), the
// facets of the listed posts, the 1,000 digests, the opt-out check, the unsubscribe links and
// each mail composed in the subscriber's language and handed to the mailer. The mailer is an
// in-memory recorder (no SMTP: the transport is not timed). Production sends mail from the job
// itself: no mail jobs are enqueued.
// The site (bench/lib/digest-site.ts) is built with bulk INSERTs from a fixed seed. The checks
// work out every digest from what was inserted: WRONG (exit 1) when a mail goes to the wrong
// people, lists other posts or in another order (its links, section by section), a claim is
// missing, a second pass sends anything, or — for a sample of subscribers — the digest
// `buildDigest` gives has other posts or counts in a section than the ones inserted.
// On PostgreSQL the bench runs ANALYZE after the bulk load, as autovacuum does on a live site
// (--no-analyze leaves the planner without statistics on the freshly loaded tables).
//   --posts N (default 3000)  --subscribers N due (default 1000)  --runs N (default 3)
//   --skip-postgres  --no-analyze
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { ITEMS_PER_SECTION, composeDigestMail } from '../src/jobs/digest-mail.js';
import { enqueueDigestRun } from '../src/jobs/digest-scheduler.js';
import { runDueJobs } from '../src/jobs/runner.js';
import {
  DigestSource,
  buildDigest,
  buildDigests,
  recipientsOf,
} from '../src/services/digest/build-digest.service.js';
import type { Digest } from '../src/services/digest/build-digest.service.js';
import { sendDueDigests } from '../src/services/digest/send-digests.service.js';
import type { MailMessage } from '../src/services/ports.js';
import { DIGEST_LANGUAGES, buildDigestSite } from './lib/digest-site.js';
import type { DigestSite, SitePost, SiteSubscriber, SiteTranslation } from './lib/digest-site.js';
import { describeMachine } from './lib/report.js';
import {
  DEFAULT_POSTGRES_URL,
  dropLeftoverDatabases,
  openRuntime,
  probePostgres,
} from './lib/translation-setup.js';
import type { BenchRuntime, EngineName } from './lib/translation-setup.js';
import { count, heading, ms, table } from './lib/translation-stats.js';

const TARGET_MS = 10_000;
/** The bench's clock: every run happens at this instant plus one hour per run. */
const NOW = Date.parse('2026-12-02T09:00:00.000Z');
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const BASE_URL = 'https://bench.example.org';
/** Subscribers whose digest is also built alone (buildDigest) and compared in full. */
const SAMPLE_EVERY = 20;

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const resultsFile = join(repoRoot, 'bench', 'results', 'digests.json');

const { values } = parseArgs({
  options: {
    posts: { type: 'string', default: '3000' },
    subscribers: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '3' },
    'skip-postgres': { type: 'boolean', default: false },
    'no-analyze': { type: 'boolean', default: false },
  },
});
const POSTS = Number(values.posts);
const SUBSCRIBERS = Number(values.subscribers);
const RUNS = Number(values.runs);
for (const [name, value] of [
  ['posts', POSTS],
  ['subscribers', SUBSCRIBERS],
  ['runs', RUNS],
] as const) {
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${name} must be a whole number ≥ 1`);
}

/** A digest worked out from the inserted rows: per language, post ids in the listed order. */
interface ExpectedLanguage {
  language: string;
  missing: string[];
  outdated: string[];
  inProgress: string[];
  review: string[] | null;
}

interface Expected {
  since: string;
  languages: ExpectedLanguage[];
  itemCount: number;
}

/** The site regrouped per language, newest post first (the order the digests list). */
interface Index {
  posts: Map<string, SitePost>;
  missing: Map<string, SitePost[]>;
  translations: Map<string, SiteTranslation[]>;
}

function indexSite(site: DigestSite): Index {
  const newestFirst = site.posts
    .filter((p) => p.published)
    .sort((a, b) => (a.publishedAt < b.publishedAt ? 1 : -1));
  const missing = new Map<string, SitePost[]>();
  const translations = new Map<string, SiteTranslation[]>();
  for (const language of DIGEST_LANGUAGES) {
    missing.set(
      language,
      newestFirst.filter(
        (p) => p.source !== language && !site.translations.has(`${p.id} ${language}`),
      ),
    );
    translations.set(
      language,
      newestFirst.flatMap((p) => site.translations.get(`${p.id} ${language}`) ?? []),
    );
  }
  return { posts: new Map(site.posts.map((p) => [p.id, p])), missing, translations };
}

const periodOf = (s: SiteSubscriber) => (s.frequency === 'daily' ? DAY_MS : 7 * DAY_MS);

function isDueAt(s: SiteSubscriber, now: number): boolean {
  if (s.frequency === 'off' || s.suspended) return false;
  return s.lastSentAt === null || Date.parse(s.lastSentAt) <= now - periodOf(s);
}

function reviews(s: SiteSubscriber, language: string): boolean {
  if (s.roles.includes('editor') || s.roles.includes('admin')) return true;
  if (!s.roles.includes('reviewer')) return false;
  return s.reviewLanguages.length === 0 || s.reviewLanguages.includes(language);
}

function passes(s: SiteSubscriber, post: SitePost): boolean {
  const of = { organization: post.organizations, tag: post.tags, author: post.authors };
  for (const kind of ['organization', 'tag', 'author'] as const) {
    const chosen = s.filters.filter((f) => f.kind === kind).map((f) => f.value);
    if (chosen.length > 0 && !chosen.some((v) => of[kind].includes(v))) return false;
  }
  return true;
}

function expectedDigest(index: Index, s: SiteSubscriber, since: string): Expected {
  let itemCount = 0;
  const languages = s.languages.map((language): ExpectedLanguage => {
    const mine = (t: SiteTranslation) => passes(s, index.posts.get(t.postId)!);
    const states = (index.translations.get(language) ?? []).filter(mine);
    const section: ExpectedLanguage = {
      language,
      missing: (index.missing.get(language) ?? [])
        .filter((p) => p.publishedAt >= since && passes(s, p))
        .map((p) => p.id),
      outdated: states.filter((t) => t.outdated > 0).map((t) => t.postId),
      inProgress: states.filter((t) => t.outdated === 0 && t.done < t.total).map((t) => t.postId),
      review: reviews(s, language)
        ? states.filter((t) => t.unreviewed > 0 || t.pending > 0).map((t) => t.postId)
        : null,
    };
    itemCount +=
      section.missing.length +
      section.outdated.length +
      section.inProgress.length +
      (section.review?.length ?? 0);
    return section;
  });
  return { since, languages, itemCount };
}

/** The translate links a mail of `expected` lists, in order (each section cut as the mail is). */
function expectedLinks(expected: Expected): string[] {
  const links: string[] = [];
  for (const l of expected.languages)
    for (const ids of [l.missing, l.outdated, l.inProgress, l.review ?? []])
      for (const id of ids.slice(0, ITEMS_PER_SECTION)) links.push(`${id} ${l.language}`);
  return links;
}

const LINK = new RegExp(
  `^ +${BASE_URL.replace(/[.]/g, '\\.')}/translate/([^/\\s]+)/([^/\\s]+)$`,
  'gm',
);

function mailLinks(text: string): string[] {
  return [...text.matchAll(LINK)].map(
    (m) => `${decodeURIComponent(m[1] ?? '')} ${decodeURIComponent(m[2] ?? '')}`,
  );
}

interface RunResult {
  ms: number;
  mails: number;
  expectedMails: number;
  empty: number;
  optedOut: number;
  items: number;
}

interface Result {
  engine: EngineName;
  description: string;
  buildMs: number;
  rows: DigestSite['rows'] & { posts: number; translations: number; subscriptions: number };
  due: number;
  runs: RunResult[];
  buildOnlyMs: number;
  wrong: string[];
}

/** Compares the digest `buildDigest` gives with the expected one; returns what differs. */
function compareDigest(
  digest: Digest,
  expected: Expected,
  index: Index,
  site: DigestSite,
): string[] {
  const problems: string[] = [];
  if (digest.itemCount !== expected.itemCount)
    problems.push(`${digest.itemCount} items instead of ${expected.itemCount}`);
  const got = digest.languages.map((l) => l.language).join(',');
  const want = expected.languages.map((l) => l.language).join(',');
  if (got !== want) problems.push(`languages ${got} instead of ${want}`);
  for (const e of expected.languages) {
    const l = digest.languages.find((x) => x.language === e.language);
    if (!l) continue;
    for (const key of ['missing', 'outdated', 'inProgress', 'review'] as const) {
      const items = l[key];
      const ids = items === null ? null : items.map((i) => i.postId);
      if (JSON.stringify(ids) !== JSON.stringify(e[key]))
        problems.push(
          `${e.language} ${key}: ${ids === null ? 'none' : ids.length} posts instead of ` +
            `${e[key] === null ? 'none' : e[key].length}` +
            (ids !== null && e[key] !== null
              ? ` (${ids.filter((id) => !e[key]?.includes(id)).length} not expected, ` +
                `${e[key].filter((id) => !ids.includes(id)).length} left out)`
              : ''),
        );
      for (const i of items ?? []) {
        const post = index.posts.get(i.postId);
        if (post && i.title !== post.title) problems.push(`${i.postId}: title "${i.title}"`);
        const t = site.translations.get(`${i.postId} ${e.language}`);
        const p = i.progress;
        if (
          key === 'missing'
            ? p !== null
            : !t ||
              !p ||
              p.total !== t.total ||
              p.done !== t.done ||
              p.outdated !== t.outdated ||
              p.unreviewed !== t.unreviewed ||
              p.pending !== t.pending
        )
          problems.push(`${i.postId} ${e.language} ${key}: counts ${JSON.stringify(p)}`);
      }
    }
  }
  return problems.slice(0, 5);
}

async function restoreSubscriptions(bench: BenchRuntime, site: DigestSite): Promise<void> {
  await bench.runtime.database.db.transaction().execute(async (trx) => {
    for (const s of site.subscribers)
      await trx
        .updateTable('digest_subscriptions')
        .set({ last_sent_at: s.lastSentAt })
        .where('user_id', '=', s.id)
        .execute();
  });
}

async function benchEngine(bench: BenchRuntime): Promise<Result> {
  const { deps } = bench;
  const db = bench.runtime.database.db;
  deps.settings.languages = [...DIGEST_LANGUAGES];
  deps.settings.publicUrl = BASE_URL;
  let now = NOW;
  deps.clock = { now: () => new Date(now) };
  const mails: MailMessage[] = [];
  deps.mailer = {
    send: (message) => {
      mails.push(message);
      return Promise.resolve();
    },
  };

  const started = performance.now();
  const site = await buildDigestSite(db, { posts: POSTS, due: SUBSCRIBERS, now: new Date(NOW) });
  const buildMs = performance.now() - started;
  const rows = {
    ...site.rows,
    posts: site.posts.length,
    translations: site.translations.size,
    subscriptions: site.subscribers.length,
  };
  console.log(
    `${bench.engine}: built ${count(rows.posts)} posts × ${DIGEST_LANGUAGES.length} languages ` +
      `(${count(rows.translations)} translations, ${count(rows.targets)} targets, ` +
      `${count(rows.candidates)} proposals) and ${count(rows.subscriptions)} subscriptions in ` +
      `${ms(buildMs)} ms`,
  );
  if (bench.engine === 'postgres' && !values['no-analyze']) {
    const a0 = performance.now();
    await sql`ANALYZE`.execute(db);
    console.log(
      `${bench.engine}: ANALYZE (planner statistics, as autovacuum would) in ` +
        `${ms(performance.now() - a0)} ms`,
    );
  }
  const index = indexSite(site);
  const bySubscriberEmail = new Map(site.subscribers.map((s) => [s.email, s]));
  const wrong: string[] = [];
  const runs: RunResult[] = [];
  let due = 0;

  for (let run = 0; run < RUNS; run++) {
    now = NOW + run * HOUR_MS;
    if (run > 0) await restoreSubscriptions(bench, site);
    mails.length = 0;
    const dueNow = site.subscribers.filter((s) => isDueAt(s, now));
    due = dueNow.length;
    const expected = new Map(
      dueNow.map((s) => [
        s.id,
        expectedDigest(index, s, s.lastSentAt ?? new Date(now - periodOf(s)).toISOString()),
      ]),
    );
    const failures: unknown[] = [];

    const t0 = performance.now();
    const enqueued = await enqueueDigestRun(deps);
    const done = await runDueJobs(deps, (error) => failures.push(error));
    const elapsed = performance.now() - t0;

    if (!enqueued) wrong.push(`run ${run + 1}: the digest run was not enqueued`);
    if (done !== 1 || failures.length > 0)
      wrong.push(
        `run ${run + 1}: ${done} jobs done, ${failures.length} failed: ${String(failures[0])}`,
      );
    const shouldMail = dueNow.filter(
      (s) => !s.optedOut && (expected.get(s.id)?.itemCount ?? 0) > 0,
    );
    const seen = new Set<string>();
    for (const mail of mails) {
      const s = bySubscriberEmail.get(mail.to);
      const e = s && expected.get(s.id);
      if (!s || !e || s.optedOut || e.itemCount === 0 || seen.has(s.id)) {
        wrong.push(`run ${run + 1}: a mail to ${mail.to}, who should get none (or one)`);
        continue;
      }
      seen.add(s.id);
      const got = mailLinks(mail.text);
      const want = expectedLinks(e);
      if (JSON.stringify(got) !== JSON.stringify(want))
        wrong.push(
          `run ${run + 1}: ${s.id}'s mail lists ${got.length} links, ${want.length} expected; ` +
            `first difference at ${got.findIndex((link, i) => link !== want[i])}`,
        );
      if (!mail.headers?.['List-Unsubscribe']?.includes('/unsubscribe/'))
        wrong.push(`run ${run + 1}: ${s.id}'s mail has no one-click unsubscribe`);
    }
    for (const s of shouldMail)
      if (!seen.has(s.id)) wrong.push(`run ${run + 1}: no mail to ${s.id}`);
    const stamps = new Map(
      (
        await db.selectFrom('digest_subscriptions').select(['user_id', 'last_sent_at']).execute()
      ).map((r) => [r.user_id, r.last_sent_at]),
    );
    const stamp = new Date(now).toISOString();
    const badClaims = site.subscribers.filter(
      (s) => stamps.get(s.id) !== (isDueAt(s, now) ? stamp : s.lastSentAt),
    );
    if (badClaims.length > 0)
      wrong.push(
        `run ${run + 1}: ${badClaims.length} subscriptions with the wrong last_sent_at ` +
          `(first: ${badClaims[0]?.id})`,
      );
    const result: RunResult = {
      ms: elapsed,
      mails: mails.length,
      expectedMails: shouldMail.length,
      empty: dueNow.filter((s) => expected.get(s.id)?.itemCount === 0).length,
      optedOut: dueNow.filter((s) => s.optedOut && (expected.get(s.id)?.itemCount ?? 0) > 0).length,
      items: [...expected.values()].reduce((sum, e) => sum + e.itemCount, 0),
    };
    runs.push(result);
    console.log(
      `${bench.engine}: run ${run + 1} at ${stamp}: ${count(due)} due, ${ms(elapsed)} ms, ` +
        `${count(result.mails)} mails (${count(result.items)} items; ${result.empty} empty, ` +
        `${result.optedOut} opted out)`,
    );

    if (run === 0) {
      // Never twice: the same hour is not enqueued again, and a second pass finds nobody due.
      const again = await enqueueDigestRun(deps);
      const before = mails.length;
      const report = await sendDueDigests(deps, composeDigestMail);
      if (again || mails.length !== before || report.sent + report.empty + report.optedOut > 0)
        wrong.push(
          `a second pass in the same hour: enqueued ${String(again)}, ` +
            `${mails.length - before} more mails (${JSON.stringify(report)})`,
        );
      // A sample built alone, compared in full (every section, every post, its counts).
      for (const s of dueNow.filter((_, i) => i % SAMPLE_EVERY === 0)) {
        const e = expected.get(s.id)!;
        const digest = await buildDigest(deps, { id: s.id, roles: s.roles }, e.since);
        for (const problem of compareDigest(digest, e, index, site))
          wrong.push(`${s.id}'s digest: ${problem}`);
      }
    }
  }

  // Building the same digests alone (no claims, no mail), for where the time goes.
  const people = site.subscribers
    .filter((s) => isDueAt(s, NOW))
    .map((s) => ({
      actor: { id: s.id, roles: s.roles },
      since: s.lastSentAt ?? new Date(NOW - periodOf(s)).toISOString(),
    }));
  const b0 = performance.now();
  const digests = await buildDigests(
    deps,
    await recipientsOf(deps, people),
    new DigestSource(deps, null),
  );
  const buildOnlyMs = performance.now() - b0;
  if (digests.length !== people.length)
    wrong.push(`buildDigests gave ${digests.length} digests for ${people.length} people`);
  console.log(
    `${bench.engine}: building the ${count(people.length)} digests alone (recipientsOf + ` +
      `buildDigests): ${ms(buildOnlyMs)} ms`,
  );
  return {
    engine: bench.engine,
    description: bench.description,
    buildMs,
    rows,
    due,
    runs,
    buildOnlyMs,
    wrong,
  };
}

async function main(): Promise<number> {
  heading(`Digests for ${count(SUBSCRIBERS)} subscribers, ${count(POSTS)} posts (issue 10)`);
  const machine = describeMachine();
  console.log(
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.totalMemoryMiB} MiB RAM, ` +
      `Node ${machine.node} (${machine.platform})`,
  );
  const loadBefore = loadavg();
  console.log(`Load average: ${loadBefore.map((l) => l.toFixed(2)).join(' ')}`);
  const postgresUrl =
    process.env.TEST_POSTGRES_URL ?? process.env.DATABASE_URL ?? DEFAULT_POSTGRES_URL;
  const engines: EngineName[] = ['sqlite'];
  let postgresVersion: string | null = null;
  if (!values['skip-postgres']) {
    const probe = await probePostgres(postgresUrl);
    if (probe.ok) {
      engines.push('postgres');
      postgresVersion = probe.version;
    } else
      console.log(`PostgreSQL at ${postgresUrl} not reachable (${probe.reason}): SQLite only.`);
  }
  const workDir = mkdtempSync(join(tmpdir(), 'polyphony-bench-digests-'));
  const results: Result[] = [];
  try {
    for (const engine of engines) {
      const bench = await openRuntime(engine, { workDir, postgresUrl, label: 'digests' });
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

  const worst = (r: Result) => Math.max(...r.runs.map((x) => x.ms));
  console.log(
    '\n' +
      table(
        [
          'engine',
          'due',
          'mails',
          'run 1 (cold)',
          'median',
          'worst',
          '× target',
          `< ${TARGET_MS / 1000} s`,
          'build only',
          'digests',
        ],
        results.map((r) => {
          const sorted = r.runs.map((x) => x.ms).sort((a, b) => a - b);
          return [
            r.engine,
            count(r.due),
            count(r.runs[0]?.mails ?? 0),
            `${ms(r.runs[0]?.ms ?? 0)} ms`,
            `${ms(sorted[Math.floor((sorted.length - 1) / 2)] ?? 0)} ms`,
            `${ms(worst(r))} ms`,
            (worst(r) / TARGET_MS).toFixed(3),
            worst(r) < TARGET_MS ? 'PASS' : 'FAIL',
            `${ms(r.buildOnlyMs)} ms`,
            r.wrong.length === 0 ? 'right' : 'WRONG',
          ];
        }),
      ),
  );
  console.log(
    `\nTimed: enqueueDigestRun + runDueJobs (the send-digests job: claims, reads, ${count(SUBSCRIBERS)} ` +
      'digests, mails composed and handed to an in-memory mailer). "× target" is the worst run ' +
      `over ${TARGET_MS / 1000} s; "build only" is recipientsOf + buildDigests for the same people.`,
  );
  for (const r of results) {
    for (const line of r.wrong.slice(0, 20)) console.log(`WRONG ${r.engine}: ${line}`);
    if (r.wrong.length > 20) console.log(`WRONG ${r.engine}: … ${r.wrong.length - 20} more`);
  }
  mkdirSync(dirname(resultsFile), { recursive: true });
  writeFileSync(
    resultsFile,
    JSON.stringify(
      {
        generatedAt: new Date().toISOString(),
        command: ['node --import tsx bench/digests.ts', ...process.argv.slice(2)].join(' '),
        machine,
        loadAverage: { before: loadBefore, after: loadavg() },
        postgresVersion,
        targetMs: TARGET_MS,
        results,
      },
      null,
      2,
    ) + '\n',
  );
  console.log(`Results written to ${resultsFile}`);
  return results.every((r) => r.wrong.length === 0) ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  async (error: unknown) => {
    console.error(error);
    await dropLeftoverDatabases();
    process.exitCode = 1;
  },
);
