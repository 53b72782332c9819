/**
 * The one schema for what an author submits when saving a post, and its checks against
 * the rest of the site (people, organizations, media exist; the body is a valid document).
 */
import type { Root } from 'mdast';
import { z } from 'zod';
import { ValidationError } from '../../domain/errors.js';
import type { FieldProblem } from '../../domain/errors.js';
import { canonicalLanguageTag } from '../../domain/language.js';
import { POST_KINDS } from '../../domain/post-kind.js';
import type { PostKind } from '../../domain/post-kind.js';
import { isValidSlug, slugify } from '../../domain/slug.js';
import type { ServiceDeps } from '../deps.js';
import type { RevisionMetadata, Store } from '../repositories.js';
import { parseInput } from '../validate.js';
import { resolveOrganizations, resolvePeople } from './pickers.service.js';

const idList = z.array(z.string().min(1)).default([]);
const nameList = z
  .array(z.string().trim())
  .default([])
  .transform((names) => [...new Set(names.filter((n) => n.length > 0))]);

export const postInput = z.object({
  /**
   * A post or a page (domain/post-kind.ts). A new post is a post unless it says; a save that
   * leaves it out keeps what the post is.
   */
  kind: z
    .string()
    .pipe(z.enum(POST_KINDS, { message: 'Choose whether this is a post or a page' }))
    .optional(),
  language: z.string().trim().min(1, 'Language is required'),
  title: z
    .string()
    .trim()
    .min(1, 'Title is required')
    .max(300, 'Title is too long (300 characters at most)'),
  slug: z.string().trim().default(''),
  excerpt: z.string().trim().max(1000, 'Excerpt is too long (1000 characters at most)').default(''),
  body: z.string().max(500_000, 'Body is too long').default(''),
  featuredMediaId: z.string().trim().default(''),
  featuredAlt: z.string().trim().max(500).default(''),
  authorIds: idList,
  /** Co-authors by user name, after `authorIds` (the editor's text pickers; order kept). */
  authorNames: z.array(z.string()).default([]),
  organizationIds: idList,
  /** Organizations by name or slug, after `organizationIds`. */
  organizationNames: z.array(z.string()).default([]),
  /** The author says this save only fixes typos or formatting: translations stay valid. */
  minorChange: z.boolean().default(false),
  tags: nameList,
  categories: nameList,
  eventIds: idList,
});
export type PostInput = z.input<typeof postInput>;

export interface CheckedPost {
  /** Absent: the submitter did not say (a save keeps the post's kind). */
  kind?: PostKind;
  language: string;
  slug: string;
  title: string;
  excerpt: string;
  bodyMarkdown: string;
  bodyDoc: Root;
  featuredMediaId: string | null;
  featuredAlt: string;
  metadata: RevisionMetadata;
}

/**
 * Parses a save's body (in the content format's worker, within its limits). Call it before
 * opening the transaction and pass the result to checkPostInput, so a slow text never holds
 * the database. Throws the content format's `payload_too_large` / `too_complex` errors.
 */
export async function parsePostBody(deps: ServiceDeps, raw: PostInput): Promise<Root> {
  return deps.content.parse(parseInput(postInput, raw).body);
}

/**
 * Validates a save. Throws one ValidationError listing every problem by field.
 * `actorId` becomes the first author when none is given; `parsed` is the body parsed
 * beforehand by parsePostBody (parsed here when absent).
 */
export async function checkPostInput(
  deps: ServiceDeps,
  store: Store,
  raw: PostInput,
  actorId: string,
  parsed?: Root,
): Promise<CheckedPost> {
  const input = parseInput(postInput, raw);
  const problems: FieldProblem[] = [];

  const language = canonicalLanguageTag(input.language);
  if (!language) {
    problems.push({
      field: 'language',
      message: `"${input.language}" is not a valid BCP 47 language tag (for example en, es, sr-Latn, sw)`,
    });
  }
  const slug = input.slug === '' ? slugify(input.title) : input.slug.normalize('NFC');
  if (!isValidSlug(slug)) {
    problems.push({
      field: 'slug',
      message: 'Slug may contain only lower-case letters, digits and hyphens (any script)',
    });
  }

  const bodyDoc = parsed ?? (await deps.content.parse(input.body));
  for (const problem of deps.content.validate(bodyDoc))
    problems.push({ field: 'body', message: problem.replace(/^body:\s*/, '') });

  const mediaIds = [...deps.content.mediaReferences(bodyDoc)];
  const featuredMediaId = input.featuredMediaId || null;
  if (featuredMediaId) mediaIds.push(featuredMediaId);
  if (mediaIds.length > 0) {
    const found = new Map(
      (await store.media.listByIds([...new Set(mediaIds)])).map((m) => [m.id, m]),
    );
    for (const id of new Set(mediaIds)) {
      if (!found.has(id))
        problems.push({
          field: id === featuredMediaId ? 'featuredMediaId' : 'body',
          message: `Media "${id}" does not exist`,
        });
    }
    const featured = featuredMediaId ? found.get(featuredMediaId) : undefined;
    if (featured && featured.kind !== 'image')
      problems.push({ field: 'featuredMediaId', message: 'The featured image must be an image' });
  }
  if (featuredMediaId && input.featuredAlt === '') {
    problems.push({
      field: 'featuredAlt',
      message: 'Describe the featured image (alt text) for readers who cannot see it',
    });
  }

  const named = await resolvePeople(store, input.authorNames);
  problems.push(...named.problems);
  const listed = [...input.authorIds, ...named.ids];
  const authorIds = [...new Set(listed.length > 0 ? listed : [actorId])];
  const authors = await store.users.listByIds(authorIds);
  if (authors.length !== authorIds.length)
    problems.push({ field: 'authorIds', message: 'An author does not exist' });
  const namedOrganizations = await resolveOrganizations(store, input.organizationNames);
  problems.push(...namedOrganizations.problems);
  const organizationIds = [...new Set([...input.organizationIds, ...namedOrganizations.ids])];
  const organizations = await store.organizations.listByIds(organizationIds);
  if (organizations.length !== organizationIds.length)
    problems.push({ field: 'organizationIds', message: 'An organization does not exist' });
  const eventIds = [...new Set(input.eventIds)];
  const events = await store.posts.eventsByIds(eventIds);
  if (events.length !== eventIds.length)
    problems.push({ field: 'eventIds', message: 'An event does not exist' });

  if (problems.length > 0 || !language) throw new ValidationError(problems);
  return {
    ...(input.kind ? { kind: input.kind } : {}),
    language,
    slug,
    title: input.title.normalize('NFC'),
    excerpt: input.excerpt.normalize('NFC'),
    bodyMarkdown: input.body,
    bodyDoc,
    featuredMediaId,
    featuredAlt: input.featuredAlt,
    metadata: {
      authorIds,
      organizationIds,
      tags: input.tags,
      categories: input.categories,
      eventIds,
      ...(input.minorChange ? { minorChange: true } : {}),
    },
  };
}
