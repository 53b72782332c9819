/**
 * `polyphony export --format json|markdown|wxr DIR`: the whole site (any engine, running or not)
 * written into the empty or new directory DIR. Layouts: docs/export.md.
 */
import { mkdir, open, readdir, writeFile } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import type { Env } from '../config/env.js';
import { wxrWriter } from '../interchange/wxr/write-wxr.js';
import { createRuntime } from '../main.js';
import {
  exportFormats,
  exportSite,
  type ExportFormat,
  type ExportSink,
} from '../services/export/export-site.service.js';

function isFormat(value: string): value is ExportFormat {
  return (exportFormats as readonly string[]).includes(value);
}

/** Files under `root` only: a path that would leave it is refused. */
export function directorySink(root: string): ExportSink & { close(): Promise<void> } {
  const handles = new Map<string, FileHandle>();
  const inside = async (path: string) => {
    const full = resolve(root, path);
    const rel = relative(root, full);
    if (rel === '' || rel.startsWith('..') || rel.split(sep).includes('..'))
      throw new Error(`refusing to write outside the export directory: ${path}`);
    await mkdir(dirname(full), { recursive: true });
    return full;
  };
  return {
    async write(path, data) {
      await writeFile(await inside(path), data, { mode: 0o600 });
    },
    async append(path, text) {
      let handle = handles.get(path);
      if (!handle) {
        handle = await open(await inside(path), 'a', 0o600);
        handles.set(path, handle);
      }
      await handle.write(text);
    },
    async close() {
      for (const handle of handles.values()) await handle.close();
      handles.clear();
    },
  };
}

async function isEmptyOrNew(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
}

export async function exportCommand(args: string[], env: Env): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: 'string', default: 'json' } },
  });
  const [dir] = positionals;
  if (!dir || positionals.length > 1 || !isFormat(values.format)) {
    console.error('export needs --format json|markdown|wxr DIR');
    return 2;
  }
  if (!(await isEmptyOrNew(dir))) {
    console.error(`${dir} is not empty: export into a new or empty directory`);
    return 1;
  }
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const runtime = await createRuntime(env);
  const sink = directorySink(resolve(dir));
  try {
    const report = await exportSite(runtime.deps, values.format, sink, {
      frontMatter: (data) => stringify(data, { lineWidth: 0 }),
      wxr: wxrWriter,
    });
    await sink.close();
    const counts = Object.entries(report.counts)
      .map(([name, n]) => `${n} ${name}`)
      .join(', ');
    console.log(`${dir}: ${report.format} export, ${report.files} files (${counts})`);
    for (const key of report.missingMedia) console.log(`missing media file: ${key}`);
    for (const p of report.problems)
      console.log(`post ${p.post} (${p.language}) written as stored: ${p.message}`);
    return 0;
  } finally {
    await sink.close();
    await runtime.close();
  }
}
