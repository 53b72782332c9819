/**
 * `polyphony import-wxr FILE [--uploads DIR] [--user NAME] [--report FILE]`: a WordPress
 * export into this site, printing each item as it goes and the counts at the end. Runs again
 * safely: what an earlier run imported is found and left alone (`unchanged`).
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Env } from '../config/env.js';
import { uploadsDirectory, wordPressFile } from '../interchange/wxr/wordpress-file.js';
import { createRuntime } from '../main.js';
import { importWxr } from '../services/import/import-wxr.service.js';
import type { ImportEntry } from '../services/import/import-report.js';

function line(entry: ImportEntry): string {
  const notes = entry.notes.length > 0 ? ` — ${entry.notes.join('; ')}` : '';
  return `${entry.outcome.padEnd(9)} ${entry.kind} ${entry.wpId} ${JSON.stringify(entry.label)}${notes}`;
}

export async function importWxrCommand(args: string[], env: Env): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      uploads: { type: 'string' },
      user: { type: 'string' },
      report: { type: 'string' },
      quiet: { type: 'boolean', default: false },
    },
  });
  const [file] = positionals;
  if (!file || positionals.length > 1) {
    console.error('import-wxr needs FILE [--uploads DIR] [--user NAME] [--report FILE]');
    return 2;
  }
  const runtime = await createRuntime(env);
  try {
    const { store } = runtime.deps;
    const admins = (await store.users.listAll())
      .filter((u) => u.roles.includes('admin') && u.suspendedAt === null)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    const user = values.user ? admins.find((u) => u.username === values.user) : admins[0];
    if (!user) {
      console.error(
        values.user
          ? `${values.user} is not an administrator of this site`
          : 'This site has no administrator yet: run create-admin first',
      );
      return 1;
    }
    const report = await importWxr(
      runtime.deps,
      { id: user.id, roles: user.roles },
      wordPressFile(file),
      {
        uploads: values.uploads ? uploadsDirectory(values.uploads) : null,
        onEntry: (entry) => {
          if (!values.quiet || entry.outcome === 'failed') console.log(line(entry));
        },
      },
    );
    for (const group of report.groups) {
      const parts = group.translations.map(
        (t) => `${t.language} ${t.aligned} aligned, ${t.left} left`,
      );
      console.log(`group ${group.group} onto ${group.source}: ${parts.join('; ')}`);
    }
    const counts = Object.entries(report.counts())
      .map(
        ([kind, outcomes]) =>
          `${kind}: ${Object.entries(outcomes)
            .map(([outcome, n]) => `${n} ${outcome}`)
            .join(', ')}`,
      )
      .join('\n');
    console.log(counts);
    if (values.report) {
      await writeFile(
        values.report,
        JSON.stringify({ entries: report.entries, groups: report.groups }, null, 2),
      );
    }
    console.log(
      report.failed > 0
        ? `Done: ${report.failed} items could not be imported (listed above as failed)`
        : 'Done: every item is accounted for above',
    );
    return 0;
  } finally {
    await runtime.close();
  }
}
