/** Writing posts: my posts, the editor, saving, preview, submit, revisions and restore. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DomainError, ValidationError } from '../../../domain/errors.js';
import { can } from '../../../domain/roles.js';
import type { ServiceDeps } from '../../../services/deps.js';
import {
  editorOptions,
  loadPostForEditing,
  myPosts,
} from '../../../services/posts/editor.service.js';
import { previewMarkdown, renderRevision } from '../../../services/posts/read-post.service.js';
import { compareRevisions, listRevisions } from '../../../services/posts/revisions.service.js';
import {
  createPost,
  restoreRevision,
  savePost,
  StaleRevisionError,
} from '../../../services/posts/save-post.service.js';
import { submitPost, withdrawPost } from '../../../services/posts/workflow.service.js';
import { parseInput } from '../../../services/validate.js';
import { predictOutdatedUnits } from '../../../services/posts/publish-prediction.service.js';
import { suggestOrganizations, suggestPeople } from '../../../services/posts/pickers.service.js';
import {
  effectiveTimeZone,
  formatZoned,
  instantToZoned,
} from '../../../services/posts/zoned-time.js';
import { wordDiff } from '../../../domain/alignment/index.js';
import { PostPage } from '../../../views/pages/post.page.js';
import type { PostFormValues } from '../../../views/pages/write/post-form.js';
import {
  ComparePage,
  EditorPage,
  RevisionsPage,
  WriteDashboardPage,
} from '../../../views/pages/write/write.pages.js';
import { fieldErrors } from '../../../views/view-types.js';
import { presentPost } from '../../presenters/post.presenter.js';
import { pageChrome, presentVersions } from '../../presenters/reader.presenter.js';
import {
  blankValues,
  formValues,
  postRow,
  revisionValues,
  toPostInput,
} from '../../presenters/write.presenter.js';
import { renderPage } from '../../render.js';
import { statusOf } from '../../plugins/errors.js';
import { postPath } from '../../../domain/post.js';

type IdParams = { Params: { id: string } };

/**
 * Body limit of the forms that carry a post: the content format's 200,000 characters, form-
 * encoded, can take up to 12 bytes each (`%F0%9F%98%80`); the app-wide 1 MB would refuse a long
 * post in Arabic or Chinese before the format could say which limit it breaks.
 */
const POST_FORM_BODY_LIMIT = 4 * 1_048_576;
const postForm = { config: { access: 'author' as const }, bodyLimit: POST_FORM_BODY_LIMIT };

/** A body over the content format's limits (too long, deep or slow): shown on the form. */
function isContentLimit(error: unknown): error is DomainError {
  return (
    error instanceof DomainError &&
    (error.code === 'too_complex' || error.code === 'payload_too_large')
  );
}
const baseSchema = z.object({ baseRevision: z.coerce.number().int().min(1) });

export async function writeRoutes(
  app: FastifyInstance,
  { deps }: { deps: ServiceDeps },
): Promise<void> {
  const user = (request: FastifyRequest) => {
    const u = request.user;
    if (!u) throw new Error('access rule guarantees a user');
    return u;
  };

  /** Renders the editor for a new or existing post with the given form state. */
  async function editor(
    request: FastifyRequest,
    reply: FastifyReply,
    postId: string | null,
    values: PostFormValues,
    extra: {
      problems?: { field: string; message: string }[];
      message?: string;
      notice?: string;
      previewHtml?: string;
      conflict?: { revision: number; title: string; body: string; savedAt: string };
      baseRevision?: number;
    } = {},
  ) {
    const actor = request.actor();
    const options = await editorOptions(deps, actor, values.authorIds);
    const loaded = postId ? await loadPostForEditing(deps, actor, postId) : null;
    // What publishing this version would mark outdated in translations (editors decide minor;
    // what the authors flagged minor at every save that changed it comes pre-ticked).
    const pendingChanges =
      loaded && loaded.post.status === 'published' && can.publishPosts(actor)
        ? (await predictOutdatedUnits(deps, actor, loaded.post.id)).map((c) => ({
            unitId: c.unitId,
            parts: wordDiff(c.before, c.after),
            flaggedMinor: c.flaggedMinor,
          }))
        : [];
    const timeZone = effectiveTimeZone(user(request).timeZone);
    const scheduledAt = loaded?.post.status === 'scheduled' ? loaded.post.scheduledAt : null;
    const problems = extra.problems ?? [];
    return renderPage(
      reply,
      EditorPage({
        t: request.t,
        user: user(request),
        csrfToken: reply.generateCsrf(),
        heading: loaded
          ? request.t.t('write.editor.editTitle', { title: loaded.revision.title })
          : request.t.t('write.editor.newTitle'),
        post: loaded
          ? {
              id: loaded.post.id,
              status: loaded.post.status,
              revision: loaded.post.currentRevision,
              publicPath:
                loaded.post.status === 'published'
                  ? postPath({
                      language: loaded.post.sourceLanguage,
                      slug: loaded.post.slug,
                      publishedAt: loaded.post.publishedAt,
                    })
                  : null,
              canPublish: can.publishPosts(actor),
              sticky: loaded.post.sticky,
              isPage: loaded.post.kind === 'page',
              isAuthor:
                loaded.post.createdBy === actor.id ||
                loaded.revision.metadata.authorIds.includes(actor.id),
              pendingChanges,
              timeZone,
              scheduled: scheduledAt ? formatZoned(scheduledAt, request.t.lang, timeZone) : null,
              publishAtValue: scheduledAt ? instantToZoned(scheduledAt, timeZone) : '',
            }
          : null,
        form: {
          t: request.t,
          action: postId ? `/write/${postId}` : '/write/new',
          previewAction: postId ? `/write/${postId}/preview` : '/write/new/preview',
          csrfToken: reply.generateCsrf(),
          values,
          options: {
            people: options.people,
            organizations: options.organizations,
            events: options.events,
            images: options.images,
            media: options.media.map((m) => ({
              id: m.id,
              kind: m.kind,
              filename: m.filename,
              alt: m.alt,
            })),
          },
          baseRevision: extra.baseRevision ?? loaded?.post.currentRevision ?? null,
          errors: fieldErrors(problems),
          problems,
          message: extra.message,
          notice: extra.notice,
        },
        previewHtml: extra.previewHtml,
        conflict: extra.conflict,
      }),
    );
  }

  const preview = (values: PostFormValues) => previewMarkdown(deps, values.body);

  app.get('/write', { config: { access: 'author' } }, async (request, reply) => {
    const rows = (await myPosts(deps, request.actor())).map(postRow);
    return renderPage(
      reply,
      WriteDashboardPage({
        t: request.t,
        user: user(request),
        csrfToken: reply.generateCsrf(),
        rows,
      }),
    );
  });

  const pickerQuery = z.object({ q: z.string().max(100).default('') });

  // Static paths win over /write/:id in Fastify's router.
  app.get('/write/people', { config: { access: 'author' } }, async (request, reply) => {
    const { q } = parseInput(pickerQuery, request.query);
    const items = await suggestPeople(deps, request.actor(), q);
    return reply.header('cache-control', 'private, no-store').send({ items });
  });

  app.get('/write/organizations', { config: { access: 'author' } }, async (request, reply) => {
    const { q } = parseInput(pickerQuery, request.query);
    const items = await suggestOrganizations(deps, request.actor(), q);
    return reply.header('cache-control', 'private, no-store').send({ items });
  });

  app.get('/write/new', { config: { access: 'author' } }, async (request, reply) =>
    editor(request, reply, null, blankValues('en', request.actor().id)),
  );

  app.post('/write/new', postForm, async (request, reply) => {
    const values = formValues(request.body as Record<string, unknown>);
    try {
      const post = await createPost(deps, request.actor(), toPostInput(values));
      return reply.redirect(`/write/${post.id}?saved=1`, 303);
    } catch (error) {
      if (!(error instanceof ValidationError) && !isContentLimit(error)) throw error;
      reply.code(statusOf[error.code]);
      return editor(request, reply, null, values, {
        problems: error.problems,
        message: request.t.t('write.error.notSaved'),
      });
    }
  });

  app.post('/write/new/preview', postForm, async (request, reply) => {
    const values = formValues(request.body as Record<string, unknown>);
    try {
      return editor(request, reply, null, values, { previewHtml: await preview(values) });
    } catch (error) {
      if (!isContentLimit(error)) throw error;
      reply.code(statusOf[error.code]);
      return editor(request, reply, null, values, { problems: error.problems });
    }
  });

  app.get<IdParams>('/write/:id', { config: { access: 'author' } }, async (request, reply) => {
    const { post, revision } = await loadPostForEditing(deps, request.actor(), request.params.id);
    const query = request.query as Record<string, unknown>;
    const restored = query.restored !== undefined ? revision.restoredFrom : null;
    const notice =
      query.saved !== '1'
        ? undefined
        : restored
          ? request.t.t('write.notice.restored', { revision: post.currentRevision, restored })
          : request.t.t('write.notice.saved', { revision: post.currentRevision });
    return editor(
      request,
      reply,
      post.id,
      revisionValues(post, revision),
      notice ? { notice } : {},
    );
  });

  app.post<IdParams>('/write/:id', postForm, async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    const values = formValues(body);
    const { baseRevision } = parseInput(baseSchema, body);
    try {
      await savePost(deps, request.actor(), request.params.id, baseRevision, toPostInput(values));
      return reply.redirect(`/write/${request.params.id}?saved=1`, 303);
    } catch (error) {
      if (error instanceof StaleRevisionError) {
        reply.code(409);
        return editor(request, reply, request.params.id, values, {
          message: error.message,
          conflict: {
            revision: error.current.number,
            title: error.current.title,
            body: error.current.bodyMarkdown,
            savedAt: error.current.createdAt,
          },
          baseRevision: error.current.number,
        });
      }
      if (!(error instanceof ValidationError) && !isContentLimit(error)) throw error;
      reply.code(statusOf[error.code]);
      return editor(request, reply, request.params.id, values, {
        problems: error.problems,
        message: request.t.t('write.error.notSaved'),
        baseRevision,
      });
    }
  });

  app.post<IdParams>('/write/:id/preview', postForm, async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    const values = formValues(body);
    const { baseRevision } = parseInput(baseSchema, body);
    try {
      return editor(request, reply, request.params.id, values, {
        previewHtml: await preview(values),
        baseRevision,
      });
    } catch (error) {
      if (!isContentLimit(error)) throw error;
      reply.code(statusOf[error.code]);
      return editor(request, reply, request.params.id, values, {
        problems: error.problems,
        baseRevision,
      });
    }
  });

  app.get<IdParams>(
    '/write/:id/preview',
    { config: { access: 'author' } },
    async (request, reply) => {
      const { post, revision } = await loadPostForEditing(deps, request.actor(), request.params.id);
      const view = await renderRevision(deps, post, revision);
      const { t } = request;
      const language = post.sourceLanguage;
      return renderPage(
        reply,
        PostPage({
          t,
          user: user(request),
          csrfToken: reply.generateCsrf(),
          siteName: deps.settings.siteName,
          post: presentPost(view, { revision: revision.number, status: post.status }),
          chrome: pageChrome(deps.settings, language, `/${language}`, (tag) => `/${tag}/`),
          versions: presentVersions(t, view.versions, language),
          // A preview invites nobody: the post is not public yet.
          missing: [],
          translateHref: `/translate/${post.id}`,
          defaultLanguage: deps.settings.defaultLanguage,
        }),
      );
    },
  );

  app.post<IdParams>(
    '/write/:id/submit',
    { config: { access: 'author' } },
    async (request, reply) => {
      await submitPost(deps, request.actor(), request.params.id);
      return reply.redirect(`/write/${request.params.id}`, 303);
    },
  );

  app.post<IdParams>(
    '/write/:id/withdraw',
    { config: { access: 'author' } },
    async (request, reply) => {
      await withdrawPost(deps, request.actor(), request.params.id);
      return reply.redirect(`/write/${request.params.id}`, 303);
    },
  );

  app.get<IdParams>(
    '/write/:id/revisions',
    { config: { access: 'author' } },
    async (request, reply) => {
      const { post, revisions } = await listRevisions(deps, request.actor(), request.params.id);
      const people = new Map(
        (
          await deps.store.users.listByIds([
            ...new Set(revisions.flatMap((r) => (r.savedBy ? [r.savedBy] : []))),
          ])
        ).map((u) => [u.id, u.displayName]),
      );
      return renderPage(
        reply,
        RevisionsPage({
          t: request.t,
          user: user(request),
          csrfToken: reply.generateCsrf(),
          postId: post.id,
          title: revisions[0]?.title ?? '',
          current: post.currentRevision,
          published: post.publishedRevision,
          revisions: revisions.map((r) => ({
            number: r.number,
            title: r.title,
            savedBy: (r.savedBy && people.get(r.savedBy)) ?? '—',
            createdAt: r.createdAt,
            restoredFrom: r.restoredFrom,
          })),
        }),
      );
    },
  );

  app.get<IdParams>(
    '/write/:id/compare',
    { config: { access: 'author' } },
    async (request, reply) => {
      const q = parseInput(
        z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) }),
        request.query,
      );
      const result = await compareRevisions(deps, request.actor(), request.params.id, q.from, q.to);
      return renderPage(
        reply,
        ComparePage({
          t: request.t,
          user: user(request),
          csrfToken: reply.generateCsrf(),
          postId: result.post.id,
          title: result.to.title,
          from: q.from,
          to: q.to,
          fields: result.fields,
        }),
      );
    },
  );

  app.post<{ Params: { id: string; number: string } }>(
    '/write/:id/revisions/:number/restore',
    { config: { access: 'author' } },
    async (request, reply) => {
      const { number } = parseInput(
        z.object({ number: z.coerce.number().int().min(1) }),
        request.params,
      );
      const { base } = parseInput(
        z.object({ base: z.coerce.number().int().min(1) }),
        request.query,
      );
      const { revision } = await restoreRevision(
        deps,
        request.actor(),
        request.params.id,
        number,
        base,
      );
      return reply.redirect(`/write/${request.params.id}?saved=1&restored=${revision}`, 303);
    },
  );
}
