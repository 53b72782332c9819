/**
 * `polyphony export-static DIR [--incremental] [--quiet]`: every public page, feed, sitemap,
 * stylesheet, script and media file of the site into DIR for a static server (nginx). How it
 * is served and what an incremental run rewrites: src/interchange/static/README.md.
 */
import { parseArgs } from 'node:util';
import type { Env } from '../config/env.js';
import { openStaticSitePages } from '../http/static-site-pages.js';
import { exportStaticSite, StaticExportRefusedError } from '../interchange/static/export-static.js';
import type { StaticExportReport } from '../interchange/static/export-static.js';
import { createRuntime } from '../main.js';
import type { ServiceDeps } from '../services/deps.js';

/** The report as the command prints it; `listFiles` adds a line per file written or removed. */
export function reportLines(report: StaticExportReport, listFiles: boolean): string[] {
  const lines: string[] = [];
  if (listFiles) {
    for (const file of report.added) lines.push(`+ ${file}`);
    for (const file of report.rewritten) lines.push(`~ ${file}`);
    for (const file of report.removed) lines.push(`- ${file}`);
  }
  lines.push(
    `${report.dir}: export ${report.sequence}, ${report.files} files — ${report.added.length} new, ${report.rewritten.length} rewritten, ${report.removed.length} removed, ${report.unchanged} unchanged`,
  );
  if (report.previousExportAt)
    lines.push(
      `Every page was rendered again and compared with the export of ${report.previousExportAt}; only files whose bytes changed were written.`,
    );
  if (report.sharedKeys.length > 0)
    lines.push(`Every rewritten page shows ${report.sharedKeys.join(', ')}.`);
  if (report.liveOnlyLinks.length > 0)
    lines.push(
      `${report.liveOnlyLinks.length} addresses linked from the pages need the live site (sign-in, translate, search…): left as they are.`,
    );
  if (report.queryLinks.length > 0)
    lines.push(`${report.queryLinks.length} links with a query string were not exported.`);
  for (const item of report.notFound)
    lines.push(`not found (${item.status}): ${item.url}, linked from ${item.linkedFrom}`);
  for (const item of report.skipped) lines.push(`skipped ${item.url}: ${item.reason}`);
  for (const item of report.failed) lines.push(`FAILED ${item.url}: ${item.error}`);
  return lines;
}

/**
 * Exports the site of `deps` into `dir` and returns the report. Throws
 * StaticExportRefusedError when `dir` may not be written into (see exportStaticSite).
 */
export async function runStaticExport(
  deps: ServiceDeps,
  dir: string,
  incremental: boolean,
): Promise<StaticExportReport> {
  const pages = await openStaticSitePages(deps);
  try {
    return await exportStaticSite({
      pages,
      dir,
      publicUrl: deps.settings.publicUrl,
      languages: deps.settings.languages,
      incremental,
      now: () => deps.clock.now(),
    });
  } finally {
    await pages.close();
  }
}

/** Exit 0 exported, 1 refused or some address failed (its earlier file kept), 2 usage. */
export async function staticExportCommand(args: string[], env: Env): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { incremental: { type: 'boolean', default: false }, quiet: { type: 'boolean' } },
    });
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 2;
  }
  const { values, positionals } = parsed;
  const [dir] = positionals;
  if (!dir || positionals.length > 1) {
    console.error('export-static needs DIR [--incremental]');
    return 2;
  }
  const runtime = await createRuntime(env);
  try {
    const report = await runStaticExport(runtime.deps, dir, values.incremental);
    for (const line of reportLines(report, values.incremental && values.quiet !== true))
      console.log(line);
    if (!env.PUBLIC_URL)
      console.log(
        `PUBLIC_URL is not set: canonical links, feeds and the sitemap point at ${runtime.deps.settings.publicUrl}.`,
      );
    return report.failed.length > 0 ? 1 : 0;
  } catch (error) {
    if (!(error instanceof StaticExportRefusedError)) throw error;
    console.error(error.message);
    return 1;
  } finally {
    await runtime.close();
  }
}
