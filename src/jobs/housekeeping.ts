/** Deletes expired and spent rows (housekeeping.service.ts) at start and every hour. */
import { pruneExpiredRows } from '../services/admin/housekeeping.service.js';
import type { Pruned } from '../services/admin/housekeeping.service.js';
import type { ServiceDeps } from '../services/deps.js';
import { repeatEvery } from './repeat.js';

export function startHousekeeping(
  deps: ServiceDeps,
  onPruned: (pruned: Pruned) => void,
  onError: (error: unknown) => void,
  intervalMs = 60 * 60 * 1000,
): { stop(): Promise<void> } {
  return repeatEvery(
    intervalMs,
    async () => {
      const pruned = await pruneExpiredRows(deps);
      if (Object.values(pruned).some((n) => n > 0)) onPruned(pruned);
    },
    onError,
  );
}
