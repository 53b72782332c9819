/**
 * Acceptance (issue 7): reset links with live tokens and CSRF tokens in upload URLs were
 * written to the log. Now the log mailer redacts links, the upload form carries its CSRF token
 * in the multipart body (checked before the file is read), and the request log prints no
 * secret from a path or query. The logs are captured as the real server writes them: Fastify's
 * pino logger into an array, the log mailer into the same array.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/connection.js';
import { buildApp } from '../../src/http/app.js';
import { redactUrl } from '../../src/http/plugins/request-log.js';
import { logMailer, redactLinks } from '../../src/integrations/mail/smtp-mailer.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import type { MailMessage } from '../../src/services/ports.js';
import type { UserRecord } from '../../src/services/repositories.js';
import { Agent, buildUser, testDeps } from '../support/app.js';
import { engines } from '../support/databases.js';
import { cookieHeader, multipart, pngBytes, upload } from './http-helpers.js';

describe('redactUrl', () => {
  it.each([
    ['/media?_csrf=abc.def', {}, '/media?_csrf=[redacted]'],
    ['/x?a=1&token=t0k&b=2', {}, '/x?a=1&token=[redacted]&b=2'],
    ['/x?%5Fcsrf=abc', {}, '/x?%5Fcsrf=[redacted]'],
    ['/cb?code=c&state=s&next=%2Fen%2F', {}, '/cb?code=[redacted]&state=[redacted]&next=%2Fen%2F'],
    ['/password/reset/T0k-en_x', { token: 'T0k-en_x' }, '/password/reset/[redacted]'],
    ['/password/reset/e', { token: 'e' }, '/password/reset/[redacted]'],
    ['/en/tag/reset?page=2', { slug: 'reset' }, '/en/tag/reset?page=2'],
    ['/plain', {}, '/plain'],
  ])('%s → %s', (url, params, expected) => {
    expect(redactUrl(url, params)).toBe(expected);
  });
});

describe('redactLinks', () => {
  it('keeps only the origin of each link and counts them', () => {
    expect(
      redactLinks('Open https://blog.example.org/password/reset/abc?x=1#y now, or http://a.b/c.'),
    ).toEqual({
      text: 'Open https://blog.example.org/[link redacted] now, or http://a.b/[link redacted]',
      links: 2,
    });
    expect(redactLinks('no links here')).toEqual({ text: 'no links here', links: 0 });
  });
});

describe.each(engines())('secrets stay out of the logs on $name', (engine) => {
  let handle: DatabaseHandle;
  let mediaDir: string;
  let app: FastifyInstance;
  let deps: ServiceDeps;
  /** Every line written: pino's JSON lines and the log mailer's messages. */
  const lines: string[] = [];
  /** What the mailer was asked to send, before the log mailer redacts it. */
  const sent: MailMessage[] = [];
  let author: UserRecord;
  let agent: Agent;

  beforeAll(async () => {
    handle = await engine.open();
    mediaDir = mkdtempSync(join(tmpdir(), 'polyphony-media-'));
    const toLog = logMailer((line) => lines.push(line));
    deps = {
      ...testDeps(handle.db, mediaDir),
      mailer: {
        send: async (message) => {
          sent.push(message);
          await toLog.send(message);
        },
      },
    };
    app = await buildApp({
      deps,
      cookieSecret: 'test-cookie-secret-of-enough-length',
      logger: { level: 'info', stream: { write: (line: string) => lines.push(line) } },
      signInRateLimit: 1000,
    });
    await app.ready();
    author = await buildUser(deps, ['author']);
    agent = new Agent(app);
    await agent.signIn(author.username);
  });
  afterAll(async () => {
    await app.close();
    await handle.close();
    rmSync(mediaDir, { recursive: true, force: true });
  });

  const logged = () => lines.join('\n');

  it('logs a password reset without its token, and the reset link still works', async () => {
    const reader = await buildUser(deps, ['reader']);
    const visitor = new Agent(app);
    await visitor.get('/password/forgot');
    const forgot = await visitor.post('/password/forgot', { email: reader.email });
    expect(forgot.statusCode).toBe(200);

    const mail = sent.at(-1);
    const token = /\/password\/reset\/([A-Za-z0-9_-]+)/.exec(mail?.text ?? '')?.[1];
    expect(token, 'the real mail carries the link').toBeTruthy();
    if (!token) return;
    const mailLine = lines.find((l) => l.startsWith(`mail to ${reader.email}:`));
    expect(mailLine).toContain('reset your password');
    expect(mailLine).toContain('http://localhost:3000/[link redacted]');
    expect(mailLine).toContain('1 link redacted');

    // Following the link and choosing a password are logged without the token too.
    const page = await visitor.get(`/password/reset/${token}`);
    expect(page.statusCode).toBe(200);
    const reset = await visitor.post(`/password/reset/${token}`, {
      password: 'a brand new passphrase',
    });
    expect(reset.statusCode).toBe(303);
    expect(logged()).toContain('"url":"/password/reset/[redacted]"');
    expect(logged()).not.toContain(token);
  });

  it('renders the upload form with the token in the body, not the URL', async () => {
    const page = await agent.get('/media');
    const form = /<form[^>]*enctype="multipart\/form-data"[^>]*>([\s\S]*?)<\/form>/.exec(page.body);
    expect(form?.[0]).toContain('action="/media"');
    expect(form?.[0]).not.toContain('_csrf=');
    const body = form?.[1] ?? '';
    expect(body.indexOf('name="_csrf"')).toBeGreaterThan(-1);
    // The token comes before the file, so the server checks it before reading the file.
    expect(body.indexOf('name="_csrf"')).toBeLessThan(body.indexOf('type="file"'));
  });

  it('uploads with the token in the body and never logs it', async () => {
    const png = await pngBytes(64, 48);
    const res = await upload(app, agent, { name: 'logged.png', data: png }, { expect: 'image' });
    expect(res.statusCode).toBe(201);
    expect(agent.csrf.length).toBeGreaterThan(10);
    expect(logged()).not.toContain(agent.csrf);
    expect(logged()).not.toContain(encodeURIComponent(agent.csrf));
  });

  it('refuses an upload without a token, with a wrong one, or with the token only in the URL', async () => {
    const mediaCount = async () => (await deps.store.media.list(1000, 0)).length;
    const before = await mediaCount();
    const png = await pngBytes(32, 32);
    const send = async (fields: Record<string, string>, url = '/media') => {
      const { payload, contentType } = await multipart(fields, { name: 'x.png', data: png });
      return app.inject({
        method: 'POST',
        url,
        payload,
        headers: {
          cookie: cookieHeader(agent),
          'content-type': contentType,
          accept: 'application/json',
        },
      });
    };
    expect(
      (await upload(app, agent, { name: 'x.png', data: png }, { csrf: false })).statusCode,
    ).toBe(403);
    expect((await send({ _csrf: 'forged-token' })).statusCode).toBe(403);
    const inUrl = await send({}, `/media?_csrf=${encodeURIComponent(agent.csrf)}`);
    expect(inUrl.statusCode).toBe(403);
    // A token after the file arrives too late: the file would have to be read to find it.
    const late = new FormData();
    late.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'late.png');
    late.append('_csrf', agent.csrf);
    const request = new Request('http://localhost/', { method: 'POST', body: late });
    const lateRes = await app.inject({
      method: 'POST',
      url: '/media',
      payload: Buffer.from(await request.arrayBuffer()),
      headers: {
        cookie: cookieHeader(agent),
        'content-type': request.headers.get('content-type') ?? '',
        accept: 'application/json',
      },
    });
    expect(lateRes.statusCode).toBe(403);
    expect(await mediaCount()).toBe(before);
    // The refused request with the token in its URL was logged without it.
    expect(logged()).toContain('"url":"/media?_csrf=[redacted]"');
    expect(logged()).not.toContain(agent.csrf);
  });

  it('accepts the token in the x-csrf-token header (fetch uploads)', async () => {
    const png = await pngBytes(20, 20);
    const { payload, contentType } = await multipart({}, { name: 'header.png', data: png });
    const res = await app.inject({
      method: 'POST',
      url: '/media',
      payload,
      headers: {
        cookie: cookieHeader(agent),
        'content-type': contentType,
        accept: 'application/json',
        'x-csrf-token': agent.csrf,
      },
    });
    expect(res.statusCode).toBe(201);
  });
});
