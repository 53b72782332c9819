/**
 * A translator's digest subscription (/translate/subscriptions): how often (daily, weekly,
 * off), which languages — the person's translate languages, the same list /account edits and
 * the hub starts from, so there is one list of "my languages" — and optional organizations,
 * tags and authors that narrow it. Signed-in people only; each edits only their own.
 */
import { z } from 'zod';
import { DIGEST_FREQUENCIES, MAX_DIGEST_FILTERS } from '../../domain/digest.js';
import type { DigestFrequency } from '../../domain/digest.js';
import { ValidationError } from '../../domain/errors.js';
import type { FieldProblem } from '../../domain/errors.js';
import { canonicalLanguageTag } from '../../domain/language.js';
import type { Actor } from '../../domain/roles.js';
import type { ServiceDeps } from '../deps.js';
import type { DigestFilter } from '../repositories.js';
import { optBackIn } from '../notifications/unsubscribe.js';
import { parseInput } from '../validate.js';

/** What the subscription page shows. */
export interface DigestSubscriptionView {
  frequency: DigestFrequency;
  /** Never sent: null. */
  lastSentAt: string | null;
  languages: string[];
  organizations: { id: string; name: string; chosen: boolean }[];
  tags: { id: string; name: string; chosen: boolean }[];
  /** The chosen authors by user name (typed on the form). */
  authors: { id: string; username: string; displayName: string }[];
}

/** The subscription of `actor` (frequency `off` when they never saved one). */
export async function digestSubscription(
  deps: ServiceDeps,
  actor: Actor,
): Promise<DigestSubscriptionView> {
  const [subscription, languages, organizations, tags] = await Promise.all([
    deps.store.digests.subscription(actor.id),
    deps.store.users.translateLanguages(actor.id),
    deps.store.organizations.list(),
    deps.store.posts.listTermDetails('tag'),
  ]);
  const filters = subscription?.filters ?? [];
  const chosen = (kind: DigestFilter['kind']) =>
    new Set(filters.filter((f) => f.kind === kind).map((f) => f.value));
  const orgs = chosen('organization');
  const tagIds = chosen('tag');
  const authors = await deps.store.users.listByIds([...chosen('author')]);
  return {
    frequency: subscription?.frequency ?? 'off',
    lastSentAt: subscription?.lastSentAt ?? null,
    languages,
    organizations: organizations.map((o) => ({ id: o.id, name: o.name, chosen: orgs.has(o.id) })),
    tags: tags.map((t) => ({ id: t.id, name: t.name, chosen: tagIds.has(t.id) })),
    authors: authors.map((u) => ({ id: u.id, username: u.username, displayName: u.displayName })),
  };
}

const idList = z.array(z.string().max(100)).max(MAX_DIGEST_FILTERS);

export const subscriptionInput = z.object({
  frequency: z.enum(DIGEST_FREQUENCIES),
  languages: z.array(z.string().max(100)).max(50, 'At most 50 languages'),
  organizations: idList,
  tags: idList,
  /** User names, as typed. */
  authors: idList,
});

/**
 * Saves `actor`'s subscription and their translate languages in one transaction.
 * @throws ValidationError naming `frequency`, `languages`, `organizations`, `tags` or `authors`
 * (an invalid language tag, an unknown organization or tag, a user name nobody has, more than
 * MAX_DIGEST_FILTERS filters).
 */
export async function saveDigestSubscription(
  deps: ServiceDeps,
  actor: Actor,
  raw: unknown,
): Promise<void> {
  const input = parseInput(subscriptionInput, raw);
  const problems: FieldProblem[] = [];
  const languages: string[] = [];
  for (const tag of input.languages) {
    if (tag.trim() === '') continue;
    const canonical = canonicalLanguageTag(tag.trim());
    if (!canonical) {
      problems.push({ field: 'languages', message: `"${tag}" is not a valid language tag` });
      break;
    }
    if (!languages.includes(canonical)) languages.push(canonical);
  }
  const filters: DigestFilter[] = [];
  const [organizations, tags] = await Promise.all([
    deps.store.organizations.listByIds([...new Set(input.organizations)]),
    deps.store.posts.listTermDetails('tag'),
  ]);
  for (const id of new Set(input.organizations)) {
    if (!organizations.some((o) => o.id === id)) {
      problems.push({ field: 'organizations', message: 'No such organization' });
      break;
    }
    filters.push({ kind: 'organization', value: id });
  }
  for (const id of new Set(input.tags)) {
    if (!tags.some((t) => t.id === id)) {
      problems.push({ field: 'tags', message: 'No such tag' });
      break;
    }
    filters.push({ kind: 'tag', value: id });
  }
  for (const name of new Set(input.authors.map((a) => a.trim().replace(/^@/, '')))) {
    if (name === '') continue;
    const user = await deps.store.users.findByUsername(name);
    if (!user) {
      problems.push({ field: 'authors', message: `Nobody is called "${name}"` });
      break;
    }
    if (!filters.some((f) => f.kind === 'author' && f.value === user.id))
      filters.push({ kind: 'author', value: user.id });
  }
  if (filters.length > MAX_DIGEST_FILTERS)
    problems.push({
      field: 'organizations',
      message: `At most ${MAX_DIGEST_FILTERS} organizations, tags and authors`,
    });
  if (problems.length > 0) throw new ValidationError(problems);
  const now = deps.clock.now().toISOString();
  await deps.store.transaction(async (store) => {
    await store.users.setTranslateLanguages(actor.id, languages.sort());
    await store.digests.saveSubscription({
      userId: actor.id,
      frequency: input.frequency,
      filters,
      now,
    });
    // Choosing a frequency here undoes an earlier one-click unsubscribe from digests.
    if (input.frequency !== 'off') await optBackIn(store, actor.id, 'digest');
  });
}
