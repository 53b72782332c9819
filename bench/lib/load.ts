// Load generation with autocannon's programmatic API (in this process).
import autocannon from 'autocannon';

export interface LoadOptions {
  connections: number;
  /** Seconds of measured load. */
  duration: number;
  /** Seconds of unmeasured load before it. */
  warmup: number;
}

/**
 * Latency of the 2xx responses in milliseconds, computed from every response time.
 * autocannon's own histogram rounds to whole milliseconds, which hides the difference
 * between a 0.3 ms and a 0.9 ms answer; these keep the fractions.
 */
export interface PreciseLatency {
  samples: number;
  average: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** What to load: one URL, or (with `paths`) a random one of these paths on its origin per request. */
export interface LoadTarget {
  url: string;
  paths?: readonly string[];
  /** Called between the warm-up and the measured run (e.g. to check the cache is warm). */
  afterWarmup?: () => Promise<void>;
}

export interface Measurement {
  result: autocannon.Result;
  latency: PreciseLatency;
}

let current: autocannon.Instance | undefined;

function run(
  options: autocannon.Options,
  onResponse?: (statusCode: number, responseTime: number) => void,
): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    current = autocannon(options, (error, result) => {
      current = undefined;
      if (error) reject(error);
      else resolve(result);
    });
    if (onResponse) {
      current.on('response', (_client, statusCode, _bytes, responseTime) =>
        onResponse(statusCode, responseTime),
      );
    }
  });
}

/** Stops the load run in progress, if any (used on SIGINT). */
export function stopLoad(): void {
  current?.stop();
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? 0;
}

const round = (ms: number): number => Math.round(ms * 1000) / 1000;

function summarizeLatency(times: number[]): PreciseLatency {
  const sorted = Float64Array.from(times).sort();
  const total = times.reduce((sum, t) => sum + t, 0);
  return {
    samples: sorted.length,
    average: round(sorted.length > 0 ? total / sorted.length : 0),
    p50: round(percentile(sorted, 50)),
    p90: round(percentile(sorted, 90)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.length > 0 ? (sorted[sorted.length - 1] ?? 0) : 0),
  };
}

function randomPaths(paths: readonly string[]): autocannon.RequestOptions[] {
  return [
    {
      method: 'GET',
      setupRequest: (request) => ({
        ...request,
        path: paths[Math.floor(Math.random() * paths.length)] ?? '/',
      }),
    },
  ];
}

export async function measure(
  target: LoadTarget | string,
  title: string,
  options: LoadOptions,
): Promise<Measurement> {
  const { url, paths, afterWarmup } = typeof target === 'string' ? { url: target } : target;
  const common: autocannon.Options = {
    url,
    connections: options.connections,
    pipelining: 1,
    timeout: 10,
    ...(paths && paths.length > 0 ? { requests: randomPaths(paths) } : {}),
  };
  if (options.warmup > 0) {
    const warm = await run({ ...common, duration: options.warmup, title: `${title} warm-up` });
    if (warm.errors > 0 || warm.non2xx > 0) {
      console.warn(
        `  warning: warm-up of ${title} saw ${warm.errors} errors and ${warm.non2xx} non-2xx answers`,
      );
    }
  }
  await afterWarmup?.();
  const times: number[] = [];
  const result = await run({ ...common, duration: options.duration, title }, (status, time) => {
    if (status >= 200 && status < 300) times.push(time);
  });
  return { result, latency: summarizeLatency(times) };
}
