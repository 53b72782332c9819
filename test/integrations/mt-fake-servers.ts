/**
 * Local HTTP servers that speak machine-translation engines' documented APIs — the outside
 * world's fakes for the LibreTranslate and MinT adapters (Apertium is tested against the real
 * APy). Each checks requests the way the real server does (the fields it requires, their
 * types, its limits) and answers in its documented shape; "translation" is a small word list.
 * Also a server that never answers, for timeouts. Each counts the requests it received.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defaultTreeAdapter as tree, parseFragment, serialize } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';

export interface FakeServer {
  url: string;
  /** Requests received, by path. */
  requests: { method: string; path: string; body: unknown }[];
  /** Requests to `path` so far. */
  count(path: string): number;
  close(): Promise<void>;
}

type Handler = (
  request: { method: string; path: string; contentType: string; body: unknown },
  response: ServerResponse,
) => void;

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

/** A server on 127.0.0.1 (a free port) running `handler` (null: never answers). */
export async function startServer(handler: Handler | null): Promise<FakeServer> {
  const requests: FakeServer['requests'] = [];
  const server = createServer((request, response) => {
    void readBody(request).then((raw) => {
      const contentType = request.headers['content-type'] ?? '';
      let body: unknown = raw;
      if (contentType.startsWith('application/json')) {
        try {
          body = JSON.parse(raw);
        } catch {
          body = Symbol.for('invalid-json');
        }
      } else if (contentType.startsWith('application/x-www-form-urlencoded')) {
        body = Object.fromEntries(new URLSearchParams(raw));
      }
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      requests.push({ method: request.method ?? 'GET', path, body });
      handler?.({ method: request.method ?? 'GET', path, contentType, body }, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    count: (path) => requests.filter((r) => r.path === path).length,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

const WORDS: Record<string, Record<string, string>> = {
  'en|es': {
    read: 'lee',
    our: 'nuestra',
    guide: 'guía',
    and: 'y',
    call: 'llama',
    us: 'nos',
    today: 'hoy',
    the: 'la',
    session: 'sesión',
    join: 'únete',
    at: 'a',
    noon: 'mediodía',
  },
  'en|de': { read: 'lies', our: 'unseren', guide: 'Leitfaden', and: 'und', today: 'heute' },
  'es|en': { lee: 'read', nuestra: 'our', guía: 'guide', y: 'and', hoy: 'today' },
};

/** Word-by-word "translation" keeping spaces, punctuation and the first letter's case. */
export function wordTranslate(text: string, pair: string): string {
  const words = WORDS[pair] ?? {};
  return text.replace(/\p{L}+/gu, (word) => {
    const found = words[word.toLowerCase()];
    if (found === undefined) return word;
    const first = word.charAt(0);
    return first === first.toUpperCase() && first !== first.toLowerCase()
      ? found.charAt(0).toUpperCase() + found.slice(1)
      : found;
  });
}

/** Translates the text nodes of an HTML fragment; `mode` can make it lose or double elements. */
function translateHtml(html: string, pair: string, mode: 'keep' | 'drop' | 'double'): string {
  const fragment = parseFragment(html);
  const visit = (parent: DefaultTreeAdapterMap['parentNode']): void => {
    for (const node of [...tree.getChildNodes(parent)]) {
      if (tree.isTextNode(node)) {
        const translated = wordTranslate(tree.getTextNodeContent(node), pair);
        tree.insertTextBefore(parent, translated, node);
        tree.detachNode(node);
      } else if (tree.isElementNode(node)) {
        visit(node);
      }
    }
  };
  visit(fragment);
  const out = serialize(fragment);
  if (mode === 'drop') return out.replace(/<\/?(?:a|b|i|s|span|img)\b[^>]*>/g, '');
  if (mode === 'double') return `${out} ${out}`;
  return out;
}

/** Python's html.unescape for the entities a serializer writes (LibreTranslate applies it). */
function unescapeHtml(text: string): string {
  return text
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&nbsp;', '\u00a0')
    .replaceAll('&amp;', '&');
}

export interface LibreTranslateFakeOptions {
  /** When set, requests must carry one of these as `api_key`. */
  apiKeys?: string[];
  /** Texts per request (`--batch-limit`). */
  batchLimit?: number;
  /** Characters per text (`--char-limit`). */
  charLimit?: number;
  /** Answer every /translate with this status (e.g. 500, 429) and LibreTranslate's error body. */
  failWith?: number;
  tags?: 'keep' | 'drop' | 'double';
}

const LT_LANGUAGES = [
  { code: 'en', name: 'English', targets: ['de', 'es'] },
  { code: 'es', name: 'Spanish', targets: ['en'] },
  { code: 'de', name: 'German', targets: ['en'] },
];

/**
 * LibreTranslate's API (libretranslate/app.py): GET /languages; POST /translate with q
 * (string or array), source, target, format (text|html), api_key. Errors `{ error }` with 400
 * (missing parameter, unsupported language or format, over a limit, key required), 403
 * (invalid key), 429 and 500.
 */
export function startLibreTranslate(options: LibreTranslateFakeOptions = {}): Promise<FakeServer> {
  return startServer((request, response) => {
    if (request.method === 'GET' && request.path === '/languages')
      return json(response, 200, LT_LANGUAGES);
    if (request.method !== 'POST' || request.path !== '/translate')
      return json(response, 404, { error: 'Not Found' });
    const body = request.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      return json(response, 400, { error: 'Invalid JSON format' });
    const fields = body as Record<string, unknown>;
    if (options.apiKeys) {
      const key = fields.api_key;
      if (typeof key === 'string' && key !== '' && !options.apiKeys.includes(key))
        return json(response, 403, { error: 'Invalid API key' });
      if (typeof key !== 'string' || !options.apiKeys.includes(key))
        return json(response, 400, {
          error: 'Please contact the server operator to get an API key',
        });
    }
    const { q, source, target } = fields;
    const format = fields.format ?? 'text';
    const texts = Array.isArray(q) ? q : [q];
    if (!q || texts.length === 0 || texts.some((t) => typeof t !== 'string'))
      return json(response, 400, { error: 'Invalid request: missing q parameter' });
    if (typeof source !== 'string' || source === '')
      return json(response, 400, { error: 'Invalid request: missing source parameter' });
    if (typeof target !== 'string' || target === '')
      return json(response, 400, { error: 'Invalid request: missing target parameter' });
    if (options.batchLimit !== undefined && Array.isArray(q) && q.length > options.batchLimit)
      return json(response, 400, {
        error: `Invalid request: request (${q.length}) exceeds text limit (${options.batchLimit})`,
      });
    const strings = texts.filter((t): t is string => typeof t === 'string');
    const tooLong = strings.find(
      (t) => options.charLimit !== undefined && t.length > options.charLimit,
    );
    if (tooLong !== undefined)
      return json(response, 400, {
        error: `Invalid request: request (${tooLong.length}) exceeds text limit (${options.charLimit})`,
      });
    const language = LT_LANGUAGES.find((l) => l.code === source);
    if (!language) return json(response, 400, { error: `${source} is not supported` });
    if (!LT_LANGUAGES.some((l) => l.code === target))
      return json(response, 400, { error: `${target} is not supported` });
    if (!language.targets.includes(target))
      return json(response, 400, {
        error: `${target} is not available as a target language from ${source}`,
      });
    if (format !== 'text' && format !== 'html')
      return json(response, 400, { error: `${JSON.stringify(format)} format is not supported` });
    if (options.failWith === 429)
      return json(response, 429, { error: 'Slowdown: too many requests' });
    if (options.failWith !== undefined)
      return json(response, options.failWith, { error: 'Cannot translate text: model crashed' });
    const pair = `${source}|${target}`;
    const translated = strings.map((t) =>
      format === 'html'
        ? unescapeHtml(translateHtml(t, pair, options.tags ?? 'keep'))
        : wordTranslate(t, pair),
    );
    return json(response, 200, { translatedText: Array.isArray(q) ? translated : translated[0] });
  });
}

/** Extra behaviour of the MinT fake. */
export interface MintFakeOptions {
  /** MinT's HTML translator puts an element whose text it cannot find at the end of its parent. */
  imagesToEnd?: boolean;
}

const MINT_LANGUAGES = {
  en: { es: ['opusmt-en-es'], de: ['nllb200-600M'] },
  es: { en: ['opusmt-es-en'] },
};
const MINT_FORMATS = ['text', 'html', 'markdown', 'json', 'svg', 'webpage'];
const MINT_HTML_LIMIT = 100_000;

/**
 * MinT's API (translate.py, FastAPI): GET /api/languages; POST /api/translate with JSON
 * { format, content, source_language, target_language, model? } → { translation,
 * translationtime, sourcelanguage, targetlanguage, model }; 422 `{ detail: [...] }` for a body
 * that does not validate, 413 over the character limit.
 */
export function startMint(options: MintFakeOptions = {}): Promise<FakeServer> {
  return startServer((request, response) => {
    if (request.method === 'GET' && request.path === '/api/languages')
      return json(response, 200, MINT_LANGUAGES);
    if (request.method !== 'POST' || request.path !== '/api/translate')
      return json(response, 404, { detail: 'Not Found' });
    if (!request.contentType.startsWith('application/json'))
      return json(response, 422, {
        detail: [
          {
            type: 'model_attributes_type',
            loc: ['body'],
            msg: 'Input should be a valid dictionary',
          },
        ],
      });
    const body = request.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      return json(response, 422, {
        detail: [{ type: 'json_invalid', loc: ['body'], msg: 'JSON decode error' }],
      });
    const fields = body as Record<string, unknown>;
    const detail: { type: string; loc: string[]; msg: string }[] = [];
    for (const name of ['format', 'content', 'source_language', 'target_language']) {
      if (!(name in fields))
        detail.push({ type: 'missing', loc: ['body', name], msg: 'Field required' });
      else if (typeof fields[name] !== 'string')
        detail.push({
          type: 'string_type',
          loc: ['body', name],
          msg: 'Input should be a valid string',
        });
    }
    if (typeof fields.format === 'string' && !MINT_FORMATS.includes(fields.format))
      detail.push({
        type: 'enum',
        loc: ['body', 'format'],
        msg: `Input should be ${MINT_FORMATS.join(', ')}`,
      });
    if (detail.length > 0) return json(response, 422, { detail });
    const content = String(fields.content);
    const source = String(fields.source_language);
    const target = String(fields.target_language);
    if (content.length > MINT_HTML_LIMIT)
      return json(response, 413, {
        detail: `Request size exceeds maximum character limit ${MINT_HTML_LIMIT}`,
      });
    const models = (MINT_LANGUAGES as Record<string, Record<string, string[]>>)[source]?.[target];
    if (!models) return json(response, 500, { detail: 'Internal Server Error' });
    let translation =
      fields.format === 'html'
        ? translateHtml(content, `${source}|${target}`, 'keep')
        : wordTranslate(content, `${source}|${target}`);
    if (options.imagesToEnd && fields.format === 'html') {
      const images = translation.match(/<img\b[^>]*>/g) ?? [];
      translation = translation.replace(/<img\b[^>]*>/g, '') + images.join('');
    }
    return json(response, 200, {
      translation,
      translationtime: 0.01,
      sourcelanguage: source,
      targetlanguage: target,
      model: models[0],
    });
  });
}
