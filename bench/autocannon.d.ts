// Minimal typings for the parts of autocannon's programmatic API that the bench uses
// (autocannon ships no types and @types/autocannon is not installed).
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  namespace autocannon {
    interface Options {
      url: string;
      connections?: number;
      /** Seconds. */
      duration?: number;
      pipelining?: number;
      /** Seconds before a request is counted as a timeout. */
      timeout?: number;
      headers?: Record<string, string>;
      title?: string;
      /** Each connection loops over these; `setupRequest` may change each request (e.g. its path). */
      requests?: RequestOptions[];
    }

    /** The request autocannon is about to send; `path` includes the query string. */
    interface RawRequest {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      [key: string]: unknown;
    }

    interface RequestOptions {
      method?: string;
      path?: string;
      setupRequest?: (request: RawRequest, context: Record<string, unknown>) => RawRequest;
    }

    /** Summary statistics of one histogram; percentiles are named like `p97_5`. */
    interface Histogram {
      average: number;
      mean: number;
      stddev: number;
      min: number;
      max: number;
      total: number;
      p0_001: number;
      p0_01: number;
      p0_1: number;
      p1: number;
      p2_5: number;
      p10: number;
      p25: number;
      p50: number;
      p75: number;
      p90: number;
      p97_5: number;
      p99: number;
      p99_9: number;
      p99_99: number;
      p99_999: number;
    }

    interface Result {
      title?: string;
      url: string;
      connections: number;
      pipelining: number;
      /** Seconds. */
      duration: number;
      samples: number;
      start: Date;
      finish: Date;
      errors: number;
      timeouts: number;
      mismatches: number;
      non2xx: number;
      resets: number;
      '1xx': number;
      '2xx': number;
      '3xx': number;
      '4xx': number;
      '5xx': number;
      statusCodeStats: Record<string, { count: number }>;
      /** Milliseconds per request. */
      latency: Histogram & { totalCount: number };
      /** Requests per one-second sample. */
      requests: Histogram & { sent: number };
      /** Bytes per one-second sample. */
      throughput: Histogram;
    }

    interface Instance extends EventEmitter {
      stop(): void;
      /** Emitted for every response; `responseTime` is in milliseconds, with fractions. */
      on(
        event: 'response',
        listener: (
          client: unknown,
          statusCode: number,
          bytes: number,
          responseTime: number,
        ) => void,
      ): this;
    }
  }

  function autocannon(
    options: autocannon.Options,
    callback: (error: Error | null, result: autocannon.Result) => void,
  ): autocannon.Instance;

  export = autocannon;
}
