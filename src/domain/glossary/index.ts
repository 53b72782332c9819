/**
 * The glossary's pure rules: its vocabulary (parts of speech, the hit shape, field limits),
 * the text analysis terms are keyed by, and term matching in a unit's source. See README.md.
 */
export { isPartOfSpeech, partsOfSpeech, TERM_LIMITS } from './vocabulary.js';
export type { GlossaryHit, MatchableTerm, PartOfSpeech } from './vocabulary.js';
export { analyze, fold, sourceLookupKeys, termKeys } from './analyze.js';
export { matchTerms } from './match.js';
export { stemmerFor } from './stemmers.js';
