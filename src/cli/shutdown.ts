/**
 * Graceful shutdown of `polyphony serve`: the first SIGTERM or SIGINT runs `stop` (stop
 * listening, let requests in flight and the running job finish, close the database; see
 * main.ts `serve`) and exits 0, or 1 if stopping failed. A second signal while stopping is
 * said and otherwise ignored (the stop already under way is not cut short, and nothing runs
 * twice); if stopping takes longer than the grace period the process exits 1 anyway, so an
 * orchestrator's SIGKILL is never needed.
 */

/** Longest a shutdown may take: under the 30 s orchestrators wait before SIGKILL. */
export const SHUTDOWN_GRACE_MS = 25_000;

export interface ShutdownOptions {
  graceMs?: number;
  log?: (line: string) => void;
  exit?: (code: number) => void;
}

/** Installs the SIGTERM and SIGINT handlers for a running server. */
export function stopOnSignals(stop: () => Promise<void>, options: ShutdownOptions = {}): void {
  const log = options.log ?? ((line: string) => console.log(line));
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      log(`${signal} received while stopping: still finishing the requests and jobs in flight.`);
      return;
    }
    stopping = true;
    log(`${signal} received: stopping (finishing the requests and jobs in flight)…`);
    const graceMs = options.graceMs ?? SHUTDOWN_GRACE_MS;
    const deadline = setTimeout(() => {
      log(`Stopping took longer than ${graceMs} ms; exiting now.`);
      exit(1);
    }, graceMs);
    deadline.unref();
    stop().then(
      () => {
        clearTimeout(deadline);
        log('Stopped.');
        exit(0);
      },
      (error: unknown) => {
        clearTimeout(deadline);
        log(`Stopping failed: ${error instanceof Error ? error.message : String(error)}`);
        exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
