/**
 * Apertium APy (Debian's `apertium-apy`) over HTTP. `GET /listPairs` names the installed pairs
 * (ISO 639-3 codes, read once and kept five minutes); `POST /translate` with `langpair=eng|spa`,
 * `q`, `format=html` (APy runs the text through `apertium-deshtml`, which keeps every tag in
 * place as a "superblank" between the words around it) and `markUnknown=no` (no `*` before
 * words the dictionary lacks) answers `{ responseData: { translatedText } }`. One request per
 * unit, a few at a time (APy queues them on one pipeline per pair anyway).
 *
 * What Apertium does to tags: it keeps each one where it was in the word stream, so ids and
 * nesting always come back; when it reorders words the tag stays with the position, not the
 * word (`the <b>red</b> car` → `el <b>coche</b> rojo`). See README.md beside this file.
 */
import { z } from 'zod';
import type { MtOutput, MtProvider, MtUnit } from '../../services/ports/mt.js';
import { MtEngineError } from '../../services/ports/mt.js';
import {
  apertiumSource,
  apertiumTargets,
  needsLatinSerbian,
  serbianLatin,
} from './apertium-languages.js';
import { htmlToTagged, matchOuterWhitespace, taggedToHtml } from './html-codes.js';
import { callJson, endpoint, expiring, mapLimited } from './http.js';

const pairsAnswer = z.object({
  responseData: z.array(z.object({ sourceLanguage: z.string(), targetLanguage: z.string() })),
});

const translateAnswer = z.object({
  responseData: z.object({ translatedText: z.string() }),
});

/** Where APy runs and how hard to use it. */
export interface ApertiumOptions {
  /** Base URL, e.g. http://127.0.0.1:2737 */
  url: string;
  /** Units translated at once (default 3). */
  concurrency?: number;
  /** How long the pair list is kept (default five minutes). */
  pairsTtlMs?: number;
}

/** The Apertium APy adapter. */
export function apertiumProvider(options: ApertiumOptions): MtProvider {
  const base = options.url;
  const concurrency = options.concurrency ?? 3;
  const pairsOnce = expiring<Set<string>>(options.pairsTtlMs ?? 5 * 60_000);

  const pairs = (signal: AbortSignal): Promise<Set<string>> =>
    pairsOnce(async () => {
      const answer = await callJson(
        endpoint(base, '/listPairs'),
        { method: 'GET', signal },
        pairsAnswer,
      );
      return new Set(answer.responseData.map((p) => `${p.sourceLanguage}|${p.targetLanguage}`));
    });

  /** The installed langpair for from → to, or null. */
  const resolve = async (from: string, to: string, signal: AbortSignal): Promise<string | null> => {
    const source = apertiumSource(from);
    if (source === null) return null;
    const installed = await pairs(signal);
    const target = apertiumTargets(to).find((t) => installed.has(`${source}|${t}`));
    return target === undefined ? null : `${source}|${target}`;
  };

  return {
    name: 'apertium',
    label: 'Apertium',
    origin: new URL(base).origin,
    supports: async (from, to, signal) => (await resolve(from, to, signal)) !== null,
    translate: async (units, from, to, signal) => {
      const langpair = await resolve(from, to, signal);
      if (langpair === null)
        throw new MtEngineError('rejected', `Apertium has no pair for ${from} → ${to}`);
      const mapText = needsLatinSerbian(from) ? serbianLatin : undefined;
      return mapLimited(units, concurrency, async (unit: MtUnit): Promise<MtOutput> => {
        const html = taggedToHtml(unit.text, unit.codes, mapText ? { mapText } : {});
        const answer = await callJson(
          endpoint(base, '/translate'),
          {
            method: 'POST',
            body: { form: { langpair, q: html, format: 'html', markUnknown: 'no' } },
            signal,
          },
          translateAnswer,
        );
        const tagged = htmlToTagged(answer.responseData.translatedText, unit.codes);
        return { id: unit.id, text: matchOuterWhitespace(unit.text, tagged.text) };
      });
    },
  };
}
