/**
 * The audit log: administrative actions are recorded in the same transaction as the change
 * they describe (so a rolled-back change leaves no entry and a committed one always has one),
 * and administrators read it newest first, a page at a time.
 */
import { ForbiddenError } from '../../domain/errors.js';
import { can } from '../../domain/roles.js';
import type { Actor } from '../../domain/roles.js';
import type { ServiceDeps } from '../deps.js';
import type { AuditEntryRecord, Store } from '../repositories.js';

export interface AuditAction {
  /** What was done: `<kind>.<verb>`, e.g. `user.roles`, `language.add`, `settings.update`. */
  action: string;
  subject: { kind: string; id: string; label: string };
  /** What changed (before/after values, reasons); no secrets. */
  details?: Record<string, unknown>;
}

/** Records one action by `actor`; call it inside the transaction that makes the change. */
export async function recordAudit(
  deps: Pick<ServiceDeps, 'clock' | 'newId'>,
  store: Store,
  actor: Actor,
  entry: AuditAction,
): Promise<void> {
  const user = await store.users.findById(actor.id);
  await store.audit.insert({
    id: deps.newId(),
    at: deps.clock.now().toISOString(),
    actorId: actor.id,
    actorName: user ? user.username : actor.id,
    action: entry.action,
    subject: entry.subject,
    details: entry.details ?? {},
  });
}

export const AUDIT_PAGE_SIZE = 50;

/** A page of the log for administrators; `before` is the cursor of the previous page's last row. */
export async function listAuditLog(
  deps: ServiceDeps,
  actor: Actor,
  query: { before?: string | undefined; action?: string | undefined } = {},
): Promise<{ entries: AuditEntryRecord[]; next: string | null }> {
  if (!can.manageUsers(actor))
    throw new ForbiddenError('Only administrators can read the audit log');
  const before = parseCursor(query.before);
  const action =
    query.action && /^[a-z_]+(\.[a-z_]*)?$/.test(query.action) ? query.action : undefined;
  const rows = await deps.store.audit.list({
    limit: AUDIT_PAGE_SIZE + 1,
    before,
    actionPrefix: action,
  });
  const entries = rows.slice(0, AUDIT_PAGE_SIZE);
  const last = entries.at(-1);
  return {
    entries,
    next: rows.length > AUDIT_PAGE_SIZE && last ? `${last.at}~${last.id}` : null,
  };
}

function parseCursor(value: string | undefined): { at: string; id: string } | undefined {
  if (!value || value.length > 200) return undefined;
  const at = value.indexOf('~');
  if (at < 1) return undefined;
  return { at: value.slice(0, at), id: value.slice(at + 1) };
}
