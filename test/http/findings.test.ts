/**
 * Dismissing a quality warning over HTTP, on every engine: the translator who saved the text
 * (or a reviewer) dismisses it with a reason and the answer says who and why, in the
 * interface language; an outsider translator, a reader and a signed-out visitor are refused;
 * a missing CSRF token, a missing or long reason and an unknown warning are answered as such.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkQuality } from '../../src/domain/checks/index.js';
import { recordFindings } from '../../src/services/checks/record-findings.service.js';
import type { StoredFinding } from '../../src/services/checks/stored-finding.js';
import { createPost } from '../../src/services/posts/save-post.service.js';
import { publishPost } from '../../src/services/posts/workflow.service.js';
import type { UserRecord } from '../../src/services/repositories.js';
import { loadEditor } from '../../src/services/translation/open-translation.service.js';
import { saveTarget } from '../../src/services/translation/save-target.service.js';
import { Agent, buildUser, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import { engines } from '../support/databases.js';
import { cookieHeader } from './http-helpers.js';

describe.each(engines())('dismissing warnings over HTTP on $name', (engine) => {
  let ctx: TestContext;
  let postId: string;
  let unitId: string;
  let volunteer: UserRecord;
  let outsider: UserRecord;
  let reviewer: UserRecord;
  let readerOnly: UserRecord;
  let findings: StoredFinding[];

  const actor = (u: UserRecord) => ({ id: u.id, roles: u.roles });
  const url = (findingId: string, unit = unitId) =>
    `/api/translate/${postId}/de/units/${unit}/findings/${findingId}/dismiss`;
  const signedIn = async (user: UserRecord) => {
    const agent = new Agent(ctx.app);
    await agent.signIn(user.username);
    // The token of the signed-in session (from the page signIn ends on); any page's will do.
    if (!agent.csrf) throw new Error('no CSRF token after signing in');
    return { agent, csrf: agent.csrf };
  };
  const dismiss = (
    who: { agent: Agent; csrf: string } | null,
    findingId: string,
    body: object,
    headers: Record<string, string> = {},
  ) =>
    ctx.app.inject({
      method: 'POST',
      url: url(findingId),
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        ...(who ? { cookie: cookieHeader(who.agent), 'x-csrf-token': who.csrf } : {}),
        ...headers,
      },
      payload: JSON.stringify(body),
    });

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    const author = await buildUser(ctx.deps, ['author']);
    const editor = await buildUser(ctx.deps, ['editor']);
    const post = await createPost(ctx.deps, actor(author), {
      language: 'en',
      title: 'Picnic',
      body: 'Bring 3 bottles and 5 cups.',
    });
    postId = post.id;
    await publishPost(ctx.deps, actor(editor), postId);
    volunteer = await buildUser(ctx.deps, ['reader', 'translator'], {
      displayName: 'Vera Volunteer',
    });
    outsider = await buildUser(ctx.deps, ['reader', 'translator']);
    reviewer = await buildUser(ctx.deps, ['reviewer'], { displayName: 'Rita Reviewer' });
    readerOnly = await buildUser(ctx.deps, ['reader']);
    const unit = (await loadEditor(ctx.deps, actor(volunteer), postId, 'de')).units.find(
      (u) => u.kind === 'paragraph',
    )!;
    unitId = unit.unitId;
    const text = 'Bringt 3 Flaschen und 6 Becher mit.';
    const saved = await saveTarget(ctx.deps, actor(volunteer), {
      postId,
      language: 'de',
      unitId,
      text,
      version: 0,
      sourceRevision: unit.sourceRevision,
    });
    if (saved.outcome !== 'saved') throw new Error('expected a live save');
    findings = await recordFindings(ctx.deps, ctx.deps.store, {
      translationId: saved.target.translationId,
      unitId,
      version: saved.target.version,
      text,
      savedBy: volunteer.id,
      findings: checkQuality({
        source: unit.source,
        target: text,
        codes: unit.codes,
        sourceLanguage: 'en',
        targetLanguage: 'de',
        glossary: [],
      }),
    });
    expect(findings.map((f) => f.check)).toEqual(['numbers.missing', 'numbers.extra']);
  });
  afterAll(() => ctx.close());

  it('refuses signed-out visitors, readers and outsider translators; nothing is dismissed', async () => {
    const id = findings[0]!.id;
    expect((await dismiss(null, id, { reason: 'Fine' })).statusCode).toBe(401);
    const reader = await signedIn(readerOnly);
    expect((await dismiss(reader, id, { reason: 'Fine' })).statusCode).toBe(403);
    const stranger = await signedIn(outsider);
    const refused = await dismiss(stranger, id, { reason: 'Fine' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json<{ error: string }>().error).toBe('forbidden');
    expect((await ctx.deps.store.findings.findById(id))?.dismissal).toBeNull();
  });

  it('needs the CSRF token and a reason, and answers 404 for a warning of another unit', async () => {
    const own = await signedIn(volunteer);
    const id = findings[0]!.id;
    const noToken = await dismiss(own, id, { reason: 'Fine' }, { 'x-csrf-token': '' });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json<{ error: string }>().error).toMatch(/csrf/);
    for (const body of [{}, { reason: '  ' }, { reason: 'x'.repeat(501) }]) {
      const bad = await dismiss(own, id, body);
      expect(bad.statusCode).toBe(422);
      expect(bad.json<{ problems: { field: string }[] }>().problems.map((p) => p.field)).toEqual([
        'reason',
      ]);
    }
    const elsewhere = await ctx.app.inject({
      method: 'POST',
      url: url(id, 'no-such-unit'),
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        cookie: cookieHeader(own.agent),
        'x-csrf-token': own.csrf,
      },
      payload: JSON.stringify({ reason: 'Fine' }),
    });
    expect(elsewhere.statusCode).toBe(404);
    expect((await ctx.deps.store.findings.findById(id))?.dismissal).toBeNull();
  });

  it('lets the translator who saved the text dismiss it, keeping who and why', async () => {
    const own = await signedIn(volunteer);
    const answer = await dismiss(own, findings[0]!.id, {
      reason: 'The cups are already on site',
    });
    expect(answer.statusCode, answer.body).toBe(200);
    const { finding } = answer.json<{
      finding: {
        id: string;
        check: string;
        message: string;
        dismissed: { by: string; reason: string };
      };
    }>();
    expect(finding).toMatchObject({
      id: findings[0]!.id,
      check: 'numbers.missing',
      message: 'The number 5 of the source is missing',
      dismissed: { by: 'Vera Volunteer', reason: 'The cups are already on site' },
    });
    const stored = await ctx.deps.store.findings.findById(findings[0]!.id);
    expect(stored?.dismissal).toMatchObject({
      by: volunteer.id,
      reason: 'The cups are already on site',
    });
  });

  it('lets a reviewer dismiss a warning on someone else’s text, in the interface language', async () => {
    const rita = await signedIn(reviewer);
    const answer = await dismiss(
      rita,
      findings[1]!.id,
      { reason: 'Sechs Becher stimmt' },
      { cookie: `${cookieHeader(rita.agent)}; pp_lang=es` },
    );
    expect(answer.statusCode, answer.body).toBe(200);
    expect(
      answer.json<{ finding: { message: string; dismissed: { by: string } } }>().finding,
    ).toMatchObject({
      message: 'El número 6 no está en el original',
      dismissed: { by: 'Rita Reviewer' },
    });
  });
});
