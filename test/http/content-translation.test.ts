/**
 * Site content translated in the app, through HTTP on every engine. Outsiders are refused
 * (signed out: 303 to sign-in for pages, 401 for the rest; a reader without the translator role
 * cannot propose; a translator cannot approve; a reviewer never approves their own proposal; a
 * reviewer limited to Spanish cannot review Swahili). Acceptance: a category's name and the
 * featured image's alt text are proposed in Spanish and approved by another reviewer; the
 * post under /es/ shows the Spanish name with lang="es" and the Spanish alt in <img alt> and
 * og:image:alt at once (no stale cached page), while /sw/ still shows the originals; an
 * author's bio translated shows on /es/author/<name>. Markup and over-long texts are refused
 * with a 422 naming the field, the typed text kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserRecord } from '../../src/services/repositories.js';
import { Agent, buildUser, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import { engines } from '../support/databases.js';
import { pathOf, read, writePost } from './reader/reader-support.js';

const CATEGORY = 'Community workshops';
const ALT = 'Volunteers around a table covered in laptops';
const ALT_ES = 'Voluntarios alrededor de una mesa llena de portátiles';
const BIO = 'Librarian in Nairobi, writes about open knowledge.';
const BIO_ES = 'Bibliotecaria en Nairobi, escribe sobre conocimiento abierto.';

function proposalIds(html: string): string[] {
  return [...html.matchAll(/name="id" value="([^"]+)"/g)].map((m) => m[1] ?? '');
}

describe.each(engines())('content translation over HTTP on $name', (engine) => {
  let ctx: TestContext;
  let reader: Agent;
  let translator: Agent;
  let reviewer: Agent;
  let otherReviewer: Agent;
  let spanishReviewer: Agent;
  let author: UserRecord;
  let postPath: string;
  let termId: string;
  let mediaId: string;
  let eventId: string;
  let organizationId: string;
  let organizationSlug: string;

  const anonymous = (method: 'GET' | 'POST', url: string, accept = 'text/html') =>
    ctx.app.inject({ method, url, headers: { accept } });

  /** Approves, as `by`, every pending proposal of `lang` whose text is one of `texts`. */
  async function approve(by: Agent, lang: string, texts: string[]): Promise<void> {
    const queue = await by.get(`/translate/content/${lang}/review`);
    expect(queue.statusCode).toBe(200);
    for (const article of queue.body.split('<article').slice(1)) {
      if (!texts.some((text) => article.includes(text))) continue;
      const [id] = proposalIds(article);
      expect(id).toBeTruthy();
      const done = await by.post(`/translate/content/${lang}/review`, {
        id: id ?? '',
        action: 'approve',
      });
      expect(done.statusCode).toBe(303);
      expect(done.headers.location).toBe(`/translate/content/${lang}/review?done=approved`);
    }
  }

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    const users = {
      reader: await buildUser(ctx.deps, ['reader']),
      translator: await buildUser(ctx.deps, ['translator']),
      reviewer: await buildUser(ctx.deps, ['reviewer']),
      otherReviewer: await buildUser(ctx.deps, ['reviewer']),
      spanishReviewer: await buildUser(ctx.deps, ['reviewer']),
      author: await buildUser(ctx.deps, ['author']),
      editor: await buildUser(ctx.deps, ['editor']),
    };
    await ctx.deps.store.users.setReviewLanguages(users.spanishReviewer.id, ['es']);
    author = users.author;
    await ctx.deps.store.users.updateProfile(author.id, {
      displayName: author.displayName,
      bio: BIO,
      timeZone: 'UTC',
      avatarMediaId: null,
    });
    mediaId = ctx.deps.newId();
    await ctx.deps.store.media.insert({
      id: mediaId,
      kind: 'image',
      mime: 'image/png',
      filename: 'workshop-table.png',
      size: 1234,
      width: 800,
      height: 500,
      storageKey: `media/${mediaId}/workshop-table.png`,
      variants: [],
      alt: ALT,
      uploadedBy: author.id,
      createdAt: new Date().toISOString(),
    });
    eventId = ctx.deps.newId();
    await ctx.deps.store.posts.insertEvent({
      id: eventId,
      slug: `wikimania-${engine.name.replace(/\W/g, '').toLowerCase()}`,
      name: 'Wikimania Nairobi',
      startsOn: '2026-08-06',
      endsOn: '2026-08-09',
      location: 'Nairobi',
      url: null,
      description: 'The yearly gathering of the movement.',
    });
    organizationId = ctx.deps.newId();
    organizationSlug = `chapter-${engine.name.replace(/\W/g, '').toLowerCase()}`;
    await ctx.deps.store.organizations.create({
      id: organizationId,
      slug: organizationSlug,
      name: 'Kenya Chapter',
      kind: 'chapter',
      country: 'KE',
      website: null,
      description: 'Volunteers across Kenya who share knowledge freely.',
      createdAt: new Date().toISOString(),
    });
    const post = await writePost(ctx.deps, users.author, users.editor, {
      language: 'en',
      title: 'A workshop on open knowledge',
      authorIds: [author.id],
      categories: [CATEGORY],
      eventIds: [eventId],
      organizationIds: [organizationId],
      featuredMediaId: mediaId,
      featuredAlt: ALT,
      publishedAt: '2026-03-04T10:00:00.000Z',
    });
    postPath = pathOf(post);
    const term = await ctx.deps.store.posts.findTerm('category', 'community-workshops');
    termId = term?.id ?? '';
    expect(termId).not.toBe('');
    reader = new Agent(ctx.app);
    translator = new Agent(ctx.app);
    reviewer = new Agent(ctx.app);
    otherReviewer = new Agent(ctx.app);
    spanishReviewer = new Agent(ctx.app);
    await reader.signIn(users.reader.username);
    await translator.signIn(users.translator.username);
    await reviewer.signIn(users.reviewer.username);
    await otherReviewer.signIn(users.otherReviewer.username);
    await spanishReviewer.signIn(users.spanishReviewer.username);
  });

  afterAll(async () => {
    await ctx.close();
  });

  it('refuses outsiders on every route', async () => {
    for (const url of [
      '/translate/content',
      '/translate/content/es',
      '/translate/content/es/review',
    ]) {
      const page = await anonymous('GET', url);
      expect(page.statusCode, url).toBe(303);
      expect(page.headers.location).toMatch(/^\/signin\?next=/);
      expect((await anonymous('GET', url, 'application/json')).statusCode, url).toBe(401);
    }
    for (const url of ['/translate/content/es', '/translate/content/es/review'])
      expect((await anonymous('POST', url)).statusCode, url).toBe(401);

    // A signed-in reader without the translator role: no page, no proposal.
    expect((await reader.get('/translate/content')).statusCode).toBe(403);
    expect((await reader.get('/translate/content/es?kind=term')).statusCode).toBe(403);
    const proposal = await reader.post('/translate/content/es?kind=term', {
      subjectId: termId,
      field: 'name',
      text: 'Talleres del lector',
    });
    expect(proposal.statusCode).toBe(403);

    // A translator may propose, not review.
    expect((await translator.get('/translate/content/es/review')).statusCode).toBe(403);
    const approve = await translator.post('/translate/content/es/review', {
      id: 'anything',
      action: 'approve',
    });
    expect(approve.statusCode).toBe(403);

    // Forms carry the CSRF token.
    const forged = await translator.post(
      '/translate/content/es?kind=term',
      { subjectId: termId, field: 'name', text: 'Talleres falsos' },
      { withCsrf: false },
    );
    expect(forged.statusCode).toBe(403);
    // The default language is the originals', not a target; unknown languages are not offered.
    expect((await translator.get('/translate/content/en')).statusCode).toBe(404);
    expect((await translator.get('/translate/content/xx')).statusCode).toBe(404);
    expect(await ctx.deps.store.content.listPending('es')).toEqual([]);
  });

  it('lists the target languages with a completion bar per kind, linked from the hub', async () => {
    const page = await translator.get('/translate/content');
    expect(page.statusCode).toBe(200);
    for (const tag of ['es', 'ar', 'sw', 'de', 'sr-Cyrl'])
      expect(page.body).toContain(`href="/translate/content/${tag}"`);
    expect(page.body).not.toContain('href="/translate/content/en"');
    expect(page.body).toContain('href="/translate/content/es?kind=media"');
    expect(page.body).toMatch(/<progress max="\d+" value="0"/);
    expect(page.body).not.toContain('/review'); // a translator is not offered the review
    expect((await translator.get('/translate')).body).toContain('href="/translate/content"');
    const terms = await translator.get('/translate/content/es?kind=term');
    expect(terms.statusCode).toBe(200);
    expect(terms.body).toContain(CATEGORY);
    expect(terms.body).toContain(`name="subjectId" value="${termId}"`);
  });

  it('counts each kind in the database exactly as its listing lists it', async () => {
    for (const kind of ['term', 'event', 'organization', 'user', 'media'] as const) {
      const listed = await ctx.deps.store.content.listSources(kind, 1_000, 0);
      const fields = listed.reduce((sum, source) => sum + source.fields.length, 0);
      expect(listed.length, kind).toBeGreaterThan(0);
      expect(await ctx.deps.store.content.countSources(kind), kind).toEqual({
        subjects: listed.length,
        fields,
      });
    }
  });

  it('refuses markup and over-long texts with a 422 naming the field, keeping the text', async () => {
    const markup = await translator.post('/translate/content/es?kind=term', {
      subjectId: termId,
      field: 'name',
      text: '<b>Talleres</b>',
    });
    expect(markup.statusCode).toBe(422);
    expect(markup.body).toContain('Name: plain text only');
    expect(markup.body).toContain('value="&lt;b>Talleres&lt;/b>"');
    const long = await translator.post('/translate/content/es?kind=media', {
      subjectId: mediaId,
      field: 'alt',
      text: 'x'.repeat(501),
    });
    expect(long.statusCode).toBe(422);
    expect(long.body).toContain('Alt text: at most 500 characters.');
    expect(await ctx.deps.store.content.listPending('es')).toEqual([]);
  });

  it('a reviewer never approves their own proposal; one limited to es cannot review sw', async () => {
    const own = await reviewer.post('/translate/content/sw?kind=term', {
      subjectId: termId,
      field: 'name',
      text: 'Warsha za jamii',
    });
    expect(own.statusCode).toBe(303);
    const [pending] = await ctx.deps.store.content.listPending('sw');
    expect(pending?.text).toBe('Warsha za jamii');
    expect(await ctx.deps.store.content.countPending('sw')).toBe(1);
    expect(await ctx.deps.store.content.countPending('de')).toBe(0);
    const overview = (await reviewer.get('/translate/content')).body;
    const swahili = overview.slice(overview.indexOf('href="/translate/content/sw"') - 1500);
    expect(swahili).toContain('1 proposal waiting');
    const queue = await reviewer.get('/translate/content/sw/review');
    expect(queue.body).toContain('You wrote this proposal');
    expect(proposalIds(queue.body)).toEqual([]);
    const self = await reviewer.post('/translate/content/sw/review', {
      id: pending?.id ?? '',
      action: 'approve',
    });
    expect(self.statusCode).toBe(403);
    expect((await spanishReviewer.get('/translate/content/sw/review')).statusCode).toBe(403);
    const limited = await spanishReviewer.post('/translate/content/sw/review', {
      id: pending?.id ?? '',
      action: 'approve',
    });
    expect(limited.statusCode).toBe(403);
    expect((await ctx.deps.store.content.findById(pending?.id ?? ''))?.status).toBe('pending');
    // Rejected by another reviewer of Swahili: kept, never shown.
    const rejected = await otherReviewer.post('/translate/content/sw/review', {
      id: pending?.id ?? '',
      action: 'reject',
    });
    expect(rejected.statusCode).toBe(303);
    expect((await ctx.deps.store.content.findById(pending?.id ?? ''))?.status).toBe('rejected');
  });

  it('a Spanish category name and featured alt, approved, show on /es/ while /sw/ keeps the originals', async () => {
    const esPath = postPath.replace(/^\/en\//, '/es/');
    const swPath = postPath.replace(/^\/en\//, '/sw/');
    const before = await read(ctx.app, esPath);
    expect(before.statusCode).toBe(200); // cached now: the approval must drop it
    expect(before.body).toContain(`alt="${ALT}"`);

    for (const [kind, subjectId, field, text] of [
      ['term', termId, 'name', 'Talleres comunitarios'],
      ['media', mediaId, 'alt', ALT_ES],
    ] as const) {
      const proposed = await translator.post(`/translate/content/es?kind=${kind}`, {
        subjectId,
        field,
        text,
      });
      expect(proposed.statusCode).toBe(303);
      expect(proposed.headers.location).toContain(`/translate/content/es?kind=${kind}`);
      expect(proposed.headers.location).toContain('done=proposed');
    }
    await approve(spanishReviewer, 'es', ['Talleres comunitarios', ALT_ES]);
    // A second approval of an approved proposal is a conflict.
    const approved = await ctx.deps.store.content.findApproved('term', termId, 'name', 'es');
    expect(approved?.text).toBe('Talleres comunitarios');
    expect(approved?.sourceText).toBe(CATEGORY);
    const again = await otherReviewer.post('/translate/content/es/review', {
      id: approved?.id ?? '',
      action: 'approve',
    });
    expect(again.statusCode).toBe(409);

    const es = await read(ctx.app, esPath);
    expect(es.statusCode).toBe(200);
    expect(es.body).toContain('<bdi lang="es" dir="ltr">Talleres comunitarios</bdi>');
    expect(es.body).toContain(`alt="${ALT_ES}"`);
    expect(es.body).toMatch(new RegExp(`<meta property="og:image:alt" content="${ALT_ES}"`));
    expect(es.body).not.toContain(`alt="${ALT}"`);
    // The category archive under /es/ is named in Spanish too.
    const archive = await read(ctx.app, '/es/category/community-workshops');
    expect(archive.statusCode).toBe(200);
    expect(archive.body).toContain('Talleres comunitarios');

    const sw = await read(ctx.app, swPath);
    expect(sw.statusCode).toBe(200);
    expect(sw.body).toContain(`<bdi lang="en" dir="ltr">${CATEGORY}</bdi>`);
    expect(sw.body).toContain(`alt="${ALT}"`);
    expect(sw.body).toMatch(new RegExp(`<meta property="og:image:alt" content="${ALT}"`));
    expect(sw.body).not.toContain('Talleres comunitarios');
    // The item list shows the approved text as current.
    const list = await translator.get('/translate/content/es?kind=term');
    expect(list.body).toContain('<dd lang="es" dir="auto">Talleres comunitarios</dd>');
  });

  it("an author's bio translated into Spanish shows on /es/author/<name>", async () => {
    const url = `/es/author/${encodeURIComponent(author.username)}`;
    const before = await read(ctx.app, url);
    expect(before.statusCode).toBe(200);
    expect(before.body).toContain(`<p lang="en" dir="ltr">${BIO}</p>`);
    const proposed = await translator.post('/translate/content/es?kind=user', {
      subjectId: author.id,
      field: 'bio',
      text: BIO_ES,
    });
    expect(proposed.statusCode).toBe(303);
    await approve(otherReviewer, 'es', [BIO_ES]);
    const es = await read(ctx.app, url);
    expect(es.body).toContain(`<p lang="es" dir="ltr">${BIO_ES}</p>`);
    const sw = await read(ctx.app, `/sw/author/${encodeURIComponent(author.username)}`);
    expect(sw.body).toContain(`<p lang="en" dir="ltr">${BIO}</p>`);
  });

  it("an event's name and description, an organization's description and a card's alt follow the page's language", async () => {
    const texts: [kind: string, id: string, field: string, text: string][] = [
      ['event', eventId, 'name', 'Wikimania Nairobi (en español)'],
      ['event', eventId, 'description', 'El encuentro anual del movimiento.'],
      [
        'organization',
        organizationId,
        'description',
        'Voluntarios de todo Kenia que comparten saberes.',
      ],
    ];
    for (const [kind, subjectId, field, text] of texts) {
      const proposed = await translator.post(`/translate/content/es?kind=${kind}`, {
        subjectId,
        field,
        text,
      });
      expect(proposed.statusCode, `${kind} ${field}`).toBe(303);
    }
    await approve(
      otherReviewer,
      'es',
      texts.map(([, , , text]) => text),
    );
    const post = await read(ctx.app, postPath.replace(/^\/en\//, '/es/'));
    expect(post.body).toContain('<bdi lang="es" dir="ltr">Wikimania Nairobi (en español)</bdi>');
    const slug = `wikimania-${engine.name.replace(/\W/g, '').toLowerCase()}`;
    const event = await read(ctx.app, `/es/event/${slug}`);
    expect(event.statusCode).toBe(200);
    expect(event.body).toContain('Wikimania Nairobi (en español)');
    expect(event.body).toContain('<p lang="es" dir="ltr">El encuentro anual del movimiento.</p>');
    const swEvent = await read(ctx.app, `/sw/event/${slug}`);
    expect(swEvent.body).toContain(
      '<p lang="en" dir="ltr">The yearly gathering of the movement.</p>',
    );
    const organization = await read(ctx.app, `/es/organization/${organizationSlug}`);
    expect(organization.statusCode).toBe(200);
    expect(organization.body).toContain('Voluntarios de todo Kenia que comparten saberes.');
    expect(organization.body).not.toContain('Volunteers across Kenya');
    // The post's card on the Spanish home page shows the Spanish alt, marked as Spanish.
    const home = await read(ctx.app, '/es/');
    expect(home.body).toContain(`<span lang="es" dir="ltr"><img`);
    expect(home.body).toContain(`alt="${ALT_ES}"`);
  });
});
