/**
 * The background jobs services enqueue, in one list (as Immich keeps its job names): each
 * name with the zod schema of its payload. The job layer (src/jobs) registers exactly one
 * handler per name and refuses to start otherwise; payloads are validated when enqueued and
 * again when run (a stored row may be older than the code reading it).
 */
import { z } from 'zod';
import type { ServiceDeps } from './deps.js';
import type { Store } from './repositories.js';

/** Marks the changed units of a published source revision outdated in every translation. */
export const MARK_OUTDATED_JOB = 'mark-outdated';

export const markOutdatedPayload = z.object({
  postId: z.string().min(1),
  /** The unit revision this job marks against (the published revision's number). */
  revision: z.number().int().positive(),
  /** The units that differ from the previously published units, with their new text. */
  changes: z.array(
    z.object({
      unitId: z.string().min(1),
      change: z.enum(['whitespace', 'changed']),
      text: z.string(),
    }),
  ),
  /** Units whose change the editor flagged as minor ("typo fix: keep translations"). */
  minorUnitIds: z.array(z.string()),
});

/** What a mark-outdated job carries: the changes between two unit revisions of one post. */
export type MarkOutdatedPayload = z.infer<typeof markOutdatedPayload>;

/** E-mails one notification (claimed once: never sent twice; retried when the mailer fails). */
export const SEND_NOTIFICATION_EMAIL_JOB = 'send-notification-email';

export const sendNotificationEmailPayload = z.object({ notificationId: z.string().min(1) });

/**
 * E-mails the digests of every subscriber due (src/services/digest/send-digests.service.ts);
 * enqueued by the digest scheduler once per hour (its dedupe key names the hour).
 */
export const SEND_DIGESTS_JOB = 'send-digests';

export const sendDigestsPayload = z.object({ hour: z.string().min(1).max(40) });

/** Every job name with its payload schema. */
export const jobPayloads = {
  [MARK_OUTDATED_JOB]: markOutdatedPayload,
  [SEND_NOTIFICATION_EMAIL_JOB]: sendNotificationEmailPayload,
  [SEND_DIGESTS_JOB]: sendDigestsPayload,
} as const;

/** The name of a job the services enqueue. */
export type JobName = keyof typeof jobPayloads;

/** The payload of job `N`, as its schema parses it. */
export type JobPayload<N extends JobName> = z.infer<(typeof jobPayloads)[N]>;

/** Every job name, for the start-up check that each has exactly one handler. */
export const jobNames: readonly JobName[] = [
  MARK_OUTDATED_JOB,
  SEND_NOTIFICATION_EMAIL_JOB,
  SEND_DIGESTS_JOB,
];

/**
 * The ordering key of a post's outdated marking: its jobs run in revision order, and the
 * per-key high-water mark records the newest revision whose marking has run.
 */
export function outdatedOrderingKey(postId: string): string {
  return `${MARK_OUTDATED_JOB}:${postId}`;
}

export interface EnqueueOptions {
  /** One job per key: enqueueing it again adds nothing (and returns false). */
  dedupeKey: string;
  /** Jobs of one key run one after another in `sequence` order. */
  ordering?: { key: string; sequence: number };
}

/**
 * Writes a job row in `store` — the caller's transaction, so the job commits (or rolls back)
 * with the change that needs it. Throws if the payload does not match the job's schema (a
 * programming error: it would fail every attempt). Returns false when the dedupe key was
 * already enqueued.
 */
export async function enqueueJob<N extends JobName>(
  deps: Pick<ServiceDeps, 'clock' | 'newId'>,
  store: Store,
  name: N,
  payload: JobPayload<N>,
  options: EnqueueOptions,
): Promise<boolean> {
  const parsed = jobPayloads[name].safeParse(payload);
  if (!parsed.success)
    throw new Error(`job "${name}" payload is invalid: ${z.prettifyError(parsed.error)}`);
  const now = deps.clock.now().toISOString();
  return store.jobs.enqueue({
    id: deps.newId(),
    kind: name,
    payload: JSON.stringify(parsed.data),
    runAfter: now,
    createdAt: now,
    dedupeKey: options.dedupeKey,
    orderingKey: options.ordering?.key ?? null,
    sequence: options.ordering?.sequence ?? null,
  });
}
