/** The header navigation's pages for a reader page, declared to the page cache with it. */
import type { FastifyReply } from 'fastify';
import type { ServiceDeps } from '../../../services/deps.js';
import { siteNavigation } from '../../../services/reader/navigation.service.js';
import type { PageChrome } from '../../../views/reader-view-types.js';

/**
 * The links to the site's pages in `language` (one query), with their cache key added to the
 * reply's, so publishing a page drops every cached page that shows the navigation.
 */
export async function readerNavigation(
  deps: ServiceDeps,
  reply: FastifyReply,
  language: string,
): Promise<NonNullable<PageChrome['navigation']>> {
  const navigation = await siteNavigation(deps, language);
  reply.cacheKeys(navigation.cacheKeys);
  return navigation.links;
}
