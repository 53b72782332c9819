/**
 * The REST API, /api/v1: published posts (cursor pagination), one post with its versions, a
 * translation's units beside their targets, saving a unit (409 keeps both texts), translation
 * memory lookup, the caller, and the OpenAPI document generated from these schemas. Tokens
 * and scopes: api-auth.ts. Every route is `access: 'public'` for the cookie rules and declares
 * the token scope it needs; the services check the finer rules (saving needs the translator
 * role whatever the token says).
 */
import type { FastifyInstance } from 'fastify';
import { escapeTagged } from '../../../domain/units/index.js';
import {
  listPostsPage,
  MAX_PAGE,
  publishedPostForApi,
} from '../../../services/api/posts.service.js';
import type { ServiceDeps } from '../../../services/deps.js';
import { lookupMemory } from '../../../services/memory/lookup-memory.service.js';
import { loadEditor } from '../../../services/translation/open-translation.service.js';
import type { TargetRecord } from '../../../services/repositories.js';
import { saveOrConflict } from '../../save-or-conflict.js';
import { registerApiAuth } from './api-auth.js';
import { registerFileRoutes } from './v1-files.routes.js';
import * as s from './v1.schemas.js';

type PostParams = { Params: { postId: string } };
type LangParams = { Params: { postId: string; lang: string } };
type UnitParams = { Params: { postId: string; lang: string; unitId: string } };

function target(record: TargetRecord | null) {
  return record
    ? {
        text: record.text,
        state: record.state,
        version: record.version,
        provenance: record.provenance,
        updatedAt: record.updatedAt,
      }
    : null;
}

export async function apiV1Routes(
  app: FastifyInstance,
  { deps }: { deps: ServiceDeps },
): Promise<void> {
  registerApiAuth(app, deps);
  registerFileRoutes(app, deps);
  const read = { access: 'public', apiScope: 'read' } as const;
  const translate = { access: 'public', apiScope: 'translate' } as const;

  app.get(
    '/openapi.json',
    { config: { access: 'public', apiScope: 'none' }, schema: { hide: true } },
    () => app.swagger(),
  );

  app.get(
    '/me',
    { config: read, schema: { summary: 'The token’s owner', tags: ['account'], ...s.me } },
    (request) => {
      const user = request.user;
      if (!user) throw new Error('the token check guarantees a user');
      return {
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        roles: user.roles,
      };
    },
  );

  app.get<{ Querystring: { cursor?: string; limit?: number } }>(
    '/posts',
    {
      config: read,
      schema: {
        summary: 'Published posts, newest first',
        tags: ['posts'],
        ...s.postList(MAX_PAGE),
      },
    },
    (request) => listPostsPage(deps, { cursor: request.query.cursor, limit: request.query.limit }),
  );

  app.get<PostParams>(
    '/posts/:postId',
    {
      config: read,
      schema: { summary: 'A published post and its versions', tags: ['posts'], ...s.post },
    },
    (request) => publishedPostForApi(deps, request.params.postId),
  );

  app.get<LangParams>(
    '/posts/:postId/translations/:lang/units',
    {
      config: read,
      schema: {
        summary: 'Every unit of a translation beside its target',
        tags: ['translations'],
        ...s.units,
      },
    },
    async (request) => {
      const data = await loadEditor(
        deps,
        request.actor(),
        request.params.postId,
        request.params.lang,
      );
      return {
        postId: data.post.id,
        sourceLanguage: data.sourceLanguage,
        language: data.language,
        progress: data.progress,
        units: data.units.map((unit) => ({
          unitId: unit.unitId,
          kind: unit.kind,
          source: unit.source,
          sourceRevision: unit.sourceRevision,
          codes: unit.codes,
          target: target(unit.target),
        })),
      };
    },
  );

  app.put<UnitParams & { Body: s.SaveBody }>(
    '/posts/:postId/translations/:lang/units/:unitId',
    {
      config: translate,
      schema: { summary: 'Save one unit’s translation', tags: ['translations'], ...s.save },
    },
    async (request, reply) => {
      const { postId, lang, unitId } = request.params;
      return saveOrConflict(
        deps,
        request.actor(),
        {
          postId,
          language: lang,
          unitId,
          text: request.body.text,
          version: request.body.version,
          sourceRevision: request.body.sourceRevision,
          state: request.body.state ?? 'translated',
        },
        reply,
        (result) => ({
          outcome: result.outcome,
          target: target(result.target),
          progress: result.progress,
          sourceChanged: result.changedSource !== null,
        }),
        (error) => ({
          error: 'conflict',
          message: error.message,
          problems: [],
          theirs: target(error.theirs),
          yours: error.yours,
        }),
      );
    },
  );

  app.get<{ Querystring: { source: string; target: string; q: string; limit?: number } }>(
    '/memory',
    {
      config: read,
      schema: { summary: 'Translation memory matches for a text', tags: ['memory'], ...s.memory },
    },
    async (request) => {
      const { source, target: targetLanguage, q, limit } = request.query;
      const lookup = await lookupMemory(deps, {
        sourceLanguage: source,
        targetLanguage,
        source: escapeTagged(q),
        codes: {},
        ...(limit !== undefined ? { limit } : {}),
      });
      return {
        partial: lookup.partial,
        matches: lookup.matches.map((m) => ({
          score: m.score,
          source: m.source,
          target: m.target,
          uses: m.uses,
          postId: m.origin.postId,
        })),
      };
    },
  );
}
