// `npm run bench:mt`: Apertium APy latency per unit for issue 8's acceptance 6, en → es.
//   - pipeline start: the first unit a fresh APy translates for the pair (APy starts the
//     pair's pipeline of processes on first use);
//   - cold: a unit not kept yet — machineSuggestions calls APy, checks the codes and keeps it;
//   - cached: the same unit asked again — answered from mt_cache without calling APy.
// Through the real runtime (createRuntime: SQLite file, Apertium adapter from MT_APERTIUM_URL),
// one unit per request, on realistic units of the demo post with their links and bold. Every
// answer is checked (OK/WRONG); a WRONG exits 1. See bench/README.md, "Machine translation".
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadEnv } from '../src/config/env.js';
import { plainText } from '../src/domain/units/tagged.js';
import type { CodeInfo } from '../src/domain/units/types.js';
import { createRuntime } from '../src/main.js';
import type { Runtime } from '../src/main.js';
import { machineSuggestions } from '../src/services/mt/machine-suggestions.service.js';
import type { MachineSuggestions } from '../src/services/mt/machine-suggestions.service.js';
import { describeMachine } from './lib/report.js';
import { percentile } from './lib/translation-stats.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const resultsFile = join(repoRoot, 'bench', 'results', 'mt.json');

const USAGE = `Usage: npm run bench:mt -- [options]

  --url URL     use the APy already running at URL (default: start a fresh one on a free
                port with .ci/start-apy, so the pipeline-start figure is real, and stop it)
  --rounds N    rounds over the units, each on a fresh database (default 5)
  --help`;

const link = (url: string): CodeInfo => ({ kind: 'pc', type: 'link', label: `link → ${url}` });
const bold: CodeInfo = { kind: 'pc', type: 'strong', label: 'bold' };
const italic: CodeInfo = { kind: 'pc', type: 'emphasis', label: 'italic' };

/** Units of the demo post (src/services/demo), as the editor sends them. */
const UNITS: { source: string; codes: Record<string, CodeInfo> }[] = [
  { source: 'What surprised you most?', codes: {} },
  { source: 'Working across three time zones', codes: {} },
  {
    source: 'This post tells how it happened, what we learned, and where to find the result.',
    codes: {},
  },
  {
    source:
      'The result is a three-page PDF that you can print, adapt and share under <pc id="1">CC BY-SA 4.0</pc>:',
    codes: { '1': link('https://creativecommons.org/licenses/by-sa/4.0/') },
  },
  {
    source:
      'a checklist for the weeks <pc id="1">before</pc> the day, starting four to six weeks ahead;',
    codes: { '1': bold },
  },
  {
    source:
      'We presented the playbook at the <pc id="1">Open Knowledge Summit 2026</pc> in Nairobi in September, in a packed Hall B on the second day. The recording of the whole day is online, and <pc id="2">our session on the playbook starts at 2:12:30</pc>: the video below opens right at that moment.',
    codes: { '1': link('https://summit.example.org'), '2': bold },
  },
  {
    source:
      'An edit-a-thon as the playbook imagines it: a mentor at every table and a <pc id="1">remote buddy</pc> on the screen.',
    codes: { '1': italic },
  },
  {
    source:
      'Every decision is written down in plain English and in at least one other language before the call ends.',
    codes: {},
  },
  {
    source:
      'We invited four more communities and set ourselves a modest goal: <pc id="1">one playbook that any of us could hand to a first-time organizer</pc>, short enough to print and specific enough to follow.',
    codes: { '1': bold },
  },
  {
    source:
      'The playbook is a living document. Each partner will run at least two more edit-a-thons before June 2027 and bring the retrospectives back to our Thursday calls. We are also looking for communities in Asia and Oceania who would like to try it: if that is you, write to any of us.',
    codes: {},
  },
];

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolvePort(port));
    });
  });
}

function summary(values: readonly number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const r = (v: number) => Math.round(v * 100) / 100;
  return {
    samples: sorted.length,
    p50: r(percentile(sorted, 50)),
    p95: r(percentile(sorted, 95)),
    max: r(sorted.at(-1) ?? 0),
  };
}

async function openRuntime(dir: string, round: number, url: string): Promise<Runtime> {
  const env = loadEnv({
    DATABASE_URL: `sqlite:${join(dir, `mt-${round}.db`)}`,
    MEDIA_DIR: join(dir, 'media'),
    MT_APERTIUM_URL: url,
    MT_TIMEOUT_MS: '30000',
  });
  const runtime = await createRuntime(env, { log: () => undefined });
  await runtime.deps.store.mt.savePair({
    sourceLanguage: 'en',
    targetLanguage: 'es',
    engine: 'apertium',
    enabledBy: null,
    enabledAt: new Date().toISOString(),
  });
  return runtime;
}

async function timed(
  runtime: Runtime,
  unit: (typeof UNITS)[number],
  index: number,
): Promise<{ ms: number; answer: MachineSuggestions }> {
  const start = performance.now();
  const answer = await machineSuggestions(runtime.deps, {
    sourceLanguage: 'en',
    targetLanguage: 'es',
    units: [{ unitId: `u${index}`, source: unit.source, codes: unit.codes }],
  });
  return { ms: performance.now() - start, answer };
}

/** What a right answer looks like: one result, Spanish (not the source), codes placed. */
function check(
  name: string,
  unit: (typeof UNITS)[number],
  answer: MachineSuggestions,
  cached: boolean,
): Check {
  const result = answer.results[0];
  const problems: string[] = [];
  if (answer.status.state !== 'ready') problems.push(`status ${answer.status.state}`);
  if (!result) problems.push('no result');
  else {
    if (result.cached !== cached) problems.push(`cached=${String(result.cached)}`);
    if (!result.codesPlaced) problems.push('codes not placed');
    const codeCount = (result.text.match(/<pc id=/g) ?? []).length;
    if (codeCount !== Object.keys(unit.codes).length) problems.push(`${codeCount} codes`);
    if (plainText(result.text) === plainText(unit.source)) problems.push('text unchanged');
  }
  return { name, ok: problems.length === 0, detail: problems.join(', ') || 'ok' };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      rounds: { type: 'string', default: '5' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const rounds = Math.max(1, Number(values.rounds));
  let url = values.url;
  let apyPid: number | null = null;
  if (!url) {
    const port = await freePort();
    const started = spawnSync('bash', [join(repoRoot, '.ci', 'start-apy'), String(port)], {
      encoding: 'utf8',
    });
    if (started.status !== 0) {
      console.error(`Could not start Apertium APy:\n${started.stdout}${started.stderr}`);
      process.exit(1);
    }
    apyPid = Number(started.stdout.trim().split('\n').at(-1));
    url = `http://127.0.0.1:${port}`;
  }
  const dir = mkdtempSync(join(tmpdir(), 'polyphony-bench-mt-'));
  const checks: Check[] = [];
  const cold: number[] = [];
  const cached: number[] = [];
  let pipelineStart: number | null = null;
  try {
    console.log(`Apertium APy at ${url}${apyPid ? ' (fresh, started by this bench)' : ''}`);
    console.log(`${UNITS.length} units en → es, ${rounds} rounds, one unit per request\n`);
    for (let round = 0; round < rounds; round++) {
      const runtime = await openRuntime(dir, round, url);
      try {
        for (const [index, unit] of UNITS.entries()) {
          const first = await timed(runtime, unit, index);
          if (round === 0 && index === 0 && apyPid) pipelineStart = first.ms;
          else cold.push(first.ms);
          checks.push(
            check(`round ${round + 1} unit ${index + 1} cold`, unit, first.answer, false),
          );
          const again = await timed(runtime, unit, index);
          cached.push(again.ms);
          const c = check(`round ${round + 1} unit ${index + 1} cached`, unit, again.answer, true);
          if (c.ok && again.answer.results[0]?.text !== first.answer.results[0]?.text)
            checks.push({ ...c, ok: false, detail: 'cached text differs from the first answer' });
          else checks.push(c);
        }
      } finally {
        await runtime.close();
      }
    }
  } finally {
    if (apyPid) process.kill(apyPid);
    rmSync(dir, { recursive: true, force: true });
  }
  const figures = {
    pipelineStartMs: pipelineStart === null ? null : Math.round(pipelineStart),
    cold: summary(cold),
    cached: summary(cached),
  };
  const row = (name: string, s: ReturnType<typeof summary>) =>
    `| ${name.padEnd(32)} | ${String(s.samples).padStart(7)} | ${s.p50.toFixed(2).padStart(7)} | ${s.p95.toFixed(2).padStart(7)} | ${s.max.toFixed(2).padStart(7)} |`;
  console.log('| Per unit, en → es                | Samples | p50 ms  | p95 ms  | max ms  |');
  console.log('| -------------------------------- | ------- | ------- | ------- | ------- |');
  console.log(row('cold (APy called, result kept)', figures.cold));
  console.log(row('cached (answered from mt_cache)', figures.cached));
  if (figures.pipelineStartMs !== null)
    console.log(`\nFirst unit on a fresh APy (pipeline start): ${figures.pipelineStartMs} ms`);
  const wrong = checks.filter((c) => !c.ok);
  console.log(
    `\nChecks: ${wrong.length === 0 ? 'OK' : 'WRONG'} (${checks.length - wrong.length}/${checks.length} answers right)`,
  );
  for (const c of wrong) console.log(`  WRONG ${c.name}: ${c.detail}`);
  const machine = describeMachine();
  console.log(
    `\n${machine.cpu}, ${machine.cores} cores, ${machine.totalMemoryMiB} MiB, ${machine.node}, load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  mkdirSync(dirname(resultsFile), { recursive: true });
  writeFileSync(
    resultsFile,
    `${JSON.stringify({ date: new Date().toISOString(), machine, url, rounds, figures, checks: { total: checks.length, wrong } }, null, 2)}\n`,
  );
  if (wrong.length > 0) process.exit(1);
}

await main();
