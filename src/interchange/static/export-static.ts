/**
 * `polyphony export-static DIR [--incremental]`: every public page of the site, in every site
 * language, with its feeds, sitemap, robots.txt, stylesheets, scripts and media, written into
 * DIR for a static server. The site is crawled through `SitePages` (the real app answering
 * in-process, src/http/static-site-pages.ts) from `/`, each language's home, the sitemap and
 * robots.txt, following every address the pages refer to. How addresses become files, what
 * the export changes in a page and how an incremental run decides what to write: README.md.
 */
import { createHash } from 'node:crypto';
import { htmlReferences, rewriteHtmlReferences } from './html-links.js';
import { MANIFEST_FILE, MANIFEST_VERSION, parseManifest, serializeManifest } from './manifest.js';
import type { ExportManifest, ManifestFile } from './manifest.js';
import { directoryState, outputDirectory } from './output-directory.js';
import type { OutputDirectory } from './output-directory.js';
import {
  filePathFor,
  isHtml,
  isLiveOnly,
  isLocalPath,
  languageSwitchTarget,
  redirectPage,
} from './site-paths.js';
import { robotsSitemaps, sitemapUrls } from './text-links.js';

/** The app's answer to a GET of one path, as the export needs it. */
export interface PageAnswer {
  status: number;
  /** The Content-Type sent ('' when none). */
  contentType: string;
  /** Where a redirect leads (as sent), else null. */
  location: string | null;
  /** Any cache may keep it for everyone: no `private` or `no-store`, no cookie set. */
  shareable: boolean;
  /** The app says the bytes at this address never change (`immutable`). */
  immutable: boolean;
  /** The page cache keys the answer shows (its Surrogate-Key, without the site's own tag). */
  keys: string[];
  body: Buffer;
}

/** The site, answering signed-out GET requests (no cookies, no Accept-Language). */
export interface SitePages {
  get(path: string): Promise<PageAnswer>;
}

export interface StaticExportOptions {
  pages: SitePages;
  dir: string;
  /** PUBLIC_URL: absolute links to this origin are the site's own. */
  publicUrl: string;
  /** The site's languages: each one's home is a starting point. */
  languages: readonly string[];
  /** Update the export already in `dir` (its manifest) instead of requiring an empty one. */
  incremental: boolean;
  now: () => Date;
  /** Requests in flight at once (default 4). */
  concurrency?: number;
}

export interface StaticExportReport {
  dir: string;
  sequence: number;
  exportedAt: string;
  /** When the export this run updated was made; null for a first export. */
  previousExportAt: string | null;
  /** Files the export holds now. */
  files: number;
  added: string[];
  rewritten: string[];
  removed: string[];
  unchanged: number;
  /** The keys every rewritten page shows (e.g. the one post an edit changed). */
  sharedKeys: string[];
  /** Distinct links to addresses only the live site answers (sign-in, translate, search…). */
  liveOnlyLinks: string[];
  /** Distinct links with a query, which no file can answer (left as they are). */
  queryLinks: string[];
  /** Internal links the app answered 4xx to, with a page linking them. */
  notFound: Array<{ url: string; status: number; linkedFrom: string }>;
  /** Addresses that failed (5xx, or no answer): their earlier files are kept. */
  failed: Array<{ url: string; error: string }>;
  /** Answers that no file can hold (a path segment `..`, a type at a directory path…). */
  skipped: Array<{ url: string; reason: string }>;
}

/** Raised before anything is written: the directory is not one this run may write into. */
export class StaticExportRefusedError extends Error {}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** A path and its trailing-slash twin are one address (the app ignores trailing slashes). */
const addressKey = (path: string) => (path.length > 1 ? path.replace(/\/+$/, '') || '/' : path);

/** The directory's manifest, or null for a first export; refuses what it may not write into. */
async function previousExport(
  out: OutputDirectory,
  incremental: boolean,
): Promise<ExportManifest | null> {
  const state = await directoryState(out.root);
  if (state !== 'not-empty') return null;
  if (!incremental)
    throw new StaticExportRefusedError(
      `${out.root} is not empty: export into a new or empty directory, or pass --incremental to update an export made there`,
    );
  const text = await out.readText(MANIFEST_FILE);
  if (text === null)
    throw new StaticExportRefusedError(
      `${out.root} holds no ${MANIFEST_FILE}: --incremental updates only a directory a static export wrote`,
    );
  return parseManifest(text);
}

/** Runs `visit` over a growing queue with at most `limit` at once; resolves when all are done. */
async function drain(
  queue: string[],
  limit: number,
  visit: (path: string) => Promise<void>,
): Promise<void> {
  let active = 0;
  let failure: Error | null = null;
  await new Promise<void>((resolveAll, rejectAll) => {
    const pump = () => {
      if (failure !== null) return;
      while (active < limit && queue.length > 0) {
        const path = queue.shift();
        if (path === undefined) break;
        active++;
        visit(path).then(
          () => {
            active--;
            pump();
          },
          (error: unknown) => {
            failure = error instanceof Error ? error : new Error(String(error));
            rejectAll(failure);
          },
        );
      }
      if (active === 0 && queue.length === 0) resolveAll();
    };
    pump();
  });
}

/**
 * Exports the site into `options.dir` and returns what happened to each file. Throws
 * StaticExportRefusedError before writing anything when the directory is not empty and not an
 * earlier export (or `incremental` is off), and any error writing a file.
 */
export async function exportStaticSite(options: StaticExportOptions): Promise<StaticExportReport> {
  const out = outputDirectory(options.dir);
  const previous = await previousExport(out, options.incremental);
  const exportedAt = options.now().toISOString();
  const origin = new URL(options.publicUrl).origin;
  const previousByUrl = new Map<string, [string, ManifestFile]>();
  for (const [file, entry] of Object.entries(previous?.files ?? {}))
    previousByUrl.set(addressKey(entry.url), [file, entry]);

  const files = new Map<string, ManifestFile>();
  const directories = new Set<string>();
  const seen = new Set<string>();
  const linkedFrom = new Map<string, string>();
  const queue: string[] = [];
  const liveOnly = new Set<string>();
  const queries = new Set<string>();
  const report: Omit<StaticExportReport, 'files' | 'sharedKeys' | 'unchanged'> = {
    dir: out.root,
    sequence: (previous?.sequence ?? 0) + 1,
    exportedAt,
    previousExportAt: previous?.exportedAt ?? null,
    added: [],
    rewritten: [],
    removed: [],
    liveOnlyLinks: [],
    queryLinks: [],
    notFound: [],
    failed: [],
    skipped: [],
  };
  let unchanged = 0;

  /** Queues the address `ref` names (relative to the page at `from`) when it is the site's own. */
  const follow = (ref: string, from: string) => {
    let url: URL;
    try {
      url = new URL(ref, `${origin}${from}`);
    } catch {
      return;
    }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== origin) return;
    if (isLiveOnly(url.pathname)) {
      liveOnly.add(url.pathname);
      return;
    }
    if (url.search !== '') {
      queries.add(url.pathname + url.search);
      return;
    }
    const key = addressKey(url.pathname);
    if (seen.has(key)) return;
    seen.add(key);
    linkedFrom.set(url.pathname, from);
    queue.push(url.pathname);
  };

  /** Claims `file` for one address; false when another address or a directory has it. */
  const claim = (file: string, url: string): boolean => {
    const parts = file.split('/');
    const prefixes = parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/'));
    if (files.has(file) || directories.has(file) || prefixes.some((p) => files.has(p))) {
      report.skipped.push({
        url,
        reason: `${file} is already another address's file or directory`,
      });
      return false;
    }
    for (const prefix of prefixes) directories.add(prefix);
    return true;
  };

  /** Records the file and writes it unless the directory already holds exactly these bytes. */
  const keep = async (file: string, entry: ManifestFile, body: Buffer | null) => {
    files.set(file, entry);
    const before = previous?.files[file];
    const same =
      before !== undefined &&
      before.sha256 === entry.sha256 &&
      (await out.size(file)) === entry.bytes;
    if (same || body === null) {
      unchanged++;
      return;
    }
    await out.write(file, body);
    (before ? report.rewritten : report.added).push(file);
  };

  /** What the export writes for a page: language switches lead straight to their page. */
  const exportedHtml = (html: string, path: string) =>
    rewriteHtmlReferences(html, (reference) => {
      if (reference.element !== 'a') return null;
      let url: URL;
      try {
        url = new URL(reference.value, `${origin}${path}`);
      } catch {
        return null;
      }
      return url.origin === origin ? languageSwitchTarget(url) : null;
    });

  const visit = async (path: string) => {
    const earlier = previousByUrl.get(addressKey(path));
    // Bytes the app promised never change, still on disk: nothing to fetch.
    if (earlier && earlier[1].immutable && (await out.size(earlier[0])) === earlier[1].bytes) {
      if (claim(earlier[0], path)) await keep(earlier[0], earlier[1], null);
      return;
    }
    let answer: PageAnswer;
    try {
      answer = await options.pages.get(path);
    } catch (error) {
      answer = {
        status: 0,
        contentType: '',
        location: null,
        shareable: false,
        immutable: false,
        keys: [],
        body: Buffer.from(error instanceof Error ? error.message : String(error)),
      };
    }
    if (answer.status >= 300 && answer.status < 400 && answer.location !== null) {
      const target = new URL(answer.location, `${origin}${path}`);
      if (target.origin !== origin || !isLocalPath(target.pathname)) {
        report.skipped.push({ url: path, reason: `redirects away from the site` });
        return;
      }
      follow(target.pathname + target.search, path);
      const file = filePathFor(path, 'text/html');
      if (file === null || !claim(file, path)) return;
      const body = Buffer.from(redirectPage(target.pathname + target.search));
      const entry = { url: path, type: 'text/html; charset=utf-8', keys: [], bytes: body.length };
      await keep(file, { ...entry, sha256: sha256(body) }, body);
      return;
    }
    if (answer.status === 0 || answer.status >= 500) {
      report.failed.push({
        url: path,
        error: answer.status === 0 ? answer.body.toString() : `answered ${answer.status}`,
      });
      // Not this run's to judge: the file made last time stays.
      if (earlier && !files.has(earlier[0])) files.set(earlier[0], earlier[1]);
      return;
    }
    if (answer.status !== 200) {
      report.notFound.push({
        url: path,
        status: answer.status,
        linkedFrom: linkedFrom.get(path) ?? '(start)',
      });
      return;
    }
    if (!answer.shareable) {
      liveOnly.add(path);
      return;
    }
    const file = filePathFor(path, answer.contentType);
    if (file === null) {
      report.skipped.push({ url: path, reason: `no file name can hold ${answer.contentType}` });
      return;
    }
    if (!claim(file, path)) return;
    let body = answer.body;
    if (isHtml(answer.contentType)) {
      const html = exportedHtml(body.toString('utf8'), path);
      body = Buffer.from(html);
      for (const reference of htmlReferences(html)) follow(reference.value, path);
    } else if (path === '/sitemap.xml') {
      for (const url of sitemapUrls(body.toString('utf8'))) follow(url, path);
    } else if (path === '/robots.txt') {
      for (const url of robotsSitemaps(body.toString('utf8'))) follow(url, path);
    }
    const entry: ManifestFile = {
      url: path,
      type: answer.contentType,
      keys: [...new Set(answer.keys)].sort(),
      bytes: body.length,
      sha256: sha256(body),
      ...(answer.immutable ? { immutable: true } : {}),
    };
    await keep(file, entry, body);
  };

  for (const start of [
    '/',
    ...options.languages.map((l) => `/${l}/`),
    '/sitemap.xml',
    '/robots.txt',
  ])
    follow(start, '/');
  await drain(queue, options.concurrency ?? 4, visit);

  for (const file of Object.keys(previous?.files ?? {}))
    if (!files.has(file)) {
      await out.remove(file);
      report.removed.push(file);
    }
  const manifest: ExportManifest = {
    version: MANIFEST_VERSION,
    publicUrl: options.publicUrl,
    sequence: report.sequence,
    exportedAt,
    files: Object.fromEntries(files),
  };
  await out.write(MANIFEST_FILE, serializeManifest(manifest));

  // Files that show every post under the one site-wide key (the sitemap) say nothing of
  // which post changed: left out of the keys the rewritten pages share.
  const rewrittenKeys = report.rewritten
    .map((file) => files.get(file)?.keys ?? [])
    .filter((keys) => keys.some((key) => key !== 'list:all'));
  const sharedKeys = (rewrittenKeys[0] ?? []).filter((key) =>
    rewrittenKeys.every((keys) => keys.includes(key)),
  );
  const sorted = (values: Iterable<string>) => [...values].sort();
  return {
    ...report,
    added: report.added.sort(),
    rewritten: report.rewritten.sort(),
    removed: report.removed.sort(),
    files: files.size,
    unchanged,
    sharedKeys,
    liveOnlyLinks: sorted(liveOnly),
    queryLinks: sorted(queries),
  };
}
