/**
 * importWxr: a WordPress export (WXR 1.0–1.2) into this site, in four streamed passes over the
 * file (see README.md): scan, then authors, terms and attachments, then posts and pages with
 * their comments, then translations. Every record of the file gets a line in the report.
 * Idempotent and resumable: see import-context.ts.
 */
import { ForbiddenError } from '../../domain/errors.js';
import { hasRole } from '../../domain/roles.js';
import type { Actor } from '../../domain/roles.js';
import { slugify } from '../../domain/slug.js';
import { makesCycle } from '../../domain/term-tree.js';
import type { ServiceDeps } from '../deps.js';
import { idOf, record } from './import-context.js';
import type { ImportContext } from './import-context.js';
import { importAttachment, MediaIndex } from './import-media.js';
import { importAuthor, message } from './import-people.js';
import type { People } from './import-people.js';
import { importPost } from './import-posts.js';
import type { ContentContext } from './import-posts.js';
import { ImportReport } from './import-report.js';
import type { ImportEntry } from './import-report.js';
import { importTranslation } from './import-translations.js';
import { redirectFeeds, redirectTerm } from './import-redirects.js';
import { isContent, scanFile, sourceOf } from './scan.js';
import type { UploadsDirectory, WordPressFile } from './wordpress-file.js';
import type { WxrItem, WxrTerm } from './wxr-records.js';

export interface ImportWxrOptions {
  uploads?: UploadsDirectory | null;
  /** Called with each report line as it is written (the CLI prints them). */
  onEntry?: (entry: ImportEntry) => void;
  /**
   * Awaited after each author, term and item (a good moment to store the lines collected by
   * `onEntry`, or to see whether the import should stop: throwing ends it; it resumes where it
   * stopped when run again).
   */
  checkpoint?: () => Promise<void>;
  /**
   * Called once the first pass has counted the file: how many report lines the import will
   * write about items, authors and terms (comments come on top), for a progress bar.
   */
  onScan?: (counts: {
    items: number;
    authors: number;
    terms: number;
    comments: number;
  }) => void | Promise<void>;
}

/** Item types that are WordPress's own machinery, not content: reported as skipped. */
const MACHINERY: Record<string, string> = {
  nav_menu_item: 'a menu entry',
  revision: 'a revision',
  customize_changeset: 'a customizer change set',
  custom_css: 'custom CSS',
  wp_global_styles: 'theme styles',
  wp_template: 'a theme template',
  wp_template_part: 'a theme template part',
  wp_navigation: 'a navigation menu',
  oembed_cache: 'an embed cache entry',
  wp_block: 'a reusable block',
};

export async function importWxr(
  deps: ServiceDeps,
  actor: Actor,
  file: WordPressFile,
  options: ImportWxrOptions = {},
): Promise<ImportReport> {
  if (!hasRole(actor, 'admin'))
    throw new ForbiddenError('Only administrators can import a WordPress site');
  const scan = await scanFile(file, deps.settings.defaultLanguage);
  await options.onScan?.({
    items: scan.summary.items,
    authors: scan.summary.authors,
    terms: Object.values(scan.summary.terms).reduce((a, b) => a + b, 0),
    comments: scan.summary.comments,
  });
  const exportedAt = new Date(scan.site.pubDate);
  const ctx: ImportContext = {
    deps,
    actor,
    file,
    uploads: options.uploads ?? null,
    site: scan.site.baseSiteUrl || scan.site.link,
    exportedAt: Number.isNaN(exportedAt.getTime()) ? latestDate(scan) : exportedAt,
    report: new ImportReport(),
    ...(options.onEntry ? { onEntry: options.onEntry } : {}),
  };
  const checkpoint = options.checkpoint ?? (() => Promise.resolve());
  const people: People = new Map();
  const authorLogins = new Map<number, string>();
  const media = new MediaIndex();
  const c: ContentContext = { ctx, scan, people, authorLogins, media };
  const categoryParents = new Map<string, string>();
  const categoryIds = new Map<string, string>();

  // Pass 2: who wrote, how it is filed, what it shows.
  await file.read({
    author: async (author) => {
      if (author.id !== null) authorLogins.set(author.id, author.login);
      await importAuthor(ctx, people, author);
    },
    term: (term) => importTerm(ctx, categoryParents, categoryIds, term),
    item: async (item) => {
      if (item.postType === 'attachment')
        await importAttachment(
          ctx,
          media,
          item,
          scan.items.get(item.postId)?.date ?? ctx.exportedAt,
        );
    },
    problem: (problem) =>
      record(ctx, {
        kind: 'other',
        wpId: String(problem.postId ?? `line ${problem.line}`),
        label: `<${problem.element}> at line ${problem.line}, column ${problem.column}`,
        outcome: 'failed',
        notes: [problem.message],
      }),
  });
  await nestCategories(ctx, categoryParents, categoryIds);
  // Pass 3: originals and posts on their own; pass 4: translations onto their originals.
  await file.read({
    item: async (item) => {
      await importItem(c, item);
      await checkpoint();
    },
  });
  const languages = new Set([...scan.items.values()].map((i) => i.language ?? ''));
  await redirectFeeds(ctx, languages);
  await file.read({
    item: async (item) => {
      const source = isContent({ type: item.postType, status: item.status })
        ? sourceOf(scan, item.postId)
        : null;
      if (source !== null) {
        await importTranslation(c, item, source);
        await checkpoint();
      }
    },
  });
  return ctx.report;
}

function latestDate(scan: Awaited<ReturnType<typeof scanFile>>): Date {
  let latest = 0;
  for (const item of scan.items.values()) latest = Math.max(latest, item.date?.getTime() ?? 0);
  return new Date(latest);
}

async function importItem(c: ContentContext, item: WxrItem): Promise<void> {
  const { ctx } = c;
  if (item.postType === 'attachment') return;
  const entry = { wpId: String(item.postId), label: item.title || item.postName };
  if (item.postType !== 'post' && item.postType !== 'page') {
    record(ctx, {
      ...entry,
      kind: 'other',
      outcome: 'skipped',
      notes: [`${MACHINERY[item.postType] ?? `a "${item.postType}" item`}: not content`],
    });
    return;
  }
  const kind = item.postType;
  if (!isContent({ type: item.postType, status: item.status })) {
    record(ctx, {
      ...entry,
      kind,
      outcome: 'skipped',
      notes: [item.status === 'trash' ? 'in the trash' : `status "${item.status}": not content`],
    });
    return;
  }
  if (sourceOf(c.scan, item.postId) !== null) return; // pass 4
  await importPost(c, item);
}

/** Categories and tags become terms (named as in WordPress); Polylang's own terms are read. */
async function importTerm(
  ctx: ImportContext,
  categoryParents: Map<string, string>,
  categoryIds: Map<string, string>,
  term: WxrTerm,
): Promise<void> {
  const entry = { kind: 'term' as const, wpId: `${term.kind}:${term.slug}`, label: term.name };
  if (term.kind === 'language' || term.kind === 'post_translations') {
    record(ctx, { ...entry, outcome: 'skipped', notes: ['Polylang data: read into translations'] });
    return;
  }
  if (term.kind !== 'category' && term.kind !== 'post_tag') {
    record(ctx, {
      ...entry,
      outcome: 'skipped',
      notes: [`taxonomy "${term.kind}": Polyphony has categories and tags only`],
    });
    return;
  }
  const kind = term.kind === 'category' ? 'category' : 'tag';
  const slug = slugify(term.name);
  if (kind === 'category' && term.parent) categoryParents.set(term.slug, term.parent);
  const redirect = (stored: { id: string; slug: string; name: string }) =>
    redirectTerm(
      ctx,
      { kind, wpPath: wordPressTermPath(categoryParents, term.slug), wpId: term.id },
      stored,
    );
  try {
    if (!slug) throw new Error('The name has no letter or digit to make an address from');
    const existing = await ctx.deps.store.posts.findTerm(kind, slug);
    if (existing) {
      if (kind === 'category') categoryIds.set(term.slug, existing.id);
      await redirect(existing);
      record(ctx, { ...entry, outcome: 'unchanged', notes: [], id: existing.id });
      return;
    }
    const id = idOf(ctx, `term:${term.kind}:${term.slug}`);
    const notes = term.parent ? [`under "${term.parent}"`] : [];
    const inserted = await ctx.deps.store.posts.insertTerm({
      id,
      kind,
      slug,
      name: term.name.trim(),
      description: term.description.trim(),
    });
    const found = inserted ? null : await ctx.deps.store.posts.findTerm(kind, slug);
    if (kind === 'category') categoryIds.set(term.slug, found?.id ?? id);
    await redirect(found ?? { id, slug, name: term.name.trim() });
    record(ctx, {
      ...entry,
      outcome: inserted ? 'imported' : 'unchanged',
      notes,
      id: found?.id ?? id,
    });
  } catch (error) {
    record(ctx, { ...entry, outcome: 'failed', notes: [message(error)] });
  }
}

/**
 * Gives each imported category its WordPress parent, once every category is in (a file may
 * list a child before its parent). A category that already has a parent keeps it (an editor's
 * choice, or a run before this one); a parent missing from the file or one that would make a
 * cycle is refused, and said on the category's line of the report.
 */
async function nestCategories(
  ctx: ImportContext,
  parents: Map<string, string>,
  ids: Map<string, string>,
): Promise<void> {
  const tree = await ctx.deps.store.posts.categoryTree();
  for (const [childSlug, parentSlug] of parents) {
    const childId = ids.get(childSlug);
    const parentId = ids.get(parentSlug);
    const child = tree.find((t) => t.id === childId);
    if (!child || child.parentId !== null) continue;
    if (parentId && !makesCycle(tree, child.id, parentId)) {
      await ctx.deps.store.posts.setTermParent(child.id, parentId);
      child.parentId = parentId;
      continue;
    }
    // A note on the category's own line: the category itself was imported.
    const why = parentId
      ? `under "${parentSlug}", which is under it`
      : `its parent "${parentSlug}" is not in the file`;
    ctx.report.entries
      .find((e) => e.kind === 'term' && e.wpId === `category:${childSlug}`)
      ?.notes.push(`${why}: left at the top level`);
  }
}

/** A category's WordPress path: its parents' slugs, then its own (`news/africa/kenya`). */
function wordPressTermPath(parents: Map<string, string>, slug: string): string {
  const path = [slug];
  for (let at = parents.get(slug); at && path.length < 20; at = parents.get(at)) path.unshift(at);
  return path.join('/');
}
