// `node --import tsx bench/xliff.ts`: issue 11's translation-file figures (acceptance 6, its
// XLIFF part). One published post of 500 units (title, excerpt, 498 paragraphs), translated
// in full, on SQLite and on the PostgreSQL server of TEST_POSTGRES_URL / DATABASE_URL when it
// answers. For XLIFF 2.0, XLIFF 1.2 and PO, measured over --runs runs:
//   export   the stored translation read and written as the file (what the download does);
//   read     the file parsed and validated (XLIFF 2.0: the OASIS XSD through xmllint-wasm too);
//   import unchanged   the parsed file applied: every unit compared, nothing written;
//   import changed     all 500 targets edited in the file and applied (500 saves, one run).
// Baseline measured in the same run: opening the editor on the same translation (loadEditor).
// The bench checks what each import did: WRONG when an unchanged import saves anything or a
// changed one does not save exactly 500 units.
//   --runs N (default 5)   --skip-postgres
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writePo } from '../src/interchange/xliff/po.js';
import { parseTranslationFile } from '../src/interchange/xliff/read-file.js';
import { writeXliff12 } from '../src/interchange/xliff/xliff12.js';
import { writeXliff2 } from '../src/interchange/xliff/xliff2.js';
import type { Xliff2ExportDoc } from '../src/interchange/xliff/xliff2.js';
import { loadEditor } from '../src/services/translation/open-translation.service.js';
import { saveTarget } from '../src/services/translation/save-target.service.js';
import {
  importTranslationFile,
  translationFile,
} from '../src/services/translation/translation-file.service.js';
import { describeMachine } from './lib/report.js';
import {
  benchEngines,
  benchUser,
  dropLeftoverDatabases,
  longPost,
  openRuntime,
  publishLongPost,
} from './lib/translation-setup.js';
import type { BenchRuntime, EngineName } from './lib/translation-setup.js';
import { elapsedMs, heading, ms, table, timing } from './lib/translation-stats.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    'skip-postgres': { type: 'boolean', default: false },
  },
});
const RUNS = Number(values.runs);
const UNITS = 500;

const FORMATS = {
  'XLIFF 2.0': { name: 'post.xlf', write: writeXliff2 },
  'XLIFF 1.2': { name: 'post.xliff12.xlf', write: writeXliff12 },
  PO: { name: 'post.po', write: writePo },
} as const;
type FormatName = keyof typeof FORMATS;

async function repeat(runs: number, work: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await work();
    times.push(elapsedMs(start));
  }
  return times;
}

interface Row {
  engine: EngineName;
  format: FormatName | 'editor (baseline)';
  bytes: number;
  exportMs: number;
  readMs: number;
  unchangedMs: number;
  changedMs: number;
}

async function benchEngine(bench: BenchRuntime, wrong: string[]): Promise<Row[]> {
  const { deps } = bench;
  const editor = await benchUser(deps, ['editor'], 'editor');
  const translator = await benchUser(deps, ['translator'], 'translator');
  const { post, units } = await publishLongPost(
    deps,
    editor,
    longPost(`xliff-${bench.engine}`, UNITS - 2, 11),
  );
  if (units.length !== UNITS) wrong.push(`${bench.engine}: the post has ${units.length} units`);
  for (const unit of units)
    await saveTarget(deps, translator, {
      postId: post.id,
      language: 'es',
      unitId: unit.unitId,
      text: `es: ${unit.source}`,
      version: 0,
      sourceRevision: unit.revision,
    });
  const rows: Row[] = [];
  const editorTimes = await repeat(RUNS, () => loadEditor(deps, translator, post.id, 'es'));
  rows.push({
    engine: bench.engine,
    format: 'editor (baseline)',
    bytes: 0,
    exportMs: timing(editorTimes).p50,
    readMs: 0,
    unchangedMs: 0,
    changedMs: 0,
  });
  for (const [format, { name, write }] of Object.entries(FORMATS) as [
    FormatName,
    (typeof FORMATS)[FormatName],
  ][]) {
    let text = '';
    const exportTimes = await repeat(RUNS, async () => {
      const doc: Xliff2ExportDoc = await translationFile(deps, translator, post.id, 'es');
      text = write(doc);
    });
    const readTimes = await repeat(RUNS, () => parseTranslationFile(text, name));
    const parsed = await parseTranslationFile(text, name);
    const unchangedTimes = await repeat(RUNS, async () => {
      const report = await importTranslationFile(deps, translator, post.id, 'es', parsed);
      if (report.saved !== 0 || report.unchanged !== UNITS)
        wrong.push(`${bench.engine} ${format}: unchanged import saved ${report.saved}`);
    });
    const changed = {
      ...parsed,
      units: parsed.units.map((u) => ({ ...u, target: `${u.target ?? ''} (${format})` })),
    };
    const start = performance.now();
    const report = await importTranslationFile(deps, translator, post.id, 'es', changed);
    const changedMs = elapsedMs(start);
    if (report.saved !== UNITS)
      wrong.push(`${bench.engine} ${format}: changed import saved ${report.saved} of ${UNITS}`);
    rows.push({
      engine: bench.engine,
      format,
      bytes: Buffer.byteLength(text),
      exportMs: timing(exportTimes).p50,
      readMs: timing(readTimes).p50,
      unchangedMs: timing(unchangedTimes).p50,
      changedMs,
    });
  }
  return rows;
}

async function main(): Promise<number> {
  heading(`Translation files of a ${UNITS}-unit post (issue 11)`);
  console.log(describeMachine());
  console.log(
    `Load average: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const { engines, postgresUrl } = await benchEngines(values['skip-postgres']);
  const workDir = mkdtempSync(join(tmpdir(), 'polyphony-bench-xliff-'));
  const wrong: string[] = [];
  const rows: Row[] = [];
  try {
    for (const engine of engines) {
      const bench = await openRuntime(engine, { workDir, postgresUrl, label: 'xliff' });
      try {
        console.log(`${engine}: ${bench.description}`);
        rows.push(...(await benchEngine(bench, wrong)));
      } finally {
        await bench.close();
      }
    }
  } finally {
    await dropLeftoverDatabases();
    rmSync(workDir, { recursive: true, force: true });
  }
  const baseline = new Map(
    rows.filter((r) => r.format === 'editor (baseline)').map((r) => [r.engine, r.exportMs]),
  );
  console.log(
    `\nMedians of ${RUNS} runs (import changed: one run, ${UNITS} saves); ratio = export ÷ opening the editor\n`,
  );
  console.log(
    table(
      [
        'engine',
        'format',
        'file',
        'export',
        'ratio',
        'read+validate',
        'import unchanged',
        'import changed',
      ],
      rows.map((r) =>
        r.format === 'editor (baseline)'
          ? [r.engine, r.format, '', ms(r.exportMs), '1.00×', '', '', '']
          : [
              r.engine,
              r.format,
              `${(r.bytes / 1024).toFixed(0)} KiB`,
              ms(r.exportMs),
              `${(r.exportMs / (baseline.get(r.engine) ?? r.exportMs)).toFixed(2)}×`,
              ms(r.readMs),
              ms(r.unchangedMs),
              ms(r.changedMs),
            ],
      ),
    ),
  );
  for (const line of wrong) console.log(`WRONG: ${line}`);
  if (wrong.length === 0)
    console.log('\nChecks: every unchanged import saved 0 units, every changed one 500: OK');
  return wrong.length === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  async (error: unknown) => {
    console.error(
      `bench/xliff.ts failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    await dropLeftoverDatabases();
    process.exitCode = 1;
  },
);
