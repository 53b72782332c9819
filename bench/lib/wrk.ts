// Load generation with wrk (Debian's `wrk`), in its own process: the bench's Node process never
// limits the peak it measures (autocannon inside it measured nginx at 13k req/s where wrk gets
// 50k on the same machine). A small Lua script prints wrk's own summary as one JSON line, and,
// for a mixed load, picks one of many paths at random for each request.
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface WrkOptions {
  /** Concurrent connections (wrk -c). */
  connections: number;
  /** wrk threads (-t); at most the connections. */
  threads: number;
  /** Seconds of measured load. */
  duration: number;
  /** Request headers, e.g. { 'accept-encoding': 'br' }. */
  headers?: Record<string, string>;
  /** Paths picked at random for each request (relative to the URL's origin). */
  paths?: readonly string[];
  /** Where the Lua script is written. */
  workDir: string;
}

export interface WrkResult {
  url: string;
  requests: number;
  requestsPerSecond: number;
  /** Bytes read, headers included. */
  bytes: number;
  errors: { connect: number; read: number; write: number; timeout: number };
  /** Answers with a status of 400 or more (wrk's "Non-2xx or 3xx responses"). */
  badStatus: number;
  /** Milliseconds, from wrk's HdrHistogram (microsecond resolution). */
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
}

/** The wrk binary, or undefined when it is not installed. */
export function findWrk(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v wrk'], { encoding: 'utf8' });
  const path = found.stdout.trim();
  return found.status === 0 && path ? path : undefined;
}

const MARK = 'WRK-JSON ';

function luaString(text: string): string {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/\n/g, '\\n')}"`;
}

/** The Lua script: headers, the random path (when there are paths) and a JSON summary. */
export function wrkScript(headers: Record<string, string>, paths: readonly string[] = []): string {
  const lines = Object.entries(headers).map(
    ([name, value]) => `wrk.headers[${luaString(name)}] = ${luaString(value)}`,
  );
  if (paths.length > 0) {
    lines.push(
      `local paths = {${paths.map(luaString).join(',\n')}}`,
      'local count = #paths',
      'request = function()',
      '  return wrk.format(nil, paths[math.random(count)])',
      'end',
    );
  }
  lines.push(
    'done = function(summary, latency, requests)',
    '  local e = summary.errors',
    `  io.write(string.format('${MARK}{"requests":%d,"duration_us":%d,"bytes":%d,' ..`,
    `    '"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,' ..`,
    `    '"mean":%f,"p50":%d,"p90":%d,"p99":%d,"max":%d}\\n',`,
    '    summary.requests, summary.duration, summary.bytes,',
    '    e.connect, e.read, e.write, e.status, e.timeout,',
    '    latency.mean, latency:percentile(50), latency:percentile(90),',
    '    latency:percentile(99), latency.max))',
    'end',
  );
  return `${lines.join('\n')}\n`;
}

interface WrkJson {
  requests: number;
  duration_us: number;
  bytes: number;
  connect: number;
  read: number;
  write: number;
  status: number;
  timeout: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

let running: ReturnType<typeof spawn> | undefined;

/** Stops the wrk run in progress, if any (on SIGINT). */
export function stopWrk(): void {
  running?.kill('SIGINT');
}

/** Runs wrk against `url` and returns its figures; rejects when wrk fails or prints no summary. */
export function runWrk(binary: string, url: string, options: WrkOptions): Promise<WrkResult> {
  const script = join(options.workDir, `wrk-${process.pid}-${Date.now()}.lua`);
  writeFileSync(script, wrkScript(options.headers ?? {}, options.paths));
  const args = [
    `-t${Math.min(options.threads, options.connections)}`,
    `-c${options.connections}`,
    `-d${options.duration}s`,
    '--timeout',
    '10s',
    '-s',
    script,
    url,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    running = child;
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      running = undefined;
      const line = out.split('\n').find((l) => l.startsWith(MARK));
      if (code !== 0 || !line) {
        reject(new Error(`wrk ${args.join(' ')} failed (code ${String(code)}):\n${out}`));
        return;
      }
      const json = JSON.parse(line.slice(MARK.length)) as WrkJson;
      const ms = (us: number): number => Math.round(us) / 1000;
      resolve({
        url,
        requests: json.requests,
        requestsPerSecond: json.requests / (json.duration_us / 1e6),
        bytes: json.bytes,
        errors: {
          connect: json.connect,
          read: json.read,
          write: json.write,
          timeout: json.timeout,
        },
        badStatus: json.status,
        latencyMs: {
          mean: ms(json.mean),
          p50: ms(json.p50),
          p90: ms(json.p90),
          p99: ms(json.p99),
          max: ms(json.max),
        },
      });
    });
  });
}

/** Errors of any kind in a run: a run with any is not a valid figure. */
export function wrkFailures(result: WrkResult): number {
  const e = result.errors;
  return e.connect + e.read + e.write + e.timeout + result.badStatus;
}
