/**
 * A LibreTranslate-compatible server, by its documented API: `GET /languages` lists
 * `[{ code, name, targets }]`; `POST /translate` takes JSON `{ q, source, target, format,
 * api_key }` — `q` a string or an array (a batch, answered in order) — and answers
 * `{ translatedText }` (a string or an array), or `{ error }` with 400 (bad request, text over
 * its limits, a missing key), 403 (bad key, banned), 429 (slow down) or 500.
 *
 * Tags: with `format: "html"` LibreTranslate parses the text with BeautifulSoup and translates
 * it around the elements (translate-html), then unescapes its whole answer — so `&lt;` in
 * text would come back as a raw `<`; it is sent double-escaped (`&amp;lt;`) and comes back as
 * `&lt;`. Codes: pc as `a`/`b`/`i`/`s`/`span`, ph as `img` (html-codes.ts).
 */
import { z } from 'zod';
import type { MtOutput, MtProvider, MtUnit } from '../../services/ports/mt.js';
import { MtEngineError } from '../../services/ports/mt.js';
import { htmlToTagged, matchOuterWhitespace, taggedToHtml } from './html-codes.js';
import { callJson, endpoint, expiring } from './http.js';

const languagesAnswer = z.array(
  z.object({ code: z.string(), name: z.string(), targets: z.array(z.string()).optional() }),
);

const translateAnswer = z.object({ translatedText: z.union([z.string(), z.array(z.string())]) });

/** Where LibreTranslate runs. */
export interface LibreTranslateOptions {
  url: string;
  /** Sent as `api_key` when set; never logged or shown. */
  apiKey?: string | undefined;
  /** Units per request (`q` array; servers may set a batch limit; default 20). */
  batchSize?: number;
  /** How long the language list is kept (default five minutes). */
  languagesTtlMs?: number;
}

/** LibreTranslate's code for a BCP 47 tag among those it offers: exact, then the language. */
function pick(tag: string, offered: ReadonlySet<string>): string | null {
  const lower = tag.toLowerCase();
  const exact = [...offered].find((code) => code.toLowerCase() === lower);
  if (exact !== undefined) return exact;
  const language = lower.split('-')[0] ?? lower;
  return offered.has(language) ? language : null;
}

/** The LibreTranslate adapter. */
export function libreTranslateProvider(options: LibreTranslateOptions): MtProvider {
  const base = options.url;
  const batchSize = options.batchSize ?? 20;
  const languagesOnce = expiring<Map<string, Set<string>>>(options.languagesTtlMs ?? 5 * 60_000);

  const languages = (signal: AbortSignal) =>
    languagesOnce(async () => {
      const list = await callJson(
        endpoint(base, '/languages'),
        { method: 'GET', signal },
        languagesAnswer,
      );
      return new Map(list.map((l) => [l.code, new Set(l.targets ?? [])]));
    });

  const resolve = async (from: string, to: string, signal: AbortSignal) => {
    const offered = await languages(signal);
    const source = pick(from, new Set(offered.keys()));
    if (source === null) return null;
    const target = pick(to, offered.get(source) ?? new Set());
    return target === null || target === source ? null : { source, target };
  };

  const translateBatch = async (
    batch: MtUnit[],
    pair: { source: string; target: string },
    signal: AbortSignal,
  ): Promise<MtOutput[]> => {
    const q = batch.map((u) => taggedToHtml(u.text, u.codes, { lessThan: '&amp;lt;' }));
    const answer = await callJson(
      endpoint(base, '/translate'),
      {
        method: 'POST',
        body: {
          json: {
            q,
            source: pair.source,
            target: pair.target,
            format: 'html',
            ...(options.apiKey ? { api_key: options.apiKey } : {}),
          },
        },
        signal,
      },
      translateAnswer,
    );
    const texts =
      typeof answer.translatedText === 'string' ? [answer.translatedText] : answer.translatedText;
    if (texts.length !== batch.length)
      throw new MtEngineError(
        'server_error',
        `LibreTranslate answered ${texts.length} texts for ${batch.length}`,
      );
    return batch.map((unit, i) => ({
      id: unit.id,
      text: matchOuterWhitespace(unit.text, htmlToTagged(texts[i] ?? '', unit.codes).text),
    }));
  };

  return {
    name: 'libretranslate',
    label: 'LibreTranslate',
    origin: new URL(base).origin,
    supports: async (from, to, signal) => (await resolve(from, to, signal)) !== null,
    translate: async (units, from, to, signal) => {
      const pair = await resolve(from, to, signal);
      if (pair === null)
        throw new MtEngineError('rejected', `LibreTranslate has no pair for ${from} → ${to}`);
      const outputs: MtOutput[] = [];
      for (let at = 0; at < units.length; at += batchSize)
        outputs.push(...(await translateBatch(units.slice(at, at + batchSize), pair, signal)));
      return outputs;
    },
  };
}
