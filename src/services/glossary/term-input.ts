/**
 * One schema for a glossary term, used by the term form and by every import row, and the
 * rules zod cannot say alone (a translation unless do-not-translate, at least one word…).
 * Also who may manage terms and what a language pair is.
 */
import { z } from 'zod';
import { ForbiddenError, UnauthenticatedError, ValidationError } from '../../domain/errors.js';
import type { FieldProblem } from '../../domain/errors.js';
import { analyze, partsOfSpeech, TERM_LIMITS, termKeys } from '../../domain/glossary/index.js';
import type { PartOfSpeech } from '../../domain/glossary/index.js';
import { requireLanguageTag } from '../../domain/language.js';
import { hasRole } from '../../domain/roles.js';
import type { Actor } from '../../domain/roles.js';
import type { ServiceDeps } from '../deps.js';
import type { GlossaryTermRecord, LanguagePair } from '../repositories.js';
import { parseInput } from '../validate.js';

const singleLine = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, `${what} is at most ${max} characters`)
    .refine((v) => !/[\r\n]/.test(v), `${what} is one line`);

/** A term as the form and the imports give it. */
export const termInput = z.object({
  term: singleLine(TERM_LIMITS.term, 'The term').pipe(z.string().min(1, 'Give the term')),
  translation: singleLine(TERM_LIMITS.translation, 'The translation').default(''),
  partOfSpeech: z.enum(partsOfSpeech, {
    message: `The part of speech is one of: ${partsOfSpeech.join(', ')}`,
  }),
  definition: z
    .string()
    .trim()
    .max(TERM_LIMITS.definition, `The definition is at most ${TERM_LIMITS.definition} characters`)
    .default(''),
  note: z
    .string()
    .trim()
    .max(TERM_LIMITS.note, `The note is at most ${TERM_LIMITS.note} characters`)
    .default(''),
  caseSensitive: z.boolean().default(false),
  doNotTranslate: z.boolean().default(false),
  forbidden: z
    .array(singleLine(TERM_LIMITS.translation, 'A forbidden translation'))
    .max(TERM_LIMITS.forbidden, `At most ${TERM_LIMITS.forbidden} forbidden translations`)
    .default([]),
});
export type TermInput = z.input<typeof termInput>;

/** A term's fields once valid. */
export interface ValidTerm {
  term: string;
  translation: string | null;
  partOfSpeech: PartOfSpeech;
  definition: string;
  note: string;
  caseSensitive: boolean;
  doNotTranslate: boolean;
  forbidden: string[];
  termKey: string;
  lookupKey: string;
  searchKey: string;
}

/**
 * Validates a term for `pair`.
 * @throws ValidationError naming each field: no word in the term, too many words, no
 *   translation (unless do-not-translate), a do-not-translate term given another
 *   translation, the translation also listed as forbidden.
 */
export function validTerm(pair: LanguagePair, input: unknown): ValidTerm {
  const v = parseInput(termInput, input);
  const problems: FieldProblem[] = [];
  const words = analyze(v.term, pair.sourceLanguage).words.length;
  if (words > TERM_LIMITS.words)
    problems.push({ field: 'term', message: `A term has at most ${TERM_LIMITS.words} words` });
  let translation: string | null = v.translation === '' ? null : v.translation;
  if (v.doNotTranslate) {
    // A do-not-translate term's only "translation" is itself (TBX writes it so).
    if (translation !== null && translation.normalize('NFC') !== v.term.normalize('NFC'))
      problems.push({
        field: 'translation',
        message: 'A do-not-translate term keeps its own form: leave the translation empty',
      });
    translation = null;
  } else if (translation === null) {
    problems.push({
      field: 'translation',
      message: 'Give the approved translation, or mark the term as not to be translated',
    });
  }
  const forbidden = [...new Set(v.forbidden.filter(Boolean))];
  if (translation !== null && forbidden.includes(translation))
    problems.push({
      field: 'forbidden',
      message: 'The approved translation cannot also be forbidden',
    });
  const keys = termKeys(v.term, translation, pair.sourceLanguage, pair.targetLanguage);
  if (!keys) problems.push({ field: 'term', message: 'A term needs at least one word' });
  if (problems.length > 0 || !keys) throw new ValidationError(problems);
  return { ...v, translation, forbidden, ...keys };
}

/** The record for a new term (or an import's candidate row). */
export function newTermRecord(
  deps: ServiceDeps,
  actor: Actor,
  pair: LanguagePair,
  term: ValidTerm,
): GlossaryTermRecord {
  const now = deps.clock.now().toISOString();
  return {
    id: deps.newId(),
    ...pair,
    ...term,
    createdBy: actor.id,
    createdAt: now,
    updatedBy: actor.id,
    updatedAt: now,
  };
}

/** True when two records hold the same term content (not who or when). */
export function sameContent(a: GlossaryTermRecord, b: ValidTerm): boolean {
  return (
    a.term === b.term &&
    a.translation === b.translation &&
    a.partOfSpeech === b.partOfSpeech &&
    a.definition === b.definition &&
    a.note === b.note &&
    a.caseSensitive === b.caseSensitive &&
    a.doNotTranslate === b.doNotTranslate &&
    a.forbidden.length === b.forbidden.length &&
    a.forbidden.every((f, i) => f === b.forbidden[i])
  );
}

/** The pair with canonical tags. @throws ValidationError on `from`/`to`, or when equal. */
export function languagePair(from: string, to: string): LanguagePair {
  const sourceLanguage = requireLanguageTag(from, 'from');
  const targetLanguage = requireLanguageTag(to, 'to');
  if (sourceLanguage === targetLanguage)
    throw new ValidationError([
      { field: 'to', message: 'The target language differs from the source language' },
    ]);
  return { sourceLanguage, targetLanguage };
}

/** Everyone signed in reads glossaries. @throws UnauthenticatedError */
export function requireReader(actor: Actor | null): Actor {
  if (!actor) throw new UnauthenticatedError();
  return actor;
}

/** True when `actor` may add, change, delete and import terms (reviewers and editors). */
export function canManageGlossary(actor: Actor | null): boolean {
  return hasRole(actor, 'reviewer');
}

/** @throws ForbiddenError unless the actor manages glossaries. */
export function requireGlossaryManager(actor: Actor | null): Actor {
  const reader = requireReader(actor);
  if (!canManageGlossary(reader))
    throw new ForbiddenError('Only reviewers and editors can change the glossary');
  return reader;
}
