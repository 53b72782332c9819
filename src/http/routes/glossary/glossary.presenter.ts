/** Glossary records and reports as the glossary pages show them, and the term form's input. */
import { z } from 'zod';
import type { FieldProblem } from '../../../domain/errors.js';
import type { Translator } from '../../../i18n/translator.js';
import type { GlossaryImportReport } from '../../../services/glossary/import-glossary.service.js';
import type { GlossaryTermRecord, LanguagePair } from '../../../services/repositories.js';
import type {
  GlossaryPairView,
  GlossaryReportView,
  GlossaryTermView,
} from '../../../views/pages/glossary/glossary-view-types.js';
import type { TermFormValues } from '../../../views/pages/glossary/term-form.js';
import type { FieldErrors } from '../../../views/view-types.js';

/** A pair with its languages' names in the interface language. */
export function presentPair(pair: LanguagePair, t: Translator): GlossaryPairView {
  return {
    from: pair.sourceLanguage,
    to: pair.targetLanguage,
    fromName: t.languageName(pair.sourceLanguage),
    toName: t.languageName(pair.targetLanguage),
  };
}

/** A term for the list. */
export function presentTerm(term: GlossaryTermRecord): GlossaryTermView {
  return {
    id: term.id,
    term: term.term,
    translation: term.translation,
    partOfSpeech: term.partOfSpeech,
    definition: term.definition,
    note: term.note,
    caseSensitive: term.caseSensitive,
    doNotTranslate: term.doNotTranslate,
    forbidden: term.forbidden,
    updatedAt: term.updatedAt,
  };
}

/** A stored term as the edit form's values. */
export function formValuesOf(term: GlossaryTermRecord): TermFormValues {
  return {
    term: term.term,
    translation: term.translation ?? '',
    partOfSpeech: term.partOfSpeech,
    definition: term.definition,
    note: term.note,
    forbidden: term.forbidden.join('\n'),
    caseSensitive: term.caseSensitive,
    doNotTranslate: term.doNotTranslate,
  };
}

/** An import's report for the page. */
export function presentReport(report: GlossaryImportReport): GlossaryReportView {
  return {
    created: report.created,
    updated: report.updated,
    unchanged: report.unchanged,
    problems: report.problems,
  };
}

const text = (max: number) => z.string().max(max).default('');

/** The term form as posted (checkboxes are present when ticked). */
export const termFormBody = z.object({
  from: z.string().max(64),
  to: z.string().max(64),
  term: text(1_000),
  translation: text(1_000),
  partOfSpeech: text(40),
  definition: text(10_000),
  note: text(10_000),
  forbidden: text(10_000),
  caseSensitive: z.string().max(10).optional(),
  doNotTranslate: z.string().max(10).optional(),
  baseUpdatedAt: z.string().max(40).optional(),
});
export type TermFormBody = z.output<typeof termFormBody>;

/** The form's values as typed (to show again after a failed attempt). */
export function formValuesFromBody(body: TermFormBody): TermFormValues {
  return {
    term: body.term,
    translation: body.translation,
    partOfSpeech: body.partOfSpeech,
    definition: body.definition,
    note: body.note,
    forbidden: body.forbidden,
    caseSensitive: body.caseSensitive !== undefined,
    doNotTranslate: body.doNotTranslate !== undefined,
  };
}

/** The service's term input from the form: forbidden translations one per line. */
export function termFromBody(body: TermFormBody) {
  return {
    term: body.term,
    translation: body.translation,
    partOfSpeech: body.partOfSpeech,
    definition: body.definition,
    note: body.note,
    forbidden: body.forbidden
      .split(/\r\n|\n|\r/)
      .map((f) => f.trim())
      .filter(Boolean),
    caseSensitive: body.caseSensitive !== undefined,
    doNotTranslate: body.doNotTranslate !== undefined,
  };
}

/** Field problems by form field (`forbidden.2` is the forbidden field). */
export function formErrors(problems: readonly FieldProblem[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const p of problems) {
    const field = p.field.split('.', 1)[0] ?? p.field;
    errors[field] = errors[field] ? `${errors[field]} ${p.message}` : p.message;
  }
  return errors;
}
