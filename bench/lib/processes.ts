// Child processes of the bench: every server we start is registered here so that it is
// stopped at the end of the run, on error and on SIGINT/SIGTERM.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ManagedChild {
  readonly name: string;
  readonly process: ChildProcess;
  readonly pid: number;
  /** Last lines of stdout/stderr, for error messages. */
  readonly recentOutput: string[];
  /** Resolves when the process has exited (never rejects). */
  readonly exited: Promise<ExitStatus>;
  exitStatus: ExitStatus | undefined;
}

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface StartOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Print the child's output prefixed with its name (default: true). */
  echo?: boolean;
  /** Called with every output line (after echoing). */
  onLine?: (line: string) => void;
}

const RECENT_LINES = 40;
const running = new Set<ManagedChild>();

export function startChild(
  name: string,
  command: string,
  args: readonly string[],
  options: StartOptions = {},
): ManagedChild {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) {
    // spawn() reports ENOENT and friends asynchronously, but without a pid nothing started.
    throw new Error(`Could not start ${name} (${command})`);
  }
  const recentOutput: string[] = [];
  const exited = new Promise<ExitStatus>((resolve) => {
    child.once('error', (error) => {
      recentOutput.push(`spawn error: ${error.message}`);
    });
    child.once('exit', (code, signal) => {
      managed.exitStatus = { code, signal };
      running.delete(managed);
      resolve({ code, signal });
    });
  });
  const managed: ManagedChild = {
    name,
    process: child,
    pid: child.pid,
    recentOutput,
    exited,
    exitStatus: undefined,
  };
  running.add(managed);

  for (const stream of [child.stdout, child.stderr]) {
    const lines = createInterface({ input: stream, crlfDelay: Infinity });
    lines.on('line', (line) => {
      recentOutput.push(line);
      if (recentOutput.length > RECENT_LINES) recentOutput.shift();
      if (options.echo !== false) console.log(`  [${name}] ${line}`);
      options.onLine?.(line);
    });
  }
  return managed;
}

/** Asks the child to stop (SIGTERM), then kills it (SIGKILL) after `graceMs`. */
export async function stopChild(managed: ManagedChild, graceMs = 5000): Promise<void> {
  if (managed.exitStatus) return;
  managed.process.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), graceMs);
  });
  const outcome = await Promise.race([managed.exited, timedOut]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    managed.process.kill('SIGKILL');
    await managed.exited;
  }
}

export async function stopAllChildren(): Promise<void> {
  await Promise.all([...running].map((managed) => stopChild(managed)));
}

export interface CleanupHooks {
  /** Runs first on a signal (e.g. stop the load generator). */
  beforeStop?: () => void;
  /** Runs once the children have stopped (e.g. remove temporary files). */
  afterStop?: () => void;
}

/** Stops every child on SIGINT/SIGTERM and, as a last resort, when the process exits. */
export function installCleanupHandlers(hooks: CleanupHooks = {}): void {
  const handle = (signal: NodeJS.Signals): void => {
    console.error(`\nReceived ${signal}; stopping servers…`);
    hooks.beforeStop?.();
    void stopAllChildren()
      .then(() => hooks.afterStop?.())
      .finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', handle);
  process.once('SIGTERM', handle);
  process.once('exit', () => {
    for (const managed of running) managed.process.kill('SIGKILL');
  });
}

/** Throws, with the tail of its output, if the child has exited. */
export function assertRunning(child: ManagedChild): void {
  if (child.exitStatus) {
    const { code, signal } = child.exitStatus;
    const tail = child.recentOutput.slice(-15).join('\n    ');
    throw new Error(
      `${child.name} exited (code ${String(code)}, signal ${String(signal)})` +
        (tail ? `; last output:\n    ${tail}` : ''),
    );
  }
}
