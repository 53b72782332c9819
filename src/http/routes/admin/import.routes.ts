/**
 * Importing a WordPress site from the admin pages (administrators only): the upload form and
 * the runs so far, one run's page with its live progress (progress.json), the whole report as
 * JSON, and cancelling. The work itself runs in the import runner (src/jobs/import-runner.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, ValidationError } from '../../../domain/errors.js';
import type { Translator } from '../../../i18n/translator.js';
import type { ServiceDeps } from '../../../services/deps.js';
import {
  cancelImport,
  importRunReport,
  importRunsOverview,
  importRunView,
  startImport,
} from '../../../services/import/import-runs.service.js';
import type { ImportRunView } from '../../../services/import/import-runs.service.js';
import {
  ImportListPage,
  ImportRunPage,
  KINDS,
  OUTCOMES,
} from '../../../views/pages/admin/import.page.js';
import type { LineOutcome } from '../../../views/pages/admin/import.page.js';
import { str } from '../../form-values.js';
import { renderPage } from '../../render.js';

type Params = { Params: { id: string } };
type Query = { Querystring: { from?: unknown; outcome?: unknown } };

function outcomeOf(value: unknown): LineOutcome | null {
  const text = str(value);
  return (OUTCOMES as readonly string[]).includes(text) ? (text as LineOutcome) : null;
}

function fromOf(value: unknown): number {
  const n = Number(str(value));
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
}

function barText(t: Translator, view: ImportRunView): string {
  return view.percent === null
    ? t.t('wpimport.run.counting')
    : t.t('wpimport.run.percent', {
        percent: t.formatPercent(view.percent / 100),
        lines: t.formatNumber(view.run.writtenLines),
        expected: t.formatNumber(view.run.expectedLines ?? 0),
      });
}

export async function adminImportRoutes(
  app: FastifyInstance,
  { deps }: { deps: ServiceDeps },
): Promise<void> {
  const maxBytes = deps.settings.maxImportBytes ?? 512 * 1_048_576;

  async function listPage(
    request: FastifyRequest,
    reply: FastifyReply,
    problems?: { field: string; message: string }[],
  ) {
    const user = request.user;
    if (!user) throw new Error('access rule guarantees a user');
    const overview = await importRunsOverview(deps, request.actor());
    return renderPage(
      reply,
      ImportListPage({
        t: request.t,
        user,
        csrfToken: reply.generateCsrf(),
        ...overview,
        problems,
      }),
    );
  }

  app.get('/admin/import', { config: { access: 'admin' } }, (request, reply) =>
    listPage(request, reply),
  );

  app.post(
    '/admin/import',
    {
      config: {
        access: 'admin',
        // One byte over the limit tells "too large" from "exactly the limit".
        multipartOptions: { limits: { fileSize: maxBytes + 1, files: 1, fields: 20 } },
      },
    },
    async (request, reply) => {
      const upload = request.multipartFile;
      const body = (request.body ?? {}) as Record<string, unknown>;
      try {
        if (!upload)
          throw new ValidationError([{ field: 'file', message: 'Choose a WordPress export file' }]);
        const run = await startImport(deps, request.actor(), {
          fileName: upload.filename,
          data: upload.file,
          truncated: () => upload.file.truncated,
          withUploads: str(body.withUploads) === 'on',
        }).catch((error: unknown) => {
          if (error instanceof Error && 'code' in error && error.code === 'FST_REQ_FILE_TOO_LARGE')
            throw new DomainError('payload_too_large', 'The export is over the size limit');
          throw error;
        });
        return await reply.redirect(`/admin/import/${run.id}`, 303);
      } catch (error) {
        if (error instanceof ValidationError) {
          reply.code(422);
          return listPage(request, reply, error.problems);
        }
        if (error instanceof DomainError && error.code === 'payload_too_large') {
          reply.code(413);
          return listPage(request, reply, [
            {
              field: 'file',
              message: request.t.t('wpimport.tooLarge', {
                size: request.t.formatNumber(Math.round(maxBytes / 1_048_576)),
              }),
            },
          ]);
        }
        throw error;
      }
    },
  );

  app.get<Params & Query>(
    '/admin/import/:id',
    { config: { access: 'admin' } },
    async (request, reply) => {
      const user = request.user;
      if (!user) throw new Error('access rule guarantees a user');
      const outcome = outcomeOf(request.query.outcome);
      const from = fromOf(request.query.from);
      const view = await importRunView(deps, request.actor(), request.params.id, {
        from,
        outcome: outcome ?? undefined,
      });
      reply.header('cache-control', 'private, no-store');
      return renderPage(
        reply,
        ImportRunPage({
          t: request.t,
          user,
          csrfToken: reply.generateCsrf(),
          run: view.run,
          percent: view.percent,
          counts: view.counts,
          totals: view.totals,
          groups: view.run.groups,
          lines: view.lines,
          outcome,
          next: view.next,
          from,
        }),
      );
    },
  );

  // What the run's page asks for while the run works: texts formatted in the reader's language.
  app.get<Params & Query>(
    '/admin/import/:id/progress.json',
    { config: { access: 'admin' } },
    async (request, reply) => {
      const { t } = request;
      const from = fromOf(request.query.from);
      const view = await importRunView(deps, request.actor(), request.params.id, { from });
      const last = view.lines.at(-1);
      reply.header('cache-control', 'private, no-store');
      return {
        status: view.run.status,
        statusText: t.t(`wpimport.status.${view.run.status}`),
        percent: view.percent,
        barText: barText(t, view),
        totals: Object.fromEntries(OUTCOMES.map((o) => [o, t.formatNumber(view.totals[o])])),
        lines: view.lines.map(({ line, entry }) => ({
          number: String(line + 1),
          kind: (KINDS as readonly string[]).includes(entry.kind)
            ? t.t(`wpimport.kind.${entry.kind}`)
            : entry.kind,
          label: entry.label,
          wpId: entry.wpId,
          outcome: entry.outcome,
          outcomeText: t.t(`wpimport.outcome.${entry.outcome}`),
          notes: entry.notes.join('; '),
        })),
        next: last ? last.line + 1 : from,
      };
    },
  );

  app.get<Params>(
    '/admin/import/:id/report.json',
    { config: { access: 'admin' } },
    async (request, reply) => {
      const view = await importRunView(deps, request.actor(), request.params.id, { limit: 1 });
      const pages = importRunReport(deps, request.actor(), request.params.id);
      const entries = [];
      for await (const page of pages) entries.push(...page.map((l) => l.entry));
      return reply
        .header('cache-control', 'private, no-store')
        .header('content-disposition', `attachment; filename="import-${view.run.id}.json"`)
        .send({
          file: view.run.fileName,
          status: view.run.status,
          error: view.run.error,
          counts: view.counts,
          entries,
          groups: view.run.groups,
        });
    },
  );

  app.post<Params>(
    '/admin/import/:id/cancel',
    { config: { access: 'admin' } },
    async (request, reply) => {
      await cancelImport(deps, request.actor(), request.params.id);
      return reply.redirect(`/admin/import/${request.params.id}`, 303);
    },
  );
}
