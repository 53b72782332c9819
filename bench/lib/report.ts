// Turning autocannon results into the figures the bench reports.
import { cpus, totalmem } from 'node:os';
import type { Measurement, PreciseLatency } from './load.js';
import type { MemorySample } from './memory.js';
import { formatMiB } from './memory.js';

export interface Machine {
  cpu: string;
  cores: number;
  totalMemoryMiB: number;
  node: string;
  platform: string;
}

export function describeMachine(): Machine {
  const all = cpus();
  return {
    cpu: all[0]?.model.trim() ?? 'unknown CPU',
    cores: all.length,
    totalMemoryMiB: Math.round(totalmem() / 1024 / 1024),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

export interface TargetSummary {
  name: string;
  server: string;
  url: string;
  /** Mean requests per second over the measured samples. */
  requestsPerSecond: number;
  /** From every 2xx response time, with sub-millisecond precision. */
  latencyMs: PreciseLatency;
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  bytesPerResponse: number;
  memoryIdle: MemorySample | undefined;
  memoryAfterLoad: MemorySample | undefined;
}

export function summarize(
  name: string,
  server: string,
  { result, latency }: Measurement,
  memoryIdle: MemorySample | undefined,
  memoryAfterLoad: MemorySample | undefined,
): TargetSummary {
  const requests = result.requests.total;
  return {
    name,
    server,
    url: result.url,
    requestsPerSecond: result.requests.average,
    latencyMs: latency,
    requests,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    bytesPerResponse: requests > 0 ? Math.round(result.throughput.total / requests) : 0,
    memoryIdle,
    memoryAfterLoad,
  };
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((cell, i) =>
    Math.max(cell.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatTable(summaries: readonly TargetSummary[]): string {
  return table(
    [
      'Target',
      'Req/s',
      'p50 ms',
      'p99 ms',
      'Requests',
      'Errors',
      'Bytes/resp',
      'RSS idle',
      'RSS after',
      'Peak (HWM)',
    ],
    summaries.map((s) => [
      `${s.name} (${s.server})`,
      number.format(s.requestsPerSecond),
      s.latencyMs.p50.toFixed(2),
      s.latencyMs.p99.toFixed(2),
      number.format(s.requests),
      String(s.errors + s.timeouts + s.non2xx),
      number.format(s.bytesPerResponse),
      s.memoryIdle ? formatMiB(s.memoryIdle.rssKiB) : 'n/a',
      s.memoryAfterLoad ? formatMiB(s.memoryAfterLoad.rssKiB) : 'n/a',
      s.memoryAfterLoad ? formatMiB(s.memoryAfterLoad.hwmKiB) : 'n/a',
    ]),
  );
}

export interface TargetCheck {
  name: string;
  /** What was measured, e.g. "0.62 × nginx (12,345 / 19,876 req/s)". */
  measured: string;
  target: string;
  /** Undefined when the part was skipped. */
  pass: boolean | undefined;
}

export function formatChecks(checks: readonly TargetCheck[]): string {
  return table(
    ['Target', 'Goal', 'Measured', 'Result'],
    checks.map((c) => [
      c.name,
      c.target,
      c.measured,
      c.pass === undefined ? 'SKIPPED' : c.pass ? 'PASS' : 'FAIL',
    ]),
  );
}

export function formatNumber(value: number): string {
  return number.format(value);
}
