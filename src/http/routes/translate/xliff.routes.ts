/**
 * One post's translation as a file for translation tools, and back:
 * GET  /translate/:postId/:lang/file?format=xliff2|xliff12|po — the file (signed in, like the editor);
 * POST /translate/:postId/:lang/file — multipart upload (`file`, CSRF in the fields before it):
 *      the file is validated (XLIFF 2: the core XSD and the constraints no schema expresses) and
 *      applied unit by unit; an invalid file is refused with its located errors (422) and
 *      nothing is saved. Answers the per-unit report as JSON, or, for the editor's form (field
 *      `respond=page` before the file), as a page with the report or the located errors.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, ValidationError } from '../../../domain/errors.js';
import { plainText } from '../../../domain/units/index.js';
import { writePo } from '../../../interchange/xliff/po.js';
import { parseTranslationFile } from '../../../interchange/xliff/read-file.js';
import { writeXliff12 } from '../../../interchange/xliff/xliff12.js';
import { writeXliff2 } from '../../../interchange/xliff/xliff2.js';
import type { ServiceDeps } from '../../../services/deps.js';
import {
  importTranslationFile,
  translationFile,
} from '../../../services/translation/translation-file.service.js';
import { readUpload } from '../../plugins/multipart-form.js';
import { saveRateLimit } from '../../rate-limits.js';
import { renderPage } from '../../render.js';
import { TranslationFilePage } from '../../../views/pages/translate/translation-file.page.js';
import type { TranslationFilePageProps } from '../../../views/pages/translate/translation-file.page.js';

type Params = { Params: { postId: string; lang: string } };
const formats = {
  xliff2: { extension: 'xlf', type: 'application/xliff+xml', write: writeXliff2 },
  xliff12: { extension: 'xliff12.xlf', type: 'application/xliff+xml', write: writeXliff12 },
  po: { extension: 'po', type: 'text/x-gettext-translation', write: writePo },
} as const;
type Format = keyof typeof formats;

function formatOf(value: string | undefined): Format {
  return value === 'po' || value === 'xliff12' ? value : 'xliff2';
}

/** A unit's text, shortened for a report row. */
function excerpt(tagged: string): string {
  const text = plainText(tagged);
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

export async function xliffRoutes(
  app: FastifyInstance,
  { deps }: { deps: ServiceDeps },
): Promise<void> {
  /** The editor form's answer: the report, or the located reasons for refusing the file. */
  function page(
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    result: Pick<TranslationFilePageProps, 'filename' | 'report' | 'problems' | 'sourceLanguage'>,
  ) {
    const user = request.user;
    if (!user) throw new Error('access rule guarantees a user');
    reply.header('cache-control', 'private, no-store');
    return renderPage(
      reply,
      TranslationFilePage({
        t: request.t,
        user,
        csrfToken: reply.generateCsrf(),
        siteName: deps.settings.siteName,
        editorHref: `/translate/${encodeURIComponent(request.params.postId)}/${encodeURIComponent(request.params.lang)}`,
        ...result,
      }),
    );
  }

  app.get<Params & { Querystring: { format?: string } }>(
    '/translate/:postId/:lang/file',
    { config: { access: 'signed-in' } },
    async (request, reply) => {
      const format = formats[formatOf(request.query.format)];
      const file = await translationFile(
        deps,
        request.actor(),
        request.params.postId,
        request.params.lang,
      );
      const name = `${file.postId}.${file.trgLang}.${format.extension}`;
      return reply
        .header('content-type', `${format.type}; charset=utf-8`)
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'private, no-store')
        .send(format.write(file));
    },
  );

  app.post<Params>(
    '/translate/:postId/:lang/file',
    { config: { access: 'translator' }, preHandler: saveRateLimit(app) },
    async (request, reply) => {
      const upload = request.multipartFile;
      const body = (request.body ?? {}) as Record<string, unknown>;
      const asPage = body.respond === 'page';
      const { postId, lang } = request.params;
      try {
        if (!upload)
          throw new ValidationError([{ field: 'file', message: 'Choose an XLIFF or PO file' }]);
        const data = await readUpload(upload, 'The file is too large');
        const parsed = await parseTranslationFile(data.toString('utf8'), upload.filename);
        const report = await importTranslationFile(deps, request.actor(), postId, lang, parsed);
        if (!asPage) return report;
        // For people: the units by their number and source text, not their ids.
        const file = await translationFile(deps, request.actor(), postId, lang);
        const numbers = new Map(file.units.map((u, i) => [u.unitId, { number: i + 1, unit: u }]));
        const units = report.units.flatMap(({ unitId, outcome }) => {
          const found = numbers.get(unitId);
          if (!found || outcome === 'unchanged' || outcome === 'empty') return [];
          return [{ number: found.number, source: excerpt(found.unit.source), outcome }];
        });
        return page(request, reply, {
          filename: upload.filename,
          sourceLanguage: file.srcLang,
          report: { ...report, units },
        });
      } catch (error) {
        const refused =
          error instanceof ValidationError ||
          (error instanceof DomainError && error.code === 'payload_too_large');
        if (!asPage || !refused || !(error instanceof DomainError)) throw error;
        const problems =
          error.problems.length > 0 ? error.problems : [{ field: 'file', message: error.message }];
        reply.code(error.code === 'payload_too_large' ? 413 : 422);
        return page(request, reply, {
          filename: upload?.filename ?? '',
          sourceLanguage: '',
          problems,
        });
      }
    },
  );
}
