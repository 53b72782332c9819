/**
 * Browser scripts (src/client), served under /assets/build/ from memory with an ETag.
 * The server bundle (`npm start`) ships them prebuilt in dist/client; running from source
 * (tests, the dev CLI) bundles them with esbuild at start-up.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { projectPath } from '../../config/paths.js';

/** Entry points of the browser bundles, by output name (also used by scripts/build.js). */
export const clientEntries = {
  embed: 'src/client/embed.ts',
  translate: 'src/client/translate/main.tsx',
  author: 'src/client/author/main.ts',
  import: 'src/client/import/main.ts',
} as const;

const runningFromBundle = import.meta.url.includes('/dist/');

async function bundle(name: string, entry: string): Promise<string> {
  if (runningFromBundle) return readFile(projectPath('dist', 'client', `${name}.js`), 'utf8');
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
  return result.outputFiles[0]?.text ?? '';
}

export async function clientAssetsPlugin(app: FastifyInstance): Promise<void> {
  const bundles = new Map<string, { code: string; etag: string }>();
  for (const [name, entry] of Object.entries(clientEntries)) {
    const code = await bundle(name, entry);
    bundles.set(`${name}.js`, {
      code,
      etag: `"${createHash('sha1').update(code).digest('base64url')}"`,
    });
  }
  app.get<{ Params: { file: string } }>(
    '/assets/build/:file',
    { config: { access: 'public' } },
    async (request, reply) => {
      const bundle = bundles.get(request.params.file);
      if (!bundle) return reply.code(404).send({ error: 'not_found', message: 'No such script' });
      if (request.headers['if-none-match'] === bundle.etag) return reply.code(304).send();
      return reply
        .type('text/javascript; charset=utf-8')
        .header('cache-control', 'public, max-age=3600')
        .header('etag', bundle.etag)
        .send(bundle.code);
    },
  );
}
