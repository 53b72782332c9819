/**
 * A reader's post page reads a revision's body only when it has to (issue 12): a revision's
 * two bodies (Markdown and the mdast document) are most of its bytes, and the page of an
 * original whose HTML is already rendered needs neither. On every engine: the headline and the
 * document read apart are the revision's own, and the original's page is the same whether its
 * body was read or not.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Actor } from '../../src/domain/roles.js';
import { getPublishedPost } from '../../src/services/posts/read-post.service.js';
import { createPost } from '../../src/services/posts/save-post.service.js';
import { publishPost } from '../../src/services/posts/workflow.service.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { buildUser, testDeps } from '../support/app.js';
import { engines } from '../support/databases.js';
import type { DatabaseHandle } from '../../src/db/connection.js';

const actorOf = (u: { id: string; roles: Actor['roles'] }): Actor => ({ id: u.id, roles: u.roles });

describe.each(engines())('reading a post page on $name', (engine) => {
  let handle: DatabaseHandle;
  let deps: ServiceDeps;
  let postId: string;
  let date: string;

  beforeAll(async () => {
    handle = await engine.open();
    deps = testDeps(handle.db, '/nonexistent');
    const author = actorOf(await buildUser(deps, ['author']));
    const editor = actorOf(await buildUser(deps, ['editor']));
    const post = await createPost(deps, author, {
      language: 'en',
      title: 'Bodies read once',
      excerpt: 'A post whose page is read twice.',
      body: 'A first paragraph with **bold** words.\n\nA second one, [linked](https://example.org).',
    });
    postId = post.id;
    await publishPost(deps, editor, postId);
    const published = await deps.store.posts.findById(postId);
    date = published!.publishedAt!.slice(0, 10);
  });
  afterAll(() => handle.close());

  it('reads a revision without its bodies, and its document alone', async () => {
    const full = await deps.store.posts.revision(postId, 1);
    const { bodyMarkdown, bodyDoc, ...headline } = full!;
    expect(bodyMarkdown).toContain('A first paragraph');
    expect(await deps.store.posts.revisionHeadline(postId, 1)).toEqual(headline);
    expect(await deps.store.posts.revisionDoc(postId, 1)).toBe(bodyDoc);
    expect(await deps.store.posts.revisionHeadline(postId, 99)).toBeNull();
    expect(await deps.store.posts.revisionDoc('no-such-post', 1)).toBeNull();
  });

  it("serves an original's page without its bodies once its HTML is rendered", async () => {
    const revision = vi.spyOn(deps.store.posts, 'revision');
    const revisionDoc = vi.spyOn(deps.store.posts, 'revisionDoc');
    try {
      const first = await getPublishedPost(deps, 'en', date, 'bodies-read-once');
      if (!('view' in first)) throw new Error('expected the page');
      expect(first.view.bodyHtml).toContain('<strong>bold</strong>');
      expect(first.view.bodyHtml).toContain('href="https://example.org"');
      expect(first.view.revision).toMatchObject({ postId, number: 1, title: 'Bodies read once' });
      // The first render reads the document, and nothing reads the Markdown.
      expect(revisionDoc).toHaveBeenCalledTimes(1);

      const second = await getPublishedPost(deps, 'en', date, 'bodies-read-once');
      if (!('view' in second)) throw new Error('expected the page');
      expect(second.view.bodyHtml).toBe(first.view.bodyHtml);
      expect(second.view.revision).toEqual(first.view.revision);
      expect(revisionDoc).toHaveBeenCalledTimes(1);
      expect(revision).not.toHaveBeenCalled();
    } finally {
      revision.mockRestore();
      revisionDoc.mockRestore();
    }
  });
});
