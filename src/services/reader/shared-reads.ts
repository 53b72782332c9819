/**
 * Site-wide reads that many reader pages repeat and only a change can alter — the archive's
 * months, a listing's post count, the navigation's pages — kept per store until the change
 * feed names one of their cache keys (or EVERY_PAGE_KEY). A cache miss of the page cache then
 * no longer scans every published post for them: on a 10,000-post site the months alone
 * cost ~2 ms a listing page.
 *
 * Correct as the page cache is: the keys are the ones the pages showing the value carry, so a
 * change that would drop those pages drops the value too, on every worker and instance the
 * feed reaches, and again after a replica's lag (echoedChangeFeed). A change arriving while a
 * read is in flight makes that read's result stale at once: each value remembers the
 * generation of its keys when its read began and counts only while they are unchanged.
 * Concurrent misses share one read.
 */
import { EVERY_PAGE_KEY } from '../change-feed.js';
import type { ServiceDeps } from '../deps.js';
import type { ChangeFeed } from '../ports.js';

/** Values kept per store at most; past it the oldest is dropped. */
const MAX_VALUES = 1000;

interface Kept {
  value: Promise<unknown>;
  /** The generation of each key (and of EVERY_PAGE_KEY) when the read began. */
  generations: number[];
}

interface FeedState {
  /** Generations of the keys some value depends on; other keys are not counted. */
  generations: Map<string, number>;
  stores: WeakMap<object, Map<string, Kept>>;
}

const feeds = new WeakMap<ChangeFeed, FeedState>();

function stateOf(changes: ChangeFeed): FeedState {
  let state = feeds.get(changes);
  if (!state) {
    const created: FeedState = {
      generations: new Map([[EVERY_PAGE_KEY, 0]]),
      stores: new WeakMap(),
    };
    changes.subscribe((change) => {
      for (const key of change.keys) {
        const generation = created.generations.get(key);
        if (generation !== undefined) created.generations.set(key, generation + 1);
      }
    });
    feeds.set(changes, created);
    state = created;
  }
  return state;
}

/**
 * `read()`'s value, kept in `deps.store`'s memory under `name` until a change names one of
 * `keys`. `name` must say everything the value depends on besides the store.
 */
export async function untilChanged<T>(
  deps: Pick<ServiceDeps, 'changes' | 'store'>,
  name: string,
  keys: readonly string[],
  read: () => Promise<T>,
): Promise<T> {
  const state = stateOf(deps.changes);
  const watched = [EVERY_PAGE_KEY, ...keys];
  for (const key of keys) if (!state.generations.has(key)) state.generations.set(key, 0);
  const now = watched.map((key) => state.generations.get(key) ?? 0);
  let values = state.stores.get(deps.store);
  if (!values) {
    values = new Map();
    state.stores.set(deps.store, values);
  }
  const kept = values.get(name);
  if (kept && kept.generations.every((generation, i) => generation === now[i]))
    return kept.value as Promise<T>;
  const value = read();
  const entry: Kept = { value, generations: now };
  values.delete(name);
  values.set(name, entry);
  if (values.size > MAX_VALUES) {
    const oldest = values.keys().next().value;
    if (oldest !== undefined) values.delete(oldest);
  }
  const own = values;
  // A failed read is not kept: the next request reads again.
  value.catch(() => {
    if (own.get(name) === entry) own.delete(name);
  });
  return value;
}
