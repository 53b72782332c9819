/**
 * TRUST_PROXY, METRICS_LISTEN and WORKERS: off (one process) unless set, and only in the forms
 * they take (Fastify's trustProxy; host:port; a count or auto); JOB_QUEUE: pg-boss only on a
 * PostgreSQL server. Anything else fails at boot naming the variable.
 */
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { jobQueueKind, loadEnv, parseListenAddress, parseTrustProxy } from './env.js';

describe('TRUST_PROXY', () => {
  it('is off by default', () => {
    expect(loadEnv({}).TRUST_PROXY).toBe(false);
  });

  it.each([
    ['false', false],
    ['FALSE', false],
    ['0', false],
    ['', false],
    ['true', true],
    ['1', 1],
    ['2', 2],
    ['127.0.0.1', ['127.0.0.1']],
    ['10.0.0.0/8, 192.168.1.1', ['10.0.0.0/8', '192.168.1.1']],
    ['::1,fd00::/8', ['::1', 'fd00::/8']],
    ['loopback,uniquelocal', ['loopback', 'uniquelocal']],
    ['10.0.0.0/255.0.0.0', ['10.0.0.0/255.0.0.0']],
  ])('accepts %j', (raw, expected) => {
    expect(parseTrustProxy(raw)).toEqual(expected);
    expect(loadEnv({ TRUST_PROXY: raw }).TRUST_PROXY).toEqual(expected);
  });

  it.each(['yes', 'proxy.example', '10.0.0.0/33', '::1/129', '10.0.0.1,', '-1', '1.5'])(
    'refuses %j, naming the variable',
    (raw) => {
      expect(parseTrustProxy(raw)).toBeUndefined();
      expect(() => loadEnv({ TRUST_PROXY: raw })).toThrow(/TRUST_PROXY/);
    },
  );
});

describe('METRICS_LISTEN', () => {
  it('is unset by default (no metrics listener)', () => {
    expect(loadEnv({}).METRICS_LISTEN).toBeUndefined();
    expect(loadEnv({ METRICS_LISTEN: '' }).METRICS_LISTEN).toBeUndefined();
  });

  it.each([
    ['127.0.0.1:9464', { host: '127.0.0.1', port: 9464 }],
    ['[::1]:9464', { host: '::1', port: 9464 }],
    ['localhost:0', { host: 'localhost', port: 0 }],
    [' 10.0.0.5:65535 ', { host: '10.0.0.5', port: 65535 }],
  ])('accepts %j', (raw, expected) => {
    expect(parseListenAddress(raw)).toEqual(expected);
    expect(loadEnv({ METRICS_LISTEN: raw }).METRICS_LISTEN).toEqual(expected);
  });

  it.each(['9464', '127.0.0.1', '127.0.0.1:65536', '::1:9464', 'host:port', 'a b:1', '[::1]'])(
    'refuses %j, naming the variable',
    (raw) => {
      expect(parseListenAddress(raw)).toBeUndefined();
      expect(() => loadEnv({ METRICS_LISTEN: raw })).toThrow(/METRICS_LISTEN/);
    },
  );
});

describe('WORKERS', () => {
  it('is one process by default, a count, or one per core with auto', () => {
    expect(loadEnv({}).WORKERS).toBe(1);
    expect(loadEnv({ WORKERS: '4' }).WORKERS).toBe(4);
    expect(loadEnv({ WORKERS: 'auto' }).WORKERS).toBe(availableParallelism());
    expect(loadEnv({ WORKERS: ' AUTO ' }).WORKERS).toBe(availableParallelism());
  });

  it('refuses more than one on PGlite, which lives inside one process', () => {
    expect(() => loadEnv({ WORKERS: '2', DATABASE_URL: 'pglite:' })).toThrow(/WORKERS: PGlite/);
    expect(loadEnv({ WORKERS: '1', DATABASE_URL: 'pglite:' }).WORKERS).toBe(1);
    expect(loadEnv({ WORKERS: '2', DATABASE_URL: 'sqlite:./x.db' }).WORKERS).toBe(2);
  });

  it.each(['0', '-1', '65', '1.5', 'two', ''])('refuses %j, naming the variable', (raw) => {
    expect(() => loadEnv({ WORKERS: raw })).toThrow(/WORKERS/);
  });
});

describe('JOB_QUEUE', () => {
  const pgUrl = 'postgres://127.0.0.1:5432/site';
  it('is pg-boss on a PostgreSQL server and the table runner elsewhere, unless named', () => {
    expect(jobQueueKind(loadEnv({ DATABASE_URL: pgUrl }))).toBe('pg-boss');
    expect(jobQueueKind(loadEnv({ DATABASE_URL: 'sqlite:./x.db' }))).toBe('table');
    expect(jobQueueKind(loadEnv({ DATABASE_URL: 'pglite:' }))).toBe('table');
    expect(jobQueueKind(loadEnv({ DATABASE_URL: pgUrl, JOB_QUEUE: 'table' }))).toBe('table');
  });

  it('refuses pg-boss without a PostgreSQL server, and unknown names', () => {
    expect(() => loadEnv({ DATABASE_URL: 'sqlite:./x.db', JOB_QUEUE: 'pg-boss' })).toThrow(
      /JOB_QUEUE: pg-boss needs DATABASE_URL on a PostgreSQL server/,
    );
    expect(() => loadEnv({ JOB_QUEUE: 'redis' })).toThrow(/JOB_QUEUE/);
  });
});
