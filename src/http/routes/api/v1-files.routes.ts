/**
 * /api/v1 translation files: one post's translation as XLIFF 2.0, XLIFF 1.2 or PO, and back
 * (the same service as the editor's download and upload form). The file travels as the raw
 * request body, at most 10 MB; it is validated as a whole and applied unit by unit (unchanged
 * units write nothing, a unit saved since the export is a conflict that keeps both texts); an
 * invalid file is refused with its located errors (422) and nothing is saved.
 */
import type { FastifyInstance } from 'fastify';
import { ValidationError } from '../../../domain/errors.js';
import { writePo } from '../../../interchange/xliff/po.js';
import { parseTranslationFile } from '../../../interchange/xliff/read-file.js';
import { writeXliff12 } from '../../../interchange/xliff/xliff12.js';
import { writeXliff2, XLIFF_LIMITS } from '../../../interchange/xliff/xliff2.js';
import type { ServiceDeps } from '../../../services/deps.js';
import {
  importTranslationFile,
  translationFile,
} from '../../../services/translation/translation-file.service.js';
import * as s from './v1.schemas.js';

type LangParams = { Params: { postId: string; lang: string } };

const PO_TYPE = 'text/x-gettext-translation';
const FILE_TYPES = ['application/xliff+xml', 'application/x-xliff+xml', 'application/xml', PO_TYPE];

const writers = { xliff2: writeXliff2, xliff12: writeXliff12, po: writePo } as const;

export function registerFileRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  // Raw text bodies for these types in the API's scope only, up to the readers' own limit.
  app.addContentTypeParser(
    FILE_TYPES,
    { parseAs: 'string', bodyLimit: XLIFF_LIMITS.maxBytes },
    (_request, body, done) => done(null, body),
  );

  app.get<LangParams & { Querystring: { format?: keyof typeof writers } }>(
    '/posts/:postId/translations/:lang/file',
    {
      config: { access: 'public', apiScope: 'read' },
      schema: {
        summary: 'A translation as a file for translation tools',
        tags: ['translations'],
        produces: ['application/xliff+xml', PO_TYPE],
        ...s.downloadFile,
      },
    },
    async (request, reply) => {
      const format = request.query.format ?? 'xliff2';
      const file = await translationFile(
        deps,
        request.actor(),
        request.params.postId,
        request.params.lang,
      );
      return reply
        .type(`${format === 'po' ? PO_TYPE : 'application/xliff+xml'}; charset=utf-8`)
        .header('cache-control', 'private, no-store')
        .send(writers[format](file));
    },
  );

  app.put<LangParams & { Body: unknown }>(
    '/posts/:postId/translations/:lang/file',
    {
      config: { access: 'public', apiScope: 'translate' },
      schema: {
        summary: 'Apply a translated file unit by unit',
        tags: ['translations'],
        consumes: FILE_TYPES,
        ...s.uploadFile,
      },
    },
    async (request) => {
      if (typeof request.body !== 'string' || request.body === '')
        throw new ValidationError([
          {
            field: 'file',
            message: `Send the file as the body, with Content-Type ${FILE_TYPES.join(' or ')}`,
          },
        ]);
      const type = String(request.headers['content-type'] ?? '');
      const name = type.startsWith(PO_TYPE) ? 'upload.po' : 'upload.xlf';
      const parsed = await parseTranslationFile(request.body, name);
      return importTranslationFile(
        deps,
        request.actor(),
        request.params.postId,
        request.params.lang,
        parsed,
      );
    },
  );
}
