/**
 * Issue 12: `polyphony serve` with WORKERS=2 on SQLite, as a real process tree. Two workers
 * answer on one port (each with its own page cache: a new page is a MISS once per worker); a
 * post edited and published through one worker is served changed by every worker (the change
 * relayed over IPC), and so is a new site name (each worker re-reads the settings); a worker
 * killed with SIGKILL is replaced while the site keeps answering; SIGTERM to the primary stops
 * every worker and exits 0.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { editAndPublishOverHttp, submitFormOverHttp } from '../../bench/lib/editor-http.js';
import { signInOverHttp } from '../../bench/lib/translation-http.js';
import { startServe } from '../support/serve-process.js';

const dir = mkdtempSync(join(tmpdir(), 'polyphony-workers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A GET on a new connection (no keep-alive), so the cluster hands it to the next worker. */
function get(url: string): Promise<{ status: number; cache: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false, headers: { connection: 'close' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, cache: String(res.headers['x-cache']), body }),
      );
    });
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error(`no answer in 10 s: ${url}`)));
    req.end();
  });
}

const workerPids = (primary: number): number[] =>
  execFileSync('ps', ['--ppid', String(primary), '-o', 'pid=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes('cli.ts serve'))
    .map((line) => Number(line.trim().split(/\s+/)[0]));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('polyphony serve with WORKERS=2 on SQLite', () => {
  it('serves from two workers, relays changes to both, replaces a killed one, stops on SIGTERM', async () => {
    const database = join(dir, 'site.db');
    const { child, exited, lines, lineWhere } = startServe(dir, {
      WORKERS: '2',
      SEED_DEMO: 'auto',
      PAGE_CACHE: 'on',
      LOG_LEVEL: 'warn',
    });
    try {
      const running = await lineWhere((line) => line.startsWith('Polyphony is running at '));
      const origin = running.slice('Polyphony is running at '.length).replace(/\/$/, '');
      const password = (await lineWhere((line) => line.startsWith('  password:'))).split(/\s+/)[2];
      expect(lines.filter((line) => line.startsWith('Polyphony is running at '))).toHaveLength(1);
      const first = workerPids(child.pid ?? 0);
      expect(first).toHaveLength(2);

      const reader = new Database(database, { readonly: true });
      const post = reader
        .prepare(
          `SELECT id, slug FROM posts WHERE status = 'published' AND kind = 'post'
           AND source_language = 'en' ORDER BY published_at DESC LIMIT 1`,
        )
        .get() as { id: string; slug: string };
      reader.close();
      const home = await get(`${origin}/en/`);
      const path = new RegExp(`href="(/en/\\d{4}/\\d{2}/\\d{2}/${post.slug})"`).exec(
        home.body,
      )?.[1];
      expect(path).toBeDefined();
      const page = `${origin}${path}`;

      // Each worker renders the page once, then answers it from its own cache.
      const warm = [];
      for (let i = 0; i < 8; i++) warm.push(await get(page));
      expect(warm.every((answer) => answer.status === 200)).toBe(true);
      expect(warm.filter((answer) => answer.cache === 'MISS')).toHaveLength(2);
      expect(warm.slice(2).every((answer) => answer.cache === 'HIT')).toBe(true);

      // Published through one worker: every worker serves the edit (none keeps the old page).
      const marker = `Edit marker workers-${Date.now()}`;
      const session = await signInOverHttp(origin, 'admin', password ?? '');
      await editAndPublishOverHttp(origin, session, post.id, marker);
      let answers: Array<{ status: number; body: string }> = [];
      for (const until = Date.now() + 10_000; Date.now() < until; await sleep(100)) {
        answers = [];
        for (let i = 0; i < 6; i++) answers.push(await get(page));
        if (answers.every((answer) => answer.body.includes(marker))) break;
      }
      expect(answers.map((answer) => answer.body.includes(marker))).toEqual(Array(6).fill(true));

      // The site renamed through one worker: every worker re-reads its settings.
      const name = `Workers Site ${Date.now()}`;
      await submitFormOverHttp(origin, session, '/admin/settings', '/admin/settings', {
        siteName: name,
      });
      for (const until = Date.now() + 10_000; Date.now() < until; await sleep(100)) {
        answers = [];
        for (let i = 0; i < 6; i++) answers.push(await get(page));
        if (answers.every((answer) => answer.body.includes(name))) break;
      }
      expect(answers.map((answer) => answer.body.includes(name))).toEqual(Array(6).fill(true));

      // A worker killed: the site keeps answering and the primary forks another.
      const victim = first[0] ?? 0;
      process.kill(victim, 'SIGKILL');
      // (A connection the primary hands to the worker in the instant it dies is lost with it:
      // node:cluster's round-robin; the load balancer or browser retries it.)
      await lineWhere((line) => line.includes(`(pid ${victim}) exited (signal SIGKILL)`));
      for (let i = 0; i < 6; i++) expect((await get(page)).status).toBe(200);
      let now: number[] = [];
      for (const until = Date.now() + 30_000; Date.now() < until; await sleep(200)) {
        now = workerPids(child.pid ?? 0);
        if (now.length === 2 && !now.includes(victim)) break;
      }
      expect(now).toHaveLength(2);
      expect(now).not.toContain(victim);

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      for (const pid of now) expect(() => process.kill(pid, 0)).toThrow();
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 120_000);
});
