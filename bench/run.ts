// `npm run bench`: Polyphony's post page against a static copy of the same HTML.
// See bench/README.md for what is measured and how to read the figures.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type autocannon from 'autocannon';
import { freePort, httpGet } from './lib/http.js';
import { measure, stopLoad } from './lib/load.js';
import type { LoadOptions } from './lib/load.js';
import { sampleMemory, formatMiB } from './lib/memory.js';
import { DEMO_POST_PATH, startPolyphony } from './lib/polyphony.js';
import type { PolyphonyServer } from './lib/polyphony.js';
import { installCleanupHandlers, stopAllChildren } from './lib/processes.js';
import type { ManagedChild } from './lib/processes.js';
import { describeMachine, formatTable, summarize } from './lib/report.js';
import type { TargetSummary } from './lib/report.js';
import { ensureNginx, startNginx, startNodeStatic } from './lib/static.js';
import type { StaticServer } from './lib/static.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const resultsFile = join(repoRoot, 'bench', 'results', 'latest.json');

const USAGE = `Usage: npm run bench -- [options]

  --duration N      seconds of measured load per target (default 10)
  --warmup N        seconds of warm-up load per target before measuring (default 2)
  --connections N   concurrent connections (default 32)
  --path P          page of Polyphony to load (default ${DEMO_POST_PATH})
  --static KIND     static baseline server: auto (nginx if available, else node), nginx, node
  --static-only     do not start Polyphony; only measure the static server, serving --html
                    or a built-in sample page (to check the bench itself)
  --html FILE       HTML file for --static-only
  --keep            keep the temporary directory (database, nginx.conf, static copy)
  --help            show this help
`;

interface Options extends LoadOptions {
  path: string;
  staticKind: 'auto' | 'nginx' | 'node';
  staticOnly: boolean;
  html: string | undefined;
  keep: boolean;
}

function positive(name: string, value: string | undefined, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < min) {
    throw new Error(`--${name} must be a number ≥ ${min} (got "${value}")`);
  }
  return parsed;
}

function parseOptions(argv: string[]): Options | undefined {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      path: { type: 'string' },
      static: { type: 'string' },
      'static-only': { type: 'boolean', default: false },
      html: { type: 'string' },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return undefined;
  }
  const staticKind = values.static ?? 'auto';
  if (staticKind !== 'auto' && staticKind !== 'nginx' && staticKind !== 'node') {
    throw new Error(`--static must be auto, nginx or node (got "${staticKind}")`);
  }
  if (values.html !== undefined && !values['static-only']) {
    throw new Error('--html only makes sense with --static-only');
  }
  const path = values.path ?? DEMO_POST_PATH;
  if (!path.startsWith('/')) throw new Error('--path must start with /');
  return {
    duration: positive('duration', values.duration, 10),
    warmup: positive('warmup', values.warmup, 2, 0),
    connections: Math.round(positive('connections', values.connections, 32)),
    path,
    staticKind,
    staticOnly: values['static-only'],
    html: values.html,
    keep: values.keep,
  };
}

/** A page of roughly the size of a real post, for --static-only runs. */
function samplePage(): Buffer {
  const paragraphs = Array.from(
    { length: 40 },
    (_, i) =>
      `<p>Paragraph ${i + 1}. Four chapters on four continents wrote one playbook together; ` +
      `this sample text only stands in for a real post so that the bench can be checked.</p>`,
  ).join('\n');
  return Buffer.from(
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8">` +
      `<title>Bench sample page</title></head>\n<body><main><h1>Bench sample page</h1>\n` +
      `${paragraphs}\n</main></body></html>\n`,
  );
}

function heading(text: string): void {
  console.log(`\n== ${text} ==`);
}

async function startStatic(
  kind: Options['staticKind'],
  workDir: string,
  staticDir: string,
): Promise<StaticServer> {
  const port = await freePort();
  if (kind !== 'node') {
    const nginx = ensureNginx();
    if (nginx) return startNginx(nginx, { root: staticDir, workDir, port });
    if (kind === 'nginx') throw new Error('nginx is not available (and could not be installed)');
    console.log('nginx is not available; falling back to a node:http static server.');
  }
  return startNodeStatic(join(staticDir, 'index.html'), port);
}

interface Target {
  name: string;
  server: string;
  url: string;
  child: ManagedChild;
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  if (!options) return 0;

  const machine = describeMachine();
  heading('Polyphony bench');
  console.log(`Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.totalMemoryMiB} MiB RAM`);
  console.log(`Node:    ${machine.node} (${machine.platform})`);
  console.log(
    `Load:    ${options.connections} connections, ${options.warmup} s warm-up + ` +
      `${options.duration} s measured per target, autocannon in this process, 127.0.0.1 only`,
  );

  const workDir = mkdtempSync(join(tmpdir(), 'polyphony-bench-'));
  const removeWorkDir = (): void => {
    if (options.keep) console.log(`Kept ${workDir}`);
    else rmSync(workDir, { recursive: true, force: true });
  };
  installCleanupHandlers({ beforeStop: stopLoad, afterStop: removeWorkDir });
  // nginx workers may run as another user (nobody) when started as root: let them in.
  chmodSync(workDir, 0o755);
  const staticDir = join(workDir, 'static');
  mkdirSync(staticDir, { mode: 0o755 });

  try {
    let polyphony: PolyphonyServer | undefined;
    let html: Buffer;
    if (options.staticOnly) {
      html = options.html === undefined ? samplePage() : readFileSync(options.html);
      heading('Static only (Polyphony not started)');
    } else {
      heading('Starting Polyphony');
      polyphony = await startPolyphony({
        repoRoot,
        workDir,
        port: await freePort(),
        path: options.path,
        readyTimeoutMs: 60_000,
      });
      html = polyphony.page.body;
      console.log(
        `Ready after ${(polyphony.startupMs / 1000).toFixed(1)} s; ` +
          `${polyphony.origin}${options.path} is ${html.length} bytes of HTML.`,
      );
    }

    heading('Starting the static copy');
    const indexFile = join(staticDir, 'index.html');
    writeFileSync(indexFile, html, { mode: 0o644 });
    const staticServer = await startStatic(options.staticKind, workDir, staticDir);
    const check = await httpGet(staticServer.url);
    if (check.status !== 200 || !check.body.equals(html)) {
      throw new Error(
        `The static server does not serve the copy (HTTP ${check.status}, ` +
          `${check.body.length} bytes instead of ${html.length})`,
      );
    }
    console.log(`${staticServer.description} serves ${indexFile} at ${staticServer.url}`);

    const targets: Target[] = [];
    if (polyphony) {
      targets.push({
        name: 'Polyphony',
        server: `node ${process.version}`,
        url: polyphony.origin + options.path,
        child: polyphony.child,
      });
    }
    targets.push({
      name: 'Static copy',
      server: staticServer.description.split(' (')[0] ?? staticServer.kind,
      url: staticServer.url,
      child: staticServer.child,
    });

    const summaries: TargetSummary[] = [];
    const raw: Record<string, autocannon.Result> = {};
    for (const target of targets) {
      heading(`Loading ${target.name}`);
      console.log(`${target.url} (pid ${target.child.pid})`);
      const idle = sampleMemory(target.child.pid);
      const measurement = await measure(target.url, target.name, options);
      const after = sampleMemory(target.child.pid);
      const summary = summarize(target.name, target.server, measurement, idle, after);
      summaries.push(summary);
      raw[target.name] = measurement.result;
      console.log(
        `${Math.round(summary.requestsPerSecond)} req/s, ` +
          `p50 ${summary.latencyMs.p50.toFixed(2)} ms, p99 ${summary.latencyMs.p99.toFixed(2)} ms` +
          (after ? `, RSS ${formatMiB(after.rssKiB)} (peak ${formatMiB(after.hwmKiB)})` : ''),
      );
    }

    heading('Results');
    console.log(formatTable(summaries));
    console.log(
      '\nMemory: VmRSS / VmHWM from /proc, summed over the server process and its children ' +
        '(nginx: master + workers).',
    );

    const [app, base] = summaries.length === 2 ? summaries : [undefined, undefined];
    const ratio =
      app && base && base.requestsPerSecond > 0
        ? {
            throughput: app.requestsPerSecond / base.requestsPerSecond,
            latencyP50: base.latencyMs.p50 > 0 ? app.latencyMs.p50 / base.latencyMs.p50 : null,
            latencyP99: base.latencyMs.p99 > 0 ? app.latencyMs.p99 / base.latencyMs.p99 : null,
          }
        : null;
    if (ratio) {
      console.log(
        `\nThroughput ratio Polyphony/static: ${ratio.throughput.toFixed(2)} ` +
          `(Polyphony serves ${(ratio.throughput * 100).toFixed(0)} % of the static copy's ` +
          `requests per second)`,
      );
    }

    const failed = summaries.filter((s) => s.errors + s.timeouts + s.non2xx > 0);
    for (const s of failed) {
      console.warn(
        `warning: ${s.name} had ${s.errors} errors, ${s.timeouts} timeouts and ` +
          `${s.non2xx} non-2xx answers; its figures are not valid.`,
      );
    }

    mkdirSync(dirname(resultsFile), { recursive: true });
    writeFileSync(
      resultsFile,
      JSON.stringify(
        {
          generatedAt: new Date().toISOString(),
          machine,
          options: {
            connections: options.connections,
            warmupSeconds: options.warmup,
            durationSeconds: options.duration,
            path: options.path,
            staticOnly: options.staticOnly,
          },
          page: { bytes: html.length },
          polyphonyStartupMs: polyphony?.startupMs ?? null,
          staticServer: { kind: staticServer.kind, description: staticServer.description },
          summaries,
          ratio,
          raw,
        },
        null,
        2,
      ) + '\n',
    );
    console.log(`\nRaw results written to ${resultsFile}`);
    return failed.length > 0 ? 1 : 0;
  } finally {
    await stopAllChildren();
    removeWorkDir();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  async (error: unknown) => {
    console.error(`\nBench failed: ${error instanceof Error ? error.message : String(error)}`);
    await stopAllChildren();
    process.exitCode = 1;
  },
);
