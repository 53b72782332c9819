/**
 * Authoring details (issue 9) on every engine: scheduling in the editor's time zone across
 * summer-time changes, the whole-post preview and who may see it, the co-author and
 * organization pickers (JSON suggestions, names resolved on save), the media library (alt text,
 * search, delete refused while used) and the minor-change flag with the publish panel's
 * prediction of outdated translations (a revert is not predicted outdated).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/roles.js';
import { runDueJobs } from '../../src/jobs/runner.js';
import { createPost, savePost } from '../../src/services/posts/save-post.service.js';
import { publishPost } from '../../src/services/posts/workflow.service.js';
import type { UserRecord } from '../../src/services/repositories.js';
import { saveTarget } from '../../src/services/translation/save-target.service.js';
import { loadEditor as openTranslation } from '../../src/services/translation/open-translation.service.js';
import { engines } from '../support/databases.js';
import { Agent, buildUser, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import { cookieHeader, pngBytes, postIdFrom, upload } from './http-helpers.js';

const actorOf = (u: UserRecord): Actor => ({ id: u.id, roles: u.roles });

describe.each(engines())('authoring on $name', (engine) => {
  let ctx: TestContext;
  let amy: UserRecord;
  let zed: UserRecord;
  let editorUser: UserRecord;
  let writer: Agent;
  let coWriter: Agent;
  let otherWriter: Agent;
  let editor: Agent;
  let translator: Agent;
  let anonymous: Agent;

  async function inZone(user: UserRecord, timeZone: string) {
    await ctx.deps.store.users.updateProfile(user.id, {
      displayName: user.displayName,
      bio: '',
      timeZone,
      avatarMediaId: null,
    });
  }

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    amy = await buildUser(ctx.deps, ['author'], {
      username: `amy_${engine.name.replace(/\W/g, '')}`,
      displayName: 'Amy Writer',
    });
    zed = await buildUser(ctx.deps, ['author'], { displayName: 'Zoran Живковић' });
    const other = await buildUser(ctx.deps, ['author'], { displayName: 'Olga Other' });
    editorUser = await buildUser(ctx.deps, ['editor'], { displayName: 'Eddie Editor' });
    const translatorUser = await buildUser(ctx.deps, ['translator']);
    writer = new Agent(ctx.app);
    await writer.signIn(amy.username);
    coWriter = new Agent(ctx.app);
    await coWriter.signIn(zed.username);
    otherWriter = new Agent(ctx.app);
    await otherWriter.signIn(other.username);
    editor = new Agent(ctx.app);
    await editor.signIn(editorUser.username);
    translator = new Agent(ctx.app);
    await translator.signIn(translatorUser.username);
    anonymous = new Agent(ctx.app);
  });
  afterAll(() => ctx.close());

  async function newPost(title: string, extra: Record<string, string | string[]> = {}) {
    return postIdFrom(
      await writer.post('/write/new', {
        language: 'en',
        title,
        body: `Body of ${title}.`,
        authorNames: [amy.username],
        ...extra,
      }),
    );
  }

  describe('scheduling in the editor’s time zone', () => {
    it('reads a Berlin wall time across the spring and autumn changes, and shows it back', async () => {
      await inZone(editorUser, 'Europe/Berlin');
      const id = await newPost('Berlin schedule');
      expect((await writer.post(`/write/${id}/submit`)).statusCode).toBe(303);

      // 02:30 on 28 March 2027 does not exist in Berlin: it is 03:30 CEST (01:30 UTC).
      expect(
        (await editor.post(`/write/${id}/publish`, { publishAt: '2027-03-28T02:30' })).statusCode,
      ).toBe(303);
      let post = await ctx.deps.store.posts.findById(id);
      expect(post).toMatchObject({ status: 'scheduled', scheduledAt: '2027-03-28T01:30:00.000Z' });
      let page = await editor.get(`/write/${id}`);
      expect(page.body).toContain('value="2027-03-28T03:30"');
      expect(page.body).toContain('Europe/Berlin');
      expect(page.body).toMatch(/Scheduled for Mar 28, 2027, 3:30\s?AM GMT\+2/);

      // Rescheduled to the repeated hour of 31 October: the first 02:30 (CEST, 00:30 UTC).
      expect((await editor.post(`/write/${id}/withdraw`)).statusCode).toBe(303);
      expect((await writer.post(`/write/${id}/submit`)).statusCode).toBe(303);
      await editor.post(`/write/${id}/publish`, { publishAt: '2027-10-31T02:30' });
      post = await ctx.deps.store.posts.findById(id);
      expect(post?.scheduledAt).toBe('2027-10-31T00:30:00.000Z');
      // A day later in winter time: 09:00 CET is 08:00 UTC.
      await editor.post(`/write/${id}/withdraw`);
      await writer.post(`/write/${id}/submit`);
      await editor.post(`/write/${id}/publish`, { publishAt: '2027-11-01T09:00' });
      post = await ctx.deps.store.posts.findById(id);
      expect(post?.scheduledAt).toBe('2027-11-01T08:00:00.000Z');

      // The queue shows it in the viewer's zone, the zone named; another viewer sees theirs.
      page = await editor.get('/editorial');
      expect(page.body).toMatch(/Scheduled for Nov 1, 2027, 9:00\s?AM GMT\+1/);
      expect(page.body).toContain('Europe/Berlin');
      // The author (UTC) sees the same instant in UTC on the editor page.
      page = await writer.get(`/write/${id}`);
      expect(page.body).toMatch(/Scheduled for Nov 1, 2027, 8:00\s?AM UTC/);
      // The editor's publish-at field shows it back in Berlin time.
      page = await editor.get(`/write/${id}`);
      expect(page.body).toContain('value="2027-11-01T09:00"');
    });

    it('reads a Buenos Aires wall time, also across its 2008 summer-time change', async () => {
      await inZone(editorUser, 'America/Argentina/Buenos_Aires');
      const id = await newPost('Buenos Aires schedule');
      await writer.post(`/write/${id}/submit`);
      await editor.post(`/write/${id}/publish`, { publishAt: '2027-06-01T09:00' });
      expect((await ctx.deps.store.posts.findById(id))?.scheduledAt).toBe(
        '2027-06-01T12:00:00.000Z',
      );
      const page = await editor.get('/editorial');
      expect(page.body).toMatch(/Scheduled for Jun 1, 2027, 9:00\s?AM GMT-3/);

      // Back in 2008, when Argentina kept summer time: 00:30 on 19 October never happened
      // (00:00 −03 became 01:00 −02), so it is 01:30 −02 = 03:30 UTC; a day later, −02.
      const realClock = ctx.deps.clock;
      ctx.deps.clock = { now: () => new Date('2008-10-01T00:00:00Z') };
      try {
        await editor.post(`/write/${id}/withdraw`);
        await writer.post(`/write/${id}/submit`);
        await editor.post(`/write/${id}/publish`, { publishAt: '2008-10-19T00:30' });
        expect((await ctx.deps.store.posts.findById(id))?.scheduledAt).toBe(
          '2008-10-19T03:30:00.000Z',
        );
        await editor.post(`/write/${id}/withdraw`);
        await writer.post(`/write/${id}/submit`);
        await editor.post(`/write/${id}/publish`, { publishAt: '2008-10-20T09:00' });
        expect((await ctx.deps.store.posts.findById(id))?.scheduledAt).toBe(
          '2008-10-20T11:00:00.000Z',
        );
      } finally {
        ctx.deps.clock = realClock;
      }
    });

    it('keeps explicit offsets as instants and refuses a time that is not one', async () => {
      await inZone(editorUser, 'Europe/Berlin');
      const id = await newPost('Offset schedule');
      await writer.post(`/write/${id}/submit`);
      await editor.post(`/write/${id}/publish`, { publishAt: '2027-07-01T10:00:00Z' });
      expect((await ctx.deps.store.posts.findById(id))?.scheduledAt).toBe(
        '2027-07-01T10:00:00.000Z',
      );
      await editor.post(`/write/${id}/withdraw`);
      await writer.post(`/write/${id}/submit`);
      const bad = await editor.post(`/write/${id}/publish`, { publishAt: '2027-02-30T10:00' });
      expect(bad.statusCode).toBe(422);
      expect((await ctx.deps.store.posts.findById(id))?.status).toBe('submitted');
    });
  });

  describe('preview of the whole post', () => {
    let id: string;
    beforeAll(async () => {
      const image = await upload(
        ctx.app,
        writer,
        { name: 'preview.png', data: await pngBytes(800, 500), type: 'image/png' },
        { expect: 'image' },
      );
      const mediaId = image.json<{ id: string }>().id;
      await ctx.deps.store.organizations.create({
        id: ctx.deps.newId(),
        slug: `preview-chapter-${engine.name.replace(/\W/g, '')}`,
        name: `Preview Chapter ${engine.name}`,
        kind: 'chapter',
        country: 'KE',
        website: null,
        description: '',
        createdAt: new Date().toISOString(),
      });
      id = await newPost('Preview me', {
        excerpt: 'The short version.',
        body: 'The *whole* body.',
        authorNames: [zed.username, amy.username],
        organizationNames: [`Preview Chapter ${engine.name}`],
        featuredMediaId: mediaId,
        featuredAlt: 'Volunteers around a table',
      });
    });

    it('shows title, byline, organizations, featured image with alt, excerpt and body', async () => {
      for (const agent of [writer, coWriter, editor]) {
        const page = await agent.get(`/write/${id}/preview`);
        expect(page.statusCode).toBe(200);
        const body = page.body.slice(page.body.indexOf('<main'));
        expect(body).toContain('Preview me');
        expect(body).toContain('Amy Writer');
        expect(body).toContain('Zoran Живковић');
        expect(body.indexOf('Zoran Живковић')).toBeLessThan(body.indexOf('Amy Writer'));
        expect(body).toContain(`Preview Chapter ${engine.name}`);
        expect(body).toContain('alt="Volunteers around a table"');
        expect(body).toContain('The short version.');
        expect(body).toContain('<em>whole</em>');
      }
    });

    it('refuses outsiders: signed out, another author, a translator', async () => {
      const signedOut = await anonymous.get(`/write/${id}/preview`);
      expect(signedOut.statusCode).not.toBe(200);
      expect(signedOut.body).not.toContain('The short version.');
      for (const agent of [otherWriter, translator]) {
        const page = await agent.get(`/write/${id}/preview`);
        expect(page.statusCode).toBe(403);
        expect(page.body).not.toContain('The short version.');
      }
    });
  });

  describe('co-author and organization pickers', () => {
    const json = (agent: Agent, url: string) => agent.get(url, { accept: 'application/json' });

    it('suggests at most 20 people by user-name or display-name prefix, without e-mails', async () => {
      const prefix = `pick${engine.name.replace(/\W/g, '').toLowerCase()}`;
      for (let i = 0; i < 25; i++)
        await buildUser(ctx.deps, ['author'], {
          username: `${prefix}_${i}`,
          displayName: `Picker Person ${i}`,
        });
      await buildUser(ctx.deps, ['translator'], { username: `${prefix}_translator` });
      const response = await json(writer, `/write/people?q=${prefix}`);
      expect(response.statusCode).toBe(200);
      const { items } = response.json<{ items: { username: string; displayName: string }[] }>();
      expect(items).toHaveLength(20);
      expect(items.every((p) => p.username.startsWith(prefix))).toBe(true);
      // Only people who can be co-authors, and nothing private.
      expect(items.map((p) => p.username)).not.toContain(`${prefix}_translator`);
      expect(response.body).not.toContain('@example.org');
      expect(Object.keys(items[0] ?? {}).sort()).toEqual(['displayName', 'username']);

      // A display name's words, in any script and case.
      const byName = (await json(writer, `/write/people?q=${encodeURIComponent('живк')}`)).json<{
        items: { username: string }[];
      }>();
      expect(byName.items.map((p) => p.username)).toEqual([zed.username]);
      // An e-mail fragment finds nobody (e-mails are not searched).
      const byMail = (await json(writer, '/write/people?q=example.org')).json<{
        items: unknown[];
      }>();
      expect(byMail.items).toEqual([]);
    });

    it('suggests organizations by name prefix', async () => {
      await ctx.deps.store.organizations.create({
        id: ctx.deps.newId(),
        slug: `wikimedia-kenya-${engine.name.replace(/\W/g, '')}`,
        name: 'Wikimedia Kenya',
        kind: 'chapter',
        country: 'KE',
        website: null,
        description: '',
        createdAt: new Date().toISOString(),
      });
      const response = await json(writer, '/write/organizations?q=ken');
      expect(response.statusCode).toBe(200);
      const { items } = response.json<{ items: { name: string }[] }>();
      expect(items.map((o) => o.name)).toContain('Wikimedia Kenya');
      expect(items.length).toBeLessThanOrEqual(20);
    });

    it('refuses the suggestions to the signed out and to non-authors', async () => {
      for (const url of ['/write/people?q=a', '/write/organizations?q=a']) {
        const signedOut = await json(anonymous, url);
        expect(signedOut.statusCode).toBe(401);
        expect((await json(translator, url)).statusCode).toBe(403);
      }
    });

    it('resolves typed names on save in their order, and names an unknown one', async () => {
      const id = await newPost('Picked by name', {
        authorNames: [`@${zed.username}`, amy.username, ''],
        organizationNames: ['wikimedia kenya'],
      });
      const post = await ctx.deps.store.posts.findById(id);
      const revision = await ctx.deps.store.posts.revision(id, post!.currentRevision);
      expect(revision?.metadata.authorIds).toEqual([zed.id, amy.id]);
      expect(revision?.metadata.organizationIds).toHaveLength(1);

      // The editor shows the co-authors as user names in the same order, no list of everyone.
      const page = await writer.get(`/write/${id}`);
      const names = [...page.body.matchAll(/name="authorNames" value="([^"]*)"/g)].map((m) => m[1]);
      expect(names.slice(0, 2)).toEqual([zed.username, amy.username]);
      expect(page.body).toContain('list="authorNames-options"');
      expect(page.body).not.toContain('pickmemory_0');
      expect(page.body).toContain('value="Wikimedia Kenya"');

      const refused = await writer.post('/write/new', {
        language: 'en',
        title: 'Unknown co-author',
        body: 'Text.',
        authorNames: [amy.username, 'nobody_by_this_name'],
        organizationNames: ['No Such Chapter'],
      });
      expect(refused.statusCode).toBe(422);
      expect(refused.body).toContain('There is nobody called &quot;nobody_by_this_name&quot;');
      expect(refused.body).toContain('There is no organization called &quot;No Such Chapter&quot;');
      // What was typed is kept.
      expect(refused.body).toContain('value="nobody_by_this_name"');
    });
  });

  describe('media library', () => {
    let amyImage: { id: string; url: string };
    let zedImage: { id: string };

    beforeAll(async () => {
      const { multipart } = await import('./http-helpers.js');
      // Alt text given at upload, as the library form sends it (before the file).
      if (!writer.csrf) await writer.get('/media');
      const { payload, contentType } = await multipart(
        { _csrf: writer.csrf, alt: 'Nairobi skyline at dusk' },
        { name: 'nairobi-skyline.png', data: await pngBytes(1200, 800), type: 'image/png' },
      );
      const response = await ctx.app.inject({
        method: 'POST',
        url: '/media',
        payload,
        headers: {
          cookie: cookieHeader(writer),
          'content-type': contentType,
          accept: 'application/json',
        },
      });
      expect(response.statusCode).toBe(201);
      amyImage = response.json<{ id: string; url: string }>();
      zedImage = (
        await upload(ctx.app, coWriter, {
          name: 'zed-portrait.png',
          data: await pngBytes(300, 300),
          type: 'image/png',
        })
      ).json<{ id: string }>();
    });

    it('keeps the alt text given at upload and puts it in the directive', async () => {
      expect((await ctx.deps.store.media.findById(amyImage.id))?.alt).toBe(
        'Nairobi skyline at dusk',
      );
      const page = await writer.get('/media');
      expect(page.body).toContain(
        `:::figure{media=&quot;${amyImage.id}&quot; alt=&quot;Nairobi skyline at dusk&quot;}`,
      );
      // The editor's insert panel offers the same directive.
      const editorPage = await writer.get('/write/new');
      expect(editorPage.body).toContain(`data-insert=":::figure{media=&quot;${amyImage.id}&quot;`);
    });

    it('searches by file name and by alt text', async () => {
      let page = await writer.get('/media?q=SKYLINE');
      expect(page.body).toContain('nairobi-skyline.png');
      expect(page.body).not.toContain('zed-portrait.png');
      page = await writer.get(`/media?q=${encodeURIComponent('at dusk')}`);
      expect(page.body).toContain('nairobi-skyline.png');
      page = await writer.get('/media?q=portrait');
      expect(page.body).toContain('zed-portrait.png');
      expect(page.body).not.toContain('nairobi-skyline.png');
      page = await writer.get('/media?q=nothing-like-this');
      expect(page.body).toContain('No file matches “nothing-like-this”.');
    });

    it('lets only the uploader or an editor delete, and refuses outsiders', async () => {
      // Another author: no button, and the route refuses.
      expect((await writer.get('/media')).body).not.toContain(`/media/${zedImage.id}/delete`);
      expect((await writer.post(`/media/${zedImage.id}/delete`)).statusCode).toBe(403);
      expect((await translator.post(`/media/${zedImage.id}/delete`)).statusCode).toBe(403);
      const signedOut = await anonymous.post(`/media/${zedImage.id}/delete`);
      expect([401, 403, 303]).toContain(signedOut.statusCode);
      // Without the CSRF token nothing happens either.
      expect(
        (await coWriter.post(`/media/${zedImage.id}/delete`, {}, { withCsrf: false })).statusCode,
      ).toBe(403);
      expect(await ctx.deps.store.media.findById(zedImage.id)).not.toBeNull();
      // An editor may.
      const done = await editor.post(`/media/${zedImage.id}/delete`);
      expect(done.statusCode).toBe(303);
      expect(await ctx.deps.store.media.findById(zedImage.id)).toBeNull();
    });

    it('refuses to delete a file a revision uses, naming the posts; deletes it and its variants once unused', async () => {
      const record = await ctx.deps.store.media.findById(amyImage.id);
      expect(record?.variants.length).toBeGreaterThan(0);
      const featured = await newPost('Uses it as featured image', {
        featuredMediaId: amyImage.id,
        featuredAlt: 'Skyline',
      });
      const inBody = await newPost('Uses it in the body', {
        body: `Intro.\n\n:::figure{media="${amyImage.id}" alt="Skyline"}\nCaption\n:::\n`,
      });
      const refused = await writer.post(`/media/${amyImage.id}/delete`);
      expect(refused.statusCode).toBe(409);
      expect(refused.body).toContain('cannot be deleted while these posts use it');
      expect(refused.body).toContain(`href="/write/${featured}"`);
      expect(refused.body).toContain(`href="/write/${inBody}"`);
      expect(refused.body).toContain('Uses it in the body');
      // An editor is refused too, and so is a revision that no longer uses it (history keeps it).
      expect((await editor.post(`/media/${amyImage.id}/delete`)).statusCode).toBe(409);
      for (const id of [featured, inBody]) {
        const post = await ctx.deps.store.posts.findById(id);
        await savePost(ctx.deps, actorOf(amy), id, post!.currentRevision, {
          language: 'en',
          slug: post!.slug,
          title: 'No longer uses it',
          body: 'Plain.',
          authorIds: [amy.id],
        });
      }
      expect((await writer.post(`/media/${amyImage.id}/delete`)).statusCode).toBe(409);

      // Unused: a fresh upload goes, with its files.
      const fresh = (
        await upload(ctx.app, writer, {
          name: 'unused.png',
          data: await pngBytes(1000, 600),
          type: 'image/png',
        })
      ).json<{ id: string }>();
      const stored = await ctx.deps.store.media.findById(fresh.id);
      const keys = [stored!.storageKey, ...stored!.variants.map((v) => v.key)];
      expect(keys.length).toBeGreaterThan(1);
      for (const key of keys) await expect(ctx.deps.storage.get(key)).resolves.toBeTruthy();
      const deleted = await writer.post(`/media/${fresh.id}/delete`);
      expect(deleted.statusCode).toBe(303);
      expect(deleted.headers.location).toBe('/media?deleted=unused.png');
      expect(await ctx.deps.store.media.findById(fresh.id)).toBeNull();
      for (const key of keys) await expect(ctx.deps.storage.get(key)).rejects.toThrow();
    });
  });

  describe('minor changes and the prediction of outdated translations', () => {
    let postId: string;
    const paragraphs = [
      'The first paragraph stays as it is.',
      'The second paragraph has a typo: teh end.',
    ];

    const unitIdOf = async (text: string) => {
      const latest = await ctx.deps.store.translations.latestUnitRevision(postId);
      const units = await ctx.deps.store.translations.units(postId, latest!);
      const unit = units.find((u) => u.source === text);
      if (!unit) throw new Error(`no unit "${text}"`);
      return unit.unitId;
    };
    const predicted = async () => {
      const page = await editor.get(`/write/${postId}`);
      return [...page.body.matchAll(/name="minorUnitIds" value="([^"]+)"( checked)?/g)].map(
        (m) => ({ unitId: m[1], checked: m[2] !== undefined }),
      );
    };
    const save = async (body: string, minor = false) => {
      const post = await ctx.deps.store.posts.findById(postId);
      const response = await writer.post(`/write/${postId}`, {
        baseRevision: String(post!.currentRevision),
        language: 'en',
        title: 'Minor changes',
        body,
        authorNames: [amy.username],
        ...(minor ? { minorChange: '1' } : {}),
      });
      expect(response.statusCode).toBe(303);
    };
    const publish = async (minorUnitIds: string[] = []) => {
      expect((await editor.post(`/write/${postId}/publish`, { minorUnitIds })).statusCode).toBe(
        303,
      );
      await runDueJobs(ctx.deps);
    };
    const targetOf = async (unitId: string) => {
      const translation = await ctx.deps.store.translations.findTranslation(postId, 'es');
      return ctx.deps.store.translations.target(translation!.id, unitId);
    };

    beforeAll(async () => {
      const post = await createPost(ctx.deps, actorOf(amy), {
        language: 'en',
        title: 'Minor changes',
        body: paragraphs.join('\n\n'),
        authorIds: [amy.id],
      });
      postId = post.id;
      await publishPost(ctx.deps, actorOf(editorUser), postId);
      const volunteer = actorOf(await buildUser(ctx.deps, ['translator']));
      const data = await openTranslation(ctx.deps, volunteer, postId, 'es');
      for (const unit of data.units) {
        await saveTarget(ctx.deps, volunteer, {
          postId,
          language: 'es',
          unitId: unit.unitId,
          text: `ES ${unit.source}`,
          version: unit.target?.version ?? 0,
          sourceRevision: unit.sourceRevision,
        });
      }
    });

    it('predicts a real change, and not a change reverted before publication', async () => {
      const second = await unitIdOf(paragraphs[1]!);
      await save([paragraphs[0], 'The second paragraph has no typo at the end.'].join('\n\n'));
      expect(await predicted()).toEqual([{ unitId: second, checked: false }]);
      await save(paragraphs.join('\n\n'));
      expect(await predicted()).toEqual([]);
    });

    it('pre-ticks a change every save of which the author flagged minor; publishing keeps translations', async () => {
      const second = await unitIdOf(paragraphs[1]!);
      // Saves flagged minor tick it…
      await save([paragraphs[0], 'The second paragraph has a typo: the end.'].join('\n\n'), true);
      expect(await predicted()).toEqual([{ unitId: second, checked: true }]);
      let page = await editor.get(`/write/${postId}`);
      expect(page.body).toContain('The authors marked this change as minor.');
      // …the checkbox on the author's form is per save: not ticked again.
      page = await writer.get(`/write/${postId}`);
      expect(page.body).not.toMatch(/name="minorChange" value="1" checked/);
      // …an unflagged save touching the same unit does not.
      await save([paragraphs[0], 'The second paragraph has a typo: the end!'].join('\n\n'));
      expect(await predicted()).toEqual([{ unitId: second, checked: false }]);
      // A later minor save of another unit leaves the second unticked, ticks the first.
      const first = await unitIdOf(paragraphs[0]!);
      await save(
        ['The first paragraph stays as it is!', 'The second paragraph has a typo: the end!'].join(
          '\n\n',
        ),
        true,
      );
      expect(await predicted()).toEqual([
        { unitId: first, checked: true },
        { unitId: second, checked: false },
      ]);
      // The editor confirms the first as minor: its translation stays valid, the second outdates.
      await publish([first]);
      expect((await targetOf(first))?.state).toBe('translated');
      expect((await targetOf(second))?.state).toBe('outdated');
    });

    it('does not predict outdated a unit reverted to the text its translation was made from', async () => {
      const second = await unitIdOf('The second paragraph has a typo: the end!');
      // Back to the original second paragraph, which the (now outdated) translation was made
      // from: publishing restores it, so the panel must not offer it as outdated.
      await save(['The first paragraph stays as it is!', paragraphs[1]].join('\n\n'));
      expect(await predicted()).toEqual([]);
      await publish();
      expect((await targetOf(second))?.state).toBe('translated');
    });
  });
});
