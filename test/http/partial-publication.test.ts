/**
 * Partial publication over HTTP, on every engine, with the public page cache on: with the
 * site's policy at 50 %, a reviewer's publish of a 45 % translation is refused naming how many
 * more segments are needed, a translated-but-unreviewed segment blocks a reviewer, and a 55 %
 * translation is published. Readers get the translated segments in Arabic and the rest in the
 * original English (its own lang/dir), the completion banner, and the translation in the
 * switcher with its completion; a segment translated by a volunteer and accepted by a reviewer
 * afterwards reaches the (cached) reader page without another publish.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EditorState } from '../../src/client/translate/state.js';
import type { UserRecord } from '../../src/services/repositories.js';
import { Agent, buildUser, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import { engines } from '../support/databases.js';
import { cookieHeader } from './http-helpers.js';
import { cards, pathOf, read, writePost } from './reader/reader-support.js';

function stateOf(page: LightMyRequestResponse): EditorState {
  const json = /<script type="application\/json" id="editor-state">([\s\S]*?)<\/script>/.exec(
    page.body,
  )?.[1];
  if (!json) throw new Error('no editor state in the page');
  return JSON.parse(json) as EditorState;
}

function csrfOf(page: LightMyRequestResponse): string {
  const token = /<meta name="csrf-token" content="([^"]+)"/.exec(page.body)?.[1];
  if (!token) throw new Error('no csrf meta tag');
  return token;
}

/** Nineteen paragraphs: with the title, twenty units (5 % each). */
const PARAGRAPHS = Array.from(
  { length: 19 },
  (_, i) => `Paragraph ${String.fromCharCode(65 + i)} of the partial story.`,
);
const arabic = (source: string) => `ترجمة: ${source}`;

describe.each(engines())('partial publication over HTTP on $name', (engine) => {
  let ctx: TestContext;
  let postId: string;
  let originalPath: string;
  let volunteer: UserRecord;
  let reviewer: UserRecord;

  const signedIn = async (user: UserRecord) => {
    const agent = new Agent(ctx.app);
    await agent.signIn(user.username);
    const page = await agent.get(`/translate/${postId}/ar`);
    expect(page.statusCode).toBe(200);
    return { agent, csrf: csrfOf(page), state: stateOf(page) };
  };
  const send = (
    who: { agent: Agent; csrf: string },
    method: 'PUT' | 'POST',
    url: string,
    body: object,
  ) =>
    ctx.app.inject({
      method,
      url: `/api/translate/${postId}/ar${url}`,
      headers: {
        'content-type': 'application/json',
        'x-csrf-token': who.csrf,
        cookie: cookieHeader(who.agent),
      },
      payload: JSON.stringify(body),
    });

  /** The volunteer translates the units at `indexes` (title is 0) through the editor's API. */
  async function translate(indexes: number[]) {
    const who = await signedIn(volunteer);
    const answers = [];
    for (const index of indexes) {
      const unit = who.state.units[index]!;
      const put = await send(who, 'PUT', `/units/${unit.unitId}`, {
        text: arabic(unit.source),
        version: unit.target?.version ?? 0,
        sourceRevision: unit.sourceRevision,
      });
      expect(put.statusCode, put.body).toBe(200);
      answers.push(put.json<{ outcome: string; candidate?: { id: string } }>());
    }
    return answers;
  }

  /** The reviewer approves the translated, unreviewed units at `indexes`. */
  async function approve(indexes: number[]) {
    const who = await signedIn(reviewer);
    for (const index of indexes) {
      const unit = who.state.units[index]!;
      expect(unit.target?.state).toBe('translated');
      const review = await send(who, 'POST', `/units/${unit.unitId}/review`, {
        version: unit.target!.version,
        action: 'approve',
      });
      expect(review.statusCode, review.body).toBe(200);
    }
  }

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    ctx.deps.settings.publication.minCompletion = 50;
    const editor = await buildUser(ctx.deps, ['editor']);
    volunteer = await buildUser(ctx.deps, ['reader', 'translator'], { displayName: 'Vera' });
    reviewer = await buildUser(ctx.deps, ['reviewer'], { displayName: 'Rami' });
    const post = await writePost(ctx.deps, editor, editor, {
      language: 'en',
      title: 'A partial story',
      body: PARAGRAPHS.join('\n\n'),
      publishedAt: '2026-09-14T12:00:00.000Z',
    });
    postId = post.id;
    originalPath = pathOf(post);
  });
  afterAll(() => ctx.close());

  it('refuses a 45 % translation naming how many more segments are needed', async () => {
    const { state } = await signedIn(reviewer);
    expect(state.units).toHaveLength(20);
    expect(state.publication).toEqual({
      policy: { minCompletion: 50, requireReview: true, editorsAnyCompletion: false },
      asEditor: false,
    });
    await translate([0, 1, 2, 3, 4, 5, 6, 7, 8]); // 9 of 20: 45 %
    await approve([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    const who = await signedIn(reviewer);
    expect(who.state.progress).toMatchObject({ total: 20, translated: 9, reviewed: 9 });
    expect(who.state.canPublish).toBe(false);
    // The island's server render shows why the button is off.
    expect(who.state.plurals.publishMore.categories.other).toContain('more segments');
    const refused = await send(who, 'POST', '/publish', {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ error: string; message: string }>()).toMatchObject({
      error: 'invalid_transition',
      message:
        '1 more segment must be translated first: this site publishes translations from 50 % of their segments (10 of 20)',
    });
    const page = await who.agent.get(`/translate/${postId}/ar`);
    expect(page.body).toMatch(/<button[^>]*disabled[^>]*aria-describedby="publish-requirement"/);
    expect(page.body).toContain(
      '<p id="publish-requirement" class="hint">1 more segment must be translated before this translation can be published</p>',
    );
  });

  it('keeps a reviewer from publishing translated segments nobody reviewed', async () => {
    await translate([9, 10]); // 11 of 20: 55 %, two not reviewed
    const who = await signedIn(reviewer);
    expect(who.state.canPublish).toBe(false);
    const refused = await send(who, 'POST', '/publish', {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ message: string }>().message).toMatch(
      /^2 segments still need review; an editor can publish/,
    );
  });

  it('publishes a 55 % translation; readers get the rest in English, the banner and the switcher', async () => {
    await approve([9, 10]);
    const who = await signedIn(reviewer);
    expect(who.state.canPublish).toBe(true);
    const published = await send(who, 'POST', '/publish', {});
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published' });
    const translation = await ctx.deps.store.translations.findTranslation(postId, 'ar');
    const path = `/ar/2026/09/14/${encodeURIComponent(translation!.slug)}`;

    const first = await read(ctx.app, path);
    expect(first.statusCode).toBe(200);
    expect(first.headers['x-cache']).toBe('MISS');
    const body = first.body;
    // Translated segments in Arabic, the others in the original with their own lang/dir.
    for (const source of PARAGRAPHS.slice(0, 10)) expect(body).toContain(arabic(source));
    for (const source of PARAGRAPHS.slice(10)) {
      expect(body).not.toContain(arabic(source));
      expect(body).toMatch(new RegExp(`<p lang="en" dir="ltr">${source}</p>`));
    }
    // The completion banner (55 %), and the switcher of the original lists Arabic with it.
    expect(body).toMatch(/class="translation-banner"[\s\S]*?inline-size:\s*55%/);
    const original = await read(ctx.app, originalPath);
    expect(original.body).toMatch(
      /<a href="\/ar\/[^"]+" hreflang="ar" lang="ar"><bdi>[^<]+<\/bdi><\/a> <span class="meta">55% translated<\/span>/,
    );
    // The Arabic listing shows the post once, in Arabic.
    const listing = cards((await read(ctx.app, '/ar/')).body).filter((c) =>
      c.title.includes('A partial story'),
    );
    expect(listing).toEqual([
      { title: arabic('A partial story'), href: path, lang: 'ar', dir: 'rtl', badge: null },
    ]);
    expect((await read(ctx.app, path)).headers['x-cache']).toBe('HIT');
  });

  it('shows a segment accepted after publication at once, without publishing again', async () => {
    const translation = await ctx.deps.store.translations.findTranslation(postId, 'ar');
    const path = `/ar/2026/09/14/${encodeURIComponent(translation!.slug)}`;
    await read(ctx.app, path);
    expect((await read(ctx.app, path)).headers['x-cache']).toBe('HIT');
    const source = PARAGRAPHS[11]!;

    // The volunteer's translation of a missing segment waits for review: readers still see English.
    const [answer] = await translate([12]);
    expect(answer).toMatchObject({ outcome: 'pending' });
    const before = await read(ctx.app, path);
    expect(before.body).not.toContain(arabic(source));
    expect(before.body).toContain(`<p lang="en" dir="ltr">${source}</p>`);

    const who = await signedIn(reviewer);
    const unit = who.state.units[12]!;
    expect(unit.candidates).toHaveLength(1);
    const accepted = await send(who, 'POST', `/candidates/${unit.candidates[0]!.id}/accept`, {
      version: unit.target?.version ?? 0,
    });
    expect(accepted.statusCode, accepted.body).toBe(200);

    const after = await read(ctx.app, path);
    expect(after.statusCode).toBe(200);
    expect(after.headers['x-cache']).toBe('MISS');
    expect(after.body).toContain(arabic(source));
    expect(after.body).not.toContain(`<p lang="en" dir="ltr">${source}</p>`);
    expect(after.body).toMatch(/class="translation-banner"[\s\S]*?inline-size:\s*60%/);
    const original = await read(ctx.app, originalPath);
    expect(original.body).toContain('<span class="meta">60% translated</span>');
    // A better title accepted later reaches the (cached) Arabic listing too.
    const titleOf = async () =>
      cards((await read(ctx.app, '/ar/')).body).find((c) => c.href === path)?.title;
    expect(await titleOf()).toBe(arabic('A partial story'));
    const volunteerSide = await signedIn(volunteer);
    const title = volunteerSide.state.units[0]!;
    const proposal = await send(volunteerSide, 'PUT', `/units/${title.unitId}`, {
      text: 'قصة ناقصة',
      version: title.target!.version,
      sourceRevision: title.sourceRevision,
    });
    expect(proposal.json()).toMatchObject({ outcome: 'pending' });
    const reviewing = await signedIn(reviewer);
    const pending = reviewing.state.units[0]!;
    const acceptTitle = await send(
      reviewing,
      'POST',
      `/candidates/${pending.candidates[0]!.id}/accept`,
      { version: pending.target!.version },
    );
    expect(acceptTitle.statusCode, acceptTitle.body).toBe(200);
    expect(await titleOf()).toBe('قصة ناقصة');
    // Nobody published again: the translation keeps its first publication.
    const still = await ctx.deps.store.translations.findTranslation(postId, 'ar');
    expect(still!.publishedAt).toBe(translation!.publishedAt);
  });
});
