import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/connection.js';
import { loadDemoAssets } from '../../src/demo/assets.js';
import { signIn } from '../../src/services/auth/auth.service.js';
import { seedDemo } from '../../src/services/demo/seed-demo.service.js';
import type { DemoResult } from '../../src/services/demo/seed-demo.service.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import type { MailMessage } from '../../src/services/ports.js';
import { getPublishedPost } from '../../src/services/posts/read-post.service.js';
import { testDeps } from '../support/app.js';
import { engines } from '../support/databases.js';

describe.each(engines())('seedDemo on $name', (engine) => {
  let handle: DatabaseHandle;
  let mediaDir: string;
  let deps: ServiceDeps;
  let result: DemoResult;
  const sent: MailMessage[] = [];

  beforeAll(async () => {
    handle = await engine.open();
    mediaDir = await mkdtemp(join(tmpdir(), 'polyphony-demo-'));
    // The real adapters (argon2, Markdown, filesystem, sharp); 20 MiB uploads, a fixed clock.
    const base = testDeps(handle.db, mediaDir, sent);
    deps = {
      ...base,
      clock: { now: () => new Date('2026-11-25T10:00:00Z') },
      settings: { ...base.settings, maxUploadBytes: 20 * 1_048_576 },
    };
    result = await seedDemo(deps, await loadDemoAssets(), {
      adminPassword: 'correct horse battery',
    });
  });

  afterAll(async () => {
    await handle.close();
    await rm(mediaDir, { recursive: true, force: true });
  });

  it('creates six organizations on three continents', async () => {
    const orgs = await deps.store.organizations.list();
    expect(orgs.map((o) => o.country).sort()).toEqual(['AR', 'DE', 'KE', 'RS', 'TZ', 'UG']);
    expect(orgs.every((o) => o.website?.startsWith('https://'))).toBe(true);
    expect(orgs.map((o) => o.name)).toContain('Слободно знање Србија');
  });

  it('creates the admin, an editor and nine authors in three time zones, each in an organization', async () => {
    expect(result.adminUsername).toBe('admin');
    const users = await deps.store.users.listAll();
    expect(users).toHaveLength(11);
    const admin = users.find((u) => u.username === 'admin');
    expect(admin?.displayName).toBe('Site Admin');
    expect(admin?.roles).toEqual(['admin']);
    expect(users.filter((u) => u.roles.includes('editor'))).toHaveLength(1);
    const authors = users.filter((u) => u.roles.includes('author'));
    expect(authors).toHaveLength(9);
    const offsets = new Set(
      authors.map(
        (u) =>
          new Intl.DateTimeFormat('en', { timeZone: u.timeZone, timeZoneName: 'shortOffset' })
            .formatToParts(new Date('2026-10-14T09:00:00Z'))
            .find((p) => p.type === 'timeZoneName')?.value,
      ),
    );
    expect(offsets.size).toBe(3);
    expect(authors.some((u) => /\p{Script=Cyrillic}/u.test(u.displayName))).toBe(true);
    for (const author of authors) {
      expect(await deps.store.organizations.memberships(author.id)).toHaveLength(1);
    }
    expect(users.filter((u) => u.roles.includes('author'))).not.toContainEqual(admin);
  });

  it('tells the invented people at the bell but queues no e-mail to their invented addresses', async () => {
    const jobs = await handle.db
      .selectFrom('jobs')
      .select('kind')
      .where('kind', '=', 'send-notification-email')
      .execute();
    expect(jobs).toEqual([]);
    const lucia = (await deps.store.users.listAll()).find((u) => u.username === 'lucia');
    expect(lucia).toBeDefined();
    const notices = await deps.store.notifications.listForUser(lucia?.id ?? '', 0, 20);
    expect(notices.map((n) => n.kind)).toContain('post_published');
    expect(notices.every((n) => n.emailState === 'none')).toBe(true);
    expect(await deps.store.notifications.isOptedOut(lucia?.id ?? '', 'digest')).toBe(true);
  });

  it('signs the admin in with the given password, and no persona with a guessable one', async () => {
    await expect(signIn(deps, 'admin', 'correct horse battery')).resolves.toMatchObject({
      user: { username: 'admin' },
    });
    await expect(signIn(deps, 'lucia', 'correct horse battery')).rejects.toThrow();
    expect(sent).toEqual([]);
  });

  it('publishes the joint post at its permalink with six authors, six organizations and the event', async () => {
    expect(result.featuredPostPath).toBe('/en/2026/10/14/four-continents-one-playbook');
    const found = await getPublishedPost(deps, 'en', '2026-10-14', 'four-continents-one-playbook');
    if (!('view' in found)) throw new Error(`redirected to ${found.redirect}`);
    const { view } = found;
    expect(view.path).toBe(result.featuredPostPath);
    expect(view.post.publishedAt).toBe('2026-10-14T09:00:00.000Z');
    expect(view.authors.map((a) => a.displayName)).toEqual([
      'Lucía Fernández',
      'Wanjiru Kamau',
      'Baraka Mwakyusa',
      'Grace Nakato',
      'Jonas Weißmann',
      'Милица Јовановић',
    ]);
    expect(view.organizations.map((o) => o.country)).toEqual(['AR', 'KE', 'TZ', 'UG', 'DE', 'RS']);
    expect(view.events.map((e) => e.name)).toEqual(['Open Knowledge Summit 2026']);
    expect(view.tags.map((t) => t.slug).sort()).toEqual([
      'collaboration',
      'edit-a-thon',
      'playbook',
    ]);
    expect(view.categories.map((c) => c.name)).toEqual(['Community']);
    expect(view.featured?.kind).toBe('image');
    expect(view.revision.featuredAlt).not.toBe('');

    const html = view.bodyHtml;
    expect(html).toContain('data-embed-provider="youtube"');
    expect(html).toContain('Play video from 2:12:30');
    expect(html).toContain('starts at 2:12:30');
    expect(html).not.toContain('<iframe');
    expect(html).toMatch(/<a [^>]*>The Shared Edit-a-thon Playbook \(PDF\)/);
    expect(html).toMatch(/PDF, \d+(\.\d)? KB/);
    expect(html).toContain('<figcaption>');
    expect(html).toContain('<strong>');
    expect(html).toContain('href="https://summit.example.org"');
    expect(html.match(/<h3/g)).toHaveLength(6);
    expect(html).not.toContain('Missing attachment');
    const body = await deps.store.posts.revision(view.post.id, view.revision.number);
    const words = body!.bodyMarkdown.split(/\s+/).length;
    expect(words).toBeGreaterThan(900);
  });

  it('publishes posts in Spanish, Swahili, German and Serbian Cyrillic, and leaves a draft and a submitted post', async () => {
    expect(result.posts).toBe(7);
    const published = await deps.store.posts.listPublished({}, 20, 0);
    expect(published.map((s) => s.post.sourceLanguage).sort()).toEqual([
      'de',
      'en',
      'es',
      'sr-Cyrl',
      'sw',
    ]);
    for (const { post } of published) {
      expect(post.publishedAt! >= '2026-09-01' && post.publishedAt! < '2026-11-20').toBe(true);
      const found = await getPublishedPost(
        deps,
        post.sourceLanguage,
        post.publishedAt!.slice(0, 10),
        post.slug,
      );
      expect('view' in found).toBe(true);
    }
    const serbian = published.find((s) => s.post.sourceLanguage === 'sr-Cyrl');
    expect(serbian?.post.slug).toBe('сеоске-цркве-шумадије-како-смо-писали-заједно');
    expect(serbian?.revision.metadata.authorIds).toHaveLength(2);
    expect(
      (await deps.store.posts.listByStatus(['draft'])).map((s) => s.revision.title),
    ).toHaveLength(1);
    expect(
      (await deps.store.posts.listByStatus(['submitted'])).map((s) => s.revision.title),
    ).toEqual(['Thirty days later: who is still editing after our Kampala edit-a-thon?']);
  });
});
