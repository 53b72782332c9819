/**
 * Roles and the access policies that use them. Pure functions; services call them and
 * throw ForbiddenError when they answer false.
 */
export const roles = ['reader', 'translator', 'author', 'reviewer', 'editor', 'admin'] as const;
export type Role = (typeof roles)[number];

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

/** The signed-in person as policies see them. */
export interface Actor {
  id: string;
  roles: readonly Role[];
}

/**
 * Admins hold every role; editors can do what authors and reviewers can; reviewers can
 * translate.
 */
export function hasRole(actor: Actor | null, role: Role): boolean {
  if (!actor) return false;
  if (actor.roles.includes('admin')) return true;
  if (actor.roles.includes(role)) return true;
  if (actor.roles.includes('reviewer') && role === 'translator') return true;
  if (
    actor.roles.includes('editor') &&
    (role === 'author' || role === 'reviewer' || role === 'translator')
  ) {
    return true;
  }
  return false;
}

export const can = {
  writePosts: (actor: Actor | null) => hasRole(actor, 'author'),
  /** Co-authors and editors may edit a post; the creator too. */
  editPost: (
    actor: Actor | null,
    post: { createdBy: string | null; authorIds: readonly string[] },
  ) =>
    !!actor &&
    (hasRole(actor, 'editor') ||
      (hasRole(actor, 'author') &&
        (post.createdBy === actor.id || post.authorIds.includes(actor.id)))),
  publishPosts: (actor: Actor | null) => hasRole(actor, 'editor'),
  uploadMedia: (actor: Actor | null) => hasRole(actor, 'author'),
  manageUsers: (actor: Actor | null) => hasRole(actor, 'admin'),
  manageOrganizations: (actor: Actor | null) => hasRole(actor, 'admin'),
};
