/**
 * The interface translated in the app, through HTTP on every engine. Outsiders are refused
 * (signed out: 303 to sign-in for pages, 401 for the rest; a reader without the translator role
 * cannot propose; a translator cannot approve or export; a reviewer never approves their own
 * proposal). Acceptance: a volunteer proposes ten Swahili messages, one a plural; another
 * reviewer approves them; the Swahili home page shows every approved text at once (no restart,
 * no stale cached page). A text that drops a placeholder, and an Arabic plural without `few`,
 * are refused with a 422 naming the problem and keeping the typed text; the export holds the
 * approved texts; a second approval of the same proposal is a conflict; a restart loads the
 * approved texts from the database.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interfaceCatalog } from '../../src/i18n/overrides.js';
import { translator as interfaceTranslator } from '../../src/i18n/translator.js';
import { loadInterfaceOverrides } from '../../src/services/interface/load-interface-overrides.service.js';
import { Agent, buildUser, startTestApp } from '../support/app.js';
import type { TestContext } from '../support/app.js';
import { engines } from '../support/databases.js';

/** Ten Swahili texts for messages of the home page and its chrome; the last is a plural. */
const SWAHILI: [key: string, text: string, shown: string][] = [
  ['common.nav.home', 'Nyumbani kwetu', 'Nyumbani kwetu'],
  ['common.nav.signIn', 'Ingia sasa', 'Ingia sasa'],
  ['common.skipToContent', 'Ruka hadi maudhui kuu', 'Ruka hadi maudhui kuu'],
  ['common.search.label', 'Tafuta makala zetu', 'Tafuta makala zetu'],
  ['common.search.submit', 'Tafuta sasa', 'Tafuta sasa'],
  ['common.languageMenu.label', 'Chagua lugha', 'Chagua lugha'],
  ['common.nav.label', 'Tovuti yetu', 'aria-label="Tovuti yetu"'],
  ['reader.home.title', 'Makala mapya kabisa', 'Makala mapya kabisa'],
  ['reader.home.empty', 'Bado hakuna kilichochapishwa hapa.', 'Bado hakuna kilichochapishwa hapa.'],
  [
    'reader.listing.count',
    '{count, plural, =0 {Hakuna makala bado} one {Makala # tu} other {Makala # kwa jumla}}',
    'Hakuna makala bado',
  ],
];

const ARABIC_WITHOUT_FEW =
  '{count, plural, =0 {لا مقالات} zero {لا مقالات} one {مقالة واحدة} two {مقالتان} many {# مقالة} other {# مقالة}}';

function proposalIds(html: string): string[] {
  return [...html.matchAll(/name="id" value="([^"]+)"/g)].map((m) => m[1] ?? '');
}

describe.each(engines())('interface translation over HTTP on $name', (engine) => {
  let ctx: TestContext;
  let reader: Agent;
  let translator: Agent;
  let reviewer: Agent;
  let otherReviewer: Agent;

  const anonymous = (method: 'GET' | 'POST', url: string, accept = 'text/html') =>
    ctx.app.inject({ method, url, headers: { accept } });

  beforeAll(async () => {
    ctx = await startTestApp(engine);
    const users = {
      reader: await buildUser(ctx.deps, ['reader']),
      translator: await buildUser(ctx.deps, ['translator']),
      reviewer: await buildUser(ctx.deps, ['reviewer']),
      otherReviewer: await buildUser(ctx.deps, ['reviewer']),
    };
    reader = new Agent(ctx.app);
    translator = new Agent(ctx.app);
    reviewer = new Agent(ctx.app);
    otherReviewer = new Agent(ctx.app);
    await reader.signIn(users.reader.username);
    await translator.signIn(users.translator.username);
    await reviewer.signIn(users.reviewer.username);
    await otherReviewer.signIn(users.otherReviewer.username);
  });

  afterAll(async () => {
    await ctx.close();
  });

  it('refuses outsiders on every route', async () => {
    for (const url of [
      '/translate/interface',
      '/translate/interface/sw',
      '/translate/interface/sw/review',
      '/translate/interface/sw/export.json',
    ]) {
      const page = await anonymous('GET', url);
      expect(page.statusCode, url).toBe(303);
      expect(page.headers.location).toMatch(/^\/signin\?next=/);
      expect((await anonymous('GET', url, 'application/json')).statusCode, url).toBe(401);
    }
    for (const url of ['/translate/interface/sw', '/translate/interface/sw/review'])
      expect((await anonymous('POST', url)).statusCode, url).toBe(401);

    // A signed-in reader without the translator role: no page, no proposal.
    expect((await reader.get('/translate/interface')).statusCode).toBe(403);
    expect((await reader.get('/translate/interface/sw')).statusCode).toBe(403);
    const proposal = await reader.post('/translate/interface/sw', {
      key: 'reader.home.title',
      text: 'Makala ya msomaji',
    });
    expect(proposal.statusCode).toBe(403);

    // A translator may propose, but neither review nor export.
    expect((await translator.get('/translate/interface/sw/review')).statusCode).toBe(403);
    expect((await translator.get('/translate/interface/sw/export.json')).statusCode).toBe(403);
    const approve = await translator.post('/translate/interface/sw/review', {
      id: 'anything',
      action: 'approve',
    });
    expect(approve.statusCode).toBe(403);

    // Forms carry the CSRF token.
    const forged = await translator.post(
      '/translate/interface/sw',
      { key: 'reader.home.title', text: 'Makala bandia' },
      { withCsrf: false },
    );
    expect(forged.statusCode).toBe(403);
    // English is the source, not a target; unknown languages are not offered.
    expect((await translator.get('/translate/interface/en')).statusCode).toBe(404);
    expect((await translator.get('/translate/interface/xx')).statusCode).toBe(404);
  });

  it('lists the site languages except English with their completion', async () => {
    const page = await translator.get('/translate/interface');
    expect(page.statusCode).toBe(200);
    for (const tag of ['es', 'ar', 'sw', 'de', 'sr-Cyrl'])
      expect(page.body).toContain(`href="/translate/interface/${tag}"`);
    expect(page.body).not.toContain('href="/translate/interface/en"');
    expect(page.body).toMatch(/<progress max="\d+" value="\d+"/);
    expect(page.body).not.toContain('/review'); // a translator is not offered the review
    const hub = await translator.get('/translate');
    expect(hub.body).toContain('href="/translate/interface"');
  });

  it('a volunteer proposes ten Swahili messages, a reviewer approves them, /sw/ shows them at once', async () => {
    const before = await anonymous('GET', '/sw/');
    expect(before.statusCode).toBe(200);
    for (const [, , shown] of SWAHILI) expect(before.body).not.toContain(shown);

    for (const [key, text] of SWAHILI) {
      const response = await translator.post('/translate/interface/sw', { key, text });
      expect(response.statusCode, key).toBe(303);
      expect(response.headers.location).toBe(`/translate/interface/sw?done=proposed#m-${key}`);
    }
    const proposed = await translator.get('/translate/interface/sw?state=proposed');
    expect(proposed.body).toContain('Makala mapya kabisa');
    // Proposals are not live yet.
    expect((await anonymous('GET', '/sw/')).body).not.toContain('Makala mapya kabisa');

    const queue = await reviewer.get('/translate/interface/sw/review');
    expect(queue.statusCode).toBe(200);
    const ids = proposalIds(queue.body);
    expect(ids).toHaveLength(SWAHILI.length);
    for (const id of ids) {
      const response = await reviewer.post('/translate/interface/sw/review', {
        id,
        action: 'approve',
      });
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe('/translate/interface/sw/review?done=approved');
    }

    const after = await anonymous('GET', '/sw/');
    expect(after.statusCode).toBe(200);
    for (const [key, , shown] of SWAHILI) expect(after.body, key).toContain(shown);
    // The plural is formatted with the approved text (0 posts: the exact =0 branch).
    expect(after.body).toContain('Hakuna makala bado');
    // Other languages keep their catalogs.
    expect((await anonymous('GET', '/es/')).body).not.toContain('Nyumbani kwetu');

    const approved = await translator.get('/translate/interface/sw?state=approved');
    for (const [, text] of SWAHILI.slice(0, 9)) expect(approved.body).toContain(text);

    // A second approval of the same proposal loses cleanly.
    const again = await reviewer.post('/translate/interface/sw/review', {
      id: ids[0] ?? '',
      action: 'approve',
    });
    expect(again.statusCode).toBe(409);
  });

  it('refuses a text that drops a placeholder, naming it and keeping the typed text', async () => {
    const typed = 'Makala za mwandishi wetu';
    const response = await translator.post('/translate/interface/sw', {
      key: 'reader.listing.author',
      text: typed,
    });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('The placeholder {name} is missing.');
    expect(response.body).toContain(`>${typed}</textarea>`);
  });

  it('refuses an Arabic plural lacking a CLDR category, naming it', async () => {
    const response = await translator.post('/translate/interface/ar', {
      key: 'reader.listing.count',
      text: ARABIC_WITHOUT_FEW,
    });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('The plural of {count} lacks the category few.');
    // The refusal speaks the volunteer's interface language.
    translator.cookies.set('pp_lang', 'sw');
    try {
      const inSwahili = await translator.post('/translate/interface/sw', {
        key: 'reader.listing.author',
        text: 'Makala',
      });
      expect(inSwahili.statusCode).toBe(422);
      expect(inSwahili.body).toContain('Kishikilia nafasi {name} kinakosekana.');
    } finally {
      translator.cookies.delete('pp_lang');
    }
  });

  it('a reviewer cannot approve their own proposal; another reviewer can', async () => {
    const proposed = await reviewer.post('/translate/interface/sw', {
      key: 'common.footer.about',
      text: '{siteName} — blogu ya jumuiya ya lugha nyingi.',
    });
    expect(proposed.statusCode).toBe(303);
    const own = await reviewer.get('/translate/interface/sw/review');
    expect(own.body).toContain('Your own proposal: another reviewer decides on it.');
    expect(proposalIds(own.body)).toHaveLength(0);
    const queue = await otherReviewer.get('/translate/interface/sw/review');
    const ids = proposalIds(queue.body);
    expect(ids).toHaveLength(1);
    const self = await reviewer.post('/translate/interface/sw/review', {
      id: ids[0] ?? '',
      action: 'approve',
    });
    expect(self.statusCode).toBe(403);
    const other = await otherReviewer.post('/translate/interface/sw/review', {
      id: ids[0] ?? '',
      action: 'approve',
    });
    expect(other.statusCode).toBe(303);
    expect((await anonymous('GET', '/sw/')).body).toContain('blogu ya jumuiya ya lugha nyingi');
  });

  it('a rejected proposal stays out of the site', async () => {
    await translator.post('/translate/interface/sw', {
      key: 'reader.home.title',
      text: 'Makala yasiyokubaliwa',
    });
    const ids = proposalIds((await reviewer.get('/translate/interface/sw/review')).body);
    expect(ids).toHaveLength(1);
    const rejected = await reviewer.post('/translate/interface/sw/review', {
      id: ids[0] ?? '',
      action: 'reject',
      comment: 'Maneno ya awali ni bora',
    });
    expect(rejected.statusCode).toBe(303);
    const home: LightMyRequestResponse = await anonymous('GET', '/sw/');
    expect(home.body).not.toContain('Makala yasiyokubaliwa');
    expect(home.body).toContain('Makala mapya kabisa');
  });

  it('exports a language grouped by area, with the approved texts', async () => {
    const response = await reviewer.get('/translate/interface/sw/export.json');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers['content-disposition']).toContain('interface.sw.json');
    const exported = JSON.parse(response.body) as Record<string, Record<string, string>>;
    expect(exported.common?.['common.nav.home']).toBe('Nyumbani kwetu');
    expect(exported.reader?.['reader.listing.count']).toBe(SWAHILI[9]?.[1]);
    // Shipped texts that no volunteer changed are there too.
    expect(exported.reader?.['reader.listing.author']).toBe('Machapisho ya {name}');
    expect(Object.keys(exported)).toContain('l10n');
  });

  it('a restart loads the approved texts from the database', async () => {
    interfaceCatalog.replaceAll([]); // a new process knows nothing yet
    expect(interfaceTranslator('sw').t('reader.home.title')).toBe('Machapisho ya hivi karibuni');
    const loaded = await loadInterfaceOverrides(ctx.deps, interfaceCatalog);
    expect(loaded).toEqual({ applied: SWAHILI.length + 1, skipped: 0, changed: true });
    expect(interfaceTranslator('sw').t('reader.home.title')).toBe('Makala mapya kabisa');
  });
});
