/** The media library and uploads (multipart; CSRF token in the query or header). */
import type { FastifyInstance } from 'fastify';
import { DomainError } from '../../../domain/errors.js';
import type { ServiceDeps } from '../../../services/deps.js';
import { mediaUrl } from '../../../services/media/media-info.js';
import { listMedia, uploadMedia } from '../../../services/media/upload-media.service.js';
import type { MediaRecord } from '../../../services/repositories.js';
import { MediaPage } from '../../../views/pages/media.page.js';
import type { MediaRow } from '../../../views/pages/media.page.js';
import { wantsHtml } from '../../access.js';
import { renderPage } from '../../render.js';

function humanSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1_048_576) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}

function row(m: MediaRecord): MediaRow {
  return {
    id: m.id,
    kind: m.kind,
    filename: m.filename,
    url: mediaUrl(m.storageKey),
    thumbnail: m.kind === 'image' ? mediaUrl(m.variants[0]?.key ?? m.storageKey) : null,
    mime: m.mime,
    size: humanSize(m.size),
    dimensions: m.width && m.height ? `${m.width}×${m.height}` : null,
  };
}

export async function mediaRoutes(
  app: FastifyInstance,
  { deps }: { deps: ServiceDeps },
): Promise<void> {
  app.get('/media', { config: { access: 'author' } }, async (request, reply) => {
    const user = request.user;
    if (!user) throw new Error('access rule guarantees a user');
    const items = await listMedia(deps, request.actor(), 1);
    const uploaded = (request.query as Record<string, unknown>).uploaded;
    return renderPage(
      reply,
      MediaPage({
        user,
        csrfToken: reply.generateCsrf(),
        items: items.map(row),
        uploaded: typeof uploaded === 'string' ? uploaded : undefined,
      }),
    );
  });

  app.post('/media', { config: { access: 'author' } }, async (request, reply) => {
    const actor = request.actor();
    const file = await request.file();
    if (!file)
      throw new DomainError('validation_failed', 'Choose a file to upload', [
        { field: 'file', message: 'Choose a file to upload' },
      ]);
    const data = await file.toBuffer().catch((error: unknown) => {
      if (error instanceof Error && 'code' in error && error.code === 'FST_REQ_FILE_TOO_LARGE') {
        throw new DomainError(
          'payload_too_large',
          `The file is larger than the ${humanSize(deps.settings.maxUploadBytes)} limit`,
        );
      }
      throw error;
    });
    if (file.file.truncated)
      throw new DomainError(
        'payload_too_large',
        `The file is larger than the ${humanSize(deps.settings.maxUploadBytes)} limit`,
      );
    const expectField = file.fields.expect;
    const expectValue = expectField && 'value' in expectField ? expectField.value : undefined;
    const expect = expectValue === 'image' || expectValue === 'document' ? expectValue : 'any';
    const media = await uploadMedia(deps, actor, { filename: file.filename, data, expect });
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
