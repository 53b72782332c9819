/**
 * Single sign-on vocabulary and rules without I/O: provider kinds, the roles a provider may give
 * new accounts, the MediaWiki OAuth 2 preset, which endpoint URLs are acceptable, and how a
 * provider's user name becomes a Polyphony user name.
 *
 * User names from a provider are kept exactly when they are valid Polyphony names (any script:
 * "Милица" and "مريم" stay as they are, never transliterated, percent-encoded or re-normalized
 * beyond NFC). A name that is not valid (MediaWiki names have spaces: "Jane Doe") is derived:
 * spaces become underscores (MediaWiki's own equivalence), other characters a user name may not
 * hold are dropped. When the name, or a look-alike of it, already belongs to someone else, the
 * new account is never merged with theirs: it gets the first free name of `Name-2`, `Name-3`…
 * (the display name stays the provider's name exactly, and the person is told).
 */
import { usernameProblems } from './user.js';

export const providerKinds = ['oidc', 'oauth2'] as const;
export type ProviderKind = (typeof providerKinds)[number];

export function isProviderKind(value: string): value is ProviderKind {
  return (providerKinds as readonly string[]).includes(value);
}

/** Roles a provider may give new accounts (never reviewer, editor or admin: those are granted). */
export const newUserRoles = ['reader', 'translator', 'author'] as const;
export type NewUserRole = (typeof newUserRoles)[number];

export function isNewUserRole(value: string): value is NewUserRole {
  return (newUserRoles as readonly string[]).includes(value);
}

/** Why a started sign-in is kept: to sign in (or create an account), or to link to the signed-in one. */
export type SignInIntent = 'sign_in' | 'link';

/** The endpoints and profile fields of MediaWiki's OAuth 2 (Extension:OAuth) under a wiki's rest.php. */
export interface MediaWikiPreset {
  authorizationEndpoint: string;
  tokenEndpoint: string;
  profileEndpoint: string;
  subjectField: 'sub';
  usernameField: 'username';
  scopes: string;
}

/**
 * The MediaWiki preset from a wiki's REST base (`https://meta.wikimedia.org/w/rest.php`, with or
 * without a trailing slash; a bare wiki origin gets `/w/rest.php`). Null when not an URL.
 */
export function mediaWikiPreset(restBase: string): MediaWikiPreset | null {
  let url: URL;
  try {
    url = new URL(restBase.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  let path = url.pathname.replace(/\/+$/, '');
  if (path === '') path = '/w/rest.php';
  const base = `${url.origin}${path}`;
  return {
    authorizationEndpoint: `${base}/oauth2/authorize`,
    tokenEndpoint: `${base}/oauth2/access_token`,
    profileEndpoint: `${base}/oauth2/resource/profile`,
    subjectField: 'sub',
    usernameField: 'username',
    scopes: '',
  };
}

/** Host names that are this machine (http:// is accepted only there). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Why an endpoint URL is refused, or null: it must be https, or http on this machine only (a
 * provider run beside the site, as in tests). Tokens and secrets never cross a network in clear.
 */
export function endpointProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'Must be an absolute URL (https://…)';
  }
  if (url.username !== '' || url.password !== '') return 'Must not carry a user name or password';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return null;
  return 'Must be an https:// URL (http:// only on this machine)';
}

const MAX_USERNAME = 40;

/**
 * A valid user name built from a provider's name: the name itself (NFC) when valid; otherwise
 * spaces to underscores, characters a name may not hold dropped, cut to 40 characters; `user`
 * when nothing is left. Always passes `usernameProblems`.
 */
export function usernameFromProvider(providerName: string): string {
  const name = providerName.normalize('NFC').trim();
  if (usernameProblems(name).length === 0) return name;
  let derived = [...name.replace(/\s+/gu, '_')]
    .filter((c) => /[\p{L}\p{M}\p{N}._-]/u.test(c))
    .join('')
    .replace(/^[._-]+/u, '');
  derived = [...derived].slice(0, MAX_USERNAME).join('');
  return usernameProblems(derived).length === 0 ? derived : 'user';
}

/** The n-th alternative (n ≥ 2) of a taken name: `Name-2`, cut so it stays within 40 characters. */
export function alternativeUsername(base: string, n: number): string {
  const suffix = `-${n}`;
  const head = [...base].slice(0, MAX_USERNAME - suffix.length).join('');
  return `${head}${suffix}`;
}

/**
 * The e-mail column of an account that has no address (a provider gave none, an unverified one,
 * or one another account holds). Unique per account; the reserved `.invalid` domain (RFC 2606)
 * so nothing is ever delivered there.
 */
export function noEmailAddress(userId: string): string {
  return `${userId.toLowerCase()}@no-email.invalid`;
}

/** Whether an account's e-mail column holds a real address (not `noEmailAddress`). */
export function hasEmailAddress(email: string): boolean {
  return !email.endsWith('@no-email.invalid');
}

/** Scopes as typed (spaces or commas) → the list sent to the provider; each 1–100 visible ASCII. */
export function parseScopes(text: string): string[] | null {
  const scopes = text
    .split(/[\s,]+/u)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (scopes.length > 30) return null;
  return scopes.every((s) => /^[\x21\x23-\x5b\x5d-\x7e]{1,100}$/.test(s))
    ? [...new Set(scopes)]
    : null;
}
