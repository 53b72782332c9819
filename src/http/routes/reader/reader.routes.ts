/** Public pages: home, post permalinks and media files. */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { canonicalLanguageTag } from '../../../domain/language.js';
import { NotFoundError } from '../../../domain/errors.js';
import type { ServiceDeps } from '../../../services/deps.js';
import { getPublishedPost, listPublishedPosts } from '../../../services/posts/read-post.service.js';
import { parseInput } from '../../../services/validate.js';
import { HomePage } from '../../../views/pages/home.page.js';
import { PostPage } from '../../../views/pages/post.page.js';
import { presentCard, presentPost } from '../../presenters/post.presenter.js';
import { renderPage } from '../../render.js';

const PER_PAGE = 10;

const mediaTypes: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.avif': 'image/avif',
  '.pdf': 'application/pdf',
};

export async function readerRoutes(
  app: FastifyInstance,
  { deps }: { deps: ServiceDeps },
): Promise<void> {
  app.get('/', { config: { access: 'public' } }, async (request, reply) => {
    const { page } = parseInput(
      z.object({ page: z.coerce.number().int().min(1).default(1) }),
      request.query,
    );
    const { items, total } = await listPublishedPosts(deps, page, PER_PAGE);
    return renderPage(
      reply,
      HomePage({
        user: request.user,
        csrfToken: request.user ? reply.generateCsrf() : '',
        siteName: deps.settings.siteName,
        posts: items.map(presentCard),
        page,
        pages: Math.max(1, Math.ceil(total / PER_PAGE)),
      }),
    );
  });

  app.get<{ Params: { lang: string; yyyy: string; mm: string; dd: string; slug: string } }>(
    '/:lang/:yyyy/:mm/:dd/:slug',
    { config: { access: 'public' } },
    async (request, reply) => {
      const { lang, yyyy, mm, dd, slug } = request.params;
      const language = canonicalLanguageTag(lang);
      if (!language || !/^\d{4}$/.test(yyyy) || !/^\d{2}$/.test(mm) || !/^\d{2}$/.test(dd))
        throw new NotFoundError('Post');
      if (language !== lang)
        return reply.redirect(request.url.replace(`/${lang}/`, `/${language}/`), 301);
      const result = await getPublishedPost(
        deps,
        language,
        `${yyyy}-${mm}-${dd}`,
        slug.normalize('NFC'),
      );
      if ('redirect' in result) return reply.redirect(result.redirect, 301);
      return renderPage(
        reply,
        PostPage({
          user: request.user,
          csrfToken: request.user ? reply.generateCsrf() : '',
          siteName: deps.settings.siteName,
          post: presentPost(result.view),
        }),
      );
    },
  );

  app.get<{ Params: { '*': string } }>(
    '/media/*',
    { config: { access: 'public' } },
    async (request, reply) => {
      const key = request.params['*'];
      const type = mediaTypes[extname(key).toLowerCase()];
      let path: string | null = null;
      try {
        path = type ? deps.storage.localPath(key) : null;
      } catch {
        path = null;
      }
      const info = path ? await stat(path).catch(() => null) : null;
      if (!path || !type || !info?.isFile()) throw new NotFoundError('File');
      return reply
        .type(type)
        .header('content-length', info.size)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .send(createReadStream(path));
    },
  );
}
