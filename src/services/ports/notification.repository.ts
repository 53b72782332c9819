/**
 * Notifications (0024) as services see them: the notices of each person, their e-mail state
 * (claimed once, so two runners never send one twice), people's e-mail preferences per kind,
 * one-click opt-outs, the site's generated secrets and people's interface language.
 */

export interface NotificationRecord {
  id: string;
  userId: string;
  kind: string;
  /** Parsed JSON object (see domain NotificationParams); `{}` when the stored text is not one. */
  params: Record<string, unknown>;
  link: string;
  createdAt: string;
  readAt: string | null;
  emailState: string;
  emailAttempts: number;
}

export interface NewNotification {
  id: string;
  userId: string;
  kind: string;
  params: Record<string, unknown>;
  link: string;
  createdAt: string;
  /** `pending` when an e-mail job is enqueued with it, else `none`. */
  emailState: 'none' | 'pending';
}

export interface NotificationRepository {
  insert(notification: NewNotification): Promise<void>;
  findById(id: string): Promise<NotificationRecord | null>;
  /** A person's notices, newest first (then by id), `limit` from `offset`. */
  listForUser(userId: string, offset: number, limit: number): Promise<NotificationRecord[]>;
  countUnread(userId: string): Promise<number>;
  /** Marks one of the person's notices read at `at` (kept if already read); false when not theirs. */
  markRead(userId: string, id: string, at: string): Promise<boolean>;
  /** Marks every unread notice of the person read; returns how many. */
  markAllRead(userId: string, at: string): Promise<number>;
  /**
   * Claims a notice's e-mail for sending with one conditional update (pending → sending,
   * attempts + 1); of several runners exactly one gets true.
   */
  claimEmail(id: string): Promise<boolean>;
  /** Moves a claimed (sending) e-mail to `state`; false when it was not sending. */
  settleEmail(id: string, state: 'none' | 'pending' | 'sent' | 'failed'): Promise<boolean>;
  /** The person's e-mail choices by kind (kinds without a row: absent). */
  emailPreferences(userId: string): Promise<Map<string, boolean>>;
  /** Inserts or replaces the person's e-mail choice for `kind`. */
  setEmailPreference(userId: string, kind: string, email: boolean): Promise<void>;
  isOptedOut(userId: string, scope: string): Promise<boolean>;
  /** Records the opt-out unless it exists; true when added. */
  addOptOut(userId: string, scope: string, at: string): Promise<boolean>;
  /** Removes the opt-out; true when there was one. */
  removeOptOut(userId: string, scope: string): Promise<boolean>;
  /** A site secret by name; null until generated. */
  secret(name: string): Promise<string | null>;
  /** Stores the secret unless one of that name exists (a race keeps the first). */
  insertSecret(name: string, value: string, at: string): Promise<void>;
  /** The person's interface language (null: not chosen, or no such person). */
  interfaceLanguage(userId: string): Promise<string | null>;
  setInterfaceLanguage(userId: string, language: string | null): Promise<void>;
}
