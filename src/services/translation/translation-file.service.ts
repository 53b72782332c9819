/**
 * One post's translation as a file for translation tools (XLIFF 2.0, PO: the formats are in
 * src/interchange/xliff) and back. Export is what the editor shows; import applies the file
 * unit by unit through the editor's save path, after checking the whole file first:
 *  - the languages must be the post's, every unit id must exist, and every changed target must
 *    keep the source's codes (as in the editor) — otherwise nothing is saved;
 *  - an unchanged unit writes nothing;
 *  - a changed one is saved with provenance `import` (a draft stays a draft);
 *  - a unit saved in Polyphony since the export (its version moved on) is a conflict: the
 *    stored text stays, the file's is kept in the history, and the report says so.
 * Review is never granted by a file: `reviewed`/`final` import as translated.
 */
import { ValidationError } from '../../domain/errors.js';
import type { Actor } from '../../domain/roles.js';
import type { TargetState } from '../../domain/targets.js';
import { checkTarget, isUnitKind } from '../../domain/units/index.js';
import type { CodeInfo } from '../../domain/units/index.js';
import type { ServiceDeps } from '../deps.js';
import type { PostRecord, TargetRecord, UnitRecord } from '../repositories.js';
import { saveTarget, TargetConflictError } from './save-target.service.js';
import { publishedUnits, targetLanguage } from './translation-context.js';

export interface TranslationFileUnit {
  unitId: string;
  kind: string;
  source: string;
  codes: Record<string, CodeInfo>;
  target: string | null;
  state: TargetState;
  version: number;
  sourceRevision: number;
  previousSource: string | null;
}

export interface TranslationFile {
  postId: string;
  srcLang: string;
  trgLang: string;
  units: TranslationFileUnit[];
}

/** What a file says of one unit (as the readers in src/interchange/xliff give it). */
export interface ImportedUnit {
  unitId: string;
  target: string | null;
  state: TargetState;
  version: number;
  sourceRevision: number;
}

export interface ImportedFile {
  postId: string;
  srcLang: string;
  trgLang: string;
  units: ImportedUnit[];
}

export type UnitOutcome = 'saved' | 'pending' | 'unchanged' | 'conflict' | 'refused' | 'empty';

export interface ImportReport {
  units: { unitId: string; outcome: UnitOutcome }[];
  saved: number;
  unchanged: number;
  conflicts: number;
}

interface StoredTranslation {
  post: PostRecord;
  language: string;
  units: (UnitRecord & { target: TargetRecord | null })[];
}

/** The post's current units and their stored targets in `languageTag` (all a file needs). */
async function storedTranslation(
  deps: ServiceDeps,
  postId: string,
  languageTag: string,
): Promise<StoredTranslation> {
  const { post, units } = await publishedUnits(deps, deps.store, postId);
  const language = targetLanguage(post, languageTag);
  const translation = await deps.store.translations.findTranslation(post.id, language);
  const targets = translation ? await deps.store.translations.targets([translation.id]) : [];
  const byUnit = new Map(targets.map((t) => [t.unitId, t]));
  return {
    post,
    language,
    units: units.map((unit) => ({ ...unit, target: byUnit.get(unit.unitId) ?? null })),
  };
}

/**
 * The translation of `postId` into `language` as a file's content. Any signed-in person may
 * read it, as they may open the editor (`actor` is who asks; reading writes nothing).
 */
export async function translationFile(
  deps: ServiceDeps,
  _actor: Actor,
  postId: string,
  language: string,
): Promise<TranslationFile> {
  const data = await storedTranslation(deps, postId, language);
  return {
    postId: data.post.id,
    srcLang: data.post.sourceLanguage,
    trgLang: data.language,
    units: data.units.map((unit) => ({
      unitId: unit.unitId,
      kind: unit.kind,
      source: unit.source,
      codes: unit.codes,
      target: unit.target?.text ?? null,
      state: unit.target?.state ?? 'untranslated',
      version: unit.target?.version ?? 0,
      sourceRevision: unit.revision,
      previousSource: unit.target?.state === 'outdated' ? unit.target.baseSource : null,
    })),
  };
}

/** What a file's state asks for when saving: a draft stays a draft, the rest is translated. */
function wantedState(state: TargetState): 'draft' | 'translated' {
  return state === 'draft' ? 'draft' : 'translated';
}

/**
 * Applies a file to the translation of `postId` into `language`. Throws ValidationError
 * (nothing saved) naming `srcLang`, `trgLang`, `postId` or `units[<id>]`.
 */
export async function importTranslationFile(
  deps: ServiceDeps,
  actor: Actor,
  postId: string,
  language: string,
  file: ImportedFile,
): Promise<ImportReport> {
  const data = await storedTranslation(deps, postId, language);
  const problems: { field: string; message: string }[] = [];
  if (file.postId !== data.post.id)
    problems.push({ field: 'postId', message: `This file is for post ${file.postId}` });
  if (file.srcLang !== data.post.sourceLanguage)
    problems.push({
      field: 'srcLang',
      message: `The file's source language is ${file.srcLang}; the post is in ${data.post.sourceLanguage}`,
    });
  if (file.trgLang !== data.language)
    problems.push({
      field: 'trgLang',
      message: `The file's target language is ${file.trgLang}; this translation is into ${data.language}`,
    });
  const units = new Map(data.units.map((u) => [u.unitId, u]));
  const changed: ImportedUnit[] = [];
  const report: ImportReport['units'] = [];
  for (const item of file.units) {
    const unit = units.get(item.unitId);
    if (!unit) {
      problems.push({
        field: `units[${item.unitId}]`,
        message: 'No such unit in this post (it may have been removed since the export)',
      });
      continue;
    }
    if (item.target === null || item.target === '') {
      report.push({ unitId: item.unitId, outcome: 'empty' });
      continue;
    }
    const current = unit.target;
    const same =
      current !== null &&
      current.text === item.target &&
      (wantedState(item.state) === 'draft') === (current.state === 'draft') &&
      (item.state === 'outdated') === (current.state === 'outdated');
    if (same) {
      report.push({ unitId: item.unitId, outcome: 'unchanged' });
      continue;
    }
    // Codes checked against the source the file was made from, when it is the current one;
    // an older source is checked by the save itself (against the revision it names).
    if (item.sourceRevision === unit.revision) {
      const found = checkTarget(
        {
          path: unit.unitId,
          kind: isUnitKind(unit.kind) ? unit.kind : 'paragraph',
          text: unit.source,
          codes: unit.codes,
        },
        item.target,
      );
      for (const problem of found)
        problems.push({ field: `units[${item.unitId}]`, message: problem.message });
    }
    changed.push(item);
  }
  if (problems.length > 0) throw new ValidationError(problems);
  for (const item of changed) {
    try {
      const result = await saveTarget(deps, actor, {
        postId: data.post.id,
        language: data.language,
        unitId: item.unitId,
        text: item.target ?? '',
        version: item.version,
        sourceRevision: item.sourceRevision,
        state: wantedState(item.state),
        provenance: 'import',
      });
      report.push({ unitId: item.unitId, outcome: result.outcome });
    } catch (error) {
      if (error instanceof TargetConflictError)
        report.push({ unitId: item.unitId, outcome: 'conflict' });
      // Codes that do not fit the older source the file was made from.
      else if (error instanceof ValidationError)
        report.push({ unitId: item.unitId, outcome: 'refused' });
      else throw error;
    }
  }
  const order = new Map(file.units.map((u, i) => [u.unitId, i]));
  report.sort((a, b) => (order.get(a.unitId) ?? 0) - (order.get(b.unitId) ?? 0));
  return {
    units: report,
    saved: report.filter((r) => r.outcome === 'saved' || r.outcome === 'pending').length,
    unchanged: report.filter((r) => r.outcome === 'unchanged').length,
    conflicts: report.filter((r) => r.outcome === 'conflict').length,
  };
}
