/**
 * Quality findings through the services on every engine: stored per saved text and target
 * version, shown for the active text and for pending proposals (what translators and
 * reviewers look at), superseded but never deleted, dismissed by the translator who saved the
 * text or a reviewer with a reason — who and why kept, the first dismissal standing, carried
 * over to the same issue in a later text — and refused to anyone else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkQuality } from '../../src/domain/checks/index.js';
import type { Finding } from '../../src/domain/checks/index.js';
import {
  DomainError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../src/domain/errors.js';
import type { Actor, Role } from '../../src/domain/roles.js';
import {
  dismissFinding,
  dismissPostFinding,
} from '../../src/services/checks/dismiss-finding.service.js';
import { findingsByUnit, findingsOf } from '../../src/services/checks/findings-of.service.js';
import { recordFindings } from '../../src/services/checks/record-findings.service.js';
import { findingTextHash } from '../../src/services/checks/stored-finding.js';
import { createPost } from '../../src/services/posts/save-post.service.js';
import { publishPost } from '../../src/services/posts/workflow.service.js';
import { loadEditor } from '../../src/services/translation/open-translation.service.js';
import type { EditorData } from '../../src/services/translation/open-translation.service.js';
import { reviewTarget } from '../../src/services/translation/review-target.service.js';
import { saveTarget } from '../../src/services/translation/save-target.service.js';
import { textHash } from '../../src/services/translation/translation-context.js';
import { buildUser, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import { engines } from '../support/databases.js';

const SOURCE = 'Bring 3 bottles and 5 cups.';

describe.each(engines())('quality findings on $name', (engine) => {
  let ctx: TestContext;
  let volunteer: Actor;
  let other: Actor;
  let reviewer: Actor;
  let postId: string;

  const actor = async (roles: Role[], displayName: string): Promise<Actor> => {
    const user = await buildUser(ctx.deps, roles, { displayName });
    return { id: user.id, roles: user.roles };
  };
  const editor = (who: Actor, language: string): Promise<EditorData> =>
    loadEditor(ctx.deps, who, postId, language);
  const paragraph = async (who: Actor, language: string) => {
    const unit = (await editor(who, language)).units.find((u) => u.kind === 'paragraph');
    if (!unit) throw new Error('no paragraph');
    return unit;
  };
  /** Saves a unit and records what the checks find, as the save use case does. */
  const saveChecked = async (who: Actor, language: string, text: string) => {
    const unit = await paragraph(who, language);
    const result = await saveTarget(ctx.deps, who, {
      postId,
      language,
      unitId: unit.unitId,
      text,
      version: unit.target?.version ?? 0,
      sourceRevision: unit.sourceRevision,
    });
    const translation = (await ctx.deps.store.translations.findTranslation(postId, language))!;
    const findings = checkQuality({
      source: unit.source,
      target: text,
      codes: unit.codes,
      sourceLanguage: 'en',
      targetLanguage: language,
      glossary: [],
    });
    const version =
      result.outcome === 'saved' ? result.target.version : (result.target?.version ?? 0);
    const stored = await recordFindings(ctx.deps, ctx.deps.store, {
      translationId: translation.id,
      unitId: unit.unitId,
      version,
      text,
      savedBy: who.id,
      findings,
    });
    return { unit, result, translation, findings, stored };
  };
  const checksOf = (list: readonly { check: string }[]) => list.map((f) => f.check);

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    const author = await actor(['author'], 'Ada Author');
    const editorActor = await actor(['editor'], 'Eddie Editor');
    volunteer = await actor(['reader', 'translator'], 'Vera Volunteer');
    other = await actor(['reader', 'translator'], 'Otto Other');
    reviewer = await actor(['reviewer'], 'Rita Reviewer');
    const post = await createPost(ctx.deps, author, {
      language: 'en',
      title: 'Picnic',
      body: SOURCE,
    });
    postId = post.id;
    await publishPost(ctx.deps, editorActor, postId);
  });
  afterAll(() => ctx.close());

  it('stores the findings of each saved text with its target version and shows the current ones', async () => {
    const first = await saveChecked(volunteer, 'de', 'Bringt 3 Flaschen und 6 Becher mit');
    expect(checksOf(first.findings)).toEqual([
      'numbers.missing',
      'numbers.extra',
      'punctuation.endMissing',
    ]);
    expect(first.stored.map((f) => [f.check, f.version, f.savedBy, f.key])).toEqual([
      ['numbers.missing', 1, volunteer.id, 'checks.numbers.missing'],
      ['numbers.extra', 1, volunteer.id, 'checks.numbers.extra'],
      ['punctuation.endMissing', 1, volunteer.id, 'checks.punctuation.endMissing'],
    ]);
    expect(first.stored[0]).toMatchObject({
      params: { numbers: '5', count: 1 },
      message: 'The number 5 of the source is missing',
      dismissed: null,
      textHash: textHash('Bringt 3 Flaschen und 6 Becher mit'),
    });
    const shown = await findingsOf(ctx.deps.store, first.translation.id);
    expect(shown.map((f) => [f.check, f.version, f.candidateId])).toEqual([
      ['numbers.missing', 1, null],
      ['numbers.extra', 1, null],
      ['punctuation.endMissing', 1, null],
    ]);
    expect([...findingsByUnit(shown).keys()]).toEqual([first.unit.unitId]);

    // Version 2 fixes the numbers: only its own finding is shown; version 1's are kept.
    const second = await saveChecked(volunteer, 'de', 'Bringt 3 Flaschen und 5 Becher mit');
    expect(second.stored.map((f) => [f.check, f.version])).toEqual([['punctuation.endMissing', 2]]);
    expect(
      (await findingsOf(ctx.deps.store, first.translation.id)).map((f) => [f.check, f.version]),
    ).toEqual([['punctuation.endMissing', 2]]);
    const old = await ctx.deps.store.findings.findById(first.stored[0]!.id);
    expect(old).toMatchObject({ check: 'numbers.missing', targetVersion: 1, supersededAt: null });

    // A clean text: nothing shown.
    await saveChecked(volunteer, 'de', 'Bringt 3 Flaschen und 5 Becher mit.');
    expect(await findingsOf(ctx.deps.store, first.translation.id)).toEqual([]);
  });

  it('re-checking the same text supersedes the earlier rows (kept) instead of adding to them', async () => {
    const text = 'Trae 3 botellas y 6 vasos.';
    const first = await saveChecked(volunteer, 'es', text);
    const unit = first.unit;
    const again = await recordFindings(ctx.deps, ctx.deps.store, {
      translationId: first.translation.id,
      unitId: unit.unitId,
      version: 1,
      text,
      savedBy: volunteer.id,
      findings: first.findings,
    });
    const shown = await findingsOf(ctx.deps.store, first.translation.id);
    expect(shown.map((f) => f.id)).toEqual(again.map((f) => f.id));
    const earlier = await ctx.deps.store.findings.findById(first.stored[0]!.id);
    expect(earlier?.supersededAt).not.toBeNull();
  });

  it('shows the findings of a pending proposal to reviewers, labelled with the candidate', async () => {
    // Publish the Arabic translation (saved by the volunteer, approved by the reviewer).
    const saved = await saveChecked(volunteer, 'ar', 'أحضر ٣ زجاجات و٥ أكواب.');
    expect(saved.stored).toEqual([]);
    const unitsOf = (await editor(reviewer, 'ar')).units;
    for (const unit of unitsOf) {
      if (!unit.target)
        await saveTarget(ctx.deps, volunteer, {
          postId,
          language: 'ar',
          unitId: unit.unitId,
          text: 'نزهة',
          version: 0,
          sourceRevision: unit.sourceRevision,
        });
    }
    for (const unit of (await editor(reviewer, 'ar')).units)
      await reviewTarget(ctx.deps, reviewer, {
        postId,
        language: 'ar',
        unitId: unit.unitId,
        version: unit.target!.version,
        action: 'approve',
      });
    expect((await editor(reviewer, 'ar')).translation?.status).toBe('published');

    // Another translator proposes a text with a changed number: a pending candidate.
    const proposal = await saveChecked(other, 'ar', 'أحضر ٤ زجاجات و٥ أكواب.');
    expect(proposal.result.outcome).toBe('pending');
    const candidate = proposal.result.outcome === 'pending' ? proposal.result.candidate : null;
    expect(candidate?.textHash).toBe(findingTextHash('أحضر ٤ زجاجات و٥ أكواب.'));
    const shown = await findingsOf(ctx.deps.store, proposal.translation.id);
    expect(shown.map((f) => [f.check, f.candidateId, f.savedBy])).toEqual([
      ['numbers.missing', candidate?.id, other.id],
      ['numbers.extra', candidate?.id, other.id],
    ]);
  });

  it('dismissing keeps who and why; the first dismissal stands; nothing is deleted', async () => {
    const { stored, translation, unit } = await saveChecked(
      volunteer,
      'ja',
      '3本のボトルと6個のカップを持ってきてください。',
    );
    const missing = stored.find((f) => f.check === 'numbers.missing')!;
    const dismissed = await dismissFinding(ctx.deps, volunteer, {
      translationId: translation.id,
      unitId: unit.unitId,
      findingId: missing.id,
      reason: '  The cups are counted differently in Japanese  ',
    });
    expect(dismissed.dismissed).toMatchObject({
      by: volunteer.id,
      byName: 'Vera Volunteer',
      reason: 'The cups are counted differently in Japanese',
    });
    expect(dismissed.dismissed?.at).toMatch(/^\d{4}-\d\d-\d\dT/);

    // A reviewer dismissing it again changes nothing: the first who and why stand.
    const again = await dismissFinding(ctx.deps, reviewer, {
      translationId: translation.id,
      unitId: unit.unitId,
      findingId: missing.id,
      reason: 'Another reason',
    });
    expect(again.dismissed).toEqual(dismissed.dismissed);

    // Shown to everyone with the dismissal; the other finding is still open.
    const shown = await findingsOf(ctx.deps.store, translation.id);
    expect(shown.map((f) => [f.check, f.dismissed?.reason ?? null])).toEqual([
      ['numbers.missing', 'The cups are counted differently in Japanese'],
      ['numbers.extra', null],
    ]);

    // A new text with the same issue stays dismissed (same check and params); a new issue
    // (other params) is not — saving new text is how a dismissal is left behind.
    const same = await saveChecked(volunteer, 'ja', '3本のボトルと6個のカップを持ってきて。');
    expect(same.stored.map((f) => [f.check, f.dismissed?.reason ?? null])).toEqual([
      ['numbers.missing', 'The cups are counted differently in Japanese'],
      ['numbers.extra', null],
    ]);
    const different = await saveChecked(volunteer, 'ja', 'ボトルとカップを持ってきてください。');
    expect(different.stored.map((f) => [f.check, f.params, f.dismissed])).toEqual([
      ['numbers.missing', { numbers: '3, 5', count: 2 }, null],
    ]);
    // The dismissed row itself is kept as it was.
    const row = await ctx.deps.store.findings.findById(missing.id);
    expect(row?.dismissal).toMatchObject({
      by: volunteer.id,
      reason: 'The cups are counted differently in Japanese',
    });
  });

  it('refuses a stranger, a reader, an empty or long reason, another unit and a superseded finding', async () => {
    const { stored, translation, unit } = await saveChecked(
      volunteer,
      'fr',
      'Apportez 3 bouteilles et 7 tasses.',
    );
    const finding = stored[0]!;
    const base = { translationId: translation.id, unitId: unit.unitId, findingId: finding.id };
    await expect(dismissFinding(ctx.deps, other, { ...base, reason: 'Fine' })).rejects.toThrow(
      ForbiddenError,
    );
    const readerOnly = await actor(['reader'], 'Rae Reader');
    await expect(dismissFinding(ctx.deps, readerOnly, { ...base, reason: 'Fine' })).rejects.toThrow(
      ForbiddenError,
    );
    for (const reason of ['', '   ', 'x'.repeat(501)]) {
      const error = await dismissFinding(ctx.deps, volunteer, { ...base, reason }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).problems.map((p) => p.field)).toEqual(['reason']);
    }
    await expect(
      dismissFinding(ctx.deps, volunteer, { ...base, unitId: 'another-unit', reason: 'Fine' }),
    ).rejects.toThrow(NotFoundError);
    await expect(
      dismissPostFinding(ctx.deps, volunteer, {
        postId,
        language: 'sw',
        unitId: unit.unitId,
        findingId: finding.id,
        reason: 'Fine',
      }),
    ).rejects.toThrow(NotFoundError);
    expect((await ctx.deps.store.findings.findById(finding.id))?.dismissal).toBeNull();

    // A reviewer may dismiss a finding of someone else's text, by the editor's address.
    const byReviewer = await dismissPostFinding(ctx.deps, reviewer, {
      postId,
      language: 'fr',
      unitId: unit.unitId,
      findingId: finding.id,
      reason: 'x'.repeat(500),
    });
    expect(byReviewer.dismissed?.by).toBe(reviewer.id);

    // A finding a newer check of the same text replaced cannot be dismissed.
    const second = stored[1]!;
    await recordFindings(ctx.deps, ctx.deps.store, {
      translationId: translation.id,
      unitId: unit.unitId,
      version: finding.version,
      text: 'Apportez 3 bouteilles et 7 tasses.',
      savedBy: volunteer.id,
      findings: [] satisfies Finding[],
    });
    const error = await dismissFinding(ctx.deps, volunteer, {
      ...base,
      findingId: second.id,
      reason: 'Fine',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('conflict');
  });

  it('the database refuses a dismissal without a reason or over 500 characters', async () => {
    const { stored } = await saveChecked(volunteer, 'sw', 'Leta chupa 3 na vikombe 8.');
    const id = stored[0]!.id;
    const at = new Date().toISOString();
    await expect(
      ctx.deps.store.findings.dismiss(id, { by: volunteer.id, at, reason: '' }),
    ).rejects.toThrow();
    await expect(
      ctx.deps.store.findings.dismiss(id, { by: volunteer.id, at, reason: 'y'.repeat(501) }),
    ).rejects.toThrow();
    expect((await ctx.deps.store.findings.findById(id))?.dismissal).toBeNull();
  });
});
