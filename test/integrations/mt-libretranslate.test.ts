/**
 * The LibreTranslate adapter against a local server speaking LibreTranslate's documented API
 * (test/integrations/mt-fake-servers.ts): the request carries what the real server requires
 * (q, source, target, format html, api_key), a batch answers in order, codes come back by id,
 * a literal "<" survives the server's unescaping, and each failure is classified.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CodeInfo } from '../../src/domain/units/types.js';
import { libreTranslateProvider } from '../../src/integrations/mt/libretranslate.js';
import { MtEngineError } from '../../src/services/ports/mt.js';
import { startLibreTranslate, startServer } from './mt-fake-servers.js';
import type { FakeServer } from './mt-fake-servers.js';

const codes: Record<string, CodeInfo> = {
  '1': { kind: 'pc', type: 'link', label: 'link → https://example.org/guide' },
  '2': { kind: 'pc', type: 'strong', label: 'bold' },
  '3': { kind: 'ph', type: 'break', label: 'line break' },
};
const unit = {
  id: 'u1',
  text: 'Read <pc id="1">our guide</pc> and <pc id="2">call us</pc><ph id="3"/> today &lt;b&gt; &amp; more.',
  codes,
};
const signal = () => AbortSignal.timeout(5000);

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function failure(promise: Promise<unknown>): Promise<MtEngineError> {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof MtEngineError))
    throw new Error(`expected MtEngineError, got ${String(error)}`);
  return error;
}

describe('LibreTranslate adapter', () => {
  it('sends what the API requires and rebuilds the codes from the HTML answer', async () => {
    server = await startLibreTranslate({ apiKeys: ['secret-key'] });
    const provider = libreTranslateProvider({ url: server.url, apiKey: 'secret-key' });
    const [out] = await provider.translate([unit], 'en', 'es', signal());
    expect(out).toEqual({
      id: 'u1',
      text: 'Lee <pc id="1">nuestra guía</pc> y <pc id="2">llama nos</pc><ph id="3"/> hoy &lt;b&gt; &amp; more.',
    });
    const sent = server.requests.find((r) => r.path === '/translate')?.body;
    expect(sent).toMatchObject({
      source: 'en',
      target: 'es',
      format: 'html',
      api_key: 'secret-key',
      q: [
        'Read <a id="1">our guide</a> and <b id="2">call us</b><img id="3"> today &amp;lt;b&gt; &amp; more.',
      ],
    });
  });

  it('translates a batch in one request, in order, and splits batches over its size', async () => {
    server = await startLibreTranslate({ batchLimit: 2 });
    const provider = libreTranslateProvider({ url: server.url, batchSize: 2 });
    const units = ['Read', 'our guide', 'today'].map((text, i) => ({
      id: `u${i}`,
      text,
      codes: {},
    }));
    const out = await provider.translate(units, 'en', 'es', signal());
    expect(out).toEqual([
      { id: 'u0', text: 'Lee' },
      { id: 'u1', text: 'nuestra guía' },
      { id: 'u2', text: 'hoy' },
    ]);
    expect(server.count('/translate')).toBe(2);
  });

  it('picks its language codes from /languages (es-AR → es) and reports pairs it lacks', async () => {
    server = await startLibreTranslate();
    const provider = libreTranslateProvider({ url: server.url });
    expect(await provider.supports('en', 'es-AR', signal())).toBe(true);
    expect(await provider.supports('es', 'de', signal())).toBe(false);
    expect(await provider.supports('sw', 'en', signal())).toBe(false);
    expect(server.count('/languages')).toBe(1); // kept
    const error = await failure(provider.translate([unit], 'es', 'de', signal()));
    expect(error.failure).toBe('rejected');
  });

  it('returns what the engine kept when it loses the elements (the service then checks codes)', async () => {
    server = await startLibreTranslate({ tags: 'drop' });
    const provider = libreTranslateProvider({ url: server.url });
    const [out] = await provider.translate([unit], 'en', 'es', signal());
    expect(out?.text).toBe('Lee nuestra guía y llama nos hoy &lt;b&gt; &amp; more.');
  });

  it.each([
    [undefined, 'rejected', 400, 'Please contact the server operator'],
    ['wrong-key', 'rejected', 403, 'Invalid API key'],
  ])(
    'a missing or wrong key (%s) is refused, and the key never appears in the error',
    async (key, kind, status, message) => {
      server = await startLibreTranslate({ apiKeys: ['secret-key'] });
      const provider = libreTranslateProvider({ url: server.url, apiKey: key });
      const error = await failure(provider.translate([unit], 'en', 'es', signal()));
      expect({ failure: error.failure, status: error.status }).toEqual({ failure: kind, status });
      expect(error.detail).toContain(message);
      expect(error.detail).not.toContain('wrong-key');
    },
  );

  it.each([
    [500, 'server_error'],
    [429, 'rate_limited'],
  ])('classifies a %i answer as %s', async (status, kind) => {
    server = await startLibreTranslate({ failWith: status });
    const provider = libreTranslateProvider({ url: server.url });
    const error = await failure(provider.translate([unit], 'en', 'es', signal()));
    expect(error.failure).toBe(kind);
  });

  it('classifies an answer that is not its API as server_error', async () => {
    server = await startServer((_, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<html>a proxy login page</html>');
    });
    const provider = libreTranslateProvider({ url: server.url });
    expect((await failure(provider.supports('en', 'es', signal()))).failure).toBe('server_error');
  });

  it('classifies a refused connection as network, and no answer in time as timeout', async () => {
    const closed = await startServer(null);
    await closed.close();
    const gone = libreTranslateProvider({ url: closed.url });
    expect((await failure(gone.supports('en', 'es', signal()))).failure).toBe('network');
    server = await startServer(null);
    const silent = libreTranslateProvider({ url: server.url });
    expect((await failure(silent.supports('en', 'es', AbortSignal.timeout(100)))).failure).toBe(
      'timeout',
    );
  });
});

describe('the fake checks requests as LibreTranslate does', () => {
  it.each([
    [{ source: 'en', target: 'es' }, 'missing q parameter'],
    [{ q: 'x', target: 'es' }, 'missing source parameter'],
    [{ q: 'x', source: 'en' }, 'missing target parameter'],
    [{ q: 'x', source: 'en', target: 'es', format: 'pdf' }, '"pdf" format is not supported'],
    [{ q: 'x', source: 'xx', target: 'es' }, 'xx is not supported'],
  ])('%j → 400 %s', async (body, message) => {
    server = await startLibreTranslate();
    const response = await fetch(`${server.url}/translate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toContain(message);
  });
});
