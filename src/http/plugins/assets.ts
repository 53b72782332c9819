/**
 * Stylesheets (public/assets) and browser scripts (src/client, under /assets/build/), served
 * from memory, each under two addresses:
 *
 * - its **fingerprinted** address, `/assets/site.<hash>.css`, where `<hash>` is the first 10
 *   characters of the base64url SHA-256 of its bytes. Pages link only this one
 *   (src/views/asset-urls.ts), and it is `immutable` for a year: browsers and CDNs never ask
 *   again, and a build that changes the bytes links a new address.
 * - its plain address, `/assets/site.css`, for anything outside that links it, kept an hour.
 *
 * A fingerprint that is not the current one (a page cached before a deploy, or an instance of
 * another version behind the same balancer) still gets the current bytes, kept a minute only
 * and never `immutable`, so the page is not left unstyled and no cache keeps the wrong bytes
 * under that address for long.
 *
 * Each asset is kept in identity, brotli and gzip, chosen by `Accept-Encoding` with
 * `Vary: Accept-Encoding` and an ETag per coding. Everything is read, bundled and compressed
 * once per process (the first app built), so an edited stylesheet needs a restart, as the
 * fingerprint in the pages must change with it. The server bundle (`npm start`) ships the
 * scripts prebuilt in dist/client; running from source (tests, the dev CLI) bundles them with
 * esbuild.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { projectPath } from '../../config/paths.js';
import { registerAssetUrls } from '../../views/asset-urls.js';
import { chooseEncoding, type Coding } from './accept-encoding.js';
import { etagMatches } from './page-cache.js';

/** Entry points of the browser bundles, by output name (also used by scripts/build.js). */
export const clientEntries = {
  embed: 'src/client/embed.ts',
  translate: 'src/client/translate/main.tsx',
  author: 'src/client/author/main.ts',
  import: 'src/client/import/main.ts',
} as const;

const TYPES: Readonly<Record<string, string>> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};

export const FINGERPRINT_LENGTH = 10;
const IMMUTABLE = 'public, max-age=31536000, immutable';
const PLAIN = 'public, max-age=3600';
const STALE = 'public, max-age=60';

interface Variant {
  readonly body: Buffer;
  readonly etag: string;
}

export interface Asset {
  /** `/assets/site.css`, `/assets/build/embed.js`. */
  readonly path: string;
  /** `/assets/site.<hash>.css`. */
  readonly fingerprinted: string;
  readonly type: string;
  readonly variants: Readonly<Record<Coding, Variant>>;
}

const CODINGS: readonly Coding[] = ['br', 'gzip', 'identity'];
const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
const runningFromBundle = import.meta.url.includes('/dist/');

async function bundle(name: string, entry: string): Promise<Buffer> {
  if (runningFromBundle) return readFile(projectPath('dist', 'client', `${name}.js`));
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [projectPath(entry)],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    write: false,
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error(`esbuild made nothing of ${entry}`);
  return Buffer.from(output.contents);
}

/** `/assets/site.css` + hash → `/assets/site.<hash>.css`. */
function fingerprintedPath(path: string, hash: string): string {
  const ext = extname(path);
  return `${path.slice(0, -ext.length)}.${hash}${ext}`;
}

/** Brotli (quality 11: made once per process, ~0.1 MB in all) and gzip 9 variants. */
export async function makeAsset(path: string, body: Buffer): Promise<Asset> {
  const type = TYPES[extname(path)];
  if (!type) throw new Error(`${path}: no content type for its extension`);
  const digest = createHash('sha256').update(body).digest('base64url');
  const hash = digest.slice(0, FINGERPRINT_LENGTH);
  const [br, gz] = await Promise.all([
    brotli(body, {
      params: {
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
    gzip(body, { level: 9 }),
  ]);
  const etag = `"${digest.slice(0, 27)}`;
  return {
    path,
    fingerprinted: fingerprintedPath(path, hash),
    type,
    variants: {
      identity: { body, etag: `${etag}"` },
      br: { body: br, etag: `${etag}-br"` },
      gzip: { body: gz, etag: `${etag}-gz"` },
    },
  };
}

/** Every stylesheet of public/assets and every client bundle. */
async function loadAssets(): Promise<Asset[]> {
  const dir = projectPath('public', 'assets');
  const sheets = (await readdir(dir)).filter((name) => extname(name) === '.css').sort();
  return Promise.all([
    ...sheets.map(async (name) => makeAsset(`/assets/${name}`, await readFile(`${dir}/${name}`))),
    ...Object.entries(clientEntries).map(async ([name, entry]) =>
      makeAsset(`/assets/build/${name}.js`, await bundle(name, entry)),
    ),
  ]);
}

let loaded: Promise<Asset[]> | undefined;

/** The assets, read once per process (a failed read is tried again by the next app). */
function assets(): Promise<Asset[]> {
  loaded ??= loadAssets().catch((err: unknown) => {
    loaded = undefined;
    throw err;
  });
  return loaded;
}

/** How each address is answered: the asset and the Cache-Control it goes out with. */
export interface AssetTable {
  find(path: string): { asset: Asset; cacheControl: string } | undefined;
}

const FINGERPRINTED = new RegExp(`^(.+)\\.[A-Za-z0-9_-]{${FINGERPRINT_LENGTH}}(\\.[a-z]+)$`);

export function assetTable(list: readonly Asset[]): AssetTable {
  const byPath = new Map(list.map((asset) => [asset.path, asset]));
  const byFingerprint = new Map(list.map((asset) => [asset.fingerprinted, asset]));
  return {
    find(path) {
      const current = byFingerprint.get(path);
      if (current) return { asset: current, cacheControl: IMMUTABLE };
      const plain = byPath.get(path);
      if (plain) return { asset: plain, cacheControl: PLAIN };
      const match = FINGERPRINTED.exec(path);
      const stale = match ? byPath.get(`${match[1]}${match[2]}`) : undefined;
      return stale ? { asset: stale, cacheControl: STALE } : undefined;
    },
  };
}

function answer(table: AssetTable, request: FastifyRequest, reply: FastifyReply) {
  const found = table.find(request.url.split('?', 1)[0] ?? '');
  if (!found) return reply.code(404).send({ error: 'not_found', message: 'No such asset' });
  const coding = chooseEncoding(request.headers['accept-encoding'], CODINGS);
  const variant = found.asset.variants[coding];
  reply
    .header('cache-control', found.cacheControl)
    .header('vary', 'Accept-Encoding')
    .header('etag', variant.etag);
  if (etagMatches(request.headers['if-none-match'], variant.etag)) return reply.code(304).send();
  if (coding !== 'identity') reply.header('content-encoding', coding);
  return reply.type(found.asset.type).send(variant.body);
}

export async function assetsPlugin(app: FastifyInstance): Promise<void> {
  const list = await assets();
  registerAssetUrls(list.map((asset) => [asset.path, asset.fingerprinted]));
  const table = assetTable(list);
  const handler = (request: FastifyRequest, reply: FastifyReply) => answer(table, request, reply);
  const options = { config: { access: 'public' as const } };
  app.get('/assets/:file', options, handler);
  app.get('/assets/build/:file', options, handler);
}
