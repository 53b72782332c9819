/**
 * The vocabulary of notifications, in one list: what can happen to a person that they are told
 * about (in-app, and by e-mail per their preferences), what each notice carries, and which
 * kinds e-mail by default. Services, repositories, views and catalogs import it from here.
 */

/** Every notification kind. The catalog key of each is `notifications.kind.<kind>`. */
export const NOTIFICATION_KINDS = [
  /** A reviewer sent one of my units back (with their comment). */
  'unit_sent_back',
  /** A reviewer approved one of my units. */
  'unit_approved',
  /** A translation I wrote units of was published. */
  'translation_published',
  /** The original of a translation I worked on changed: some of my units are outdated. */
  'translation_outdated',
  /** My post was published. */
  'post_published',
  /** My post was scheduled to be published. */
  'post_scheduled',
  /** My post was sent back to draft by an editor. */
  'post_sent_back',
  /** Someone replied to my comment (called by the comment service). */
  'comment_reply',
  /** Someone commented on my post (called by the comment service). */
  'comment_on_post',
  /** Someone mentioned me (`@username`) in a review comment. */
  'review_mention',
] as const;

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** True for a known kind (stored rows and form fields are checked with it). */
export function isNotificationKind(value: string): value is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

/**
 * Whether a kind e-mails when the person has not chosen: on for what asks something of them or
 * tells them their work went out (sent back, published, outdated, their post, replies and
 * mentions); off for approvals and comments on their posts, which come often and ask nothing.
 */
export const EMAIL_BY_DEFAULT: Readonly<Record<NotificationKind, boolean>> = {
  unit_sent_back: true,
  unit_approved: false,
  translation_published: true,
  translation_outdated: true,
  post_published: true,
  post_scheduled: true,
  post_sent_back: true,
  comment_reply: true,
  comment_on_post: false,
  review_mention: true,
};

/**
 * What a notice needs to be worded, in any language, long after the event: plain values
 * copied at the time (a post retitled later keeps the title it had). Every field is optional;
 * each kind's message uses its own.
 */
export interface NotificationParams {
  /** The post's title (in the language the notice is about, when it has one). */
  postTitle?: string;
  /** BCP 47 tag of the translation concerned. */
  language?: string;
  /** The unit concerned (sent back, approved, mentioned on). */
  unitId?: string;
  /** The reviewer's or commenter's words, cut to COMMENT_LIMIT characters. */
  comment?: string;
  /** Display name of whoever acted. */
  actorName?: string;
  /** ISO instant a post is scheduled for. */
  scheduledAt?: string;
  /** How many units (outdated, approved) the notice stands for. */
  count?: number;
}

/** The longest comment a notice keeps (the rest is cut with an ellipsis). */
export const COMMENT_LIMIT = 500;

/** `text` cut to `limit` code points, with an ellipsis when it was longer. */
export function clipText(text: string, limit = COMMENT_LIMIT): string {
  const points = Array.from(text.trim());
  return points.length <= limit ? points.join('') : `${points.slice(0, limit - 1).join('')}…`;
}

/**
 * Where a notice's e-mail stands: `none` (not e-mailed), `pending` (a job will send it),
 * `sending` (claimed by one runner), `sent`, `failed` (attempts used up).
 */
export const EMAIL_STATES = ['none', 'pending', 'sending', 'sent', 'failed'] as const;
export type EmailState = (typeof EMAIL_STATES)[number];

/** What a person can opt out of by a one-click link: notification e-mails, or digests. */
export const OPT_OUT_SCOPES = ['notifications', 'digest'] as const;
export type OptOutScopeName = (typeof OPT_OUT_SCOPES)[number];

/**
 * The user names mentioned in `text` (`@name`, letters, digits, `_`, `-` and `.` of any script,
 * not inside an e-mail address), each once, in order, at most `limit`.
 */
export function mentionedUsernames(text: string, limit = 10): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/(^|[^\p{L}\p{N}_.@-])@([\p{L}\p{M}\p{N}_.-]{1,64})/gu)) {
    const name = (match[2] ?? '').replace(/[.-]+$/u, '');
    if (name !== '' && !found.includes(name)) found.push(name);
    if (found.length >= limit) break;
  }
  return found;
}
