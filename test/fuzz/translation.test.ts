/**
 * Fuzz (issue 7): pathological tagged text — codes nested deep, tag floods, unclosed and stray
 * tags, raw markup, entities, ids of every shape — through the blocking checks directly and
 * through the translation save API. Every text is saved (200), refused (422) or meets a newer
 * version (409) — never a 500 — and a reader is answered while each save is in flight.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { checkTarget } from '../../src/domain/units/index.js';
import type { SourceUnit } from '../../src/domain/units/index.js';
import { engines } from '../support/databases.js';
import { announce, exploring, fuzzOptions, runs } from './settings.js';
import { translationSetup, type TranslationSetup } from './translation-support.js';

const scale = exploring ? 4 : 1;
const CHECK_RUNS = 200;
const API_RUNS = 40;

const source: SourceUnit = {
  path: 'b.0',
  kind: 'paragraph',
  text: 'Join <pc id="1">the session</pc> at <pc id="2">the park</pc> with <ph id="3"/>.',
  codes: {
    '1': { kind: 'pc', type: 'strong', label: 'bold' },
    '2': { kind: 'pc', type: 'link', label: 'link → https://example.org' },
    '3': { kind: 'ph', type: 'inlineCode', label: 'code: npm test' },
  },
};

const id = fc.oneof(
  fc.constantFrom('1', '2', '3', '4', '', ' ', '"', "'1'", '1 2', 'x'.repeat(50)),
  fc.string({ maxLength: 6 }),
);

const piece = fc.oneof(
  id.map((i) => `<pc id="${i}">`),
  id.map((i) => `<ph id="${i}"/>`),
  id.map((i) => `</pc id="${i}">`),
  fc.constantFrom(
    '</pc>',
    '<pc>',
    '<pc id=1>',
    "<pc id='2'>",
    '<ph/>',
    '<',
    '>',
    '&',
    '&amp;',
    '&lt;',
    '<b>',
    '<script>',
    '<!--',
    '<pc id="1"',
    'la sesión',
    ' ',
    'عربى',
    '\n',
  ),
  fc.string({ maxLength: 8 }),
);

/** Tagged text made to be hard: many pieces, floods of one piece, deep nesting. */
const taggedText = fc.oneof(
  fc.array(piece, { maxLength: 80 * scale }).map((parts) => parts.join('')),
  fc
    .tuple(piece, fc.integer({ min: 1, max: 2500 * scale }))
    .map(([p, n]) => p.repeat(n).slice(0, 20_000)),
  fc
    .tuple(fc.integer({ min: 1, max: 60 * scale }), id)
    .map(([n, i]) => `${`<pc id="${i}">`.repeat(n)}x${'</pc>'.repeat(n)}`),
);

describe('fuzz: tagged text through the blocking checks', () => {
  it('returns problems or refuses a text over its limits, never anything else', () => {
    announce('translation/check', CHECK_RUNS);
    fc.assert(
      fc.property(taggedText, (text) => {
        try {
          const problems = checkTarget(source, text);
          for (const problem of problems) expect(problem.message).not.toBe('');
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          expect(error.code).toBe('too_complex');
          expect(error.problems[0]?.field).toBe('text');
          expect(error.message).toMatch(/the limit is/);
        }
      }),
      fuzzOptions(CHECK_RUNS),
    );
  });
});

describe.each(engines().slice(0, 1))(
  'fuzz: tagged text through the save API on $name',
  (engine) => {
    let setup: TranslationSetup;
    let version = 0;

    beforeAll(async () => {
      setup = await translationSetup(engine);
    });
    afterAll(() => setup.ctx.close());

    it(
      'answers every save with 200, 409 or 422 — never 500 — and readers meanwhile',
      async () => {
        announce('translation/api', API_RUNS);
        await fc.assert(
          fc.asyncProperty(taggedText, async (text) => {
            const [answer, page] = await Promise.all([setup.save(text, version), setup.read()]);
            expect([200, 409, 422], answer.body.slice(0, 300)).toContain(answer.statusCode);
            expect(page.statusCode).toBe(200);
            if (answer.statusCode === 200) {
              version = answer.json<{ target: { version: number } }>().target.version;
            }
          }),
          fuzzOptions(API_RUNS),
        );
        const good =
          'Únete a <pc id="1">la sesión</pc> en <pc id="2">el parque</pc> con <ph id="3"/>.';
        const saved = await setup.save(good, version);
        expect(saved.statusCode).toBe(200);
      },
      60_000 + runs(API_RUNS) * 1_000,
    );
  },
);
