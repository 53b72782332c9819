/**
 * Multipart forms (uploads) handled like any other form: the fields that come before the
 * file become `request.body`, so the CSRF token travels in the body (never in the URL, which
 * is logged) and the app-wide CSRF check verifies it before the handler reads a byte of the
 * file. The file part itself, not yet read, waits in `request.multipartFile`. A form must put
 * its fields (`_csrf`, `expect`…) before the file input — browsers send them in tree order;
 * fetches may send the token in the `x-csrf-token` header instead.
 */
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError, ValidationError } from '../../domain/errors.js';
import { textProblem } from '../../domain/text-input.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The first file of a multipart request, unread (null when there is none). */
    multipartFile: MultipartFile | null;
  }
}

/** Adds the preValidation hook that reads multipart fields up to the first file. */
export function registerMultipartFields(app: FastifyInstance): void {
  app.decorateRequest('multipartFile', null);
  app.addHook('preValidation', async (request: FastifyRequest) => {
    if (!request.isMultipart()) return;
    const fields: Record<string, string | string[]> = {};
    // A route may set its own limits (`config.multipartOptions`: the WordPress import's size).
    const parts = request.parts(request.routeOptions.config.multipartOptions);
    for (;;) {
      const next = await parts.next();
      if (next.done) break;
      const part = next.value;
      if (part.type === 'file') {
        // The file name is text the site stores and shows: the same rule as every field.
        const problem = textProblem(part.filename);
        if (problem)
          throw new ValidationError([{ field: part.fieldname, message: `name ${problem}` }]);
        request.multipartFile = part;
        break;
      }
      if (typeof part.value !== 'string') continue;
      const seen = fields[part.fieldname];
      fields[part.fieldname] =
        seen === undefined ? part.value : [...(Array.isArray(seen) ? seen : [seen]), part.value];
    }
    request.body = fields;
  });
}

/**
 * Reads a whole uploaded file into memory, within the multipart plugin's size limit; a file
 * over it is refused as `payload_too_large` with `message` (never silently truncated).
 */
export async function readUpload(upload: MultipartFile, message: string): Promise<Buffer> {
  const data = await upload.toBuffer().catch((error: unknown) => {
    if (error instanceof Error && 'code' in error && error.code === 'FST_REQ_FILE_TOO_LARGE')
      throw new DomainError('payload_too_large', message);
    throw error;
  });
  if (upload.file.truncated) throw new DomainError('payload_too_large', message);
  return data;
}
