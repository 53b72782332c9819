/**
 * The published-post queries behind listings and archives on each engine: every archive's
 * count (a tag, a category with those below it, an author, an organization, an event, and
 * those combined with a date range or a language) and every page of every listing, pinned
 * first or not, are what a plain reading of the posts gives. The count of an archive starts
 * from its relation's rows and a listing's page finds its ids before it reads the rows
 * (issue 12): drafts, pages, other kinds and other values must stay out, and a post filed
 * under two of a category's terms counts once.
 */
import { describe, expect, it } from 'vitest';
import { CompiledQuery } from 'kysely';
import type { KyselyPlugin, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { KyselyPostRepository } from '../../src/db/repositories/post.repository.js';
import type { PostRecord, PublishedFilter, Store } from '../../src/services/repositories.js';
import { testDeps } from '../support/app.js';
import { engines } from '../support/databases.js';

interface Fixture {
  id: string;
  publishedAt: string;
  status: PostRecord['status'];
  kind: PostRecord['kind'];
  sticky: boolean;
  sourceLanguage: string;
  terms: string[];
  authors: string[];
  organizations: string[];
  events: string[];
}

/** 40 posts whose relations and states follow their number, so every filter picks a mix. */
function fixtures(): Fixture[] {
  return Array.from({ length: 40 }, (_, i) => {
    const day = String(1 + (i % 28)).padStart(2, '0');
    // Two posts share each publication instant, so the id breaks the tie.
    const month = String(1 + Math.floor(i / 28)).padStart(2, '0');
    return {
      id: `p${String(i).padStart(2, '0')}`,
      publishedAt: `2024-${month}-${day}T12:00:00.000Z`,
      status: i % 9 === 4 ? 'draft' : i % 13 === 6 ? 'unpublished' : 'published',
      kind: i % 11 === 3 ? 'page' : 'post',
      sticky: i % 10 === 7,
      sourceLanguage: i % 3 === 0 ? 'es' : 'en',
      terms: [
        ...(i % 2 === 0 ? ['t-even'] : []),
        ...(i % 5 === 0 ? ['t-five'] : []),
        ...(i % 7 === 0 ? ['t-seven'] : []),
      ],
      authors: i % 4 === 0 ? ['u1', 'u2'] : ['u2'],
      organizations: i % 6 === 1 ? ['o1'] : [],
      events: i % 8 === 2 ? ['e1'] : [],
    };
  });
}

async function seed(store: Store, posts: readonly Fixture[]): Promise<Map<string, string>> {
  const at = '2024-01-01T00:00:00.000Z';
  for (const id of ['u1', 'u2']) {
    await store.users.create({
      id,
      username: id,
      usernameKey: id,
      displayName: id,
      email: `${id}@example.test`,
      passwordHash: null,
      timeZone: 'UTC',
      bio: '',
      roles: ['author'],
      createdAt: at,
    });
  }
  await store.organizations.create({
    id: 'o1',
    slug: 'o1',
    name: 'O1',
    kind: 'chapter',
    country: null,
    website: null,
    description: '',
    createdAt: at,
  });
  await store.posts.createEvent({
    id: 'e1',
    slug: 'e1',
    name: 'E1',
    startsOn: null,
    endsOn: null,
    location: '',
    url: null,
  });
  let next = 0;
  const terms = await store.posts.ensureTerms(
    ['t-even', 't-five', 't-seven'].map((slug) => ({ kind: 'tag' as const, slug, name: slug })),
    () => `term-${String(next++)}`,
  );
  const termIds = new Map(terms.map((t) => [t.slug, t.id]));
  for (const p of posts) {
    await store.posts.insertPost({
      id: p.id,
      sourceLanguage: p.sourceLanguage,
      slug: p.id,
      status: p.status,
      kind: p.kind,
      sticky: p.sticky,
      currentRevision: 1,
      publishedRevision: p.status === 'draft' ? null : 1,
      publishedAt: p.status === 'draft' ? null : p.publishedAt,
      scheduledAt: null,
      createdBy: null,
      createdAt: p.publishedAt,
      updatedAt: p.publishedAt,
    });
    const metadata = {
      authorIds: p.authors,
      organizationIds: p.organizations,
      tags: p.terms,
      categories: [],
      eventIds: p.events,
    };
    await store.posts.insertRevision({
      postId: p.id,
      number: 1,
      title: `Post ${p.id}`,
      excerpt: '',
      bodyMarkdown: `Post ${p.id}.`,
      bodyDoc: '{"type":"root","children":[]}',
      featuredMediaId: null,
      featuredAlt: '',
      metadata,
      savedBy: null,
      restoredFrom: null,
      createdAt: p.publishedAt,
    });
    await store.posts.setRelations(
      p.id,
      metadata,
      p.terms.map((slug) => termIds.get(slug) ?? slug),
    );
  }
  return termIds;
}

/** The filter's posts in listing order, read plainly from the fixtures. */
function expected(
  posts: readonly Fixture[],
  filter: PublishedFilter,
  termIds: Map<string, string>,
): string[] {
  const slugOf = new Map([...termIds].map(([slug, id]) => [id, slug]));
  const terms = (ids: readonly string[]) => ids.map((id) => slugOf.get(id) ?? id);
  return posts
    .filter((p) => p.status === 'published' && p.kind === 'post')
    .filter((p) => filter.termId === undefined || p.terms.includes(terms([filter.termId])[0]!))
    .filter(
      (p) => filter.termIds === undefined || terms(filter.termIds).some((t) => p.terms.includes(t)),
    )
    .filter((p) => filter.authorId === undefined || p.authors.includes(filter.authorId))
    .filter(
      (p) => filter.organizationId === undefined || p.organizations.includes(filter.organizationId),
    )
    .filter((p) => filter.eventId === undefined || p.events.includes(filter.eventId))
    .filter((p) => filter.from === undefined || p.publishedAt >= filter.from)
    .filter((p) => filter.before === undefined || p.publishedAt < filter.before)
    .filter(
      (p) => filter.sourceLanguage === undefined || p.sourceLanguage === filter.sourceLanguage,
    )
    .sort(
      (a, b) =>
        (filter.stickyFirst ? Number(b.sticky) - Number(a.sticky) : 0) ||
        b.publishedAt.localeCompare(a.publishedAt) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    )
    .map((p) => p.id);
}

describe.each(engines())('published archives on $name', (engine) => {
  it('counts every archive and pages every listing as the posts say', async () => {
    const handle = await engine.open();
    try {
      const { store } = testDeps(handle.db, '/nonexistent');
      const posts = fixtures();
      const termIds = await seed(store, posts);
      const id = (slug: string) => termIds.get(slug) ?? slug;
      const filters: PublishedFilter[] = [
        {},
        { stickyFirst: true },
        { termId: id('t-even') },
        { termId: id('t-seven'), stickyFirst: true },
        // A post filed under two of these terms is one post.
        { termIds: [id('t-five'), id('t-seven')] },
        { termIds: [] },
        { authorId: 'u1' },
        { authorId: 'u2', sourceLanguage: 'es' },
        { organizationId: 'o1' },
        { eventId: 'e1' },
        { termId: id('t-even'), authorId: 'u1' },
        {
          termId: id('t-even'),
          from: '2024-01-10T00:00:00.000Z',
          before: '2024-02-01T00:00:00.000Z',
        },
        { authorId: 'nobody' },
      ];
      for (const filter of filters) {
        const want = expected(posts, filter, termIds);
        const what = JSON.stringify(filter);
        expect(await store.posts.countPublished(filter), what).toBe(want.length);
        for (const perPage of [3, 7]) {
          const pages: string[] = [];
          for (let offset = 0; offset < want.length + perPage; offset += perPage) {
            const cards = await store.posts.listPublishedCards(filter, perPage, offset);
            expect(cards.length, `${what} at ${String(offset)}`).toBeLessThanOrEqual(perPage);
            for (const card of cards) {
              expect(card.revision.title).toBe(`Post ${card.post.id}`);
              pages.push(card.post.id);
            }
          }
          expect(pages, `${what}, ${String(perPage)} a page`).toEqual(want);
        }
        expect(
          (await store.posts.listPublished(filter, 5, 2)).map((s) => s.post.id),
          what,
        ).toEqual(want.slice(2, 7));
      }
      // The fixtures give each filter something to find and something to leave out.
      expect(expected(posts, { termIds: [id('t-five'), id('t-seven')] }, termIds)).toContain('p00');
      expect(expected(posts, { eventId: 'e1' }, termIds).length).toBeGreaterThan(2);
      expect(expected(posts, { organizationId: 'o1' }, termIds).length).toBeGreaterThan(2);
    } finally {
      await handle.close();
    }
  });
});

/** Keeps every query the repository runs, to ask SQLite how it would run them. */
class Captured implements KyselyPlugin {
  readonly nodes: RootOperationNode[] = [];
  transformQuery(args: { node: RootOperationNode }): RootOperationNode {
    this.nodes.push(args.node);
    return args.node;
  }
  transformResult(args: { result: QueryResult<UnknownRow> }): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

describe('the archive queries on SQLite', () => {
  it('count from the relation and find a page from the listing index alone', async () => {
    const sqlite = engines().find((e) => e.name === 'sqlite');
    const handle = await sqlite!.open();
    try {
      const captured = new Captured();
      const db = handle.db.withPlugin(captured);
      const posts = new KyselyPostRepository(db);
      const plan = async (run: () => Promise<unknown>) => {
        captured.nodes.length = 0;
        await run();
        const node = captured.nodes.at(-1)!;
        const query = handle.db.getExecutor().compileQuery(node, { queryId: 'plan' });
        const { rows } = await handle.db.executeQuery<{ detail: string }>(
          CompiledQuery.raw(`EXPLAIN QUERY PLAN ${query.sql}`, [...query.parameters]),
        );
        return rows.map((r) => r.detail);
      };
      // A tag's count reads the tag's rows, each post by its key: it never walks the posts.
      const count = await plan(() => posts.countPublished({ termId: 'tag' }));
      expect(count[0]).toMatch(/^SEARCH r USING COVERING INDEX post_terms_term \(term_id=\?\)/);
      expect(count.join('\n')).not.toMatch(/posts_listing/);
      const author = await plan(() => posts.countPublished({ authorId: 'user' }));
      expect(author[0]).toMatch(/^SEARCH r USING (COVERING )?INDEX post_authors_user/);
      // A listing's page finds its ids in the covering listing index, then reads those rows.
      const page = await plan(() => posts.listPublishedCards({ stickyFirst: true }, 10, 250));
      expect(page).toContain(
        'SEARCH posts USING COVERING INDEX posts_listing_sticky (status=? AND kind=?)',
      );
      expect(page.join('\n')).toMatch(
        /SEARCH posts USING INDEX sqlite_autoindex_posts_1 \(id=\?\)/,
      );
    } finally {
      await handle.close();
    }
  });
});
