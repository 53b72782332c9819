/**
 * The media library and uploads. An upload is a multipart form whose fields (`_csrf`,
 * `expect`) come before the file: plugins/multipart-form.ts makes them the body, so the CSRF
 * token is checked (in the body or the `x-csrf-token` header, never the URL) before the file
 * is read.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Translator } from '../../../i18n/translator.js';
import { DomainError } from '../../../domain/errors.js';
import type { ServiceDeps } from '../../../services/deps.js';
import { mediaUrl } from '../../../services/media/media-info.js';
import {
  canDeleteMedia,
  deleteMedia,
  MediaInUseError,
  searchMedia,
} from '../../../services/media/manage-media.service.js';
import { uploadMedia } from '../../../services/media/upload-media.service.js';
import type { Actor } from '../../../domain/roles.js';
import type { MediaRecord } from '../../../services/repositories.js';
import { MediaPage } from '../../../views/pages/media.page.js';
import type { MediaPageProps, MediaRow } from '../../../views/pages/media.page.js';
import { wantsHtml } from '../../access.js';
import { renderPage } from '../../render.js';

/** A file size with CLDR unit names in the interface language ("2 MB", "2 ميغابايت"). */
function humanSize(bytes: number, lang: string): string {
  const [value, unit, digits] =
    bytes < 1024
      ? [bytes, 'byte', 0]
      : bytes < 1_048_576
        ? [bytes / 1024, 'kilobyte', 0]
        : [bytes / 1_048_576, 'megabyte', 1];
  return new Intl.NumberFormat(lang, {
    style: 'unit',
    unit,
    unitDisplay: 'short',
    maximumFractionDigits: digits,
  }).format(value);
}

function row(m: MediaRecord, t: Translator, actor: Actor): MediaRow {
  return {
    id: m.id,
    kind: m.kind,
    filename: m.filename,
    alt: m.alt,
    canDelete: canDeleteMedia(actor, m),
    url: mediaUrl(m.storageKey),
    thumbnail: m.kind === 'image' ? mediaUrl(m.variants[0]?.key ?? m.storageKey) : null,
    mime: m.mime,
    size: humanSize(m.size, t.lang),
    dimensions: m.width && m.height ? `${m.width}×${m.height}` : null,
  };
}

export async function mediaRoutes(
  app: FastifyInstance,
  { deps }: { deps: ServiceDeps },
): Promise<void> {
  /** The library page, optionally filtered, with what the last action left to say. */
  async function libraryPage(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Pick<MediaPageProps, 'uploaded' | 'deleted' | 'inUse'> = {},
  ) {
    const user = request.user;
    if (!user) throw new Error('access rule guarantees a user');
    const actor = request.actor();
    const query = request.query as Record<string, unknown>;
    const q = typeof query.q === 'string' ? query.q.trim() : '';
    const items = await searchMedia(deps, actor, q);
    return renderPage(
      reply,
      MediaPage({
        t: request.t,
        user,
        csrfToken: reply.generateCsrf(),
        items: items.map((m) => row(m, request.t, actor)),
        query: q || undefined,
        ...extra,
      }),
    );
  }

  app.get('/media', { config: { access: 'author' } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const text = (key: string) => (typeof query[key] === 'string' ? query[key] : undefined);
    return libraryPage(request, reply, { uploaded: text('uploaded'), deleted: text('deleted') });
  });

  app.post<{ Params: { id: string } }>(
    '/media/:id/delete',
    { config: { access: 'author' } },
    async (request, reply) => {
      try {
        const media = await deleteMedia(deps, request.actor(), request.params.id);
        if (!wantsHtml(request) || request.headers.accept?.includes('application/json'))
          return reply.send({ deleted: media.id });
        return reply.redirect(`/media?deleted=${encodeURIComponent(media.filename)}`, 303);
      } catch (error) {
        if (!(error instanceof MediaInUseError)) throw error;
        const media = await deps.store.media.findById(request.params.id);
        const posts = error.posts.map((p) => ({ title: p.title, href: `/write/${p.postId}` }));
        reply.code(409);
        if (!wantsHtml(request) || request.headers.accept?.includes('application/json'))
          return reply.send({ error: 'in_use', message: error.message, posts });
        return libraryPage(request, reply, {
          inUse: { filename: media?.filename ?? request.params.id, posts },
        });
      }
    },
  );

  app.post('/media', { config: { access: 'author' } }, async (request, reply) => {
    const actor = request.actor();
    const { t } = request;
    const file = request.multipartFile;
    if (!file) {
      const message = t.t('media.error.chooseFile');
      throw new DomainError('validation_failed', message, [{ field: 'file', message }]);
    }
    const tooLarge = () =>
      new DomainError(
        'payload_too_large',
        t.t('media.error.tooLarge', { limit: humanSize(deps.settings.maxUploadBytes, t.lang) }),
      );
    const data = await file.toBuffer().catch((error: unknown) => {
      if (error instanceof Error && 'code' in error && error.code === 'FST_REQ_FILE_TOO_LARGE') {
        throw tooLarge();
      }
      throw error;
    });
    if (file.file.truncated) throw tooLarge();
    const fields = request.body;
    const expectValue =
      typeof fields === 'object' && fields !== null && 'expect' in fields
        ? fields.expect
        : undefined;
    const expect = expectValue === 'image' || expectValue === 'document' ? expectValue : 'any';
    const altValue =
      typeof fields === 'object' && fields !== null && 'alt' in fields ? fields.alt : undefined;
    const alt = typeof altValue === 'string' ? altValue.trim().normalize('NFC').slice(0, 500) : '';
    const media = await uploadMedia(deps, actor, {
      filename: file.filename,
      data,
      expect,
      ...(alt ? { alt } : {}),
    });
    if (wantsHtml(request) && !request.headers.accept?.includes('application/json')) {
      return reply.redirect(`/media?uploaded=${encodeURIComponent(media.filename)}`, 303);
    }
    return reply.code(201).send({
      id: media.id,
      kind: media.kind,
      mime: media.mime,
      url: mediaUrl(media.storageKey),
      width: media.width,
      height: media.height,
      size: media.size,
    });
  });
}
