/**
 * Helpers shared by the reader suites: posts written and published through the services
 * (publication at a fixed instant), signed-out requests, and the cards of a listing page.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Actor } from '../../../src/domain/roles.js';
import { createPost } from '../../../src/services/posts/save-post.service.js';
import type { PostInput } from '../../../src/services/posts/post-input.js';
import { publishPost } from '../../../src/services/posts/workflow.service.js';
import type { ServiceDeps } from '../../../src/services/deps.js';
import type { PostRecord } from '../../../src/services/repositories.js';

/** The same deps with a clock stopped at `iso`. */
export function at(deps: ServiceDeps, iso: string): ServiceDeps {
  const instant = new Date(iso);
  return { ...deps, clock: { now: () => instant } };
}

/** Writes a draft (through createPost) and, when `publishedAt` is given, publishes it then. */
export async function writePost(
  deps: ServiceDeps,
  author: Actor,
  editor: Actor,
  input: PostInput & { publishedAt?: string },
): Promise<PostRecord> {
  const { publishedAt, ...fields } = input;
  const draft = await createPost(deps, author, { body: `Body of ${fields.title}.`, ...fields });
  if (!publishedAt) return draft;
  return publishPost(at(deps, publishedAt), editor, draft.id);
}

/** `/{lang}/yyyy/mm/dd/slug` of a published post. */
export function pathOf(post: PostRecord): string {
  if (!post.publishedAt) throw new Error(`post ${post.id} is not published`);
  const [y, m, d] = post.publishedAt.slice(0, 10).split('-');
  return `/${post.sourceLanguage}/${y}/${m}/${d}/${post.slug}`;
}

/** A signed-out browser request (no cookies). */
export function read(
  app: FastifyInstance,
  url: string,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'GET', url, headers: { accept: 'text/html', ...headers } });
}

export interface Card {
  href: string;
  title: string;
  lang: string;
  dir: string;
  badge: string | null;
}

/** The post cards of a listing page, in order. */
export function cards(html: string): Card[] {
  const list = /<ol class="post-list">([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? '';
  const found: Card[] = [];
  for (const item of list.split('<li class="post-card').slice(1)) {
    const text =
      /<div class="post-card-text" lang="([^"]+)" dir="([^"]+)"><h2><a href="([^"]+)">([^<]*)<\/a>/.exec(
        item,
      );
    if (!text) throw new Error(`unexpected card markup: ${item}`);
    const badge = /<span class="badge language-badge"[^>]*>([^<]*)<\/span>/.exec(item);
    found.push({
      lang: text[1] ?? '',
      dir: text[2] ?? '',
      href: text[3] ?? '',
      title: text[4] ?? '',
      badge: badge?.[1] ?? null,
    });
  }
  return found;
}

/** Titles of a listing page's cards, sorted (for set comparisons). */
export function titlesOf(html: string): string[] {
  return cards(html)
    .map((c) => c.title)
    .sort();
}
