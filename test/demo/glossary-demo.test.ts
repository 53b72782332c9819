/**
 * The demo's English → Spanish glossary: seeded with the demo by its editor, and its terms
 * are found in the joint post's units, so the translation editor has terms to highlight.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/connection.js';
import { loadDemoAssets } from '../../src/demo/assets.js';
import { seedDemo } from '../../src/services/demo/seed-demo.service.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { glossaryMatches } from '../../src/services/glossary/glossary-matches.service.js';
import { testDeps } from '../support/app.js';
import { engines } from '../support/databases.js';

describe.each(engines())('the demo glossary on $name', (engine) => {
  let handle: DatabaseHandle;
  let mediaDir: string;
  let deps: ServiceDeps;

  beforeAll(async () => {
    handle = await engine.open();
    mediaDir = await mkdtemp(join(tmpdir(), 'polyphony-demo-glossary-'));
    const base = testDeps(handle.db, mediaDir);
    deps = {
      ...base,
      clock: { now: () => new Date('2026-11-25T10:00:00Z') },
      settings: { ...base.settings, maxUploadBytes: 20 * 1_048_576 },
    };
    await seedDemo(deps, await loadDemoAssets(), { adminPassword: 'correct horse battery' });
  });
  afterAll(async () => {
    await handle.close();
    await rm(mediaDir, { recursive: true, force: true });
  });

  it('has the en→es terms, added by the demo editor', async () => {
    const terms = await deps.store.glossary.list(
      { sourceLanguage: 'en', targetLanguage: 'es' },
      { limit: 50, offset: 0 },
    );
    expect(terms.map((t) => [t.term, t.translation])).toEqual([
      ['edit-a-thon', 'editatón'],
      ['newcomer', 'recién llegado'],
      ['playbook', 'manual'],
      ['remote buddy', 'compañero a distancia'],
      ['Wikimedia', null],
    ]);
    const editor = (await deps.store.users.listAll()).find((u) => u.username === 'amani');
    expect(new Set(terms.map((t) => t.createdBy))).toEqual(new Set([editor?.id]));
  });

  it('finds its terms in the joint post’s published units', async () => {
    const post = await deps.store.posts.findBySlug('en', 'four-continents-one-playbook');
    if (!post?.publishedRevision) throw new Error('the joint post is not published');
    const units = await deps.store.translations.units(post.id, post.publishedRevision);
    const found = new Set<string>();
    for (const unit of units) {
      const hits = await glossaryMatches(deps, {
        sourceLanguage: 'en',
        targetLanguage: 'es',
        source: unit.source,
      });
      for (const h of hits) found.add(h.term);
    }
    expect([...found].sort()).toEqual(['edit-a-thon', 'newcomer', 'playbook', 'remote buddy']);
  });
});
