/**
 * Browser scripts (src/client) bundled by esbuild once at start-up, kept in memory and
 * served under /assets/build/ with an ETag. No build step for `npm start`.
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { build } from 'esbuild';
import type { FastifyInstance } from 'fastify';

const entries = { embed: 'src/client/embed.ts' } as const;

export async function clientAssetsPlugin(app: FastifyInstance): Promise<void> {
  const root = resolve(import.meta.dirname, '../../..');
  const bundles = new Map<string, { code: string; etag: string }>();
  for (const [name, entry] of Object.entries(entries)) {
    const result = await build({
      entryPoints: [resolve(root, entry)],
      bundle: true,
      minify: true,
      format: 'iife',
      target: 'es2020',
      write: false,
    });
    const code = result.outputFiles[0]?.text ?? '';
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
