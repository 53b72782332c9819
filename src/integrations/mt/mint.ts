/**
 * A MinT-compatible server (Wikimedia's machine translation service,
 * mediawiki/services/machinetranslation, FastAPI): `GET /api/languages` answers
 * `{ "<source>": { "<target>": ["<model>", …] } }`; `POST /api/translate` takes JSON
 * `{ format, content, source_language, target_language, model? }` (format `text`, `html`,
 * `markdown`, `json`…; an `html` content of at most 100,000 characters) and answers
 * `{ translation, translationtime, sourcelanguage, targetlanguage, model }`; a request that
 * does not validate is 422 with FastAPI's `{ detail: [...] }`, content over the limit 413.
 * (The older `POST /api/translate/{from}/{to}` with `{ "html": … }` is deprecated there.)
 *
 * Tags: MinT's HTML translator (BeautifulSoup) translates each element's text and puts each
 * inline element back where its translated text is found (fuzzy); `img` and `br` are not
 * translated, and an element whose text cannot be found is put at the end of its parent — so
 * a standalone code may move to the end of its sentence. One request per unit, a few at once.
 */
import { z } from 'zod';
import type { MtOutput, MtProvider, MtUnit } from '../../services/ports/mt.js';
import { MtEngineError } from '../../services/ports/mt.js';
import { htmlToTagged, matchOuterWhitespace, taggedToHtml } from './html-codes.js';
import { callJson, endpoint, expiring, mapLimited } from './http.js';

const languagesAnswer = z.record(z.string(), z.record(z.string(), z.array(z.string())));

const translateAnswer = z.object({
  translation: z.string(),
  model: z.string().optional(),
});

/** Where MinT runs. */
export interface MintOptions {
  url: string;
  /** Units translated at once (default 3). */
  concurrency?: number;
  /** How long the language list is kept (default five minutes). */
  languagesTtlMs?: number;
}

/** MinT's code for a BCP 47 tag among those it offers: exact (lower case), then the language. */
function pick(tag: string, offered: readonly string[]): string | null {
  const lower = tag.toLowerCase();
  const exact = offered.find((code) => code.toLowerCase() === lower);
  if (exact !== undefined) return exact;
  const language = lower.split('-')[0] ?? lower;
  return offered.includes(language) ? language : null;
}

/** The MinT adapter. */
export function mintProvider(options: MintOptions): MtProvider {
  const base = options.url;
  const concurrency = options.concurrency ?? 3;
  const languagesOnce = expiring<Record<string, Record<string, string[]>>>(
    options.languagesTtlMs ?? 5 * 60_000,
  );

  const languages = (signal: AbortSignal) =>
    languagesOnce(() =>
      callJson(endpoint(base, '/api/languages'), { method: 'GET', signal }, languagesAnswer),
    );

  const resolve = async (from: string, to: string, signal: AbortSignal) => {
    const offered = await languages(signal);
    const source = pick(from, Object.keys(offered));
    if (source === null) return null;
    const target = pick(to, Object.keys(offered[source] ?? {}));
    return target === null || target === source ? null : { source, target };
  };

  return {
    name: 'mint',
    label: 'MinT',
    origin: new URL(base).origin,
    supports: async (from, to, signal) => (await resolve(from, to, signal)) !== null,
    translate: async (units, from, to, signal) => {
      const pair = await resolve(from, to, signal);
      if (pair === null)
        throw new MtEngineError('rejected', `MinT has no pair for ${from} → ${to}`);
      return mapLimited(units, concurrency, async (unit: MtUnit): Promise<MtOutput> => {
        const answer = await callJson(
          endpoint(base, '/api/translate'),
          {
            method: 'POST',
            body: {
              json: {
                format: 'html',
                content: taggedToHtml(unit.text, unit.codes),
                source_language: pair.source,
                target_language: pair.target,
              },
            },
            signal,
          },
          translateAnswer,
        );
        const tagged = htmlToTagged(answer.translation, unit.codes);
        return { id: unit.id, text: matchOuterWhitespace(unit.text, tagged.text) };
      });
    },
  };
}
