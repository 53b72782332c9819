/**
 * Migration 0034 and the repository on each engine: existing posts become posts, the column
 * refuses any kind but `post` and `page`, and the published-post queries behind listings,
 * their counts, archive months and search leave pages out while the sitemap's index and the
 * navigation's query find them.
 */
import { describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import * as m0034 from '../../src/db/migrations/0034_post_kind.js';
import * as m0035 from '../../src/db/migrations/0035_listing_indexes.js';
import { siteNavigation } from '../../src/services/reader/navigation.service.js';
import type { PostRecord, Store } from '../../src/services/repositories.js';
import { testDeps } from '../support/app.js';
import { engines } from '../support/databases.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
const row = (id: string, slug: string, publishedAt: string) => ({
  id,
  source_language: 'en',
  slug,
  status: 'published',
  current_revision: 1,
  published_revision: 1,
  published_at: publishedAt,
  scheduled_at: null,
  created_by: null,
  created_at: publishedAt,
  updated_at: publishedAt,
});

async function published(store: Store, post: Omit<PostRecord, 'status'>, title: string) {
  await store.posts.insertPost({ ...post, status: 'published' });
  await store.posts.insertRevision({
    postId: post.id,
    number: 1,
    title,
    excerpt: '',
    bodyMarkdown: `${title}.`,
    bodyDoc: '{"type":"root","children":[]}',
    featuredMediaId: null,
    featuredAlt: '',
    metadata: { authorIds: [], organizationIds: [], tags: [], categories: [], eventIds: [] },
    savedBy: null,
    restoredFrom: null,
    createdAt: post.createdAt,
  });
}

describe.each(engines())('post kinds (migration 0034) on $name', (engine) => {
  it('makes every existing post a post and refuses unknown kinds', async () => {
    const handle = await engine.open();
    try {
      const db: Kysely<any> = handle.db;
      await m0035.down(db);
      await m0034.down(db);
      await db
        .insertInto('posts')
        .values(row('old', 'old', '2024-01-01T00:00:00.000Z'))
        .execute();
      await m0034.up(db);
      await m0035.up(db);
      const kinds = await db.selectFrom('posts').select(['id', 'kind']).execute();
      expect(kinds).toEqual([{ id: 'old', kind: 'post' }]);
      expect((await testDeps(handle.db, '/nonexistent').store.posts.findById('old'))?.kind).toBe(
        'post',
      );
      await db
        .insertInto('posts')
        .values({ ...row('page', 'page', '2024-01-02T00:00:00.000Z'), kind: 'page' })
        .execute();
      await expect(
        db
          .insertInto('posts')
          .values({ ...row('bad', 'bad', '2024-01-03T00:00:00.000Z'), kind: 'gallery' })
          .execute(),
      ).rejects.toThrow();
      await expect(
        db.updateTable('posts').set({ kind: 'Page' }).where('id', '=', 'page').execute(),
      ).rejects.toThrow();
    } finally {
      await handle.close();
    }
  });

  it('leaves pages out of listings, counts and months, not out of the sitemap or navigation', async () => {
    const handle = await engine.open();
    try {
      const deps = testDeps(handle.db, '/nonexistent');
      const { store } = deps;
      const base = {
        sourceLanguage: 'en',
        currentRevision: 1,
        publishedRevision: 1,
        scheduledAt: null,
        createdBy: null,
        sticky: false,
      };
      const at = (day: string) => ({
        publishedAt: `2024-03-${day}T00:00:00.000Z`,
        createdAt: `2024-03-${day}T00:00:00.000Z`,
        updatedAt: `2024-03-${day}T00:00:00.000Z`,
      });
      await published(
        store,
        { ...base, ...at('01'), id: 'p1', slug: 'news', kind: 'post' },
        'News',
      );
      await published(
        store,
        { ...base, ...at('02'), id: 'a1', slug: 'about', kind: 'page' },
        'About',
      );
      await published(
        store,
        { ...base, ...at('03'), id: 'c1', slug: 'contact', kind: 'page' },
        'Contact',
      );
      await published(
        store,
        { ...base, ...at('04'), id: 'e1', slug: 'acerca', kind: 'page', sourceLanguage: 'es' },
        'Acerca',
      );

      expect((await store.posts.listPublished({}, 10, 0)).map((s) => s.post.id)).toEqual(['p1']);
      // The cards a listing reads: the same posts and revisions, without the bodies.
      const pages = await store.posts.listPublished({ kind: 'page' }, 10, 0);
      const cards = await store.posts.listPublishedCards({ kind: 'page' }, 10, 0);
      expect(cards.map((c) => c.post.id)).toEqual(['e1', 'c1', 'a1']);
      expect(cards).toEqual(
        pages.map(({ post, revision: { bodyMarkdown: _m, bodyDoc: _d, ...headline } }) => ({
          post,
          revision: headline,
        })),
      );
      expect(
        cards.every((c) => !('bodyMarkdown' in c.revision) && !('bodyDoc' in c.revision)),
      ).toBe(true);
      expect(pages.every((p) => p.revision.bodyDoc.length > 0)).toBe(true);
      expect(await store.posts.countPublished({})).toBe(1);
      expect(await store.posts.countPublished({ kind: 'page' })).toBe(3);
      expect(await store.posts.countPublished({ kind: 'any' })).toBe(4);
      expect(await store.posts.publishedMonths()).toEqual([{ month: '2024-03', count: 1 }]);
      expect((await store.posts.publishedIndex()).map((p) => p.id).sort()).toEqual([
        'a1',
        'c1',
        'e1',
        'p1',
      ]);

      const nav = await store.posts.navigationPages('en', 10);
      expect(nav.map((p) => [p.postId, p.title, p.slug, p.translation])).toEqual([
        ['a1', 'About', 'about', null],
        ['c1', 'Contact', 'contact', null],
      ]);
      expect((await store.posts.navigationPages('es', 10)).map((p) => p.postId)).toEqual(['e1']);
      expect((await store.posts.navigationPages('en', 1)).map((p) => p.postId)).toEqual(['a1']);

      // A page translated into Spanish: in the Spanish navigation at its Spanish address,
      // titled in Spanish once the title is translated (a draft title is not shown).
      const db: Kysely<any> = handle.db;
      await db
        .insertInto('translations')
        .values({
          id: 't-about-es',
          post_id: 'a1',
          language: 'es',
          slug: 'sobre-nosotros',
          status: 'published',
          published_at: '2024-03-05T00:00:00.000Z',
          created_by: null,
          created_at: '2024-03-05T00:00:00.000Z',
          updated_at: '2024-03-05T00:00:00.000Z',
        })
        .execute();
      for (const [revision, unit, kind, text] of [
        [1, 'u-title', 'title', 'About'],
        [1, 'u-body', 'paragraph', 'About.'],
      ] as const)
        await db
          .insertInto('post_units')
          .values({
            post_id: 'a1',
            revision,
            unit_id: unit,
            position: unit === 'u-title' ? 0 : 1,
            path: unit,
            kind,
            source: text,
            codes: '{}',
          })
          .execute();
      const target = (unit: string, text: string, state: string) => ({
        translation_id: 't-about-es',
        unit_id: unit,
        text,
        state,
        previous_state: null,
        base_source: null,
        base_revision: 1,
        version: 1,
        provenance: 'human',
        translated_by: null,
        reviewed_by: null,
        updated_at: '2024-03-05T00:00:00.000Z',
      });
      await db
        .insertInto('targets')
        .values(target('u-body', 'Sobre.', 'translated'))
        .execute();
      await db
        .insertInto('targets')
        .values(target('u-title', 'Sobre nosotros', 'draft'))
        .execute();
      const draftTitle = (await store.posts.navigationPages('es', 10)).find(
        (p) => p.postId === 'a1',
      );
      expect(draftTitle?.translation).toEqual({ slug: 'sobre-nosotros', titleText: null });
      await db
        .updateTable('targets')
        .set({ state: 'reviewed' })
        .where('unit_id', '=', 'u-title')
        .execute();
      const spanish = await store.posts.navigationPages('es', 10);
      expect(spanish.map((p) => [p.postId, p.translation])).toEqual([
        ['a1', { slug: 'sobre-nosotros', titleText: 'Sobre nosotros' }],
        ['e1', null],
      ]);
      expect((await siteNavigation(deps, 'es')).links).toEqual([
        { title: 'Sobre nosotros', href: '/es/2024/03/02/sobre-nosotros', lang: 'es', dir: 'ltr' },
        { title: 'Acerca', href: '/es/2024/03/04/acerca', lang: 'es', dir: 'ltr' },
      ]);
      // English still links the original.
      expect((await store.posts.navigationPages('en', 10)).map((p) => p.postId)).toEqual([
        'a1',
        'c1',
      ]);

      expect(await store.posts.setKind('c1', 'post')).toBe(true);
      expect((await store.posts.findById('c1'))?.kind).toBe('post');
      expect((await store.posts.navigationPages('en', 10)).map((p) => p.postId)).toEqual(['a1']);
      expect(await store.posts.countPublished({})).toBe(2);
      expect(await store.posts.setKind('missing', 'page')).toBe(false);
    } finally {
      await handle.close();
    }
  });
});
