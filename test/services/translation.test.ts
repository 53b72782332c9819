/**
 * The translation model end to end through the services, on every engine: translate a post,
 * review, publish by policy, read it; edit the source (one real change, one minor) → exactly
 * one outdated unit with its diff; revert → restored; concurrent saves → a conflict that keeps
 * both texts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/roles.js';
import { runDueJobs } from '../../src/jobs/runner.js';
import { getPublishedPost } from '../../src/services/posts/read-post.service.js';
import { createPost, savePost } from '../../src/services/posts/save-post.service.js';
import { publishPost } from '../../src/services/posts/workflow.service.js';
import { buildFeed } from '../../src/services/reader/feeds.service.js';
import { listPosts } from '../../src/services/reader/listing.service.js';
import { searchPosts } from '../../src/services/reader/search.service.js';
import { buildSitemap } from '../../src/services/reader/sitemap.service.js';
import { loadEditor as openTranslation } from '../../src/services/translation/open-translation.service.js';
import type { EditorData } from '../../src/services/translation/open-translation.service.js';
import { setTranslationSlug } from '../../src/services/translation/publish-translation.service.js';
import { reviewTarget } from '../../src/services/translation/review-target.service.js';
import {
  saveTarget,
  TargetConflictError,
} from '../../src/services/translation/save-target.service.js';
import { pendingUnitChanges } from '../../src/services/translation/units.service.js';
import { engines } from '../support/databases.js';
import { buildUser, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';

const actorOf = (u: { id: string; roles: Actor['roles'] }): Actor => ({ id: u.id, roles: u.roles });

const body = (second: string, third: string) =>
  [
    'Join [the session](https://example.org/session) at **ten**.',
    second,
    third,
    '- first item\n- second item',
  ].join('\n\n');

/** A Spanish "translation" of a unit that keeps every code (moving the first one to the end). */
function spanish(source: string): string {
  const moved = /^(.*?)(<pc id="1">.*?<\/pc>)(.*)$/.exec(source);
  if (moved) return `ES ${moved[1] ?? ''}${moved[3] ?? ''} ${moved[2] ?? ''}`;
  return `ES ${source}`;
}

describe.each(engines())('translation on $name', (engine) => {
  let ctx: TestContext;
  let author: Actor;
  let editor: Actor;
  let volunteer: Actor;
  let reviewer: Actor;
  let postId: string;

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    author = actorOf(await buildUser(ctx.deps, ['author']));
    editor = actorOf(await buildUser(ctx.deps, ['editor']));
    volunteer = actorOf(
      await buildUser(ctx.deps, ['reader', 'translator'], { displayName: 'Vera Volunteer' }),
    );
    reviewer = actorOf(await buildUser(ctx.deps, ['reviewer'], { displayName: 'Rita Reviewer' }));
    // A test below counts the mark-outdated job: no notification e-mail jobs beside it.
    for (const person of [author, volunteer, reviewer])
      await ctx.deps.store.notifications.addOptOut(
        person.id,
        'notifications',
        new Date().toISOString(),
      );
    const post = await createPost(ctx.deps, author, {
      language: 'en',
      title: 'A shared playbook',
      excerpt: 'How six communities wrote one.',
      body: body('The second paragraph stays.', 'The third paragraph has a typo: teh end.'),
    });
    postId = post.id;
    await publishPost(ctx.deps, editor, postId);
  });
  afterAll(() => ctx.close());

  const translateAll = async (data: EditorData, who: Actor) => {
    for (const unit of data.units) {
      await saveTarget(ctx.deps, who, {
        postId,
        language: 'es',
        unitId: unit.unitId,
        text: spanish(unit.source),
        version: unit.target?.version ?? 0,
        sourceRevision: unit.sourceRevision,
      });
    }
  };

  it('translates, reviews and publishes a post by policy; readers get it with the link in place', async () => {
    const data = await openTranslation(ctx.deps, volunteer, postId, 'es');
    expect(data.units.map((u) => u.kind)).toEqual([
      'title',
      'excerpt',
      'paragraph',
      'paragraph',
      'paragraph',
      'listItem',
      'listItem',
    ]);
    expect(data.units[2]?.source).toBe('Join <pc id="1">the session</pc> at <pc id="2">ten</pc>.');
    await translateAll(data, volunteer);

    let opened = await openTranslation(ctx.deps, reviewer, postId, 'es');
    expect(opened.progress).toMatchObject({ total: 7, translated: 7, reviewed: 0 });
    // Not public before review (default policy: translated and reviewed): its address under
    // /es/ shows nothing of it — at most the original, when the slugs coincide (issue 9).
    const source = await ctx.deps.store.posts.findById(postId);
    const early = getPublishedPost(
      ctx.deps,
      'es',
      source!.publishedAt!.slice(0, 10),
      opened.translation!.slug,
    ).then(
      (found) => ('view' in found ? found.view : null),
      (error: unknown) => {
        if (error instanceof Error && /not found/.test(error.message)) return null;
        throw error;
      },
    );
    const shown = await early;
    if (shown) {
      expect(shown.fallback).toMatchObject({ language: 'es' });
      expect(shown.bodyHtml).not.toContain('Únete');
    }
    const listingBefore = await listPosts(ctx.deps, 'es', { kind: 'all' }, 1, 10);
    expect(listingBefore.entries.find((e) => e.postId === postId)?.language).toBe('en');

    // The translator cannot review their own work.
    const first = opened.units[0]!;
    await expect(
      reviewTarget(
        ctx.deps,
        { ...volunteer, roles: ['reviewer'] },
        {
          postId,
          language: 'es',
          unitId: first.unitId,
          version: first.target!.version,
          action: 'approve',
        },
      ),
    ).rejects.toThrow(/own translation/);

    let published = false;
    let slug = '';
    for (const unit of opened.units) {
      const result = await reviewTarget(ctx.deps, reviewer, {
        postId,
        language: 'es',
        unitId: unit.unitId,
        version: unit.target!.version,
        action: 'approve',
      });
      published = result.published;
      slug = result.slug;
    }
    expect(published).toBe(true);
    // The last approval answers with the address the translation was just given.
    expect(slug).toBe('es-a-shared-playbook');
    opened = await openTranslation(ctx.deps, reviewer, postId, 'es');
    expect(opened.translation!.status).toBe('published');
    expect(opened.translation!.slug).toBe('es-a-shared-playbook');

    const post = await ctx.deps.store.posts.findById(postId);
    const date = post!.publishedAt!.slice(0, 10);
    const result = await getPublishedPost(ctx.deps, 'es', date, 'es-a-shared-playbook');
    if (!('view' in result)) throw new Error('expected the Spanish page');
    const { view } = result;
    expect(view.shown).toMatchObject({
      language: 'es',
      isOriginal: false,
      completion: 1,
      outdated: 0,
      title: 'ES A shared playbook',
    });
    expect(view.shown.translators.map((p) => p.displayName)).toEqual(['Vera Volunteer']);
    expect(view.shown.reviewers.map((p) => p.displayName)).toEqual(['Rita Reviewer']);
    // The link moved to the end of the sentence but still points where the source's did.
    expect(view.bodyHtml).toMatch(
      /<p lang="es" dir="ltr">ES Join {2}at <strong>ten<\/strong>\. <a href="https:\/\/example\.org\/session">the session<\/a><\/p>/,
    );
    expect(view.versions.map((v) => [v.language, v.completion])).toEqual([
      ['en', 1],
      ['es', 1],
    ]);
    const listing = await listPosts(ctx.deps, 'es', { kind: 'all' }, 1, 10);
    const entry = listing.entries.filter((e) => e.postId === postId);
    expect(entry).toHaveLength(1);
    expect(entry[0]).toMatchObject({
      language: 'es',
      isOriginal: false,
      title: 'ES A shared playbook',
    });
    // Feeds carry the translation (title and translated body) in its language…
    const feed = await buildFeed(ctx.deps, 'es', { kind: 'all' });
    const esPath = `/es/${date.replaceAll('-', '/')}/es-a-shared-playbook`;
    const item = feed.items.find((i) => i.url.endsWith(esPath));
    expect(item).toMatchObject({ title: 'ES A shared playbook', language: 'es' });
    expect(item?.contentHtml).toContain('<a href="https://example.org/session">the session</a>');
    expect(item?.contentHtml).toContain('lang="es"');
    // …search finds it in Spanish…
    const found = await searchPosts(ctx.deps, { language: 'es', text: 'playbook', page: 1 });
    expect(found.results.map((r) => r.path)).toContain(esPath);
    // …and the sitemap lists both versions with the same reciprocal alternates.
    const sitemap = await buildSitemap(ctx.deps);
    const versions = sitemap.entries.filter(
      (e) => e.loc.endsWith('/a-shared-playbook') || e.loc.endsWith('/es-a-shared-playbook'),
    );
    expect(versions).toHaveLength(2);
    expect(versions[0]?.alternates).toEqual(versions[1]?.alternates);
    expect(versions[0]?.alternates.map((a) => a.hreflang)).toEqual(['en', 'es', 'x-default']);
  });

  it('marks exactly the changed paragraph outdated (a minor typo fix keeps its translation) and restores on revert', async () => {
    const post = await ctx.deps.store.posts.findById(postId);
    await savePost(ctx.deps, author, postId, post!.currentRevision, {
      language: 'en',
      title: 'A shared playbook',
      excerpt: 'How six communities wrote one.',
      body: body(
        'The second paragraph changed a lot today.',
        'The third paragraph has a typo: the end.',
      ),
    });
    const pending = await pendingUnitChanges(ctx.deps, editor, postId);
    expect(pending.map((p) => p.after)).toEqual([
      'The second paragraph changed a lot today.',
      'The third paragraph has a typo: the end.',
    ]);
    const typo = pending[1]!;
    await publishPost(ctx.deps, editor, postId, undefined, [typo.unitId]);
    expect(await runDueJobs(ctx.deps)).toBe(1);

    const data = await openTranslation(ctx.deps, volunteer, postId, 'es');
    const outdated = data.units.filter((u) => u.target?.state === 'outdated');
    expect(outdated).toHaveLength(1);
    expect(outdated[0]!.source).toBe('The second paragraph changed a lot today.');
    expect(outdated[0]!.target!.text).toBe('ES The second paragraph stays.');
    expect(
      outdated[0]!.diff?.filter((d) => d.kind !== 'same').map((d) => `${d.kind}:${d.text.trim()}`),
    ).toEqual(['removed:stays', 'added:changed a lot today']);
    expect(data.units.find((u) => u.unitId === typo.unitId)?.target?.state).toBe('reviewed');

    const fresh = await ctx.deps.store.posts.findById(postId);
    const page = await getPublishedPost(
      ctx.deps,
      'es',
      fresh!.publishedAt!.slice(0, 10),
      'es-a-shared-playbook',
    );
    if (!('view' in page)) throw new Error('expected the Spanish page');
    expect(page.view.shown.outdated).toBe(1);
    expect(page.view.bodyHtml).toContain('class="translation-outdated"');
    expect(page.view.bodyHtml).toContain('ES The second paragraph stays.');

    // Revert the paragraph: the translation is valid again.
    await savePost(ctx.deps, author, postId, fresh!.currentRevision, {
      language: 'en',
      title: 'A shared playbook',
      excerpt: 'How six communities wrote one.',
      body: body('The second paragraph stays.', 'The third paragraph has a typo: the end.'),
    });
    await publishPost(ctx.deps, editor, postId);
    await runDueJobs(ctx.deps);
    const reverted = await openTranslation(ctx.deps, volunteer, postId, 'es');
    expect(reverted.units.filter((u) => u.target?.state === 'outdated')).toHaveLength(0);
    expect(reverted.units.find((u) => u.unitId === outdated[0]!.unitId)?.target?.state).toBe(
      'reviewed',
    );
  });

  it('answers a stale save with a conflict that keeps both texts', async () => {
    // A translation readers don't see yet (saves go live; of a published one they are proposals).
    const data = await openTranslation(ctx.deps, volunteer, postId, 'fr');
    const unit = data.units[3]!;
    const version = 0;
    await saveTarget(ctx.deps, volunteer, {
      postId,
      language: 'fr',
      unitId: unit.unitId,
      text: 'Primera versión',
      version,
      sourceRevision: unit.sourceRevision,
    });
    const stale = saveTarget(ctx.deps, reviewer, {
      postId,
      language: 'fr',
      unitId: unit.unitId,
      text: 'Segunda versión',
      version,
      sourceRevision: unit.sourceRevision,
    });
    await expect(stale).rejects.toBeInstanceOf(TargetConflictError);
    const error = (await stale.catch((e: unknown) => e)) as TargetConflictError;
    expect(error.theirs.text).toBe('Primera versión');
    expect(error.yours).toBe('Segunda versión');
    const translation = await ctx.deps.store.translations.findTranslation(postId, 'fr');
    const history = await ctx.deps.store.translations.history(translation!.id, unit.unitId);
    expect(history.map((h) => [h.action, h.text])).toEqual(
      expect.arrayContaining([
        ['save', 'Primera versión'],
        ['conflict', 'Segunda versión'],
      ]),
    );
  });

  it("shows a reviewer's send-back comment to the translator until the unit is saved again", async () => {
    const data = await openTranslation(ctx.deps, volunteer, postId, 'de');
    const unit = data.units[0]!;
    const saved = await saveTarget(ctx.deps, volunteer, {
      postId,
      language: 'de',
      unitId: unit.unitId,
      text: 'Ein gemeinsames Handbuch',
      version: 0,
      sourceRevision: unit.sourceRevision,
    });
    if (saved.outcome !== 'saved')
      throw new Error('an unpublished translation takes saves at once');
    await expect(
      reviewTarget(ctx.deps, reviewer, {
        postId,
        language: 'de',
        unitId: unit.unitId,
        version: saved.target.version,
        action: 'send_back',
      }),
    ).rejects.toThrow(/Say what needs changing/);
    await reviewTarget(ctx.deps, reviewer, {
      postId,
      language: 'de',
      unitId: unit.unitId,
      version: saved.target.version,
      action: 'send_back',
      comment: 'Bitte „Leitfaden“ statt „Handbuch“.',
    });
    let reopened = await openTranslation(ctx.deps, volunteer, postId, 'de');
    expect(reopened.units[0]).toMatchObject({
      reviewComment: 'Bitte „Leitfaden“ statt „Handbuch“.',
      target: { state: 'draft' },
    });
    await saveTarget(ctx.deps, volunteer, {
      postId,
      language: 'de',
      unitId: unit.unitId,
      text: 'Ein gemeinsamer Leitfaden',
      version: reopened.units[0]!.target!.version,
      sourceRevision: unit.sourceRevision,
    });
    reopened = await openTranslation(ctx.deps, volunteer, postId, 'de');
    expect(reopened.units[0]?.reviewComment).toBeNull();
  });

  it('lets a reviewer change the address of a translation, refusing one already taken', async () => {
    const changed = await setTranslationSlug(
      ctx.deps,
      reviewer,
      postId,
      'es',
      'Un manual compartido',
    );
    expect(changed.slug).toBe('un-manual-compartido');
    await expect(setTranslationSlug(ctx.deps, volunteer, postId, 'es', 'otra')).rejects.toThrow(
      /reviewers/,
    );
    const other = await createPost(ctx.deps, author, {
      language: 'es',
      title: 'Ocupado',
      slug: 'ocupado',
      body: 'Texto.',
    });
    await publishPost(ctx.deps, editor, other.id);
    await expect(setTranslationSlug(ctx.deps, reviewer, postId, 'es', 'ocupado')).rejects.toThrow(
      /already uses/,
    );
    const post = await ctx.deps.store.posts.findById(postId);
    const page = await getPublishedPost(
      ctx.deps,
      'es',
      post!.publishedAt!.slice(0, 10),
      'un-manual-compartido',
    );
    expect('view' in page).toBe(true);
  });

  it('refuses a target that drops, duplicates or invents a code, or carries markup', async () => {
    const data = await openTranslation(ctx.deps, volunteer, postId, 'es');
    const unit = data.units.find((u) => u.source.includes('<pc id="1">'))!;
    const save = (text: string) =>
      saveTarget(ctx.deps, volunteer, {
        postId,
        language: 'es',
        unitId: unit.unitId,
        text,
        version: unit.target!.version,
        sourceRevision: unit.sourceRevision,
      });
    await expect(save('Únete a la sesión a las <pc id="2">diez</pc>.')).rejects.toThrow(
      /code 1|\b1\b/,
    );
    await expect(save('<pc id="1">a</pc> <pc id="1">b</pc> <pc id="2">diez</pc>')).rejects.toThrow(
      /1/,
    );
    await expect(save('<pc id="1">a</pc> <pc id="2">diez</pc> <b>x</b>')).rejects.toThrow();
  });
});
