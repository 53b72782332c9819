/**
 * Glossaries per language pair: the page (`/translate/glossary?from=en&to=es`: search, the
 * terms, add/edit/delete and import for reviewers and editors, export for everyone signed
 * in), CSV and TBX-Basic downloads, and the editor's JSON lookup
 * (`GET /api/glossary/matches?from=&to=&text=` → GlossaryHit[]). An import is a multipart
 * form whose fields (`_csrf`, `from`, `to`) come before the file (plugins/multipart-form.ts),
 * so the token is checked before the file is read.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DomainError, ValidationError } from '../../../domain/errors.js';
import {
  CSV_COLUMNS,
  glossaryFormatOf,
  glossaryToCsv,
  glossaryToTbx,
  parseGlossaryFile,
} from '../../../interchange/glossary/index.js';
import type { ServiceDeps } from '../../../services/deps.js';
import { createTerm } from '../../../services/glossary/create-term.service.js';
import { deleteTerm } from '../../../services/glossary/delete-term.service.js';
import { exportGlossary } from '../../../services/glossary/export-glossary.service.js';
import { glossaryMatches } from '../../../services/glossary/glossary-matches.service.js';
import { importGlossary } from '../../../services/glossary/import-glossary.service.js';
import type { GlossaryImportReport } from '../../../services/glossary/import-glossary.service.js';
import { glossaryPairs, listGlossary } from '../../../services/glossary/list-glossary.service.js';
import { languagePair } from '../../../services/glossary/term-input.js';
import { updateTerm } from '../../../services/glossary/update-term.service.js';
import { parseInput } from '../../../services/validate.js';
import { GlossaryChooserPage, GlossaryPage } from '../../../views/pages/glossary/glossary.page.js';
import type { TermFormProps, TermFormValues } from '../../../views/pages/glossary/term-form.js';
import { EMPTY_TERM_FORM } from '../../../views/pages/glossary/term-form.js';
import type { FieldErrors } from '../../../views/view-types.js';
import { readUpload } from '../../plugins/multipart-form.js';
import { renderPage } from '../../render.js';
import {
  formErrors,
  formValuesFromBody,
  formValuesOf,
  presentPair,
  presentReport,
  presentTerm,
  termFormBody,
  termFromBody,
} from './glossary.presenter.js';

const pageQuery = z.object({
  from: z.string().max(64).optional(),
  to: z.string().max(64).optional(),
  q: z.string().max(200).optional(),
  page: z.coerce.number().int().min(1).max(100_000).optional(),
  edit: z.string().max(64).optional(),
  notice: z.enum(['added', 'saved', 'deleted']).optional(),
  term: z.string().max(200).optional(),
});
const pairQuery = z.object({ from: z.string().max(64), to: z.string().max(64) });
const matchesQuery = pairQuery.extend({ text: z.string().max(20_000) });
const idParams = z.object({ id: z.string().max(64) });

/** What a re-rendered pair page shows besides the list. */
interface PageExtras {
  status?: number;
  addForm?: { values: TermFormValues; errors: FieldErrors; message?: string };
  editing?: { id: string; values?: TermFormValues; errors?: FieldErrors; message?: string };
  report?: GlossaryImportReport;
  importError?: string;
}

const pairHref = (from: string, to: string) =>
  `/translate/glossary?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;

export async function glossaryRoutes(
  app: FastifyInstance,
  { deps }: { deps: ServiceDeps },
): Promise<void> {
  const languages = (request: FastifyRequest) =>
    deps.settings.languages.map((tag) => ({ tag, name: request.t.languageName(tag) }));

  const renderPair = async (
    request: FastifyRequest,
    reply: FastifyReply,
    input: { from: string; to: string; q?: string | undefined; page?: number | undefined },
    extras: PageExtras & { notice?: string | undefined },
  ) => {
    const user = request.user;
    if (!user) throw new Error('access rule guarantees a user');
    const { t } = request;
    const listing = await listGlossary(deps, request.actor(), input);
    const pair = presentPair(listing.pair, t);
    const csrfToken = reply.generateCsrf();
    const pageHref = `${pairHref(pair.from, pair.to)}${listing.search ? `&q=${encodeURIComponent(listing.search)}` : ''}${listing.page > 1 ? `&page=${listing.page}` : ''}`;
    const form = (values: TermFormValues, errors: FieldErrors, message?: string) => ({
      t,
      csrfToken,
      pair,
      values,
      errors,
      message,
      cancelHref: pageHref,
    });
    let editing: { id: string; form: TermFormProps } | undefined;
    const edited = extras.editing
      ? listing.terms.find((x) => x.id === extras.editing?.id)
      : undefined;
    if (extras.editing && edited) {
      editing = {
        id: edited.id,
        form: {
          ...form(
            extras.editing.values ?? formValuesOf(edited),
            extras.editing.errors ?? {},
            extras.editing.message,
          ),
          edit: { id: edited.id, baseUpdatedAt: edited.updatedAt, term: edited.term },
        },
      };
    }
    if (extras.status) reply.code(extras.status);
    return renderPage(
      reply,
      GlossaryPage({
        t,
        user,
        csrfToken,
        pair,
        languages: languages(request),
        terms: listing.terms.map(presentTerm),
        total: listing.total,
        page: listing.page,
        pages: listing.pages,
        search: listing.search,
        canManage: listing.canManage,
        pageHref,
        notice: extras.notice,
        addForm: listing.canManage
          ? form(
              extras.addForm?.values ?? EMPTY_TERM_FORM,
              extras.addForm?.errors ?? {},
              extras.addForm?.message,
            )
          : undefined,
        editing,
        report: extras.report ? presentReport(extras.report) : undefined,
        importError: extras.importError,
        csvColumns: CSV_COLUMNS.join(', '),
      }),
    );
  };

  app.get('/translate/glossary', { config: { access: 'signed-in' } }, async (request, reply) => {
    const query = parseInput(pageQuery, request.query);
    const user = request.user;
    if (!user) throw new Error('access rule guarantees a user');
    const { t } = request;
    if (!query.from || !query.to) {
      const pairs = await glossaryPairs(deps, request.actor());
      const site = deps.settings.languages;
      return renderPage(
        reply,
        GlossaryChooserPage({
          t,
          user,
          csrfToken: reply.generateCsrf(),
          languages: languages(request),
          from: query.from ?? deps.settings.defaultLanguage,
          to: query.to ?? site.find((l) => l !== deps.settings.defaultLanguage) ?? '',
          pairs: pairs.map((p) => ({
            href: pairHref(p.sourceLanguage, p.targetLanguage),
            fromName: t.languageName(p.sourceLanguage),
            toName: t.languageName(p.targetLanguage),
            terms: p.terms,
          })),
        }),
      );
    }
    const notice = query.notice
      ? t.t(`glossary.notice.${query.notice}`, { term: query.term ?? '' })
      : undefined;
    return renderPair(
      request,
      reply,
      { from: query.from, to: query.to, q: query.q, page: query.page },
      { notice, ...(query.edit ? { editing: { id: query.edit } } : {}) },
    );
  });

  app.post(
    '/translate/glossary/terms',
    { config: { access: 'reviewer' } },
    async (request, reply) => {
      const body = parseInput(termFormBody, request.body);
      try {
        const term = await createTerm(deps, request.actor(), {
          from: body.from,
          to: body.to,
          term: termFromBody(body),
        });
        return await reply.redirect(
          `${pairHref(term.sourceLanguage, term.targetLanguage)}&notice=added&term=${encodeURIComponent(term.term)}#term-${term.id}`,
          303,
        );
      } catch (error) {
        if (!(error instanceof ValidationError) || isPairProblem(error)) throw error;
        return renderPair(request, reply, body, {
          status: 422,
          addForm: {
            values: formValuesFromBody(body),
            errors: formErrors(error.problems),
            message: request.t.t('glossary.form.problem'),
          },
        });
      }
    },
  );

  app.post<{ Params: { id: string } }>(
    '/translate/glossary/terms/:id',
    { config: { access: 'reviewer' } },
    async (request, reply) => {
      const { id } = parseInput(idParams, request.params);
      const body = parseInput(termFormBody, request.body);
      try {
        const term = await updateTerm(deps, request.actor(), {
          id,
          baseUpdatedAt: body.baseUpdatedAt ?? '',
          term: termFromBody(body),
        });
        return await reply.redirect(
          `${pairHref(term.sourceLanguage, term.targetLanguage)}&notice=saved&term=${encodeURIComponent(term.term)}#term-${term.id}`,
          303,
        );
      } catch (error) {
        const conflict = error instanceof DomainError && error.code === 'conflict';
        if (!conflict && !(error instanceof ValidationError)) throw error;
        if (!(error instanceof DomainError)) throw error;
        return renderPair(request, reply, body, {
          status: conflict ? 409 : 422,
          editing: {
            id,
            values: formValuesFromBody(body),
            errors: formErrors(error.problems),
            message: conflict ? error.message : request.t.t('glossary.form.problem'),
          },
        });
      }
    },
  );

  app.post<{ Params: { id: string } }>(
    '/translate/glossary/terms/:id/delete',
    { config: { access: 'reviewer' } },
    async (request, reply) => {
      const { id } = parseInput(idParams, request.params);
      const term = await deleteTerm(deps, request.actor(), { id });
      return reply.redirect(
        `${pairHref(term.sourceLanguage, term.targetLanguage)}&notice=deleted&term=${encodeURIComponent(term.term)}`,
        303,
      );
    },
  );

  app.post(
    '/translate/glossary/import',
    { config: { access: 'reviewer' } },
    async (request, reply) => {
      const fields = parseInput(pairQuery, request.body);
      const { t } = request;
      const file = request.multipartFile;
      if (!file)
        return renderPair(request, reply, fields, {
          status: 422,
          importError: t.t('glossary.import.chooseFile'),
        });
      const data = await readUpload(file, 'The glossary file is too large');
      const pair = languagePair(fields.from, fields.to);
      try {
        const parsed = parseGlossaryFile(glossaryFormatOf(file.filename, data), data, pair);
        const report = await importGlossary(deps, request.actor(), { ...fields, file: parsed });
        return await renderPair(request, reply, fields, { report });
      } catch (error) {
        const refused =
          error instanceof ValidationError ||
          (error instanceof DomainError && error.code === 'payload_too_large');
        if (!refused || !(error instanceof DomainError)) throw error;
        const message = error.problems.map((p) => p.message).join('; ') || error.message;
        return renderPair(request, reply, fields, {
          status: error.code === 'payload_too_large' ? 413 : 422,
          importError: message,
        });
      }
    },
  );

  const exportRoute = (format: 'csv' | 'tbx') =>
    app.get(
      `/translate/glossary/export.${format}`,
      { config: { access: 'signed-in' } },
      async (request, reply) => {
        const query = parseInput(pairQuery, request.query);
        const { pair, terms } = await exportGlossary(deps, request.actor(), query);
        const name = `glossary-${pair.sourceLanguage}-${pair.targetLanguage}.${format}`;
        return reply
          .header('content-disposition', `attachment; filename="${name}"`)
          .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/xml; charset=utf-8')
          .send(format === 'csv' ? glossaryToCsv(terms) : glossaryToTbx(pair, terms));
      },
    );
  exportRoute('csv');
  exportRoute('tbx');

  app.get('/api/glossary/matches', { config: { access: 'signed-in' } }, async (request) => {
    const query = parseInput(matchesQuery, request.query);
    const pair = languagePair(query.from, query.to);
    return glossaryMatches(deps, { ...pair, source: query.text });
  });
}

/** A problem with the pair itself (not a term field): answered as any other 422. */
function isPairProblem(error: ValidationError): boolean {
  return error.problems.some((p) => p.field === 'from' || p.field === 'to');
}
