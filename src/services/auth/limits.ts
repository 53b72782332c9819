/**
 * The per-account limits and their defaults, as plain values (site settings carry them; see
 * account-limits.ts for how they are counted).
 */

/** At most `max` counted attempts per window of `windowSeconds`. */
export interface Limit {
  max: number;
  windowSeconds: number;
}

/** What is limited per account or per e-mail address, whatever the client's network address. */
export interface AccountLimits {
  /** Failed sign-ins against one account (by user name or e-mail alike). */
  signInFailures: Limit;
  /** Reset e-mails asked for one e-mail address (counted whether or not an account has it). */
  passwordResetRequests: Limit;
  /** Sign-up attempts with one e-mail address. */
  signUpsPerEmail: Limit;
}

/**
 * Ten wrong passwords per account per 15 minutes (a small number of attempts, then a pause
 * rather than a permanent lock, as OWASP advises); three reset e-mails per address per hour;
 * five sign-up attempts per e-mail address per hour.
 */
export const DEFAULT_ACCOUNT_LIMITS: AccountLimits = {
  signInFailures: { max: 10, windowSeconds: 15 * 60 },
  passwordResetRequests: { max: 3, windowSeconds: 60 * 60 },
  signUpsPerEmail: { max: 5, windowSeconds: 60 * 60 },
};
