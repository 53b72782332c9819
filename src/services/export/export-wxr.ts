/**
 * `polyphony export --format wxr DIR`: the site as one WordPress eXtended RSS 1.2 file,
 * `DIR/polyphony.wxr.xml`, importable into WordPress (Tools → Import → WordPress) with the
 * translations as Polylang groups: every original and every translation with a translated unit
 * is a post; each carries a `language` term, and the versions of one post share a
 * `post_translations` term whose description maps language → post id. Bodies are the HTML
 * readers get (sanitized, images at absolute URLs); media are attachments whose URLs point at
 * this site, so the importer can fetch them; comments keep their threads.
 */
import { languageAutonym, languageDirection } from '../../domain/language.js';
import { postPath } from '../../domain/post.js';
import { slugify } from '../../domain/slug.js';
import { ancestorsOf } from '../../domain/term-tree.js';
import { mediaUrl } from '../media/media-info.js';
import type { MediaInfo } from '../ports.js';
import type { ServiceDeps } from '../deps.js';
import type {
  ExportComment,
  ExportMedia,
  ExportPost,
  ExportRevision,
  SiteExportSnapshot,
} from '../ports/site-export.repository.js';
import type { ExportReport, ExportSink } from './sink.js';
import { shownRevision, translatedDocument } from './versions.js';
import type { WxrOutComment, WxrOutItem, WxrOutTerm, WxrWriter } from './wxr-model.js';

export const WXR_FILE = 'polyphony.wxr.xml';

function wpDate(iso: string | null): string | null {
  return iso === null ? null : iso.slice(0, 19).replace('T', ' ');
}

function rfc822(iso: string | null): string {
  return new Date(iso ?? 0).toUTCString();
}

const postStatus: Record<string, WxrOutItem['status']> = {
  published: 'publish',
  scheduled: 'future',
  submitted: 'pending',
};

/** A Polylang language slug: the tag in lower case (`pt-br`, `sr-cyrl`). */
function languageSlug(tag: string): string {
  return tag.toLowerCase();
}

interface Numbering {
  media: Map<string, number>;
  /** Post id → language → WordPress post id (the original under its source language). */
  versions: Map<string, Map<string, number>>;
  users: Map<string, number>;
  /** The people a post names as its author: the file's `wp:author`s (not every account). */
  authors: Set<string>;
  next: number;
}

/** Numbers every item before anything is written: the channel's groups need the ids. */
async function numberItems(snapshot: SiteExportSnapshot, media: ExportMedia[]): Promise<Numbering> {
  const numbering: Numbering = {
    media: new Map(),
    versions: new Map(),
    users: new Map(),
    authors: new Set(),
    next: 1,
  };
  for (const m of media) numbering.media.set(m.id, numbering.next++);
  for await (const page of snapshot.posts())
    for (const post of page) {
      const versions = new Map([[post.sourceLanguage, numbering.next++]]);
      for (const t of post.translations)
        if (t.targets.length > 0 && !versions.has(t.language))
          versions.set(t.language, numbering.next++);
      numbering.versions.set(post.id, versions);
      const revision = shownRevision(post);
      const author = (revision && authorOf(revision)) ?? post.createdBy;
      if (author) numbering.authors.add(author);
    }
  return numbering;
}

export async function exportWxr(
  deps: ServiceDeps,
  snapshot: SiteExportSnapshot,
  media: Map<string, ExportMedia>,
  sink: ExportSink,
  writer: WxrWriter,
  report: ExportReport,
): Promise<void> {
  const base = deps.settings.publicUrl.replace(/\/$/, '');
  const mediaList = [...media.values()];
  const numbering = await numberItems(snapshot, mediaList);
  const people = new Map<string, { login: string; email: string; displayName: string }>();
  for await (const page of snapshot.users())
    for (const u of page) {
      people.set(u.id, { login: u.username, email: u.email, displayName: u.displayName });
      if (numbering.authors.has(u.id)) numbering.users.set(u.id, numbering.users.size + 1);
    }
  const site = await snapshot.site();
  const terms: WxrOutTerm[] = [];
  let termId = 1;
  const storedTerms = await snapshot.terms();
  const categories = storedTerms.filter((t) => t.kind === 'category');
  const slugOf = new Map(categories.map((t) => [t.id, t.slug]));
  // WordPress's importer finds a category's parent only if it came earlier in the file.
  const parentsFirst = [...categories].sort(
    (a, b) => ancestorsOf(categories, a.id).length - ancestorsOf(categories, b.id).length,
  );
  for (const t of [...parentsFirst, ...storedTerms.filter((s) => s.kind === 'tag')])
    terms.push({
      id: termId++,
      taxonomy: t.kind === 'tag' ? 'post_tag' : 'category',
      slug: t.slug,
      name: t.name,
      description: t.description,
      ...(t.kind === 'category'
        ? { parentSlug: t.parentId ? (slugOf.get(t.parentId) ?? '') : '' }
        : {}),
    });
  const languageNames = new Map<string, string>();
  const used = new Set(site.languages.map((l) => l.tag));
  for (const versions of numbering.versions.values())
    for (const language of versions.keys()) used.add(language);
  for (const tag of used) {
    const name = languageAutonym(tag);
    languageNames.set(tag, name);
    terms.push({
      id: termId++,
      taxonomy: 'language',
      slug: languageSlug(tag),
      name,
      language: { locale: tag.replaceAll('-', '_'), rtl: languageDirection(tag) === 'rtl' },
    });
  }
  const groupSlug = (postId: string) => `pll_${postId.replaceAll('-', '')}`;
  for (const [postId, versions] of numbering.versions)
    if (versions.size > 1)
      terms.push({
        id: termId++,
        taxonomy: 'post_translations',
        slug: groupSlug(postId),
        name: groupSlug(postId),
        group: Object.fromEntries([...versions].map(([lang, id]) => [languageSlug(lang), id])),
      });
  const usedAuthors = [...numbering.users].flatMap(([id, n]) => {
    const p = people.get(id);
    return p ? [{ id: n, ...p }] : [];
  });
  await sink.write(WXR_FILE, '');
  report.files++;
  await sink.append(
    WXR_FILE,
    writer.open({
      title: deps.settings.siteName,
      link: base,
      description: deps.settings.siteDescription ?? '',
      language: deps.settings.defaultLanguage,
      authors: usedAuthors,
      terms,
    }),
  );

  const info = new Map<string, MediaInfo>();
  for (const m of mediaList)
    info.set(m.id, {
      id: m.id,
      kind: m.kind === 'document' ? 'document' : 'image',
      url: `${base}${mediaUrl(m.storageKey)}`,
      mime: m.mime,
      size: m.size,
      filename: m.filename,
      width: m.width,
      height: m.height,
      alt: m.alt,
      variants: m.variants.map((v) => ({
        width: typeof v.width === 'number' ? v.width : 0,
        url: `${base}${mediaUrl(v.storageKey)}`,
      })),
    });
  const context = { media: (id: string) => info.get(id) };
  const counts = { posts: 0, translations: 0, attachments: 0, comments: 0 };
  report.counts = counts;

  for (const m of mediaList) {
    const at = wpDate(m.createdAt);
    const url = `${base}${mediaUrl(m.storageKey)}`;
    await sink.append(
      WXR_FILE,
      writer.item({
        id: numbering.media.get(m.id) ?? 0,
        type: 'attachment',
        title: m.filename,
        link: url,
        guid: url,
        pubDate: rfc822(m.createdAt),
        creator: (m.uploadedBy && people.get(m.uploadedBy)?.login) ?? '',
        contentHtml: '',
        excerptHtml: '',
        date: at,
        slug: m.id,
        status: 'inherit',
        attachmentUrl: url,
        terms: [],
        meta: m.alt === '' ? [] : [{ key: '_wp_attachment_image_alt', value: m.alt }],
        comments: [],
      }),
    );
    counts.attachments++;
  }

  let commentId = 1;
  for await (const page of snapshot.posts()) {
    for (const post of page) {
      const revision = shownRevision(post);
      const versions = numbering.versions.get(post.id);
      if (!revision || !versions) continue;
      const commentsByLanguage = numberComments(
        post,
        versions,
        people,
        numbering,
        () => commentId++,
      );
      const group = versions.size > 1 ? groupSlug(post.id) : null;
      const item = (
        language: string,
        title: string,
        excerpt: string,
        html: string,
        slug: string,
        status: WxrOutItem['status'],
        date: string | null,
      ): WxrOutItem => ({
        id: versions.get(language) ?? 0,
        type: post.kind === 'page' ? 'page' : 'post',
        title,
        link: `${base}${postPath({ language, slug, publishedAt: post.publishedAt })}`,
        guid: `${base}/?p=${versions.get(language) ?? 0}`,
        pubDate: rfc822(date),
        creator: people.get(authorOf(revision) ?? post.createdBy ?? '')?.login ?? '',
        contentHtml: html,
        excerptHtml: excerpt,
        date: wpDate(date),
        slug,
        status,
        // WordPress pages cannot be sticky.
        sticky: post.kind !== 'page' && post.sticky,
        terms: [
          ...termsOf(revision),
          {
            domain: 'language',
            nicename: languageSlug(language),
            name: languageNames.get(language) ?? language,
          },
          ...(group ? [{ domain: 'post_translations', nicename: group, name: group }] : []),
        ],
        meta: featuredMeta(revision, numbering),
        comments: commentsByLanguage.get(language) ?? [],
      });
      const sourceDoc = await deps.content.parse(revision.bodyMarkdown);
      await sink.append(
        WXR_FILE,
        writer.item(
          item(
            post.sourceLanguage,
            revision.title,
            revision.excerpt,
            await deps.content.render(sourceDoc, context),
            post.slug,
            postStatus[post.status] ?? 'draft',
            post.publishedAt ?? post.scheduledAt,
          ),
        ),
      );
      counts.posts++;
      counts.comments += commentsByLanguage.get(post.sourceLanguage)?.length ?? 0;
      for (const translation of post.translations) {
        if (!versions.has(translation.language) || translation.language === post.sourceLanguage)
          continue;
        const shown = translatedDocument(post, translation);
        await sink.append(
          WXR_FILE,
          writer.item(
            item(
              translation.language,
              shown.doc.title,
              shown.doc.excerpt,
              await deps.content.render(shown.doc.body, context),
              translation.slug || post.slug,
              translation.status === 'published' ? 'publish' : 'draft',
              translation.publishedAt ?? post.publishedAt,
            ),
          ),
        );
        counts.translations++;
        counts.comments += commentsByLanguage.get(translation.language)?.length ?? 0;
      }
    }
  }
  await sink.append(WXR_FILE, writer.close());
}

function authorOf(revision: ExportRevision): string | undefined {
  const ids = revision.metadata.authorIds;
  return Array.isArray(ids) && typeof ids[0] === 'string' ? ids[0] : undefined;
}

function termsOf(revision: ExportRevision): WxrOutItem['terms'] {
  const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);
  return [
    ...list(revision.metadata.categories).map((name) => ({
      domain: 'category',
      nicename: slugify(name),
      name,
    })),
    ...list(revision.metadata.tags).map((name) => ({
      domain: 'post_tag',
      nicename: slugify(name),
      name,
    })),
  ];
}

function featuredMeta(revision: ExportRevision, numbering: Numbering): WxrOutItem['meta'] {
  const id = revision.featuredMediaId ? numbering.media.get(revision.featuredMediaId) : undefined;
  return id === undefined ? [] : [{ key: '_thumbnail_id', value: String(id) }];
}

/**
 * The post's comments under the version of their language (the original's when that version is
 * not exported), threads kept; a deleted comment stays, as trash, so its replies keep a parent.
 */
function numberComments(
  post: ExportPost,
  versions: Map<string, number>,
  people: Map<string, { login: string; email: string; displayName: string }>,
  numbering: Numbering,
  nextId: () => number,
): Map<string, WxrOutComment[]> {
  const ids = new Map<string, number>();
  const byLanguage = new Map<string, WxrOutComment[]>();
  const ordered: ExportComment[] = [
    ...post.comments.filter((c) => c.parentId === null),
    ...post.comments.filter((c) => c.parentId !== null),
  ];
  for (const c of ordered) {
    const id = nextId();
    ids.set(c.id, id);
    const person = c.authorId ? people.get(c.authorId) : undefined;
    const language = versions.has(c.language) ? c.language : post.sourceLanguage;
    const list = byLanguage.get(language) ?? [];
    list.push({
      id,
      author: person?.displayName ?? '',
      authorEmail: person?.email ?? '',
      date: wpDate(c.createdAt) ?? '',
      content: c.body,
      approved:
        c.deletedAt !== null || c.status === 'rejected'
          ? 'trash'
          : c.status === 'published'
            ? '1'
            : '0',
      parent: c.parentId ? (ids.get(c.parentId) ?? 0) : 0,
      userId: c.authorId ? (numbering.users.get(c.authorId) ?? 0) : 0,
    });
    byLanguage.set(language, list);
  }
  return byLanguage;
}
