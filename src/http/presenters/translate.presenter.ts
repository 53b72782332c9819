/**
 * The translation editor's state (src/client/translate/state.ts) from the service's EditorData:
 * JSON-serializable, with every interface string the island shows resolved in the viewer's
 * interface language, so the browser bundle carries no catalogs and no ICU formatter.
 */
import { isUnitKind } from '../../domain/units/index.js';
import { languageDirection } from '../../domain/language.js';
import { postPath } from '../../domain/post.js';
import { plainText } from '../../domain/units/tagged.js';
import type {
  EditorState,
  FindingView,
  MachineState,
  MessageName,
  PluralTemplates,
  SuggestionsView,
} from '../../client/translate/state.js';
import { MESSAGE_NAMES } from '../../client/translate/state.js';
import type { Translator } from '../../i18n/translator.js';
import type { EditorData } from '../../services/translation/open-translation.service.js';
import type {
  SaveTargetResult,
  TargetConflictError,
} from '../../services/translation/save-target.service.js';
import type { TargetRecord } from '../../services/repositories.js';
import type { StoredFinding } from '../../services/checks/stored-finding.js';
import type { MtStatus } from '../../services/mt/status.js';
import type {
  MemorySuggestionData,
  UnitSuggestions,
} from '../../services/translation/unit-suggestions.service.js';

/** Engines' names as people know them (findings store the engine's id). */
const ENGINE_LABELS: Readonly<Record<string, string>> = {
  apertium: 'Apertium',
  libretranslate: 'LibreTranslate',
  mint: 'MinT',
};

function withEngineLabel(params: StoredFinding['params']): StoredFinding['params'] {
  const engine = params.engine;
  return typeof engine === 'string' && ENGINE_LABELS[engine]
    ? { ...params, engine: ENGINE_LABELS[engine] }
    : params;
}

/** A stored finding in the viewer's interface language, with who dismissed it and why. */
export function presentFinding(finding: StoredFinding, t: Translator): FindingView {
  return {
    id: finding.id,
    check: finding.check,
    message: t.t(finding.key, withEngineLabel(finding.params)),
    dismissed: finding.dismissed
      ? { by: finding.dismissed.byName ?? '—', reason: finding.dismissed.reason }
      : null,
  };
}

/** Machine translation for the pair as the editor shows it (a failure of one call is not a state). */
export function presentMachineState(status: MtStatus): MachineState {
  if (status.state === 'disabled') return { state: 'disabled' };
  if (status.state === 'paused')
    return { state: 'paused', engine: status.label, until: status.until, reason: status.reason };
  return { state: 'ready', engine: status.label };
}

/**
 * Arguments of messages that the client fills in, passed through as `{name}` so the resolved
 * message keeps them (intl-messageformat ignores values a message does not use).
 */
const PLACEHOLDERS = Object.fromEntries(
  [
    'translated',
    'total',
    'reviewed',
    'outdated',
    'language',
    'id',
    'label',
    'title',
    'name',
    'score',
    'engine',
    'until',
    'reason',
    'n',
    'words',
  ].map((name) => [name, `{${name}}`]),
);

function messages(t: Translator): Record<MessageName, string> {
  return Object.fromEntries(
    MESSAGE_NAMES.map((name) => [name, t.t(`editor.${name}`, PLACEHOLDERS)]),
  ) as Record<MessageName, string>;
}

/**
 * A plural message resolved once per CLDR category of the interface language (found by
 * trying counts until each category shows up), with `{n}` left for the formatted count.
 */
export function pluralTemplates(t: Translator, key: string): PluralTemplates {
  const rules = new Intl.PluralRules(t.lang);
  const categories: PluralTemplates['categories'] = {};
  const wanted = new Set(rules.resolvedOptions().pluralCategories);
  for (let count = 1; count < 1000 && wanted.size > 0; count++) {
    const category = rules.select(count);
    if (!wanted.delete(category)) continue;
    categories[category] = t.t(key, { count, n: '{n}' });
  }
  return { lang: t.lang, zero: t.t(key, { count: 0, n: '{n}' }), categories };
}

/** EditorData as the editor island receives it; `userId` is the viewer. */
export function presentEditor(
  data: EditorData,
  viewer: { id: string; displayName: string },
  t: Translator,
): EditorState {
  const userId = viewer.id;
  const titleUnit = data.units.find((u) => u.kind === 'title');
  const published = data.translation?.status === 'published';
  const slug = data.translation?.slug ?? data.post.slug;
  return {
    postId: data.post.id,
    userId,
    userName: viewer.displayName,
    postPublishedAt: data.post.publishedAt,
    title: titleUnit ? plainText(titleUnit.source) : data.post.slug,
    uiLang: t.lang,
    source: {
      tag: data.sourceLanguage,
      name: t.languageName(data.sourceLanguage),
      dir: languageDirection(data.sourceLanguage),
    },
    target: {
      tag: data.language,
      name: t.languageName(data.language),
      dir: languageDirection(data.language),
    },
    originalPath: postPath({
      language: data.sourceLanguage,
      slug: data.post.slug,
      publishedAt: data.post.publishedAt,
    }),
    translation: {
      status: published ? 'published' : 'in_progress',
      slug,
      path: published
        ? postPath({ language: data.language, slug, publishedAt: data.post.publishedAt })
        : null,
    },
    units: data.units.map((unit) => ({
      unitId: unit.unitId,
      kind: unit.kind,
      kindLabel: kindLabel(t, unit.kind),
      source: unit.source,
      sourceRevision: unit.sourceRevision,
      codes: Object.fromEntries(
        Object.entries(unit.codes).map(([id, code]) => [
          id,
          { kind: code.kind, label: code.label },
        ]),
      ),
      target: unit.target
        ? {
            text: unit.target.text,
            state: unit.target.state,
            version: unit.target.version,
            mine: unit.target.translatedBy === userId,
            reviewedByMe: unit.target.reviewedBy === userId,
          }
        : null,
      diff: unit.diff,
      reviewComment: unit.reviewComment,
      candidates: unit.candidates.map((c) => ({
        id: c.id,
        text: c.text,
        authorName: c.authorName,
        createdAt: c.createdAt,
        mine: c.authorId === userId,
        diff: c.diff,
        staleSource: c.staleSource,
      })),
      glossary: unit.glossary.map((hit) => ({
        term: hit.term,
        start: hit.start,
        end: hit.end,
        translation: hit.translation,
        doNotTranslate: hit.doNotTranslate,
        forbidden: hit.forbidden,
        definition: hit.definition,
        note: hit.note,
      })),
      findings: unit.findings.map((f) => presentFinding(f, t)),
    })),
    progress: { ...data.progress },
    others: data.others,
    canTranslate: data.canTranslate,
    canReview: data.canReview,
    canPublish: data.canPublish,
    publication: { policy: { ...data.publication.policy }, asEditor: data.publication.asEditor },
    savesNeedReview: data.savesNeedReview,
    messages: messages(t),
    plurals: {
      presence: pluralTemplates(t, 'editor.presence'),
      uses: pluralTemplates(t, 'editor.uses'),
      memoryMatches: pluralTemplates(t, 'editor.memoryMatches'),
      publishMore: pluralTemplates(t, 'policy.editor.more'),
      publishUnreviewed: pluralTemplates(t, 'policy.editor.unreviewed'),
    },
    memoryMatches: data.memoryMatches,
    machine: presentMachineState(data.machine),
  };
}

function kindLabel(t: Translator, kind: string): string {
  return t.t(isUnitKind(kind) ? `editor.kind.${kind}` : 'editor.kind.other');
}

/** A target as the editor's API answers it. */
export function presentTarget(target: TargetRecord) {
  return {
    text: target.text,
    state: target.state,
    version: target.version,
    translatedBy: target.translatedBy,
  };
}

/**
 * A save's answer: `outcome: 'saved'` with the new target, or `outcome: 'pending'` with the
 * proposal (readers keep the current text); `changedSource` when the source changed while the
 * translator worked (their text is kept outdated).
 */
export function presentSaveResult(result: SaveTargetResult, t: Translator) {
  const common = {
    progress: result.progress,
    changedSource: result.changedSource,
    findings: result.findings.map((f) => presentFinding(f, t)),
  };
  return result.outcome === 'pending'
    ? {
        outcome: 'pending' as const,
        candidate: {
          id: result.candidate.id,
          text: result.candidate.text,
          createdAt: result.candidate.createdAt,
        },
        target: result.target ? presentTarget(result.target) : null,
        ...common,
      }
    : { outcome: 'saved' as const, target: presentTarget(result.target), ...common };
}

/** A stale save's 409: both texts, so the translator chooses or merges. */
export function presentConflict(error: TargetConflictError) {
  return {
    error: 'conflict',
    message: error.message,
    theirs: presentTarget(error.theirs),
    yours: error.yours,
  };
}

/** Where a memory match came from, in the viewer's language: post, person, engine it started from. */
function originLabel(match: MemorySuggestionData, t: Translator): string {
  const parts = [
    match.postTitle !== null
      ? t.t('editor.originPost', { title: match.postTitle })
      : t.t('editor.originAnotherPost'),
  ];
  if (match.userName !== null) parts.push(t.t('editor.originBy', { name: match.userName }));
  if (match.origin.provenance.startsWith('mt:')) {
    const engine = match.origin.provenance.slice(3);
    parts.push(t.t('editor.originMachine', { engine: ENGINE_LABELS[engine] ?? engine }));
  }
  return parts.join(', ');
}

/** The suggestions panel of one unit, as the editor's API answers it. */
export function presentSuggestions(data: UnitSuggestions, t: Translator): SuggestionsView {
  const status = data.machineStatus;
  let machineError: string | null = null;
  if (status.state === 'failed')
    machineError = t.t('editor.machineFailed', { engine: status.label, reason: status.reason });
  else if (status.state !== 'disabled' && data.machine === null && data.machineUnavailable)
    machineError =
      data.machineUnavailable === 'paused'
        ? null
        : t.t('editor.machineUnavailable', { reason: data.machineUnavailable });
  return {
    memory: data.memory.map((match) => ({
      score: match.score,
      inContext: match.inContext,
      text: match.target,
      codesMapped: match.codesPlaced,
      uses: match.uses,
      originLabel: originLabel(match, t),
      diff: match.diff.map((part) => ({
        kind: part.added
          ? ('added' as const)
          : part.removed
            ? ('removed' as const)
            : ('same' as const),
        text: part.value,
      })),
    })),
    memoryComplete: !data.memoryPartial,
    machine: data.machine
      ? {
          engine: data.machine.engine,
          label: status.state === 'disabled' ? data.machine.engine : status.label,
          text: data.machine.text,
          codesPlaced: data.machine.codesPlaced,
        }
      : null,
    machineState: presentMachineState(status),
    machineError,
  };
}
