/**
 * One post's translation as a file for translation tools, and back:
 * GET  /translate/:postId/:lang/file?format=xliff2|po — the file (signed in, like the editor);
 * POST /translate/:postId/:lang/file — multipart upload (`file`, CSRF in the fields before it):
 *      the file is validated (XLIFF 2: the core XSD and the constraints no schema expresses) and
 *      applied unit by unit; an invalid file is refused with its located errors (422) and
 *      nothing is saved. Answers the per-unit report as JSON.
 */
import type { FastifyInstance } from 'fastify';
import { ValidationError } from '../../../domain/errors.js';
import { writePo } from '../../../interchange/xliff/po.js';
import { parseTranslationFile } from '../../../interchange/xliff/read-file.js';
import { writeXliff2 } from '../../../interchange/xliff/xliff2.js';
import type { ServiceDeps } from '../../../services/deps.js';
import {
  importTranslationFile,
  translationFile,
} from '../../../services/translation/translation-file.service.js';
import { readUpload } from '../../plugins/multipart-form.js';
import { saveRateLimit } from '../../rate-limits.js';

type Params = { Params: { postId: string; lang: string } };
const formats = { xliff2: 'xlf', po: 'po' } as const;
type Format = keyof typeof formats;

export async function xliffRoutes(
  app: FastifyInstance,
  { deps }: { deps: ServiceDeps },
): Promise<void> {
  app.get<Params & { Querystring: { format?: string } }>(
    '/translate/:postId/:lang/file',
    { config: { access: 'signed-in' } },
    async (request, reply) => {
      const format: Format = request.query.format === 'po' ? 'po' : 'xliff2';
      const file = await translationFile(
        deps,
        request.actor(),
        request.params.postId,
        request.params.lang,
      );
      const body = format === 'po' ? writePo(file) : writeXliff2(file);
      const name = `${file.postId}.${file.trgLang}.${formats[format]}`;
      return reply
        .header(
          'content-type',
          format === 'po'
            ? 'text/x-gettext-translation; charset=utf-8'
            : 'application/xliff+xml; charset=utf-8',
        )
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'private, no-store')
        .send(body);
    },
  );

  app.post<Params>(
    '/translate/:postId/:lang/file',
    { config: { access: 'translator' }, preHandler: saveRateLimit(app) },
    async (request) => {
      const upload = request.multipartFile;
      if (!upload)
        throw new ValidationError([{ field: 'file', message: 'Choose an XLIFF or PO file' }]);
      const data = await readUpload(upload, 'The file is too large');
      const parsed = await parseTranslationFile(data.toString('utf8'), upload.filename);
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
