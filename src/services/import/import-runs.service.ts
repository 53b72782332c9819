/**
 * WordPress imports from the admin pages: an administrator uploads an export, which becomes a
 * queued run; the import runner (src/jobs/import-runner.ts) claims it and runs importWxr over
 * it, storing the report's lines as they come, so the run's page shows a progress bar and the
 * report live. One import runs at a time across every instance (the run's claim, see
 * migration 0033).
 *
 * A runner that dies (a deploy, `kill -9`) lets its lease run out; the next runner resumes the
 * run by running the import again over the same file, which finds what the first attempt
 * committed and does only the rest (import-context.ts). The import writes the same lines in the
 * same order every time, so the resumed run stores only the lines after those already stored.
 * Cancelling stops the run at its next item; what it imported stays (uploading the same file
 * again finishes it).
 */
import type { Readable } from 'node:stream';
import {
  DomainError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../domain/errors.js';
import { hasRole } from '../../domain/roles.js';
import type { Actor } from '../../domain/roles.js';
import { recordAudit } from '../admin/audit.service.js';
import type { ServiceDeps } from '../deps.js';
import type { ImportRunLine, ImportRunRecord } from '../repositories.js';
import { importWxr } from './import-wxr.service.js';
import type { ImportOutcome } from './import-report.js';

/** How long a runner's claim holds without renewal. */
export const IMPORT_LEASE_MS = 60_000;
/** Renewed at most this often (at the report's flushes). */
const RENEW_MS = 10_000;
/** Report lines are stored at least this often while the import runs… */
const FLUSH_MS = 500;
/** …or once this many are waiting. */
const FLUSH_LINES = 200;
/** A run stopped this many times (its runner died each time) is given up as failed. */
export const MAX_IMPORT_ATTEMPTS = 5;
/** Runs listed on the import page. */
const LISTED_RUNS = 20;
/** Report lines per page of a run's report. */
export const REPORT_PAGE_LINES = 200;
/** How much of the start of a file is read to tell a WordPress export from something else. */
const SNIFF_BYTES = 16 * 1024;

const OUTCOMES: readonly ImportOutcome[] = ['imported', 'unchanged', 'skipped', 'failed'];

function requireAdmin(actor: Actor | null): asserts actor is Actor {
  if (!actor || !hasRole(actor, 'admin'))
    throw new ForbiddenError('Only administrators can import a WordPress site');
}

function keyOf(runId: string): string {
  return `${runId}.xml`;
}

export interface ImportUpload {
  fileName: string;
  data: Readable;
  /** After the stream has ended: whether it was cut at the size limit. */
  truncated(): boolean;
  /** Take attachments' files from the server's copy of `wp-content/uploads`. */
  withUploads: boolean;
}

/**
 * Stores the uploaded export and queues its import. Refuses (naming the field) a file that is
 * empty, over the size limit or not a WordPress export, and the uploads copy when the server
 * has none; nothing is kept of a refused file.
 */
export async function startImport(
  deps: ServiceDeps,
  actor: Actor | null,
  upload: ImportUpload,
): Promise<ImportRunRecord> {
  requireAdmin(actor);
  if (upload.withUploads && !deps.imports.uploads()) {
    upload.data.resume(); // drain: the request must end
    throw new ValidationError([
      { field: 'withUploads', message: 'This server has no copy of wp-content/uploads' },
    ]);
  }
  const id = deps.newId();
  const key = keyOf(id);
  const bytes = await deps.imports.save(key, upload.data);
  const refuse = async (error: Error): Promise<never> => {
    await deps.imports.delete(key);
    throw error;
  };
  if (upload.truncated())
    await refuse(new DomainError('payload_too_large', 'The export is over the size limit'));
  if (bytes === 0) await refuse(new ValidationError([{ field: 'file', message: 'is empty' }]));
  const head = (await deps.imports.head(key, SNIFF_BYTES)).toString('utf8');
  if (!/<rss[\s>]/.test(head) || !head.includes('wordpress.org/export/'))
    await refuse(
      new ValidationError([
        {
          field: 'file',
          message: 'is not a WordPress export (WXR): WordPress makes one under Tools → Export',
        },
      ]),
    );
  const now = deps.clock.now().toISOString();
  const fileName = upload.fileName.slice(0, 200) || 'export.xml';
  await deps.store.transaction(async (store) => {
    await store.importRuns.insert({
      id,
      fileName,
      fileBytes: bytes,
      withUploads: upload.withUploads,
      createdBy: actor.id,
      createdAt: now,
    });
    await recordAudit(deps, store, actor, {
      action: 'import.start',
      subject: { kind: 'import', id, label: fileName },
      details: { bytes, withUploads: upload.withUploads },
    });
  });
  const run = await deps.store.importRuns.find(id);
  if (!run) throw new Error('the import run just stored is missing');
  return run;
}

export interface ImportRunsOverview {
  runs: ImportRunRecord[];
  /** Whether the server has a copy of `wp-content/uploads` to take attachments from. */
  uploadsAvailable: boolean;
  maxBytes: number;
}

export async function importRunsOverview(
  deps: ServiceDeps,
  actor: Actor | null,
): Promise<ImportRunsOverview> {
  requireAdmin(actor);
  return {
    runs: await deps.store.importRuns.list(LISTED_RUNS),
    uploadsAvailable: deps.imports.uploads() !== null,
    maxBytes: deps.settings.maxImportBytes ?? 512 * 1_048_576,
  };
}

export interface ImportRunView {
  run: ImportRunRecord;
  /** 0–100: report lines stored of those expected (100 once done); null before the count. */
  percent: number | null;
  counts: Record<string, Record<string, number>>;
  /** outcome → lines, over every kind. */
  totals: Record<ImportOutcome, number>;
  lines: ImportRunLine[];
  /** The first line number of the next page, or null on the last. */
  next: number | null;
}

/** A run with its counts and a page of its report (optionally lines of one outcome only). */
export async function importRunView(
  deps: ServiceDeps,
  actor: Actor | null,
  id: string,
  query: { from?: number; outcome?: ImportOutcome | undefined; limit?: number } = {},
): Promise<ImportRunView> {
  requireAdmin(actor);
  const run = await deps.store.importRuns.find(id);
  if (!run) throw new NotFoundError('Import');
  const limit = Math.min(query.limit ?? REPORT_PAGE_LINES, 1000);
  const [counts, page] = await Promise.all([
    deps.store.importRuns.counts(id),
    deps.store.importRuns.lines(id, {
      from: query.from ?? 0,
      ...(query.outcome ? { outcome: query.outcome } : {}),
      limit: limit + 1,
    }),
  ]);
  const totals = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<ImportOutcome, number>;
  for (const byOutcome of Object.values(counts))
    for (const [outcome, n] of Object.entries(byOutcome))
      if (outcome in totals) totals[outcome as ImportOutcome] += n;
  return {
    run,
    percent: percentOf(run),
    counts,
    totals,
    lines: page.slice(0, limit),
    next: page.length > limit ? (page[limit]?.line ?? null) : null,
  };
}

function percentOf(run: ImportRunRecord): number | null {
  if (run.status === 'done') return 100;
  if (run.expectedLines === null) return run.status === 'queued' ? 0 : null;
  if (run.expectedLines === 0) return run.status === 'running' ? 99 : 100;
  // Comments and skipped machinery make the count an estimate: never 100 before the end.
  return Math.min(99, Math.floor((100 * run.writtenLines) / run.expectedLines));
}

/** Every line of a run's report, in order, a page at a time (for report.json). */
export async function* importRunReport(
  deps: ServiceDeps,
  actor: Actor | null,
  id: string,
): AsyncGenerator<ImportRunLine[]> {
  requireAdmin(actor);
  if (!(await deps.store.importRuns.find(id))) throw new NotFoundError('Import');
  for (let from = 0; ;) {
    const page = await deps.store.importRuns.lines(id, { from, limit: 1000 });
    if (page.length === 0) return;
    yield page;
    from = (page.at(-1)?.line ?? from) + 1;
  }
}

/** Stops a queued run at once, a running one at its next item; refused when it has ended. */
export async function cancelImport(
  deps: ServiceDeps,
  actor: Actor | null,
  id: string,
): Promise<void> {
  requireAdmin(actor);
  const run = await deps.store.importRuns.find(id);
  if (!run) throw new NotFoundError('Import');
  const at = deps.clock.now().toISOString();
  await deps.store.transaction(async (store) => {
    if (!(await store.importRuns.requestCancel(id, at)))
      throw new DomainError('invalid_transition', 'This import has already ended');
    await recordAudit(deps, store, actor, {
      action: 'import.cancel',
      subject: { kind: 'import', id, label: run.fileName },
    });
  });
  // A queued run will never be read again.
  if ((await deps.store.importRuns.find(id))?.status === 'cancelled')
    await deps.imports.delete(keyOf(id));
}

class Cancelled extends Error {}
class LostClaim extends Error {}
class Paused extends Error {}

/**
 * Claims the next run (a stalled one first) and works it to its end; returns it as it ended,
 * or null when there was none to claim. The import runs as the administrator who started it,
 * with the roles they have now.
 */
export async function runNextImport(
  deps: ServiceDeps,
  runner: string,
  options: {
    leaseMs?: number;
    /** Aborted when the runner stops: the run is paused at its next item and handed back. */
    signal?: AbortSignal;
  } = {},
): Promise<ImportRunRecord | null> {
  const runs = deps.store.importRuns;
  const leaseMs = options.leaseMs ?? IMPORT_LEASE_MS;
  const until = () => new Date(deps.clock.now().getTime() + leaseMs).toISOString();
  const run = await runs.nextClaimable(deps.clock.now().toISOString());
  if (!run) return null;
  if (!(await runs.claim(run.id, runner, deps.clock.now().toISOString(), until()))) return null;
  const key = keyOf(run.id);
  const end = async (
    status: 'done' | 'failed' | 'cancelled',
    error: string | null,
    groups: ImportRunRecord['groups'] = [],
  ) => {
    await runs.finish(run.id, runner, {
      status,
      at: deps.clock.now().toISOString(),
      error,
      groups,
    });
    await deps.imports.delete(key);
    return runs.find(run.id);
  };
  if (run.attempts + 1 > MAX_IMPORT_ATTEMPTS)
    return end('failed', `stopped ${run.attempts} times before it could finish`);
  const user = await deps.store.users.findById(run.createdBy);
  if (!user || user.suspendedAt !== null || !user.roles.includes('admin'))
    return end('failed', 'the administrator who started it no longer is one');

  let line = 0;
  const waiting: ImportRunLine[] = [];
  // The first checkpoint stores the first pass's lines and looks for a cancellation at once.
  let flushedAt = 0;
  let renewedAt = Date.now();
  const flush = async () => {
    flushedAt = Date.now();
    await runs.addLines(run.id, waiting.splice(0));
  };
  const checkpoint = async () => {
    if (options.signal?.aborted) throw new Paused();
    if (waiting.length < FLUSH_LINES && Date.now() - flushedAt < FLUSH_MS) return;
    await flush();
    if (Date.now() - renewedAt >= RENEW_MS) {
      renewedAt = Date.now();
      if (!(await runs.renew(run.id, runner, until()))) throw new LostClaim();
    }
    if ((await runs.find(run.id))?.cancelRequested) throw new Cancelled();
  };
  try {
    const report = await importWxr(
      deps,
      { id: user.id, roles: user.roles },
      deps.imports.open(key),
      {
        uploads: run.withUploads ? deps.imports.uploads() : null,
        onScan: (c) => runs.setExpected(run.id, runner, c.items + c.authors + c.terms + c.comments),
        // Lines an earlier attempt stored keep what they said then (`imported`, not the
        // `unchanged` this attempt finds).
        onEntry: (entry) => {
          if (line >= run.writtenLines) waiting.push({ line, entry });
          line++;
        },
        checkpoint,
      },
    );
    await flush();
    return await end('done', null, report.groups);
  } catch (error) {
    if (error instanceof LostClaim) return runs.find(run.id);
    if (error instanceof Paused) {
      await flush();
      // Its lease ends now: the next runner to look resumes it.
      await runs.renew(run.id, runner, new Date(deps.clock.now().getTime() - 1).toISOString());
      return runs.find(run.id);
    }
    await flush().catch(() => undefined);
    if (error instanceof Cancelled) return end('cancelled', null);
    return end('failed', error instanceof Error ? error.message : String(error));
  }
}
