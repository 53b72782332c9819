/**
 * The scopes of a personal access token, written once. `read`: posts, translations, units and
 * memory lookups; `translate`: saving translated units (through saveTarget, with the role it
 * needs). A scope only narrows what a token may do: it never gives more than its user's roles.
 */
export const apiScopes = ['read', 'translate'] as const;
export type ApiScope = (typeof apiScopes)[number];

export function isApiScope(value: string): value is ApiScope {
  return (apiScopes as readonly string[]).includes(value);
}
