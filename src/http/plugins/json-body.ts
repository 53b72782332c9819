/**
 * JSON bodies within a nesting limit. Fastify's own parser (secure-json-parse, which refuses
 * `__proto__` and `constructor` poisoning) does the parsing, but first one linear pass counts
 * how deep the body nests: a megabyte of `[[[[…` would otherwise keep JSON.parse busy on the
 * event loop for about a second, and anything that later walks it recursively would overflow
 * the stack. No JSON this application reads nests more than a few levels.
 */
import type { FastifyInstance } from 'fastify';
import { DomainError } from '../../domain/errors.js';

/** Deepest nesting of arrays and objects a JSON body may have. */
export const MAX_JSON_DEPTH = 64;

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;

/** How deep arrays and objects nest in JSON text (strings skipped); linear, never throws. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === BACKSLASH) index++;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) inString = true;
    else if (code === OPEN_ARRAY || code === OPEN_OBJECT) deepest = Math.max(deepest, ++depth);
    else if (code === CLOSE_ARRAY || code === CLOSE_OBJECT) depth--;
  }
  return deepest;
}

/** Replaces the JSON body parser by one that refuses bodies nested over MAX_JSON_DEPTH (422). */
export function registerJsonBody(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string' },
    (request, body: string, done) => {
      const depth = jsonDepth(body);
      if (depth > MAX_JSON_DEPTH) {
        done(
          new DomainError(
            'too_complex',
            `The JSON body is nested ${depth.toLocaleString('en-US')} levels deep; the limit is ${MAX_JSON_DEPTH}`,
          ),
          undefined,
        );
        return;
      }
      void parse(request, body, done);
    },
  );
}
