/**
 * How many comments one account and one network address may post, as plain values (site
 * settings may carry others: `Settings.commentLimits`). Counted in the database's
 * `rate_counters` (fixed windows, one atomic upsert per attempt, counted before it is checked),
 * so they hold across restarts and instances — see create-comment.service.ts.
 */
import type { Limit } from '../auth/limits.js';

export interface CommentLimits {
  /** Comments (and attempts) per account. */
  perAccount: Limit;
  /** Comments (and attempts) per client address (IPv6 per /64), whoever is signed in. */
  perAddress: Limit;
}

/** Ten comments per account and thirty per address in ten minutes: a conversation, not a flood. */
export const DEFAULT_COMMENT_LIMITS: CommentLimits = {
  perAccount: { max: 10, windowSeconds: 10 * 60 },
  perAddress: { max: 30, windowSeconds: 10 * 60 },
};
