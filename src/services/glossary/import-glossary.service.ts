/**
 * Importing a glossary file (already read by src/interchange/glossary: CSV or TBX-Basic)
 * into one language pair, with a report per row. Every row is validated as the term form
 * validates; the valid ones are written in one transaction, the others are reported by line
 * (with the rows the reader could not read), and nothing valid is dropped for their sake.
 * Idempotent: a row whose term the pair already has (same folded term and part of speech)
 * updates it, or leaves it alone when nothing changed, so importing a file twice changes
 * nothing the second time.
 */
import { ValidationError } from '../../domain/errors.js';
import { partsOfSpeech } from '../../domain/glossary/index.js';
import type { Actor } from '../../domain/roles.js';
import type { ServiceDeps } from '../deps.js';
import type { GlossaryTermRecord, LanguagePair } from '../repositories.js';
import type { GlossaryFileProblem, ParsedGlossaryFile } from './glossary-file.js';
import {
  languagePair,
  newTermRecord,
  requireGlossaryManager,
  sameContent,
  validTerm,
} from './term-input.js';
import type { ValidTerm } from './term-input.js';

/** What happened to one imported row. */
export interface ImportedRow {
  line: number;
  term: string;
  outcome: 'created' | 'updated' | 'unchanged';
}

/** The import's report: every row imported, and every line that was not, with why. */
export interface GlossaryImportReport {
  pair: LanguagePair;
  created: number;
  updated: number;
  unchanged: number;
  rows: ImportedRow[];
  /** Lines not imported (or imported with a loss, such as a second approved translation). */
  problems: GlossaryFileProblem[];
}

/** Parts of speech as files write them (`Noun`, `proper noun`, `proper-noun`); null if empty. */
function partOfSpeechOf(value: string): string | null {
  const compact = value
    .trim()
    .replace(/[\s_-]+/g, '')
    .toLowerCase();
  if (compact === '') return null;
  return partsOfSpeech.find((p) => p.toLowerCase() === compact) ?? value;
}

/** A valid row; `partOfSpeechGiven` is false when the file left it empty. */
interface ValidRow {
  line: number;
  term: ValidTerm;
  partOfSpeechGiven: boolean;
}

/**
 * Imports `file` into the pair `from` → `to` and reports each row. A row without a part of
 * speech updates the pair's only term with that text (whatever its part of speech), is
 * reported when there are several, and is added as `other` when there is none.
 * @throws ForbiddenError unless reviewer or editor; ValidationError on `from`/`to`.
 */
export async function importGlossary(
  deps: ServiceDeps,
  actor: Actor | null,
  input: { from: string; to: string; file: ParsedGlossaryFile },
): Promise<GlossaryImportReport> {
  const manager = requireGlossaryManager(actor);
  const pair = languagePair(input.from, input.to);
  const problems: GlossaryFileProblem[] = [...input.file.problems];
  const valid: ValidRow[] = [];
  for (const row of input.file.rows) {
    const given = partOfSpeechOf(row.entry.partOfSpeech);
    try {
      const term = validTerm(pair, { ...row.entry, partOfSpeech: given ?? 'other' });
      valid.push({ line: row.line, term, partOfSpeechGiven: given !== null });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      for (const p of error.problems)
        problems.push({ line: row.line, field: p.field, message: p.message });
    }
  }

  const rows = await deps.store.transaction(async (store) => {
    const byKey = new Map<string, GlossaryTermRecord[]>();
    for (const t of await store.glossary.findByTermKeys(
      pair,
      valid.map((v) => v.term.termKey),
    ))
      byKey.set(t.termKey, [...(byKey.get(t.termKey) ?? []), t]);
    const seen = new Map<string, number>();
    const done: ImportedRow[] = [];
    for (const { line, term: given, partOfSpeechGiven } of valid) {
      const same = byKey.get(given.termKey) ?? [];
      let term = given;
      if (!partOfSpeechGiven && same.length > 1) {
        problems.push({
          line,
          field: 'partOfSpeech',
          message: `the glossary has this term as ${same.map((t) => t.partOfSpeech).join(' and ')}: give the part of speech`,
        });
        continue;
      }
      const only = same[0];
      if (!partOfSpeechGiven && only) term = { ...given, partOfSpeech: only.partOfSpeech };
      const key = `${term.termKey}\u0000${term.partOfSpeech}`;
      const first = seen.get(key);
      if (first !== undefined) {
        problems.push({
          line,
          field: 'term',
          message: `repeats the term of line ${first} (same part of speech); not imported`,
        });
        continue;
      }
      seen.set(key, line);
      const before = same.find((t) => t.partOfSpeech === term.partOfSpeech);
      if (before && sameContent(before, term)) {
        done.push({ line, term: term.term, outcome: 'unchanged' });
        continue;
      }
      const record = newTermRecord(deps, manager, pair, term);
      const id = await store.glossary.upsert(record);
      done.push({ line, term: term.term, outcome: id === record.id ? 'created' : 'updated' });
    }
    return done;
  });

  problems.sort((a, b) => a.line - b.line);
  const count = (outcome: ImportedRow['outcome']) =>
    rows.filter((r) => r.outcome === outcome).length;
  return {
    pair,
    created: count('created'),
    updated: count('updated'),
    unchanged: count('unchanged'),
    rows,
    problems,
  };
}
