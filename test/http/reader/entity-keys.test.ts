/**
 * A cached page names every person and organization it shows, so that changing how they are
 * shown reaches it (issue 12: every instance drops exactly the pages that changed). Each case
 * warms the page cache first (the second read is a HIT), then changes the entity through its
 * service and reads again: an organization renamed (with a new slug) in a post's byline, a
 * translator's display name in a translation's credits, a commenter's in the thread. Pages
 * that show none of them stay cached. The keys are also the page's Surrogate-Key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/roles.js';
import { updateProfile } from '../../../src/services/account/account.service.js';
import { createOrganization } from '../../../src/services/admin/admin.service.js';
import { updateOrganization } from '../../../src/services/admin/organizations.service.js';
import { createComment } from '../../../src/services/comments/create-comment.service.js';
import { decideComment } from '../../../src/services/comments/moderation.service.js';
import { loadEditor } from '../../../src/services/translation/open-translation.service.js';
import { reviewTarget } from '../../../src/services/translation/review-target.service.js';
import { saveTarget } from '../../../src/services/translation/save-target.service.js';
import type { PostRecord, UserRecord } from '../../../src/services/repositories.js';
import { buildUser, startTestApp } from '../../support/app.js';
import type { TestContext } from '../../support/app.js';
import { engines } from '../../support/databases.js';
import { pathOf, read, writePost } from './reader-support.js';

const actor = (u: UserRecord): Actor => ({ id: u.id, roles: u.roles });

describe.each(engines())('pages naming people and organizations on $name', (engine) => {
  let ctx: TestContext;
  let admin: Actor;
  let withOrg: PostRecord;
  let plain: PostRecord;
  let orgId = '';

  /** Reads `path` twice; the second answer comes from the page cache. */
  const warm = async (path: string) => {
    await read(ctx.app, path);
    const hit = await read(ctx.app, path);
    expect(hit.statusCode).toBe(200);
    expect(hit.headers['x-cache']).toBe('HIT');
    return hit;
  };

  /** Changes `user`'s display name through the profile form's service. */
  const renameTo = (deps: TestContext['deps'], user: UserRecord, displayName: string) =>
    updateProfile(deps, actor(user), {
      displayName,
      bio: '',
      timeZone: 'UTC',
      avatarMediaId: '',
      languages: [],
    });

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    admin = actor(await buildUser(ctx.deps, ['admin']));
    const org = await createOrganization(ctx.deps, admin, {
      name: 'Wikimedia Ghana',
      slug: 'wmgh',
      kind: 'chapter',
    });
    orgId = org.id;
    withOrg = await writePost(ctx.deps, admin, admin, {
      language: 'en',
      title: 'Ghana notes',
      slug: 'ghana-notes',
      authorIds: [admin.id],
      organizationIds: [org.id],
      // Recent: its comments are still open.
      publishedAt: new Date(Date.now() - 86_400_000).toISOString(),
    });
    plain = await writePost(ctx.deps, admin, admin, {
      language: 'en',
      title: 'Unrelated notes',
      slug: 'unrelated-notes',
      authorIds: [admin.id],
      publishedAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
    });
  });
  afterAll(() => ctx.close());

  it('drops a post page whose byline names an organization when the organization is renamed', async () => {
    const before = await warm(pathOf(withOrg));
    expect(before.body).toContain('Wikimedia Ghana');
    expect(before.body).toContain('href="/en/organization/wmgh"');
    expect(String(before.headers['surrogate-key'])).toContain(`organization:${orgId}`);
    await warm(pathOf(plain));

    await updateOrganization(ctx.deps, admin, 'wmgh', {
      name: 'Ghana Wikimedians',
      slug: 'ghana',
      kind: 'chapter',
      country: '',
      website: '',
      description: '',
    });
    const after = await read(ctx.app, pathOf(withOrg));
    expect(after.headers['x-cache']).not.toBe('HIT');
    expect(after.body).toContain('Ghana Wikimedians');
    expect(after.body).toContain('href="/en/organization/ghana"');
    expect(after.body).not.toContain('/organization/wmgh');
    // A page that does not name it stays cached.
    expect((await read(ctx.app, pathOf(plain))).headers['x-cache']).toBe('HIT');
  });

  it("drops a translation's page when a credited translator changes their display name", async () => {
    const translator = await buildUser(ctx.deps, ['translator'], { displayName: 'Tomas Early' });
    const reviewer = actor(await buildUser(ctx.deps, ['reviewer']));
    const opened = await loadEditor(ctx.deps, actor(translator), plain.id, 'es');
    for (const unit of opened.units)
      await saveTarget(ctx.deps, actor(translator), {
        postId: plain.id,
        language: 'es',
        unitId: unit.unitId,
        text: `ES ${unit.source}`,
        version: unit.target?.version ?? 0,
        sourceRevision: unit.sourceRevision,
      });
    let slug = '';
    for (const unit of (await loadEditor(ctx.deps, reviewer, plain.id, 'es')).units)
      ({ slug } = await reviewTarget(ctx.deps, reviewer, {
        postId: plain.id,
        language: 'es',
        unitId: unit.unitId,
        version: unit.target!.version,
        action: 'approve',
      }));
    expect(slug).not.toBe('');
    const path = pathOf({ ...plain, sourceLanguage: 'es', slug });
    const before = await warm(path);
    expect(before.body).toContain('Tomas Early');
    expect(String(before.headers['surrogate-key'])).toContain(`user:${translator.id}`);
    await warm(pathOf(withOrg));

    await renameTo(ctx.deps, translator, 'Tomas Later');
    const after = await read(ctx.app, path);
    expect(after.headers['x-cache']).not.toBe('HIT');
    expect(after.body).toContain('Tomas Later');
    expect(after.body).not.toContain('Tomas Early');
    expect((await read(ctx.app, pathOf(withOrg))).headers['x-cache']).toBe('HIT');
  });

  it('drops a post page whose thread shows a commenter when they change their display name', async () => {
    const commenter = await buildUser(ctx.deps, ['reader'], { displayName: 'Carla Before' });
    const result = await createComment(
      ctx.deps,
      actor(commenter),
      { postId: withOrg.id, language: 'en', body: 'Good notes.' },
      '192.0.2.7',
    );
    if (result.discarded) throw new Error('unexpected honeypot');
    if (result.status === 'pending')
      await decideComment(ctx.deps, admin, result.commentId, 'approve');
    const before = await warm(pathOf(withOrg));
    expect(before.body).toContain('Carla Before');
    expect(String(before.headers['surrogate-key'])).toContain(`user:${commenter.id}`);
    await warm(pathOf(plain));

    await renameTo(ctx.deps, commenter, 'Carla After');
    const after = await read(ctx.app, pathOf(withOrg));
    expect(after.headers['x-cache']).not.toBe('HIT');
    expect(after.body).toContain('Carla After');
    expect(after.body).not.toContain('Carla Before');
    expect((await read(ctx.app, pathOf(plain))).headers['x-cache']).toBe('HIT');
  });
});
