/**
 * Acceptance (issue 7, bounded work per request): a translator's tagged text is refused before
 * it is read when it has more tags than any source could need or nests its codes deeper than
 * the content format allows — 422 `too_complex` on the field `text`, naming the limit — and
 * nothing is saved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../support/databases.js';
import { translationSetup, type TranslationSetup } from '../fuzz/translation-support.js';

interface ErrorAnswer {
  error: string;
  message: string;
  problems: { field: string; message: string }[];
}

describe.each(engines())('tagged text limits on $name', (engine) => {
  let setup: TranslationSetup;

  beforeAll(async () => {
    setup = await translationSetup(engine);
  });
  afterAll(() => setup.ctx.close());

  const good = 'Únete a <pc id="1">la sesión</pc> en <pc id="2">el parque</pc> con <ph id="3"/>.';

  it('refuses 1,800 tags naming the limit, and saves nothing', async () => {
    const flood = '<pc id="1">'.repeat(1800);
    const response = await setup.save(flood, 0);
    expect(response.statusCode).toBe(422);
    expect(response.json<ErrorAnswer>()).toMatchObject({
      error: 'too_complex',
      message: 'text: The text has 1,800 tags; the limit is 1,000',
      problems: [{ field: 'text', message: 'The text has 1,800 tags; the limit is 1,000' }],
    });
    // Nothing was stored: the first real save is still version 0 → 1.
    const saved = await setup.save(good, 0);
    expect(saved.statusCode).toBe(200);
    expect(saved.json<{ target: { version: number } }>().target.version).toBe(1);
  });

  it('refuses codes nested 40 deep naming the limit', async () => {
    const nested = `${'<pc id="1">'.repeat(40)}x${'</pc>'.repeat(40)}`;
    const response = await setup.save(nested, 1);
    expect(response.statusCode).toBe(422);
    expect(response.json<ErrorAnswer>()).toMatchObject({
      error: 'too_complex',
      problems: [{ field: 'text', message: 'Codes are nested 40 levels deep; the limit is 32' }],
    });
  });

  it('still checks ordinary mistakes as before (a missing code is a validation problem)', async () => {
    const response = await setup.save('Únete a la sesión.', 1);
    expect(response.statusCode).toBe(422);
    expect(response.json<ErrorAnswer>().error).toBe('validation_failed');
  });
});
