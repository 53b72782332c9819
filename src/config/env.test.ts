/**
 * TRUST_PROXY: off unless set, and only in the forms Fastify's trustProxy takes; anything else
 * fails at boot naming the variable.
 */
import { describe, expect, it } from 'vitest';
import { loadEnv, parseTrustProxy } from './env.js';

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
