/**
 * What recordMemory writes, as plain records: the unit entry and its sentence entries with
 * every key computed (exported for the benchmark's seeding, which writes the same rows).
 */
import { createHash } from 'node:crypto';
import { matchKey, prefilterText } from '../../domain/memory/key.js';
import { entryTag } from '../../domain/memory/partition.js';
import { sentencePairs } from '../../domain/memory/sentences.js';
import type { MemoryEntryRecord } from '../repositories.js';

/** What a saved, accepted or imported unit gives the memory. */
export interface RecordMemoryInput {
  sourceLanguage: string;
  targetLanguage: string;
  /** Tagged source and target of the unit. */
  source: string;
  target: string;
  /** 'human', 'tm:92', 'mt:apertium', 'import'… */
  provenance: string;
  postId: string | null;
  translationId: string;
  unitId: string;
  userId: string | null;
  at: Date;
  /** Tagged sources of the units before and after it (null at either end). */
  previousSource: string | null;
  nextSource: string | null;
}

/** The hash of a match key: 128 bits of SHA-256, base64url (22 characters). */
export function keyHash(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest().subarray(0, 16).toString('base64url');
}

/** The hash of a neighbour's source key; '' when there is no neighbour. */
export function contextHash(source: string | null | undefined): string {
  return source === null || source === undefined ? '' : keyHash(matchKey(source));
}

/** The entries a unit gives: none for an empty source or target. */
export function memoryEntriesOf(input: RecordMemoryInput): MemoryEntryRecord[] {
  const sourceKey = matchKey(input.source);
  const targetKey = matchKey(input.target);
  if (sourceKey === '' || targetKey === '') return [];
  const unitTargetHash = keyHash(targetKey);
  const base = {
    sourceLanguage: input.sourceLanguage,
    targetLanguage: input.targetLanguage,
    unitTargetHash,
    provenance: input.provenance,
    postId: input.postId,
    translationId: input.translationId,
    unitId: input.unitId,
    userId: input.userId,
    createdAt: input.at.toISOString(),
  };
  const entry = (
    kind: 'unit' | 'sentence',
    source: string,
    target: string,
    key: string,
    targetHash: string,
  ): MemoryEntryRecord => ({
    ...base,
    kind,
    source,
    target,
    sourceKeyHash: keyHash(key),
    targetHash,
    prevHash: kind === 'unit' ? contextHash(input.previousSource) : '',
    nextHash: kind === 'unit' ? contextHash(input.nextSource) : '',
    sourceLength: key.length,
    matchTag: entryTag(input.sourceLanguage, input.targetLanguage, key.length),
    prefilter: prefilterText(key),
  });
  const entries = [entry('unit', input.source, input.target, sourceKey, unitTargetHash)];
  const pairs = sentencePairs(
    input.source,
    input.sourceLanguage,
    input.target,
    input.targetLanguage,
  );
  // One row per (source key, target) in one write: a repeated sentence is one entry.
  const seen = new Set([`${entries[0]?.sourceKeyHash ?? ''} ${unitTargetHash}`]);
  for (const pair of pairs ?? []) {
    const key = matchKey(pair.source);
    const target = matchKey(pair.target);
    if (key === '' || target === '') continue;
    const written = entry('sentence', pair.source, pair.target, key, keyHash(target));
    const id = `${written.sourceKeyHash} ${written.targetHash}`;
    if (seen.has(id)) continue;
    seen.add(id);
    entries.push(written);
  }
  return entries;
}
