/**
 * Why a comment was refused, as a stable reason the web edge says in the reader's language
 * (`comments.error.<reason>`); the message here is the English one services and logs use.
 */
import { DomainError } from '../../domain/errors.js';
import type { ErrorCode } from '../../domain/errors.js';

export type CommentRefusal =
  'closed' | 'notOpen' | 'parentMissing' | 'editWindow' | 'deleted' | 'rateAccount' | 'rateAddress';

const codes: Record<CommentRefusal, ErrorCode> = {
  closed: 'validation_failed',
  notOpen: 'not_found',
  parentMissing: 'validation_failed',
  editWindow: 'forbidden',
  deleted: 'conflict',
  rateAccount: 'rate_limited',
  rateAddress: 'rate_limited',
};

const fields: Partial<Record<CommentRefusal, string>> = {
  closed: 'body',
  parentMissing: 'parentId',
};

/** A comment refused for `reason`; rate limits carry when to try again. */
export class CommentRefusedError extends DomainError {
  constructor(
    readonly reason: CommentRefusal,
    message: string,
    readonly retryAfterSeconds: number | null = null,
  ) {
    const field = fields[reason];
    super(codes[reason], message, field ? [{ field, message }] : []);
    this.name = 'CommentRefusedError';
  }
}
