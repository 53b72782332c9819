/**
 * The editor's co-author and organization pickers: search-as-you-type suggestions (at most
 * PICKER_LIMIT, never an e-mail address) and, on save, turning the typed names into ids.
 */
import { ForbiddenError } from '../../domain/errors.js';
import type { FieldProblem } from '../../domain/errors.js';
import { can, hasRole } from '../../domain/roles.js';
import type { Actor } from '../../domain/roles.js';
import type { ServiceDeps } from '../deps.js';
import type { OrganizationRecord, Store, UserRecord } from '../repositories.js';

/** Suggestions a picker gets for one query. */
export const PICKER_LIMIT = 20;

/** Case- and form-insensitive key for prefix matching (any script). */
const fold = (text: string) => text.normalize('NFKC').toLocaleLowerCase('und').trim();

/** Whether `query` starts the text or one of its words. */
function startsAnyWord(text: string, query: string): boolean {
  const folded = fold(text);
  return folded.startsWith(query) || folded.split(/[\s\-_.]+/u).some((w) => w.startsWith(query));
}

export interface PersonSuggestion {
  username: string;
  displayName: string;
}

export interface OrganizationSuggestion {
  name: string;
  slug: string;
  country: string | null;
}

/**
 * People who can be named as co-authors (authors and editors, active accounts) whose user name
 * or display name (any word of it) starts with `query`, user-name matches first, at most
 * PICKER_LIMIT. Throws ForbiddenError for anyone who cannot write posts.
 */
export async function suggestPeople(
  deps: ServiceDeps,
  actor: Actor,
  query: string,
): Promise<PersonSuggestion[]> {
  if (!can.writePosts(actor)) throw new ForbiddenError('Only authors can look people up');
  const q = fold(query.replace(/^@/, ''));
  const users = (await deps.store.users.listAll()).filter(
    (u) => u.suspendedAt === null && hasRole({ id: u.id, roles: u.roles }, 'author'),
  );
  const byUsername = (u: UserRecord) => fold(u.username).startsWith(q);
  const matches = users.filter((u) => q === '' || byUsername(u) || startsAnyWord(u.displayName, q));
  matches.sort(
    (a, b) =>
      Number(byUsername(b)) - Number(byUsername(a)) ||
      a.displayName.localeCompare(b.displayName) ||
      a.username.localeCompare(b.username),
  );
  return matches
    .slice(0, PICKER_LIMIT)
    .map((u) => ({ username: u.username, displayName: u.displayName }));
}

/**
 * Organizations whose name (any word of it) or slug starts with `query`, at most
 * PICKER_LIMIT. Throws ForbiddenError for anyone who cannot write posts.
 */
export async function suggestOrganizations(
  deps: ServiceDeps,
  actor: Actor,
  query: string,
): Promise<OrganizationSuggestion[]> {
  if (!can.writePosts(actor)) throw new ForbiddenError('Only authors can look organizations up');
  const q = fold(query);
  return (await deps.store.organizations.list())
    .filter((o) => q === '' || startsAnyWord(o.name, q) || fold(o.slug).startsWith(q))
    .slice(0, PICKER_LIMIT)
    .map((o) => ({ name: o.name, slug: o.slug, country: o.country }));
}

/**
 * The users named in `names` (user names, `@` optional), in order, and a problem naming each
 * name that is nobody's.
 */
export async function resolvePeople(
  store: Store,
  names: readonly string[],
): Promise<{ ids: string[]; problems: FieldProblem[] }> {
  const ids: string[] = [];
  const problems: FieldProblem[] = [];
  for (const raw of names) {
    const name = raw.trim().replace(/^@/, '');
    if (name === '') continue;
    const user = await store.users.findByUsername(name);
    if (user) ids.push(user.id);
    else problems.push({ field: 'authorNames', message: `There is nobody called "${name}"` });
  }
  return { ids, problems };
}

/**
 * The organizations named in `names` (their name, any case, or their slug), in order, and a
 * problem naming each name that matches none.
 */
export async function resolveOrganizations(
  store: Store,
  names: readonly string[],
): Promise<{ ids: string[]; problems: FieldProblem[] }> {
  const wanted = names.map((n) => n.trim()).filter((n) => n !== '');
  if (wanted.length === 0) return { ids: [], problems: [] };
  const all: OrganizationRecord[] = await store.organizations.list();
  const ids: string[] = [];
  const problems: FieldProblem[] = [];
  for (const name of wanted) {
    const key = fold(name);
    const org = all.find((o) => fold(o.name) === key) ?? all.find((o) => fold(o.slug) === key);
    if (org) ids.push(org.id);
    else
      problems.push({
        field: 'organizationNames',
        message: `There is no organization called "${name}"`,
      });
  }
  return { ids, problems };
}
