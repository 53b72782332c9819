/**
 * The demo's translations of the joint post, made the way volunteers make them — through the
 * translation services, one unit at a time, each step at its own time:
 *
 * - **Spanish**, complete: a volunteer translates every unit, a reviewer approves each one and
 *   the last approval publishes it (credited to both).
 * - **Swahili**, about half: a volunteer translates the first half, a reviewer approves it and
 *   publishes it under the site's publication policy (partial translations from 50 %), so
 *   readers get the rest in English with the completion banner.
 * - Then the original is edited (one sentence of one paragraph) and republished: the job runner
 *   marks that unit outdated in both translations; the Spanish volunteer updates it and the
 *   reviewer approves the update, so Spanish is whole again and Swahili shows one outdated unit
 *   with the change.
 *
 * The texts are keyed by the English unit they translate (`src/demo/joint-post-translations.json`),
 * so a unit whose English changes simply stays untranslated.
 */
import type { Actor } from '../../domain/roles.js';
import type { ServiceDeps } from '../deps.js';
import type { PostInput } from '../posts/post-input.js';
import { savePost } from '../posts/save-post.service.js';
import { publishPost } from '../posts/workflow.service.js';
import type { PostRecord } from '../repositories.js';
import { loadEditor } from '../translation/open-translation.service.js';
import { publishTranslation } from '../translation/publish-translation.service.js';
import { acceptCandidate, reviewTarget } from '../translation/review-target.service.js';
import { saveTarget } from '../translation/save-target.service.js';

/** Translations of the joint post's units: target language → English unit → translation. */
export type DemoTranslationTexts = Record<string, Record<string, string>>;

/** The sentence the later edit changes, and what it becomes (in English and in Spanish). */
export const DEMO_EDIT = {
  before: 'The third rule slowed us down, and it was the best decision we made.',
  after: 'The third rule slowed us down by two months, and it was the best decision we made.',
  spanishBefore: 'La tercera regla nos retrasó, y fue la mejor decisión que tomamos.',
  spanishAfter: 'La tercera regla nos retrasó dos meses, y fue la mejor decisión que tomamos.',
};

interface Step {
  /** ISO instant of the first action; each further unit is a minute later. */
  at: string;
}

function clockAt(deps: ServiceDeps, iso: string, minutes = 0): ServiceDeps {
  const date = new Date(Date.parse(iso) + minutes * 60_000);
  return { ...deps, clock: { now: () => new Date(date) } };
}

/** A volunteer translates every unit that has a text in `texts`; returns how many. */
async function translateUnits(
  deps: ServiceDeps,
  translator: Actor,
  post: PostRecord,
  language: string,
  texts: Record<string, string>,
  step: Step,
): Promise<number> {
  const editor = await loadEditor(deps, translator, post.id, language);
  let minute = 0;
  for (const unit of editor.units) {
    const text = texts[unit.source];
    if (text === undefined) continue;
    await saveTarget(clockAt(deps, step.at, minute++), translator, {
      postId: post.id,
      language,
      unitId: unit.unitId,
      text,
      version: unit.target?.version ?? 0,
      sourceRevision: unit.sourceRevision,
    });
  }
  return minute;
}

/** A reviewer approves every translated unit, a minute apart. */
async function approveAll(
  deps: ServiceDeps,
  reviewer: Actor,
  post: PostRecord,
  language: string,
  step: Step,
): Promise<void> {
  const editor = await loadEditor(deps, reviewer, post.id, language);
  let minute = 0;
  for (const unit of editor.units) {
    if (unit.target?.state !== 'translated') continue;
    await reviewTarget(clockAt(deps, step.at, minute++), reviewer, {
      postId: post.id,
      language,
      unitId: unit.unitId,
      version: unit.target.version,
      action: 'approve',
    });
  }
}

export interface DemoTranslationCast {
  /** Translates into Spanish (a volunteer from Buenos Aires). */
  spanishTranslator: Actor;
  /** Translates into Swahili (a volunteer from Dar es Salaam). */
  swahiliTranslator: Actor;
  /** Reviews both and publishes the Swahili translation. */
  reviewer: Actor;
  /** Edits the original later (one of its authors). */
  author: Actor;
  /** Publishes the edit. */
  editor: Actor;
}

/** Translates, reviews and publishes the joint post in Spanish and Swahili, then edits it. */
export async function seedDemoTranslations(
  deps: ServiceDeps,
  post: PostRecord,
  input: PostInput,
  cast: DemoTranslationCast,
  texts: DemoTranslationTexts,
): Promise<void> {
  const spanish = texts.es ?? {};
  const swahili = texts.sw ?? {};
  await translateUnits(deps, cast.spanishTranslator, post, 'es', spanish, {
    at: '2026-10-15T21:00:00Z',
  });
  // The last approval publishes the Spanish translation (every unit reviewed).
  await approveAll(deps, cast.reviewer, post, 'es', { at: '2026-10-17T08:30:00Z' });

  await translateUnits(deps, cast.swahiliTranslator, post, 'sw', swahili, {
    at: '2026-10-19T16:00:00Z',
  });
  await approveAll(deps, cast.reviewer, post, 'sw', { at: '2026-10-21T07:00:00Z' });
  await publishTranslation(clockAt(deps, '2026-10-21T09:00:00Z'), cast.reviewer, post.id, 'sw');

  // The original changes: one sentence of one paragraph.
  const body = input.body ?? '';
  if (!body.includes(DEMO_EDIT.before)) throw new Error('the demo edit no longer applies');
  const current = await deps.store.posts.findById(post.id);
  if (!current) throw new Error('the joint post is gone');
  await savePost(
    clockAt(deps, '2026-10-24T10:15:00Z'),
    cast.author,
    post.id,
    current.currentRevision,
    {
      ...input,
      body: body.replace(DEMO_EDIT.before, DEMO_EDIT.after),
    },
  );
  await publishPost(clockAt(deps, '2026-10-24T11:00:00Z'), cast.editor, post.id);

  // The Spanish volunteer updates the changed unit against the new source (in a published
  // translation a save is a proposal) and the reviewer accepts it. The job runner, marking the
  // change outdated when the site starts, leaves this text alone (made from the new source)
  // and marks the Swahili one, made from the old.
  const es = await loadEditor(deps, cast.spanishTranslator, post.id, 'es');
  const changed = es.units.find((u) => u.source.includes(DEMO_EDIT.after));
  const old = changed?.target?.text;
  if (!changed || !old?.includes(DEMO_EDIT.spanishBefore))
    throw new Error('the demo edit has no Spanish unit to update');
  const proposal = await saveTarget(clockAt(deps, '2026-10-24T19:40:00Z'), cast.spanishTranslator, {
    postId: post.id,
    language: 'es',
    unitId: changed.unitId,
    text: old.replace(DEMO_EDIT.spanishBefore, DEMO_EDIT.spanishAfter),
    version: changed.target?.version ?? 0,
    sourceRevision: changed.sourceRevision,
  });
  if (proposal.outcome !== 'pending') throw new Error('the Spanish update should be a proposal');
  await acceptCandidate(clockAt(deps, '2026-10-25T08:10:00Z'), cast.reviewer, {
    postId: post.id,
    language: 'es',
    candidateId: proposal.candidate.id,
    version: changed.target?.version ?? 0,
  });
}
