/**
 * The worker pool that parses and renders user text off the event loop (piscina), so no text
 * can keep the server from answering others. Each task gets a time budget that starts when a
 * thread begins it (not while it waits): past it the thread is terminated and the caller gets
 * `too_complex`. Each thread has a heap limit, so a text that needs too much memory kills its
 * thread, never the process. Threads start on first use; `close()` stops them (and a later
 * task starts them again).
 *
 * The worker entry (worker.ts) must be JavaScript the thread can load in every way the code
 * runs: the bundle `npm start` runs ships it as dist/markdown-worker.mjs (scripts/build.js);
 * running from TypeScript sources (Vitest, tsx) bundles it once per process with esbuild into
 * the temp directory, named by its content hash.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
import type { Root } from 'mdast';
import { Piscina } from 'piscina';
import { DomainError } from '../../domain/errors.js';
import type { MediaInfo, SearchAnalysisInput } from '../../services/ports.js';
import type { SearchAnalysis } from '../../services/ports/search.repository.js';
import { count, limitError, seconds, type ContentLimits } from './limits.js';
import type { WorkerAnswer, WorkerTask } from './worker.js';

/** File name of the prebuilt worker beside the server bundle (scripts/build.js writes it). */
export const WORKER_BUNDLE_NAME = 'markdown-worker.mjs';

type TaskInput =
  | Omit<Extract<WorkerTask, { kind: 'parse' }>, 'started'>
  | Omit<Extract<WorkerTask, { kind: 'render' }>, 'started'>
  | Omit<Extract<WorkerTask, { kind: 'search' }>, 'started'>;

async function bundleFromSource(): Promise<string> {
  const entry = fileURLToPath(new URL('./worker.ts', import.meta.url));
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    logLevel: 'silent',
    // Bundled CommonJS dependencies may call require(); give them one.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
  });
  const code = result.outputFiles[0]?.text;
  if (code === undefined) throw new Error('esbuild produced no worker bundle');
  const dir = join(tmpdir(), 'polyphony-workers');
  mkdirSync(dir, { recursive: true });
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
  const file = join(dir, `markdown-${hash}.mjs`);
  if (!existsSync(file)) {
    // Written whole, then renamed: processes building at once never load a partial file.
    const partial = `${file}.${randomUUID()}.tmp`;
    writeFileSync(partial, code);
    renameSync(partial, file);
  }
  return file;
}

let workerFile: Promise<string> | undefined;

/** The worker entry as a file a thread can load: the prebuilt one, or a fresh bundle. */
function locateWorker(): Promise<string> {
  const prebuilt = fileURLToPath(new URL(`./${WORKER_BUNDLE_NAME}`, import.meta.url));
  if (existsSync(prebuilt)) return Promise.resolve(prebuilt);
  workerFile ??= bundleFromSource().catch((error: unknown) => {
    workerFile = undefined;
    throw error;
  });
  return workerFile;
}

function isOutOfMemory(error: unknown): boolean {
  return (
    error instanceof Error &&
    (('code' in error && error.code === 'ERR_WORKER_OUT_OF_MEMORY') ||
      /out of memory/i.test(error.message))
  );
}

/**
 * Runs parse, render and search analysis tasks in worker threads with the limits of one
 * content format.
 */
export class FormatPool {
  private pool: Piscina<WorkerTask, WorkerAnswer> | undefined;
  private starting: Promise<Piscina<WorkerTask, WorkerAnswer>> | undefined;

  constructor(private readonly limits: ContentLimits) {}

  private start(): Promise<Piscina<WorkerTask, WorkerAnswer>> {
    if (this.pool) return Promise.resolve(this.pool);
    this.starting ??= locateWorker()
      .then((filename) => {
        this.pool = new Piscina<WorkerTask, WorkerAnswer>({
          filename,
          minThreads: 1,
          maxThreads: Math.max(1, this.limits.threads),
          idleTimeout: 30_000,
          resourceLimits: { maxOldGenerationSizeMb: this.limits.workerHeapMb },
        });
        return this.pool;
      })
      .finally(() => {
        this.starting = undefined;
      });
    return this.starting;
  }

  /**
   * Runs one task. Throws `too_complex` past the time budget or the heap limit, `rate_limited`
   * when more than `maxQueue` tasks already wait.
   */
  private async run(input: TaskInput): Promise<WorkerAnswer> {
    const pool = await this.start();
    if (pool.queueSize >= this.limits.maxQueue) {
      throw new DomainError(
        'rate_limited',
        `The server is busy formatting ${count(pool.queueSize)} other texts; try again in a moment`,
      );
    }
    const { port1, port2 } = new MessageChannel();
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    port1.once('message', () => {
      timer = setTimeout(() => {
        timedOut = true;
        abort.abort();
      }, this.limits.timeBudgetMs);
    });
    const task: WorkerTask = { ...input, started: port2 };
    try {
      return await pool.run(task, { transferList: [port2], signal: abort.signal });
    } catch (error) {
      const budget = seconds(this.limits.timeBudgetMs);
      if (timedOut) {
        throw limitError({
          code: 'too_complex',
          message: `The text took longer than ${budget} to process; the limit is ${budget}`,
        });
      }
      if (isOutOfMemory(error)) {
        throw limitError({
          code: 'too_complex',
          message: `The text needed more than ${count(this.limits.workerHeapMb)} MB of memory to process; the limit is ${count(this.limits.workerHeapMb)} MB`,
        });
      }
      throw error;
    } finally {
      clearTimeout(timer);
      port1.close();
    }
  }

  /** Parses Markdown in a worker (parse.ts), within the limits. */
  async parse(markdown: string): Promise<Root> {
    const answer = await this.run({ kind: 'parse', markdown, limits: this.limits });
    if (!answer.ok) throw limitError(answer.problem);
    if (!('root' in answer)) throw new Error('The worker answered a parse without a document');
    return answer.root;
  }

  /** Renders a document in a worker (render.ts) with its media already looked up. */
  async render(root: Root, media: Record<string, MediaInfo>): Promise<string> {
    const answer = await this.run({ kind: 'render', root, media });
    if (!answer.ok) throw limitError(answer.problem);
    if (!('html' in answer)) throw new Error('The worker answered a render without HTML');
    return answer.html;
  }

  /** Analyses a text for the search index in a worker (worker.ts), within the time budget. */
  async analyzeForSearch(text: SearchAnalysisInput): Promise<SearchAnalysis> {
    const answer = await this.run({ kind: 'search', text });
    if (!answer.ok) throw limitError(answer.problem);
    if (!('search' in answer)) throw new Error('The worker answered a search analysis without one');
    return answer.search;
  }

  /** Stops the threads (waiting tasks fail); the next task starts them again. */
  async close(): Promise<void> {
    const pool = this.pool ?? (this.starting ? await this.starting : undefined);
    this.pool = undefined;
    if (pool) await pool.destroy();
  }
}
