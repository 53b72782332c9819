/**
 * Review-gated translations (issue 7), through the services on every engine: saving needs the
 * translator role; a change to a published translation is a pending candidate readers don't
 * see until another reviewer accepts it — never its own author, checked against who wrote the
 * text, not who saved it last; saves carry the source revision they were made from; reading
 * the editor creates nothing; an editor rolls back one account's edits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Role } from '../../src/domain/roles.js';
import { runDueJobs } from '../../src/jobs/runner.js';
import { getPublishedPost } from '../../src/services/posts/read-post.service.js';
import { createPost, savePost } from '../../src/services/posts/save-post.service.js';
import { publishPost } from '../../src/services/posts/workflow.service.js';
import { loadEditor } from '../../src/services/translation/open-translation.service.js';
import type { EditorData } from '../../src/services/translation/open-translation.service.js';
import {
  acceptCandidate,
  rejectCandidate,
  reviewTarget,
} from '../../src/services/translation/review-target.service.js';
import { rollbackEdits } from '../../src/services/translation/rollback.service.js';
import { saveTarget } from '../../src/services/translation/save-target.service.js';
import type { SaveTargetResult } from '../../src/services/translation/save-target.service.js';
import { buildUser, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import { engines } from '../support/databases.js';

const PARAGRAPH = 'The playbook grew out of six chapters working together.';

describe.each(engines())('review-gated translations on $name', (engine) => {
  let ctx: TestContext;
  let editor: Actor;
  let author: Actor;
  let volunteer: Actor & { username: string };
  let reviewer: Actor;
  let secondReviewer: Actor;
  let postId: string;
  let date: string;

  const actor = async (roles: Role[], name?: string) => {
    const user = await buildUser(ctx.deps, roles, name ? { displayName: name } : {});
    return { id: user.id, roles: user.roles, username: user.username };
  };
  const editorData = (who: Actor, language = 'es') => loadEditor(ctx.deps, who, postId, language);
  const unitOf = (data: EditorData, kind: string) => {
    const unit = data.units.find((u) => u.kind === kind);
    if (!unit) throw new Error(`no ${kind} unit`);
    return unit;
  };
  const save = (
    who: Actor,
    unit: EditorData['units'][number],
    text: string,
    language = 'es',
    overrides: { version?: number; sourceRevision?: number } = {},
  ): Promise<SaveTargetResult> =>
    saveTarget(ctx.deps, who, {
      postId,
      language,
      unitId: unit.unitId,
      text,
      version: overrides.version ?? unit.target?.version ?? 0,
      sourceRevision: overrides.sourceRevision ?? unit.sourceRevision,
    });
  /** The Spanish page's title and body as readers get them. */
  const spanishPage = async () => {
    const translation = await ctx.deps.store.translations.findTranslation(postId, 'es');
    const page = await getPublishedPost(ctx.deps, 'es', date, translation!.slug);
    if (!('view' in page)) throw new Error('expected the Spanish page');
    return `${page.view.shown.title}\n${page.view.bodyHtml}`;
  };

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    editor = await actor(['editor']);
    author = await actor(['author']);
    volunteer = await actor(['reader', 'translator'], 'Vera Volunteer');
    reviewer = await actor(['reviewer'], 'Rita Reviewer');
    secondReviewer = await actor(['reviewer'], 'Sam Second');
    const post = await createPost(ctx.deps, author, {
      language: 'en',
      title: 'A shared playbook',
      body: `${PARAGRAPH}\n\nBring water.`,
    });
    postId = post.id;
    await publishPost(ctx.deps, editor, postId);
    date = (await ctx.deps.store.posts.findById(postId))!.publishedAt!.slice(0, 10);
    // A published Spanish translation: the volunteer translates, a reviewer approves all.
    const data = await editorData(volunteer);
    for (const unit of data.units) await save(volunteer, unit, `ES ${unit.source}`);
    for (const unit of (await editorData(reviewer)).units)
      await reviewTarget(ctx.deps, reviewer, {
        postId,
        language: 'es',
        unitId: unit.unitId,
        version: unit.target!.version,
        action: 'approve',
      });
    expect((await editorData(reviewer)).translation?.status).toBe('published');
  });
  afterAll(() => ctx.close());

  it('refuses saves from an account without the translator role, and after it is revoked', async () => {
    const unit = unitOf(await editorData(volunteer, 'de'), 'paragraph');
    const readerOnly = await actor(['reader']);
    await expect(save(readerOnly, unit, 'Das Handbuch', 'de')).rejects.toThrow(/translator role/);
    const helper = await actor(['reader', 'translator']);
    expect((await save(helper, unit, 'Das Handbuch', 'de')).outcome).toBe('saved');
    await ctx.deps.store.users.setRoles(helper.id, ['reader']);
    const revoked = await ctx.deps.store.users.findById(helper.id);
    const again = unitOf(await editorData(volunteer, 'de'), 'paragraph');
    await expect(
      save({ id: revoked!.id, roles: revoked!.roles }, again, 'Das neue Handbuch', 'de'),
    ).rejects.toThrow(/translator role/);
  });

  it('keeps readers on the reviewed text until another reviewer accepts a change', async () => {
    const other = await actor(['translator'], 'Olga Other');
    const unit = unitOf(await editorData(other), 'paragraph');
    expect(unit.target?.state).toBe('reviewed');
    const proposal = 'ES El manual nació de seis capítulos.';
    const result = await save(other, unit, proposal);
    expect(result.outcome).toBe('pending');
    if (result.outcome !== 'pending') return;
    // The target readers see is untouched; the page still shows the reviewed sentence.
    const target = await ctx.deps.store.translations.target(
      result.candidate.translationId,
      unit.unitId,
    );
    expect(target).toMatchObject({ text: `ES ${PARAGRAPH}`, state: 'reviewed' });
    expect(await spanishPage()).toContain(`ES ${PARAGRAPH}`);
    expect(await spanishPage()).not.toContain('seis capítulos');

    // Reviewers see the proposal with its diff against the live text.
    const seen = unitOf(await editorData(reviewer), 'paragraph');
    expect(seen.candidates).toHaveLength(1);
    expect(seen.candidates[0]).toMatchObject({ authorName: 'Olga Other', staleSource: false });
    expect(seen.candidates[0]!.diff.some((d) => d.kind === 'added')).toBe(true);

    // Its author cannot accept it, even with the reviewer role.
    await expect(
      acceptCandidate(
        ctx.deps,
        { ...other, roles: ['reviewer'] },
        {
          postId,
          language: 'es',
          candidateId: seen.candidates[0]!.id,
          version: unit.target!.version,
        },
      ),
    ).rejects.toThrow(/another reviewer/);
    const accepted = await acceptCandidate(ctx.deps, reviewer, {
      postId,
      language: 'es',
      candidateId: seen.candidates[0]!.id,
      version: unit.target!.version,
    });
    expect(accepted.target).toMatchObject({
      text: proposal,
      state: 'reviewed',
      translatedBy: other.id,
      reviewedBy: reviewer.id,
    });
    expect(await spanishPage()).toContain('seis capítulos');
    const history = await ctx.deps.store.translations.history(
      result.candidate.translationId,
      unit.unitId,
    );
    expect(history.map((h) => h.action)).toEqual(expect.arrayContaining(['propose', 'accept']));
  });

  it('credits a text to whoever wrote it first, so nobody approves their own words through a second account', async () => {
    // Published translation: the reviewer proposes, a second account proposes the same words.
    const sock = await actor(['translator']);
    const unit = unitOf(await editorData(reviewer), 'paragraph');
    const words = 'ES Seis capítulos escribieron el manual juntos.';
    const mine = await save(reviewer, unit, words);
    const theirs = await save(sock, unit, words);
    if (mine.outcome !== 'pending' || theirs.outcome !== 'pending')
      throw new Error('a published translation takes proposals');
    expect(theirs.candidate.id).toBe(mine.candidate.id);
    expect(theirs.candidate.authorId).toBe(reviewer.id);
    await expect(
      acceptCandidate(ctx.deps, reviewer, {
        postId,
        language: 'es',
        candidateId: mine.candidate.id,
        version: unit.target!.version,
      }),
    ).rejects.toThrow(/another reviewer/);

    // A translation nobody reads yet: the same holds for approving a saved unit.
    const fresh = unitOf(await editorData(reviewer, 'sw'), 'paragraph');
    await save(reviewer, fresh, 'Sura sita ziliandika mwongozo.', 'sw');
    const resaved = unitOf(await editorData(sock, 'sw'), 'paragraph');
    const saved = await save(sock, resaved, 'Sura sita ziliandika mwongozo.', 'sw');
    if (saved.outcome !== 'saved') throw new Error('an unpublished translation takes saves');
    expect(saved.target.translatedBy).toBe(reviewer.id);
    await expect(
      reviewTarget(ctx.deps, reviewer, {
        postId,
        language: 'sw',
        unitId: fresh.unitId,
        version: saved.target.version,
        action: 'approve',
      }),
    ).rejects.toThrow(/own translation/);
    const approved = await reviewTarget(ctx.deps, secondReviewer, {
      postId,
      language: 'sw',
      unitId: fresh.unitId,
      version: saved.target.version,
      action: 'approve',
    });
    expect(approved.target.state).toBe('reviewed');
  });

  it('rejects a proposal and keeps it; readers keep what they see', async () => {
    const proposer = await actor(['translator']);
    const unit = unitOf(await editorData(proposer), 'title');
    const before = await spanishPage();
    const result = await save(proposer, unit, 'ES vandalismo');
    if (result.outcome !== 'pending') throw new Error('expected a proposal');
    const rejected = await rejectCandidate(ctx.deps, reviewer, {
      postId,
      language: 'es',
      candidateId: result.candidate.id,
      comment: 'Not a translation',
    });
    expect(rejected.status).toBe('rejected');
    expect((await ctx.deps.store.candidates.findById(result.candidate.id))?.status).toBe(
      'rejected',
    );
    expect(unitOf(await editorData(reviewer), 'title').candidates).toHaveLength(0);
    expect(await spanishPage()).toBe(before);
    await expect(
      rejectCandidate(ctx.deps, reviewer, {
        postId,
        language: 'es',
        candidateId: result.candidate.id,
      }),
    ).rejects.toThrow(/already decided/);
  });

  it('lets edits go live at once where the site trusts its volunteers', async () => {
    ctx.deps.settings.translationEditsGoLive = true;
    try {
      const trusted = await actor(['translator']);
      const unit = unitOf(await editorData(trusted), 'paragraph');
      const result = await save(trusted, unit, 'ES Texto en vivo de seis capítulos.');
      expect(result.outcome).toBe('saved');
      expect(await spanishPage()).toContain('Texto en vivo');
    } finally {
      ctx.deps.settings.translationEditsGoLive = false;
    }
  });

  it('keeps a translation made against a source that changed since as outdated against what was shown', async () => {
    const opened = unitOf(await editorData(volunteer, 'it'), 'paragraph');
    const shownRevision = opened.sourceRevision;
    // Meanwhile the author changes the paragraph and an editor publishes it.
    const post = await ctx.deps.store.posts.findById(postId);
    await savePost(ctx.deps, author, postId, post!.currentRevision, {
      language: 'en',
      title: 'A shared playbook',
      body: 'The playbook grew out of seven chapters working together.\n\nBring water.',
    });
    await publishPost(ctx.deps, editor, postId);
    const result = await save(volunteer, opened, 'IT Il manuale di sei capitoli.', 'it');
    if (result.outcome !== 'saved') throw new Error('an unpublished translation takes saves');
    expect(result.target).toMatchObject({ state: 'outdated', baseSource: PARAGRAPH });
    expect(result.target.baseRevision).toBe(shownRevision);
    expect(result.changedSource?.source).toContain('seven chapters');
    expect(
      result.changedSource?.diff.filter((d) => d.kind !== 'same').map((d) => d.text.trim()),
    ).toEqual(['six', 'seven']);
    await runDueJobs(ctx.deps);
    const reopened = unitOf(await editorData(volunteer, 'it'), 'paragraph');
    expect(reopened.target?.state).toBe('outdated');
    expect(reopened.diff?.some((d) => d.kind === 'added' && d.text.includes('seven'))).toBe(true);
    // Saved against the current source it is current.
    const current = await save(volunteer, reopened, 'IT Il manuale di sette capitoli.', 'it');
    if (current.outcome !== 'saved') throw new Error('expected a save');
    expect(current.target.state).toBe('translated');
    expect(current.changedSource).toBeNull();
    await expect(
      save(volunteer, reopened, 'IT x', 'it', { sourceRevision: 999 }),
    ).rejects.toMatchObject({ problems: [expect.objectContaining({ field: 'sourceRevision' })] });
  });

  it('keeps the text of a segment removed from the original while it was being translated', async () => {
    const other = await createPost(ctx.deps, author, {
      language: 'en',
      title: 'Short notice',
      body: 'This paragraph will go away entirely, sorry.\n\nThis one stays.',
    });
    await publishPost(ctx.deps, editor, other.id);
    const opened = await loadEditor(ctx.deps, volunteer, other.id, 'es');
    const doomed = opened.units.find((u) => u.source.startsWith('This paragraph'))!;
    const current = await ctx.deps.store.posts.findById(other.id);
    await savePost(ctx.deps, author, other.id, current!.currentRevision, {
      language: 'en',
      title: 'Short notice',
      body: 'This one stays.',
    });
    await publishPost(ctx.deps, editor, other.id);
    await expect(
      saveTarget(ctx.deps, volunteer, {
        postId: other.id,
        language: 'es',
        unitId: doomed.unitId,
        text: 'Este párrafo desaparecerá.',
        version: 0,
        sourceRevision: doomed.sourceRevision,
      }),
    ).rejects.toThrow(/removed from the original.*kept in the history/);
    const translation = await ctx.deps.store.translations.findTranslation(other.id, 'es');
    const history = await ctx.deps.store.translations.history(translation!.id, doomed.unitId);
    expect(history.map((h) => [h.action, h.text])).toEqual([
      ['conflict', 'Este párrafo desaparecerá.'],
    ]);
  });

  it('creates no translation by reading the editor; the first save creates it', async () => {
    const count = async () =>
      (await ctx.deps.store.translations.translationsOfPosts([postId])).length;
    const before = await count();
    for (const tag of ['pt', 'fr', 'nl', 'yo', 'zh-Hant'])
      expect((await editorData(volunteer, tag)).translation).toBeNull();
    expect(await count()).toBe(before);
    const unit = unitOf(await editorData(volunteer, 'pt'), 'title');
    await Promise.all([
      save(volunteer, unit, 'PT Um manual', 'pt'),
      save(volunteer, unitOf(await editorData(volunteer, 'pt'), 'paragraph'), 'PT texto', 'pt'),
    ]);
    expect(await count()).toBe(before + 1);
  });

  it('rolls back every edit of one account since a moment, leaving what others changed since', async () => {
    const vandal = await actor(['translator'], 'Victor Vandal');
    const fixer = await actor(['translator']);
    const since = new Date(Date.now() - 1000).toISOString();
    const data = await editorData(vandal, 'es');
    const title = unitOf(data, 'title');
    const [paragraph, last] = data.units.filter((u) => u.kind === 'paragraph');
    const goodTitle = title.target!.text;
    // A proposal waiting for review, then two live edits while the site trusts volunteers.
    const proposal = await save(vandal, paragraph!, 'ES propuesta basura');
    if (proposal.outcome !== 'pending') throw new Error('expected a proposal');
    ctx.deps.settings.translationEditsGoLive = true;
    try {
      await save(vandal, title, 'ES basura en vivo');
      await save(vandal, last!, 'ES más basura');
      // Someone else repairs one of them before the editor notices.
      const now = (await editorData(fixer, 'es')).units.find((u) => u.unitId === last!.unitId)!;
      await save(fixer, now, 'ES Traed agua.');
    } finally {
      ctx.deps.settings.translationEditsGoLive = false;
    }
    await expect(
      rollbackEdits(ctx.deps, reviewer, { username: vandal.username, since }),
    ).rejects.toThrow(/editors/);
    await expect(
      rollbackEdits(ctx.deps, editor, { username: 'nobody-at-all', since }),
    ).rejects.toMatchObject({ problems: [expect.objectContaining({ field: 'username' })] });

    const preview = await rollbackEdits(ctx.deps, editor, {
      username: vandal.username,
      since,
      dryRun: true,
    });
    expect(preview.reverted.map((r) => r.unitId)).toEqual([title.unitId]);
    expect(preview.skipped.map((r) => r.unitId)).toEqual([last!.unitId]);
    expect(preview.rejected).toBe(1);
    expect(await spanishPage()).toContain('basura en vivo');
    expect((await ctx.deps.store.candidates.findById(proposal.candidate.id))?.status).toBe(
      'pending',
    );

    const report = await rollbackEdits(ctx.deps, editor, { username: vandal.username, since });
    expect(report.reverted).toEqual([
      expect.objectContaining({
        unitId: title.unitId,
        before: 'ES basura en vivo',
        after: goodTitle,
      }),
    ]);
    const page = await spanishPage();
    expect(page).not.toContain('basura');
    expect(page).toContain('Traed agua');
    const restored = await ctx.deps.store.translations.target(
      title.target!.translationId,
      title.unitId,
    );
    expect(restored).toMatchObject({
      text: goodTitle,
      state: 'reviewed',
      translatedBy: volunteer.id,
    });
    const history = await ctx.deps.store.translations.history(
      title.target!.translationId,
      title.unitId,
    );
    expect(history.at(-1)).toMatchObject({ action: 'rollback', userId: editor.id });
    expect((await ctx.deps.store.candidates.findById(proposal.candidate.id))?.status).toBe(
      'rejected',
    );
    // Running it again finds nothing of the vandal's left to undo.
    const again = await rollbackEdits(ctx.deps, editor, { username: vandal.username, since });
    expect(again.reverted).toEqual([]);
    expect(again.skipped.map((r) => r.unitId).sort()).toEqual([last!.unitId, title.unitId].sort());
  });
});
