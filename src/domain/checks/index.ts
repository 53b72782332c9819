/**
 * Quality checks on a translator's text: warnings that help and never block a save (the
 * blocking code checks are ../units/check.ts). One file per family; see README.md beside
 * this file for each check's rules and limits.
 */
import { checkAddresses, withoutAddresses } from './addresses.js';
import { checkBrackets } from './brackets.js';
import { checkEmptyCodes } from './codes.js';
import { checkGlossary, termInSource } from './glossary.js';
import { checkIdentical } from './identical.js';
import { checkLength } from './length.js';
import { checkMachine } from './machine.js';
import { checkNumbers } from './numbers.js';
import { checkEndPunctuation, checkOpeningMarks } from './punctuation.js';
import { checkRepeatedWords } from './repeated.js';
import { checkSpaces } from './spaces.js';
import { visibleText } from './text.js';
import { plainText } from '../units/tagged.js';
import type { CheckInput, Finding, FindingParams } from './types.js';

export type { CheckGlossaryHit, CheckId, CheckInput, Finding, FindingParams } from './types.js';
export { checkIds, isCheckId } from './types.js';
export { CHECK_MESSAGES, CHECK_SERVICE_MESSAGES, messageKey } from './messages.js';
export {
  DEFAULT_UNMODIFIED_PUBLISH_LIMIT,
  UNMODIFIED_UNIT_LIMIT,
  unmodifiedMachineShare,
  unmodifiedShare,
} from './machine.js';
export type { MachineShareSummary, UnmodifiedShare } from './machine.js';
export { numbersIn } from './numbers.js';

/**
 * A finding's identity for dismissals: its check and its params (keys sorted), so the same
 * issue found again in a later text is recognised.
 */
export function findingIdentity(check: string, params: FindingParams): string {
  const sorted = Object.keys(params)
    .sort()
    .map((key) => [key, params[key]]);
  return `${check}\u0000${JSON.stringify(sorted)}`;
}

/**
 * Every warning about `target` as a translation of `source` — pure, never throws on any
 * text (malformed codes are the blocking checks' business), never blocks. An empty target
 * has none (it is untranslated, not wrong).
 */
export function checkQuality(input: CheckInput): Finding[] {
  const source = visibleText(input.source);
  const target = visibleText(input.target);
  if (target.trim() === '') return [];
  const languages = { sourceLanguage: input.sourceLanguage, targetLanguage: input.targetLanguage };
  const sourcePlain = plainText(input.source);
  const keep = input.glossary
    .filter((hit) => hit.doNotTranslate)
    .map((hit) => termInSource(hit, sourcePlain));
  const all = [
    ...checkNumbers({
      source: withoutAddresses(source),
      target: withoutAddresses(target),
      ...languages,
    }),
    ...checkAddresses(source, target),
    ...checkEndPunctuation({ source, target, ...languages }),
    ...checkOpeningMarks(target, input.targetLanguage),
    ...checkSpaces(source, target),
    ...checkBrackets(source, target),
    ...checkLength(source, target),
    ...checkIdentical({ source, target, ...languages, keep }),
    ...checkRepeatedWords({ source, target, targetLanguage: input.targetLanguage }),
    ...checkEmptyCodes(input.source, input.target, input.codes),
    ...checkGlossary({
      source: input.source,
      target,
      targetLanguage: input.targetLanguage,
      glossary: input.glossary,
    }),
    ...checkMachine(input.machine, input.target, input.targetLanguage),
  ];
  const seen = new Set<string>();
  return all.filter((f) => {
    const id = findingIdentity(f.check, f.params);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
