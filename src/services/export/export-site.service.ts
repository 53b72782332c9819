/**
 * `polyphony export --format json|markdown|wxr DIR`: everything a site holds, in a form other tools
 * read, from one consistent snapshot (docs/export.md describes both layouts).
 *
 * - `json`: the versioned `polyphony-export` format: manifest.json, then one JSON document per
 *   line in users.jsonl, organizations.jsonl, terms.jsonl, events.jsonl, media.jsonl,
 *   redirects.jsonl and posts.jsonl (each post with its revisions, units, translations with
 *   their targets and history, imported reference texts, and comments), and the media files
 *   under media/.
 * - `wxr`: one WordPress eXtended RSS 1.2 file, translations as Polylang groups (export-wxr.ts).
 * - `markdown`: one file per post and language, `<lang>/<slug>.md`, with YAML front matter;
 *   a translation's body is what readers see (translated units, the source where none), and
 *   `media:ID` images point at the copied files under media/.
 */
import type { ServiceDeps } from '../deps.js';
import type { ExportMedia, SiteExportSnapshot } from '../ports/site-export.repository.js';
import { exportWxr } from './export-wxr.js';
import type { ExportFormat, ExportReport, ExportSink, ExportWriters } from './sink.js';
import { linkMedia, shownRevision, translatedDocument } from './versions.js';

export const EXPORT_FORMAT = 'polyphony-export';
export const EXPORT_VERSION = 1;
export { exportFormats } from './sink.js';
export type { ExportFormat, ExportReport, ExportSink, ExportWriters } from './sink.js';

/** Exports the whole site to `sink` in `format`. */
export async function exportSite(
  deps: ServiceDeps,
  format: ExportFormat,
  sink: ExportSink,
  writers: ExportWriters,
): Promise<ExportReport> {
  return deps.store.siteExport.snapshot(async (snapshot) => {
    const report: ExportReport = { format, counts: {}, files: 0, missingMedia: [], problems: [] };
    const counted = new Map<string, ExportMedia>();
    for await (const page of snapshot.media()) for (const m of page) counted.set(m.id, m);
    await copyMedia(deps, [...counted.values()], sink, report);
    if (format === 'json') await exportJson(deps, snapshot, sink, report);
    else if (format === 'wxr') await exportWxr(deps, snapshot, counted, sink, writers.wxr, report);
    else await exportMarkdown(deps, snapshot, counted, sink, writers.frontMatter, report);
    return report;
  });
}

async function copyMedia(
  deps: ServiceDeps,
  media: ExportMedia[],
  sink: ExportSink,
  report: ExportReport,
): Promise<void> {
  for (const item of media) {
    for (const key of [item.storageKey, ...item.variants.map((v) => v.storageKey)]) {
      let data: Buffer;
      try {
        data = await deps.storage.get(key);
      } catch {
        report.missingMedia.push(key);
        continue;
      }
      await sink.write(`media/${key}`, data);
      report.files++;
    }
  }
}

function line(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}

async function exportJson(
  deps: ServiceDeps,
  snapshot: SiteExportSnapshot,
  sink: ExportSink,
  report: ExportReport,
): Promise<void> {
  const counts = report.counts;
  const lists: [string, () => AsyncIterable<unknown[]> | Promise<unknown[]>][] = [
    ['users', () => snapshot.users()],
    ['organizations', () => snapshot.organizations()],
    ['terms', () => snapshot.terms()],
    ['events', () => snapshot.events()],
    ['media', () => snapshot.media()],
    ['redirects', () => snapshot.redirects()],
  ];
  for (const [name, read] of lists) {
    counts[name] = 0;
    await sink.write(`${name}.jsonl`, '');
    report.files++;
    const source = read();
    const pages = Symbol.asyncIterator in source ? source : [await source];
    for await (const page of pages)
      for (const item of page) {
        await sink.append(`${name}.jsonl`, line(item));
        counts[name]++;
      }
  }
  counts.posts = 0;
  counts.revisions = 0;
  counts.translations = 0;
  counts.targets = 0;
  counts.targetHistory = 0;
  counts.references = 0;
  counts.comments = 0;
  await sink.write('posts.jsonl', '');
  report.files++;
  for await (const page of snapshot.posts()) {
    for (const post of page) {
      const { unitBodyDoc: _document, ...stored } = post;
      await sink.append('posts.jsonl', line(stored));
      counts.posts++;
      counts.revisions += post.revisions.length;
      counts.translations += post.translations.length;
      counts.references += post.references.length;
      counts.comments += post.comments.length;
      for (const t of post.translations) {
        counts.targets += t.targets.length;
        counts.targetHistory += t.history.length;
      }
    }
  }
  const manifest = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: deps.clock.now().toISOString(),
    siteName: deps.settings.siteName,
    publicUrl: deps.settings.publicUrl,
    site: await snapshot.site(),
    counts,
    media: { missing: report.missingMedia },
  };
  await sink.write('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
  report.files++;
}

function pathFor(language: string, slug: string, taken: Set<string>): string {
  const base = `${language}/${slug === '' ? 'untitled' : slug}`;
  let path = `${base}.md`;
  for (let n = 2; taken.has(path); n++) path = `${base}-${n}.md`;
  taken.add(path);
  return path;
}

async function exportMarkdown(
  deps: ServiceDeps,
  snapshot: SiteExportSnapshot,
  media: Map<string, ExportMedia>,
  sink: ExportSink,
  frontMatter: ExportWriters['frontMatter'],
  report: ExportReport,
): Promise<void> {
  const usernames = new Map<string, string>();
  for await (const page of snapshot.users()) for (const u of page) usernames.set(u.id, u.username);
  const taken = new Set<string>();
  const counts = { posts: 0, translations: 0 };
  report.counts = counts;
  const write = async (path: string, data: Record<string, unknown>, body: string) => {
    await sink.write(path, `---\n${frontMatter(data)}---\n\n${body}`);
    report.files++;
  };
  for await (const page of snapshot.posts()) {
    for (const post of page) {
      const revision = shownRevision(post);
      if (!revision) continue;
      const meta = revision.metadata;
      const names = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);
      const sourcePath = pathFor(post.sourceLanguage, post.slug, taken);
      const featured = revision.featuredMediaId ? media.get(revision.featuredMediaId) : undefined;
      const translated = post.translations.filter((t) => t.targets.length > 0);
      const common = {
        authors: names(meta.authorIds).map((id) => usernames.get(id) ?? id),
        tags: names(meta.tags),
        categories: names(meta.categories),
        ...(featured
          ? {
              featured_image: `../media/${featured.storageKey}`,
              featured_alt: revision.featuredAlt,
            }
          : {}),
      };
      let body: string;
      try {
        body = deps.content.toMarkdown(
          linkMedia(await deps.content.parse(revision.bodyMarkdown), media),
        );
      } catch (error) {
        report.problems.push({
          post: post.id,
          language: post.sourceLanguage,
          message: error instanceof Error ? error.message : String(error),
        });
        body = revision.bodyMarkdown;
      }
      await write(
        sourcePath,
        {
          title: revision.title,
          slug: post.slug,
          language: post.sourceLanguage,
          status: post.status,
          date: post.publishedAt ?? post.scheduledAt ?? post.createdAt,
          updated: revision.createdAt,
          revision: revision.number,
          excerpt: revision.excerpt,
          ...common,
          translations: translated.map((t) => t.language),
          id: post.id,
        },
        body,
      );
      counts.posts++;
      for (const translation of translated) {
        const path = pathFor(translation.language, translation.slug || post.slug, taken);
        let title = revision.title;
        let excerpt = revision.excerpt;
        let completion = 0;
        let outdated = 0;
        try {
          const shown = translatedDocument(post, translation);
          ({ title, excerpt } = shown.doc);
          ({ completion, outdated } = shown);
          body = deps.content.toMarkdown(linkMedia(shown.doc.body, media));
        } catch (error) {
          report.problems.push({
            post: post.id,
            language: translation.language,
            message: error instanceof Error ? error.message : String(error),
          });
          continue;
        }
        await write(
          path,
          {
            title,
            slug: translation.slug || post.slug,
            language: translation.language,
            translation_of: `../${sourcePath}`,
            status: translation.status,
            date: translation.publishedAt ?? translation.createdAt,
            updated: translation.updatedAt,
            source_revision: post.unitRevision,
            completion,
            outdated_units: outdated,
            excerpt,
            ...common,
            id: translation.id,
          },
          body,
        );
        counts.translations++;
      }
    }
  }
}
