/**
 * WordPress authors and commenters become accounts without passwords: they cannot sign in
 * until they reset their password with the address WordPress had for them, and their posts
 * and comments keep their names meanwhile. An account that already has the address is the
 * same person: it is linked, not duplicated.
 */
import { normalizeEmail, usernameKey, usernameProblems } from '../../domain/user.js';
import { slugify } from '../../domain/slug.js';
import { idOf, record } from './import-context.js';
import type { ImportContext } from './import-context.js';
import { redirectAuthor } from './import-redirects.js';
import type { WxrAuthor } from './wxr-records.js';

/** Login → account id, for the posts and comments that name them. */
export type People = Map<string, string>;

export interface Person {
  /** What keys the account: the login of an author, the address (or name) of a commenter. */
  key: string;
  username: string;
  displayName: string;
  email: string;
  /** `author` for WordPress's authors (they wrote posts there), `reader` for commenters. */
  role: 'author' | 'reader';
}

/**
 * The account of `person`: found by its derived id or by its address, else created under the
 * first free user name among `name`, `name-2`, `name-3`…  Returns its id and whether it is new.
 */
export async function ensurePerson(
  ctx: ImportContext,
  person: Person,
  at: Date,
): Promise<{ id: string; created: boolean; linked: boolean }> {
  const { store } = ctx.deps;
  const id = idOf(ctx, person.key);
  if (await store.users.findById(id)) return { id, created: false, linked: false };
  const email = normalizeEmail(person.email);
  const existing = await store.users.findByEmail(email);
  if (existing) return { id: existing.id, created: false, linked: true };
  const base = usernameProblems(person.username).length === 0 ? person.username : 'wordpress-user';
  for (let n = 1; n <= 50; n++) {
    const username = n === 1 ? base : `${base.slice(0, 36)}-${n}`;
    const conflict = await store
      .transaction(async (tx) => {
        const broken = await tx.users.create({
          id,
          username,
          usernameKey: usernameKey(username),
          displayName: person.displayName.trim().slice(0, 100) || username,
          email,
          passwordHash: null,
          timeZone: 'UTC',
          bio: '',
          roles: [person.role],
          createdAt: at.toISOString(),
        });
        if (broken) throw new UsernameTaken(broken);
        return null;
      })
      .catch((error: unknown) => {
        if (error instanceof UsernameTaken) return error.conflict;
        throw error;
      });
    if (conflict === null) return { id, created: true, linked: false };
    if (conflict === 'email') {
      const other = await store.users.findByEmail(email);
      if (other) return { id: other.id, created: false, linked: true };
    }
  }
  throw new Error(`No free user name for "${person.username}"`);
}

class UsernameTaken extends Error {
  constructor(readonly conflict: 'username' | 'lookalike' | 'email') {
    super(conflict);
  }
}

/** Imports one `wp:author`. */
export async function importAuthor(
  ctx: ImportContext,
  people: People,
  author: WxrAuthor,
): Promise<void> {
  const label = author.displayName || author.login;
  try {
    if (!author.email.includes('@')) throw new Error('The author has no e-mail address');
    const result = await ensurePerson(
      ctx,
      {
        key: `user:${author.login}`,
        username: slugify(author.login, 40) || author.login,
        displayName: author.displayName || `${author.firstName} ${author.lastName}`.trim(),
        email: author.email,
        role: 'author',
      },
      ctx.exportedAt,
    );
    people.set(author.login, result.id);
    await redirectAuthor(ctx, author, result.id);
    record(ctx, {
      kind: 'author',
      wpId: author.login,
      label,
      outcome: result.created ? 'imported' : 'unchanged',
      notes: result.linked ? ['linked to the existing account with this e-mail address'] : [],
      id: result.id,
    });
  } catch (error) {
    record(ctx, {
      kind: 'author',
      wpId: author.login,
      label,
      outcome: 'failed',
      notes: [message(error)],
    });
  }
}

/** A failed step's reason for the report (a ValidationError's message names each field). */
export function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
