/**
 * The vocabulary of translation digests (issue 10), written once: how often a digest is sent,
 * what may narrow it, when a subscriber is due, and which window of time the "new posts"
 * section of a digest covers. Pure: the subscription and digest services, the repository, the
 * pages and the bench import it.
 */

/** How often the digest is e-mailed; `off` keeps the choices but sends nothing. */
export const DIGEST_FREQUENCIES = ['daily', 'weekly', 'off'] as const;
export type DigestFrequency = (typeof DIGEST_FREQUENCIES)[number];

export function isDigestFrequency(value: string): value is DigestFrequency {
  return (DIGEST_FREQUENCIES as readonly string[]).includes(value);
}

/**
 * What may narrow a digest besides its languages. Within a kind any chosen value matches; a
 * post must match every kind the person chose (organization Kenya and tag "wikidata": the
 * Kenyan posts tagged wikidata).
 */
export const DIGEST_FILTER_KINDS = ['organization', 'tag', 'author'] as const;
export type DigestFilterKind = (typeof DIGEST_FILTER_KINDS)[number];

export function isDigestFilterKind(value: string): value is DigestFilterKind {
  return (DIGEST_FILTER_KINDS as readonly string[]).includes(value);
}

/** At most this many filter values per person (the form's limit, checked by the service). */
export const MAX_DIGEST_FILTERS = 50;

const DAY_MS = 86_400_000;

/** The length of one period of a frequency, in milliseconds (null for `off`). */
export function periodMs(frequency: DigestFrequency): number | null {
  if (frequency === 'daily') return DAY_MS;
  if (frequency === 'weekly') return 7 * DAY_MS;
  return null;
}

/**
 * The latest `last_sent_at` that makes a subscriber of `frequency` due at `now`: daily once a
 * day has passed since the last digest, weekly once seven days have. A subscriber who never got
 * one is due at once. Null for `off` (never due).
 */
export function dueBefore(frequency: DigestFrequency, now: Date): string | null {
  const period = periodMs(frequency);
  return period === null ? null : new Date(now.getTime() - period).toISOString();
}

/** Whether a subscriber of `frequency` last sent at `lastSentAt` is due at `now`. */
export function isDue(frequency: DigestFrequency, lastSentAt: string | null, now: Date): boolean {
  const before = dueBefore(frequency, now);
  if (before === null) return false;
  return lastSentAt === null || lastSentAt <= before;
}

/**
 * Where the "new posts without a translation" section starts: the previous digest (so a post
 * is announced as new once), or one period back for a first digest (or a preview by someone
 * who chose `off`: a week). The other sections are the current state — a translation that is
 * still outdated or still waiting for review is listed again in the next digest, since a
 * digest is a to-do list and the item still asks for work.
 */
export function newPostsSince(
  frequency: DigestFrequency,
  lastSentAt: string | null,
  now: Date,
): string {
  if (lastSentAt !== null) return lastSentAt;
  return new Date(now.getTime() - (periodMs(frequency) ?? 7 * DAY_MS)).toISOString();
}

/**
 * The cache key of everything that lists what needs translating into `language` (its Atom
 * feed): announced when a translation into it is saved or outdated.
 */
export function needsTranslationKey(language: string): string {
  return `needs:${language}`;
}
