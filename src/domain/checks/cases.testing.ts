/**
 * The table-driven check tests' helper: runs checkQuality on one case and returns the
 * findings of the family under test (by check-id prefix), so each row states its expectation
 * as a list of check ids.
 */
import { checkQuality } from './index.js';
import type { CheckGlossaryHit, CheckInput, Finding } from './types.js';

/** One row: source and target (tagged), their languages, and what else the check reads. */
export interface CheckCase {
  name: string;
  source: string;
  target: string;
  sourceLanguage?: string;
  targetLanguage: string;
  glossary?: CheckGlossaryHit[];
  machine?: CheckInput['machine'];
  codes?: CheckInput['codes'];
  /** The check ids expected (of the family under test), in order. */
  expected: string[];
}

/** The findings of `family` (`numbers`, `punctuation.`…) for a case. */
export function findingsOf(row: CheckCase, family: string): Finding[] {
  return checkQuality({
    source: row.source,
    target: row.target,
    codes: row.codes ?? {},
    sourceLanguage: row.sourceLanguage ?? 'en',
    targetLanguage: row.targetLanguage,
    glossary: row.glossary ?? [],
    machine: row.machine ?? null,
  }).filter((f) => f.check === family || f.check.startsWith(`${family}.`));
}
