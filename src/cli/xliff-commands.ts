/**
 * `polyphony export-xliff POST LANG [--format xliff2|xliff12|po] [--out FILE]`,
 * `polyphony import-xliff FILE --post POST --lang LANG --user NAME` and
 * `polyphony check-xliff FILE` (validates any XLIFF 2.0 file without a database: exit 0 when
 * valid, 1 printing the located errors).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { DomainError } from '../domain/errors.js';
import { writePo } from '../interchange/xliff/po.js';
import { parseTranslationFile } from '../interchange/xliff/read-file.js';
import { validateXliff2 } from '../interchange/xliff/validate.js';
import { writeXliff12 } from '../interchange/xliff/xliff12.js';
import { writeXliff2 } from '../interchange/xliff/xliff2.js';
import type { Env } from '../config/env.js';
import { createRuntime } from '../main.js';
import {
  importTranslationFile,
  translationFile,
} from '../services/translation/translation-file.service.js';

/** Prints a refusal's problems (or its message) and answers exit code 1; rethrows the rest. */
function refused(error: unknown): number {
  if (!(error instanceof DomainError)) throw error;
  console.error(error.problems.map((p) => `${p.field}: ${p.message}`).join('\n') || error.message);
  return 1;
}

export async function checkXliff(args: string[]): Promise<number> {
  const [file] = args;
  if (!file) {
    console.error('check-xliff needs a FILE');
    return 2;
  }
  const errors = await validateXliff2(await readFile(file, 'utf8'));
  for (const e of errors) console.log(`${file}:${e.line}:${e.column}: <${e.element}> ${e.message}`);
  if (errors.length === 0) console.log(`${file}: valid XLIFF 2.0`);
  return errors.length === 0 ? 0 : 1;
}

export async function exportXliff(args: string[], env: Env): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: 'string', default: 'xliff2' }, out: { type: 'string' } },
  });
  const [postId, lang] = positionals;
  if (!postId || !lang || !['xliff2', 'xliff12', 'po'].includes(values.format)) {
    console.error('export-xliff needs POST LANG [--format xliff2|xliff12|po] [--out FILE]');
    return 2;
  }
  const runtime = await createRuntime(env);
  try {
    // The operator reads as an administrator would in the editor (reading writes nothing).
    const file = await translationFile(runtime.deps, { id: 'cli', roles: ['admin'] }, postId, lang);
    const text =
      values.format === 'po'
        ? writePo(file)
        : values.format === 'xliff12'
          ? writeXliff12(file)
          : writeXliff2(file);
    if (values.out) await writeFile(values.out, text);
    else process.stdout.write(text);
    return 0;
  } catch (error) {
    return refused(error);
  } finally {
    await runtime.close();
  }
}

export async function importXliff(args: string[], env: Env): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      post: { type: 'string' },
      lang: { type: 'string' },
      user: { type: 'string' },
    },
  });
  const [path] = positionals;
  if (!path || !values.user) {
    console.error('import-xliff needs FILE --user NAME [--post POST --lang LANG]');
    return 2;
  }
  const runtime = await createRuntime(env);
  try {
    const user = await runtime.deps.store.users.findByUsername(values.user);
    if (!user) {
      console.error(`No user named ${values.user}`);
      return 1;
    }
    const parsed = await parseTranslationFile(await readFile(path, 'utf8'), path);
    const report = await importTranslationFile(
      runtime.deps,
      { id: user.id, roles: user.roles },
      values.post ?? parsed.postId,
      values.lang ?? parsed.trgLang,
      parsed,
    );
    for (const unit of report.units) console.log(`${unit.outcome.padEnd(9)} ${unit.unitId}`);
    console.log(
      `${report.saved} saved, ${report.unchanged} unchanged, ${report.conflicts} conflicts`,
    );
    return report.conflicts > 0 ? 1 : 0;
  } catch (error) {
    return refused(error);
  } finally {
    await runtime.close();
  }
}
