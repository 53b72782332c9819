/**
 * The quality warnings of a saved text (never blocking): the checks run with the glossary
 * terms of the source the translator saw and the machine translation the text started from,
 * and what they find is stored with the text (dismissals of the same issue carried over).
 */
import { checkQuality } from '../../domain/checks/index.js';
import type { Origin } from '../../domain/targets.js';
import { recordFindings } from '../checks/record-findings.service.js';
import type { StoredFinding } from '../checks/stored-finding.js';
import type { ServiceDeps } from '../deps.js';
import { glossaryMatches } from '../glossary/glossary-matches.service.js';
import type { Store, UnitRecord } from '../repositories.js';

/** Checks `text` as a translation of `shown` and stores the findings (in the caller's transaction). */
export async function checkSavedText(
  deps: ServiceDeps,
  store: Store,
  input: {
    translationId: string;
    sourceLanguage: string;
    targetLanguage: string;
    shown: UnitRecord;
    text: string;
    origin: Origin | null;
    /** The target version the save produced (a proposal: the version it was based on). */
    version: number;
    savedBy: string;
  },
): Promise<StoredFinding[]> {
  const glossary = await glossaryMatches(
    { store },
    {
      sourceLanguage: input.sourceLanguage,
      targetLanguage: input.targetLanguage,
      source: input.shown.source,
    },
  );
  const findings = checkQuality({
    source: input.shown.source,
    target: input.text,
    codes: input.shown.codes,
    sourceLanguage: input.sourceLanguage,
    targetLanguage: input.targetLanguage,
    glossary,
    machine:
      input.origin?.kind === 'machine'
        ? { text: input.origin.text, engine: input.origin.engine ?? 'unknown' }
        : null,
  });
  return recordFindings(deps, store, {
    translationId: input.translationId,
    unitId: input.shown.unitId,
    version: input.version,
    text: input.text,
    savedBy: input.savedBy,
    findings,
  });
}
