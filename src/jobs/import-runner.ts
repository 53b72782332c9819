/**
 * Works through WordPress imports queued from the admin pages (import-runs.service.ts): polls
 * for a run to claim, one at a time; a run whose runner died is resumed once its lease has
 * run out. Separate from the job runner: an import takes minutes, and mail and outdated
 * marking must not wait behind it. Stopping (SIGTERM, the end of `serve`) pauses the run at its
 * next item and hands it back at once, so the next start resumes it without waiting out the
 * lease.
 */
import type { ServiceDeps } from '../services/deps.js';
import { runNextImport } from '../services/import/import-runs.service.js';
import { newRunnerId } from './runner.js';

export function startImportRunner(
  deps: ServiceDeps,
  onError: (error: unknown) => void,
  intervalMs = 2_000,
): { stop(): Promise<void> } {
  const runner = newRunnerId();
  const stopping = new AbortController();
  let current: Promise<void> = Promise.resolve();
  const tick = async () => {
    try {
      // Several runs may be waiting: take them one after the other.
      while (
        !stopping.signal.aborted &&
        (await runNextImport(deps, runner, { signal: stopping.signal })) !== null
      );
    } catch (error) {
      onError(error);
    }
  };
  let timer: NodeJS.Timeout | undefined;
  const loop = () => {
    current = tick().then(() => {
      if (!stopping.signal.aborted) timer = setTimeout(loop, intervalMs).unref();
    });
  };
  loop();
  return {
    stop: async () => {
      stopping.abort();
      clearTimeout(timer);
      await current;
    },
  };
}
