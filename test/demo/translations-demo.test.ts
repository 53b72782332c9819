/**
 * The demo shows translation on first start (every engine): the joint post published in Spanish
 * (every unit reviewed, the later edit of the original already taken in) and in Swahili (about
 * half, published under the demo's policy of partial translations from 50 %), where, once the
 * job runner has run, exactly the edited unit is outdated with the change shown to readers.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/connection.js';
import { loadDemoAssets } from '../../src/demo/assets.js';
import { runDueJobs } from '../../src/jobs/runner.js';
import { DEMO_EDIT } from '../../src/services/demo/demo-translations.js';
import { seedDemo } from '../../src/services/demo/seed-demo.service.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { getPublishedPost } from '../../src/services/posts/read-post.service.js';
import { searchPosts } from '../../src/services/reader/search.service.js';
import type { PostRecord, TargetRecord } from '../../src/services/repositories.js';
import { testDeps } from '../support/app.js';
import { engines } from '../support/databases.js';

describe.each(engines())('the demo translations on $name', (engine) => {
  let handle: DatabaseHandle;
  let mediaDir: string;
  let deps: ServiceDeps;
  let joint: PostRecord;

  async function targetsOf(language: string): Promise<TargetRecord[]> {
    const translation = await deps.store.translations.findTranslation(joint.id, language);
    expect(translation?.status, language).toBe('published');
    return deps.store.translations.targets([translation?.id ?? '']);
  }

  beforeAll(async () => {
    handle = await engine.open();
    mediaDir = await mkdtemp(join(tmpdir(), 'polyphony-demo-'));
    const base = testDeps(handle.db, mediaDir);
    deps = {
      ...base,
      clock: { now: () => new Date('2026-11-25T10:00:00Z') },
      settings: { ...base.settings, maxUploadBytes: 20 * 1_048_576 },
    };
    await seedDemo(deps, await loadDemoAssets(), { adminPassword: 'correct horse battery' });
    const found = await deps.store.posts.findBySlug('en', 'four-continents-one-playbook');
    if (!found) throw new Error('the joint post is missing');
    joint = found;
  });

  afterAll(async () => {
    await handle.close();
    await rm(mediaDir, { recursive: true, force: true });
  });

  it('publishes the Spanish translation whole and reviewed, the edit taken in', async () => {
    const units = await deps.store.translations.units(joint.id, joint.publishedRevision ?? 0);
    expect(units.length).toBe(49);
    const targets = await targetsOf('es');
    expect(targets).toHaveLength(units.length);
    expect(targets.every((t) => t.state === 'reviewed')).toBe(true);
    const edited = units.find((u) => u.source.includes(DEMO_EDIT.after));
    const spanish = targets.find((t) => t.unitId === edited?.unitId);
    expect(spanish?.text).toContain(DEMO_EDIT.spanishAfter);
  });

  it('publishes about half of the Swahili translation, reviewed', async () => {
    const targets = await targetsOf('sw');
    expect(targets).toHaveLength(25);
    expect(targets.every((t) => t.state === 'reviewed')).toBe(true);
  });

  it('marks exactly the edited unit outdated in Swahili once the job runner ran', async () => {
    await runDueJobs(deps);
    const units = await deps.store.translations.units(joint.id, joint.publishedRevision ?? 0);
    const edited = units.find((u) => u.source.includes(DEMO_EDIT.after));
    const swahili = await targetsOf('sw');
    expect(swahili.filter((t) => t.state === 'outdated').map((t) => t.unitId)).toEqual([
      edited?.unitId,
    ]);
    expect((await targetsOf('es')).every((t) => t.state === 'reviewed')).toBe(true);

    const translation = await deps.store.translations.findTranslation(joint.id, 'sw');
    const page = await getPublishedPost(deps, 'sw', '2026-10-14', translation?.slug ?? '');
    if ('redirect' in page) throw new Error(`redirected to ${page.redirect}`);
    const es = page.view.versions.find((v) => v.language === 'es');
    const sw = page.view.versions.find((v) => v.language === 'sw');
    expect(es?.completion).toBe(1);
    // The outdated unit no longer counts as translated.
    expect(sw?.completion).toBeCloseTo(24 / 49, 5);
  });

  it('finds the Spanish translation, not its original, when searching in Spanish', async () => {
    const spanish = await searchPosts(deps, { language: 'es', text: 'editatones', page: 1 });
    const hit = spanish.results.find((r) => r.postId === joint.id);
    expect(hit?.language).toBe('es');
    expect(hit?.path).toMatch(/^\/es\/2026\/10\/14\//);
    const summit = await searchPosts(deps, { language: 'es', text: 'Summit', page: 1 });
    expect(summit.results.filter((r) => r.postId === joint.id).map((r) => r.language)).toEqual([
      'es',
    ]);
    // Under /ar/ (no Arabic translation) the English original is found.
    const arabic = await searchPosts(deps, { language: 'ar', text: 'Summit', page: 1 });
    expect(arabic.results.filter((r) => r.postId === joint.id).map((r) => r.language)).toEqual([
      'en',
    ]);
  });
});
