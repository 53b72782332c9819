/**
 * The MinT adapter against a local server speaking MinT's documented API (FastAPI
 * translate.py: POST /api/translate with format, content, source_language, target_language;
 * GET /api/languages): what it sends, codes back by id, a standalone code MinT moves to the
 * end still placed once, language codes picked from the list, and failures classified.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CodeInfo } from '../../src/domain/units/types.js';
import { mintProvider } from '../../src/integrations/mt/mint.js';
import { MtEngineError } from '../../src/services/ports/mt.js';
import { startMint } from './mt-fake-servers.js';
import type { FakeServer } from './mt-fake-servers.js';

const codes: Record<string, CodeInfo> = {
  '1': { kind: 'pc', type: 'link', label: 'link → https://example.org/guide' },
  '2': { kind: 'ph', type: 'inlineCode', label: 'code: npm test' },
};
const unit = { id: 'u1', text: 'Read <pc id="1">our guide</pc> <ph id="2"/> today.', codes };
const signal = () => AbortSignal.timeout(5000);

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('MinT adapter', () => {
  it('posts format html with the pair and reads `translation` back into codes', async () => {
    server = await startMint();
    const provider = mintProvider({ url: server.url });
    const out = await provider.translate(
      [unit, { ...unit, id: 'u2', text: 'Today' }],
      'en',
      'es',
      signal(),
    );
    expect(out).toEqual([
      { id: 'u1', text: 'Lee <pc id="1">nuestra guía</pc> <ph id="2"/> hoy.' },
      { id: 'u2', text: 'Hoy' },
    ]);
    expect(server.requests.find((r) => r.path === '/api/translate')?.body).toEqual({
      format: 'html',
      content: 'Read <a id="1">our guide</a> <img id="2"> today.',
      source_language: 'en',
      target_language: 'es',
    });
    expect(server.count('/api/translate')).toBe(2);
  });

  it('keeps a standalone code MinT moved to the end of the text (once, by id)', async () => {
    server = await startMint({ imagesToEnd: true });
    const provider = mintProvider({ url: server.url });
    const [out] = await provider.translate([unit], 'en', 'es', signal());
    // The space the moved code left behind is one space, as in the source.
    expect(out?.text).toBe('Lee <pc id="1">nuestra guía</pc> hoy.<ph id="2"/>');
  });

  it('offers the pairs /api/languages lists (exact tag, then the language)', async () => {
    server = await startMint();
    const provider = mintProvider({ url: server.url });
    expect(await provider.supports('en', 'es', signal())).toBe(true);
    expect(await provider.supports('en-GB', 'de-AT', signal())).toBe(true);
    expect(await provider.supports('es', 'de', signal())).toBe(false);
    expect(await provider.supports('en', 'en', signal())).toBe(false);
    const error: unknown = await provider
      .translate([unit], 'es', 'de', signal())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MtEngineError);
    expect(error instanceof MtEngineError && error.failure).toBe('rejected');
  });

  it('reports MinT refusing a text over its limit (413) as rejected, with its message', async () => {
    server = await startMint();
    const provider = mintProvider({ url: server.url });
    const long = { id: 'u3', text: 'a'.repeat(100_001), codes: {} };
    const error: unknown = await provider
      .translate([long], 'en', 'es', signal())
      .catch((e: unknown) => e);
    expect(error instanceof MtEngineError && [error.failure, error.status]).toEqual([
      'rejected',
      413,
    ]);
    expect(error instanceof MtEngineError && error.detail).toContain('maximum character limit');
  });
});

describe('the fake checks requests as MinT (FastAPI) does', () => {
  it('answers 422 naming each missing or wrong field', async () => {
    server = await startMint();
    const response = await fetch(`${server.url}/api/translate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ format: 'pdf', content: 3, source_language: 'en' }),
    });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { detail: { loc: string[]; type: string }[] };
    expect(body.detail.map((d) => `${d.loc.join('.')}:${d.type}`).sort()).toEqual([
      'body.content:string_type',
      'body.format:enum',
      'body.target_language:missing',
    ]);
  });
});
