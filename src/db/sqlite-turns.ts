/**
 * better-sqlite3 runs each statement synchronously, and Kysely's awaits around it resolve as
 * microtasks, so on SQLite a request ran from its first query to its answer without giving the
 * event loop a turn. The loop then served requests in batches of all that was ready at once,
 * and under load some readers waited several batches: on the demo post uncached (wrk, 32
 * connections, one process) p99 was 280–510 ms for a p50 of 37–43 ms.
 *
 * `YieldAfterQuery` gives the loop a turn (`setImmediate`) after a statement once the work since
 * the last turn it gave has run TURN_SLICE_MS or more, so requests in flight advance together
 * and new ones are read between statements: p99 then stays within ~2× p50 (bench/README.md,
 * "Turns between SQLite statements"), for some throughput (fewer pages rendered back to back).
 * The first statement after any other callback of the loop usually yields too: the time is
 * counted from this plugin's own last turn.
 *
 * The turn is taken while Kysely still holds the single connection (its mutex), so statements
 * never interleave inside a transaction; other requests' statements wait for it as before.
 * `setImmediate` is kept from load time, so a test's fake timers cannot stall every query.
 */
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';

/** Milliseconds of work, at most about, between two turns this plugin gives the event loop. */
export const TURN_SLICE_MS = 1;

const nextTurn = globalThis.setImmediate;

export class YieldAfterQuery implements KyselyPlugin {
  #turnStart = 0;

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    if (performance.now() - this.#turnStart < TURN_SLICE_MS) return Promise.resolve(args.result);
    return new Promise((resolve) =>
      nextTurn(() => {
        this.#turnStart = performance.now();
        resolve(args.result);
      }),
    );
  }
}
