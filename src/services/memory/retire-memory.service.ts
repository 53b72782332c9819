/** Retiring the memory entries of a replaced or rejected target. */
import { matchKey } from '../../domain/memory/key.js';
import type { Store } from '../repositories.js';
import { keyHash } from './entries.js';

export interface RetireMemoryInput {
  translationId: string;
  unitId: string;
  /** The tagged target text that was replaced or rejected. */
  target: string;
}

/**
 * Stops suggesting the entries (unit and sentences) that this unit's `target` gave; they are
 * kept with `retired_at` set. Recording the same text again makes them active again.
 * `at` defaults to now. Throws only what the store throws.
 */
export async function retireMemory(
  store: Store,
  input: RetireMemoryInput,
  at: Date = new Date(),
): Promise<void> {
  const key = matchKey(input.target);
  if (key === '') return;
  await store.memory.retire(input.translationId, input.unitId, keyHash(key), at.toISOString());
}
