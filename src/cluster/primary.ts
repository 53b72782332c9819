/**
 * `polyphony serve` with WORKERS > 1: this process (the primary) serves nothing itself. The
 * caller has migrated and seeded the database once; the primary forks the workers
 * (node:cluster; each runs worker.ts and listens on the shared PORT), relays SQLite changes
 * between them (change-relay.ts), and says where the site is once every worker listens.
 *
 * Exactly one worker runs the background work (scheduler, job runner, imports): slot 0 is
 * forked with POLYPHONY_BACKGROUND=1, and its replacement too. A worker that dies is forked
 * again after a back-off (250 ms doubling, at most 5 s); a slot whose worker died 5 times in a
 * minute is given up (logged), and the primary exits 1 once no worker is left. On SIGTERM or
 * SIGINT (cli/shutdown.ts) each worker gets SIGTERM, stops gracefully, and the primary exits
 * once all have.
 */
import cluster from 'node:cluster';
import type { Worker } from 'node:cluster';
import { stopOnSignals } from '../cli/shutdown.js';
import { isChangeMessage } from './change-relay.js';
import { isListeningMessage } from './worker.js';

const CRASH_WINDOW_MS = 60_000;
const MAX_CRASHES = 5;

export interface PrimaryOptions {
  workers: number;
  /** Called once, when every first worker listens, with the site's URL. */
  onListening: (url: string) => void;
  log?: (line: string) => void;
}

export function runPrimary(options: PrimaryOptions): void {
  const log = options.log ?? ((line: string) => console.log(line));
  const slots = new Map<Worker, number>();
  const crashes: number[][] = Array.from({ length: options.workers }, () => []);
  const waiting = new Set<number>(Array.from({ length: options.workers }, (_, i) => i));
  let announced = false;
  let stopping = false;
  let allGone: (() => void) | undefined;

  const fork = (slot: number) => {
    const worker = cluster.fork({ POLYPHONY_BACKGROUND: slot === 0 ? '1' : '0' });
    slots.set(worker, slot);
    worker.on('message', (message: unknown) => {
      if (isChangeMessage(message)) {
        for (const other of slots.keys())
          if (other !== worker && other.isConnected()) other.send(message);
      } else if (isListeningMessage(message) && !announced) {
        waiting.delete(slot);
        if (waiting.size === 0) {
          announced = true;
          options.onListening(message.url);
        }
      }
    });
    worker.on('exit', (code, signal) => {
      slots.delete(worker);
      if (stopping) {
        if (slots.size === 0) allGone?.();
        return;
      }
      const now = Date.now();
      const recent = (crashes[slot] ?? []).filter((at) => now - at < CRASH_WINDOW_MS);
      recent.push(now);
      crashes[slot] = recent;
      const how = signal ? `signal ${signal}` : `code ${String(code)}`;
      if (recent.length >= MAX_CRASHES) {
        log(
          `Worker ${slot} (pid ${worker.process.pid}) exited (${how}) ${MAX_CRASHES} times in a minute; not starting it again.`,
        );
        if (slots.size === 0) process.exit(1);
        return;
      }
      const delay = Math.min(5_000, 250 * 2 ** (recent.length - 1));
      log(
        `Worker ${slot} (pid ${worker.process.pid}) exited (${how}); starting another in ${delay} ms.`,
      );
      setTimeout(() => {
        if (!stopping) fork(slot);
      }, delay);
    });
  };

  for (let slot = 0; slot < options.workers; slot++) fork(slot);
  stopOnSignals(
    () =>
      new Promise<void>((resolve) => {
        stopping = true;
        if (slots.size === 0) return resolve();
        allGone = resolve;
        for (const worker of slots.keys()) worker.process.kill('SIGTERM');
      }),
    { log },
  );
}
