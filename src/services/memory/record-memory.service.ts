/** Writing a unit's source and target into translation memory. */
import type { Store } from '../repositories.js';
import { memoryEntriesOf } from './entries.js';
import type { RecordMemoryInput } from './entries.js';

export type { RecordMemoryInput } from './entries.js';

/**
 * Records a unit that reached `translated` or `reviewed` (or was imported): its unit entry and,
 * when source and target split into the same number (> 1) of sentences, one entry per
 * sentence. Recording the same source and target from the same unit again adds no row (the
 * entry's `uses` grows and a retired entry becomes active again); another unit with the same
 * text adds its own row, so "used N times" counts units. Throws only what the store throws.
 */
export async function recordMemory(store: Store, input: RecordMemoryInput): Promise<void> {
  const entries = memoryEntriesOf(input);
  if (entries.length === 0) return;
  await store.memory.record(entries);
}
