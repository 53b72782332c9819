/**
 * Issue 12, operations: `polyphony serve` stops gracefully. A real server process on a SQLite
 * file gets SIGTERM while a request is in flight (its body half sent), then SIGINT while
 * stopping: the request still gets its answer, the second signal changes nothing, and the
 * process exits 0 once the database is closed. Its metrics listener (METRICS_LISTEN) answers
 * while it runs and is closed with it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServe } from '../support/serve-process.js';

const dir = mkdtempSync(join(tmpdir(), 'polyphony-shutdown-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('polyphony serve on SIGTERM', () => {
  it('finishes the request in flight, ignores a second signal and exits 0', async () => {
    const { child, exited, lines, lineWhere } = startServe(dir, {
      SEED_DEMO: 'never',
      LOG_LEVEL: 'info',
      METRICS_LISTEN: '127.0.0.1:0',
    });

    try {
      const running = await lineWhere((line) => line.startsWith('Polyphony is running at '));
      const url = new URL(running.slice('Polyphony is running at '.length));
      // METRICS_LISTEN: the metrics on their own listener, without a token.
      const listening = await lineWhere((line) => line.includes('"metrics listening"'));
      const metricsUrl = (JSON.parse(listening) as { url: string }).url;
      expect(metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      const scraped = await fetch(metricsUrl);
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toContain('# TYPE polyphony_tm_lookup_seconds histogram');

      // A form post whose body is half sent: the server has the request and waits for the rest.
      const body = 'login=nobody&password=not-the-password&next=%2F';
      const half = Math.floor(body.length / 2);
      const inFlight = request({
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: '/signin',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
          accept: 'application/json',
        },
      });
      const answered = new Promise<{ status: number | undefined; text: string }>(
        (resolve, reject) => {
          inFlight.on('error', reject);
          inFlight.on('response', (res: IncomingMessage) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => (text += chunk));
            res.on('end', () => resolve({ status: res.statusCode, text }));
          });
        },
      );
      inFlight.write(body.slice(0, half));
      await lineWhere((line) => line.includes('"incoming request"') && line.includes('/signin'));

      child.kill('SIGTERM');
      await lineWhere((line) => line.startsWith('SIGTERM received: stopping'));
      child.kill('SIGINT');
      await lineWhere((line) => line.startsWith('SIGINT received while stopping'));
      expect(child.exitCode).toBeNull();

      inFlight.end(body.slice(half));
      const answer = await answered;
      // Answered in full by the route (no CSRF token: refused, nothing done), not cut off.
      expect(answer.status).toBe(403);
      expect(answer.text).toContain('"error"');

      expect(await exited).toBe(0);
      await expect(fetch(metricsUrl)).rejects.toThrow();
      expect(lines).toContain('Stopped.');
      expect(lines.filter((line) => line.includes('received: stopping'))).toHaveLength(1);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 60_000);
});
