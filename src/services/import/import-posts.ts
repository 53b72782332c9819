/**
 * WordPress posts and pages that stand on their own or are a translation group's original:
 * each becomes a Polyphony post through the editor's own save and publish paths, with its
 * WordPress id, dates, slug, authors, terms, featured image and comments.
 *
 * Status: publish → published on its WordPress date; future → scheduled for it; pending →
 * submitted for review; draft → draft; private → draft (only its authors and editors see a
 * draft, as only they saw a private post). Each step runs only when the post is not yet where
 * it should be, so a re-run finishes what a killed run left half done.
 */
import { EVERY_PAGE_KEY } from '../change-feed.js';
import { ValidationError } from '../../domain/errors.js';
import { slugify } from '../../domain/slug.js';
import type { PostRecord } from '../repositories.js';
import { createPost } from '../posts/save-post.service.js';
import type { PostInput } from '../posts/post-input.js';
import { publishPost, submitPost } from '../posts/workflow.service.js';
import { idOf, record, stepDeps, wordPressDate } from './import-context.js';
import type { ImportContext } from './import-context.js';
import type { MediaIndex } from './import-media.js';
import { ensurePerson, message } from './import-people.js';
import type { People } from './import-people.js';
import { redirectItem } from './import-redirects.js';
import type { ImportEntry } from './import-report.js';
import type { Scan } from './scan.js';
import type { WxrComment, WxrItem } from './wxr-records.js';

export interface ContentContext {
  ctx: ImportContext;
  scan: Scan;
  people: People;
  /** WordPress author id → login (comments name their author by id). */
  authorLogins: Map<number, string>;
  media: MediaIndex;
}

/** What a WordPress status becomes. */
export function wantedStatus(status: string): PostRecord['status'] {
  if (status === 'publish') return 'published';
  if (status === 'future') return 'scheduled';
  if (status === 'pending') return 'submitted';
  return 'draft';
}

/** The item's text as a post's fields, with what the conversion kept as HTML. */
export function postFields(
  c: ContentContext,
  item: WxrItem,
  language: string,
): { input: PostInput; notes: string[] } {
  const notes: string[] = [];
  const resolve = (url: string, wpId?: number) => c.media.resolve(url, wpId);
  const body = c.ctx.file.convert(item.contentHtml, resolve);
  for (const kept of body.kept)
    notes.push(`kept as HTML: ${kept.kind}${kept.detail ? ` (${kept.detail})` : ''}`);
  const excerpt = item.excerptHtml.trim()
    ? c.ctx.file.convert(item.excerptHtml, resolve).markdown.replace(/\s+/g, ' ').trim()
    : '';
  let title = item.title.trim();
  if (title === '') {
    title = item.postName ? safeDecode(item.postName) : `Untitled ${item.postType} ${item.postId}`;
    notes.push('had no title: named after its slug');
  }
  if (title.length > 300) {
    title = title.slice(0, 300);
    notes.push('title shortened to 300 characters');
  }
  const thumbnail = Number(item.meta.find((m) => m.key === '_thumbnail_id')?.value ?? NaN);
  const featured = Number.isInteger(thumbnail) ? c.media.byId(thumbnail) : null;
  if (Number.isInteger(thumbnail) && !featured) notes.push('featured image missing (not imported)');
  const author = c.people.get(item.creator);
  if (!author && item.creator) notes.push(`author "${item.creator}" is not in the file's authors`);
  const names = (domain: string) =>
    item.terms.filter((t) => t.domain === domain).map((t) => t.name.trim());
  return {
    input: {
      // WordPress's pages are Polyphony's pages (in the navigation, not in listings).
      kind: item.postType === 'page' ? 'page' : 'post',
      language,
      title,
      slug: slugify(safeDecode(item.postName)) || slugify(title),
      excerpt: excerpt.slice(0, 1000),
      body: body.markdown,
      featuredMediaId: featured?.id ?? '',
      featuredAlt: featured ? featured.alt || title : '',
      authorIds: author ? [author] : [],
      tags: names('post_tag'),
      categories: names('category'),
    },
    notes,
  };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Creates the post under the first free slug among `slug`, `slug-2`…; null if it exists. */
async function createUnderFreeSlug(
  c: ContentContext,
  id: string,
  input: PostInput,
  at: Date,
  notes: string[],
): Promise<PostRecord> {
  const base = input.slug ?? '';
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base.slice(0, 76)}-${n}`;
    try {
      const post = await createPost(
        stepDeps(c.ctx, `${id}:create`, at),
        c.ctx.actor,
        { ...input, slug },
        { id },
      );
      if (n > 1) notes.push(`slug "${base}" was taken: imported as "${slug}"`);
      return post;
    } catch (error) {
      const slugTaken =
        error instanceof ValidationError && error.problems.some((p) => p.field === 'slug');
      if (!slugTaken || n >= 20) throw error;
    }
  }
}

/** Imports one post or page that is not a translation of another item. */
export async function importPost(
  c: ContentContext,
  item: WxrItem,
  extraNotes: readonly string[] = [],
): Promise<void> {
  const { ctx } = c;
  const kind = item.postType === 'page' ? 'page' : 'post';
  const entry: Omit<ImportEntry, 'outcome' | 'notes'> = {
    kind,
    wpId: String(item.postId),
    label: item.title || item.postName,
  };
  const notes: string[] = [...extraNotes];
  try {
    const scanned = c.scan.items.get(item.postId);
    const at = scanned?.date ?? ctx.exportedAt;
    const language = scanned?.language ?? ctx.deps.settings.defaultLanguage;
    // Pages keep their own address; the hierarchy is not kept (Polyphony's pages are flat).
    if (item.postParent > 0)
      notes.push(
        kind === 'page'
          ? `child of WordPress page ${item.postParent}: imported as a page of its own (pages have no parent)`
          : `child of WordPress item ${item.postParent}`,
      );
    if (item.status === 'private') notes.push('private: imported as a draft');
    if (item.postPassword) notes.push('password-protected in WordPress: imported as a draft');
    const id = idOf(ctx, `post:${item.postId}`);
    let post = await ctx.deps.store.posts.findById(id);
    let changed = false;
    if (!post) {
      const fields = postFields(c, item, language);
      notes.push(...fields.notes);
      post = await createUnderFreeSlug(c, id, fields.input, at, notes);
      changed = true;
    }
    // An earlier import (before pages existed) made a WordPress page a post: a page again.
    if ((post.kind ?? 'post') !== kind) {
      await ctx.deps.store.posts.setKind(id, kind);
      // It leaves (or joins) listings, feeds and the navigation at once: rare, so every page.
      if (post.status === 'published') ctx.deps.changes.publish({ keys: [EVERY_PAGE_KEY] });
      post = { ...post, kind };
      changed = true;
    }
    // WordPress's sticky posts are Polyphony's pinned posts (first on the home page).
    if (item.isSticky) notes.push('sticky in WordPress: pinned to the top of the home page');
    if (item.isSticky && !post.sticky) {
      await ctx.deps.store.posts.setSticky(id, true);
      changed = true;
    }
    const wanted = item.postPassword ? 'draft' : wantedStatus(item.status);
    if (post.status === 'draft' && wanted !== 'draft') {
      if (wanted === 'published')
        await publishPost(stepDeps(ctx, `${id}:publish`, at), ctx.actor, id);
      else if (wanted === 'scheduled')
        await publishPost(stepDeps(ctx, `${id}:schedule`, ctx.exportedAt), ctx.actor, id, at);
      else await submitPost(stepDeps(ctx, `${id}:submit`, at), ctx.actor, id);
      changed = true;
    }
    const now = (await ctx.deps.store.posts.findById(id)) ?? post;
    if (now.status === 'published')
      await redirectItem(ctx, item, {
        language: now.sourceLanguage,
        slug: now.slug,
        publishedAt: now.publishedAt,
      });
    const comments = await importComments(c, item, id, post.sourceLanguage, notes);
    record(ctx, { ...entry, outcome: changed ? 'imported' : 'unchanged', notes, id });
    for (const comment of comments) record(ctx, comment);
  } catch (error) {
    record(ctx, { ...entry, outcome: 'failed', notes: [...notes, message(error)] });
  }
}

/**
 * The item's comments on `postId` in `language` (the thread of that language version).
 * Polyphony threads one level deep: a reply to a reply answers the top-level comment.
 */
export async function importComments(
  c: ContentContext,
  item: WxrItem,
  postId: string,
  language: string,
  postNotes: string[],
): Promise<ImportEntry[]> {
  const { ctx } = c;
  const byId = new Map(item.comments.filter((m) => m.id !== null).map((m) => [m.id!, m]));
  const entries: ImportEntry[] = [];
  let flattened = 0;
  for (const comment of item.comments) {
    const wpId = String(comment.id ?? `${item.postId}-${entries.length}`);
    const entry = { kind: 'comment' as const, wpId, label: `${comment.author} on ${item.postId}` };
    try {
      if (comment.approved === 'spam' || comment.approved === 'trash') {
        entries.push({
          ...entry,
          outcome: 'skipped',
          notes: [`${comment.approved}: not imported`],
        });
        continue;
      }
      if (comment.type === 'pingback' || comment.type === 'trackback') {
        entries.push({ ...entry, outcome: 'skipped', notes: [`${comment.type}: not imported`] });
        continue;
      }
      const id = idOf(ctx, `comment:${wpId}`);
      if (await ctx.deps.store.comments.findById(id)) {
        entries.push({ ...entry, outcome: 'unchanged', notes: [], id });
        continue;
      }
      const top = topLevel(byId, comment);
      if (top && top.id !== comment.parent) flattened++;
      const parent = top ? byId.get(top.id!) : undefined;
      if (parent && (parent.approved === 'spam' || parent.approved === 'trash'))
        throw new Error('it answers a comment that was not imported');
      const at = wordPressDate(comment.dateGmt) ?? wordPressDate(comment.date) ?? ctx.exportedAt;
      const authorId = await commentAuthor(c, comment, at);
      const body = ctx.file.convert(comment.contentText, () => null);
      if (body.markdown.trim() === '') throw new Error('the comment is empty');
      await ctx.deps.store.comments.insert({
        id,
        postId,
        language,
        parentId: top ? idOf(ctx, `comment:${top.id}`) : null,
        authorId,
        body: body.markdown.trim().slice(0, 20_000),
        status: comment.approved === '1' ? 'published' : 'pending',
        createdAt: at.toISOString(),
        editedAt: null,
        deletedAt: null,
        deletedBy: null,
        moderatedBy: null,
        moderatedAt: null,
      });
      entries.push({ ...entry, outcome: 'imported', notes: [], id });
    } catch (error) {
      entries.push({ ...entry, outcome: 'failed', notes: [message(error)] });
    }
  }
  if (flattened > 0)
    postNotes.push(`${flattened} replies to replies now answer their thread's first comment`);
  return entries;
}

/** The top-level comment `comment` answers (following parents up), null for a top-level one. */
function topLevel(byId: Map<number, WxrComment>, comment: WxrComment): WxrComment | null {
  let current = comment;
  for (let depth = 0; current.parent > 0 && depth < 100; depth++) {
    const parent = byId.get(current.parent);
    if (!parent) return null;
    current = parent;
  }
  return current === comment ? null : current;
}

/** The account of a comment's author: the WordPress user's, else a commenter's own. */
async function commentAuthor(c: ContentContext, comment: WxrComment, at: Date): Promise<string> {
  const login = comment.userId > 0 ? c.authorLogins.get(comment.userId) : undefined;
  const known = login ? c.people.get(login) : undefined;
  if (known) return known;
  const email = comment.authorEmail.includes('@') ? comment.authorEmail : '';
  const name = comment.author.trim() || 'Reader';
  const key = `commenter:${email.toLowerCase() || name}`;
  const person = await ensurePerson(
    c.ctx,
    {
      key,
      username: slugify(name, 36) || 'reader',
      displayName: name,
      // Without an address WordPress had none to give: a reserved `.invalid` one (never sent).
      email: email || `${idOf(c.ctx, key).slice(0, 8)}@commenters.invalid`,
      role: 'reader',
    },
    at,
  );
  return person.id;
}
