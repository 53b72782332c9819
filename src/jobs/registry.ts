/**
 * Job handlers, as in Immich: every job name the services enqueue (src/services/jobs.ts) has
 * exactly one handler, checked when the registry is built (at start-up): a name without a
 * handler, a name registered twice or a handler for an unknown name is refused. A handler
 * receives its payload validated by the job's schema.
 */
import { z } from 'zod';
import type { ServiceDeps } from '../services/deps.js';
import {
  jobNames,
  jobPayloads,
  MARK_OUTDATED_JOB,
  SEND_NOTIFICATION_EMAIL_JOB,
} from '../services/jobs.js';
import type { JobName, JobPayload } from '../services/jobs.js';
import { markOutdated } from '../services/translation/mark-outdated.service.js';
import { runNotificationEmail } from './notification-mail.js';
import { SEND_DIGESTS_JOB } from '../services/jobs.js';
import { sendDueDigests } from '../services/digest/send-digests.service.js';
import { composeDigestMail } from './digest-mail.js';

/** Thrown for a job that can never succeed (bad payload, no handler): it is parked at once. */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentJobError';
  }
}

/** One registered handler: validates the stored payload, then runs. */
export interface JobHandler {
  name: JobName;
  run(deps: ServiceDeps, payload: unknown): Promise<unknown>;
}

/** Binds `run` to job `name`, validating the payload with the job's schema first. */
export function defineHandler<N extends JobName>(
  name: N,
  run: (deps: ServiceDeps, payload: JobPayload<N>) => Promise<unknown>,
): JobHandler {
  // Indexed through a mapped type, the schema of N stays N's (not the union of every job's).
  const schemas: { readonly [K in JobName]: z.ZodType<JobPayload<K>> } = jobPayloads;
  const schema = schemas[name];
  return {
    name,
    run: (deps, payload) => {
      const parsed = schema.safeParse(payload);
      if (!parsed.success)
        throw new PermanentJobError(
          `job "${name}" has an invalid payload: ${z.prettifyError(parsed.error)}`,
        );
      return run(deps, parsed.data);
    },
  };
}

/** The handlers by job name; built only through createJobRegistry. */
export type JobRegistry = ReadonlyMap<string, JobHandler>;

/**
 * Builds the registry; throws naming the problem when a job name has no handler, two
 * handlers, or a handler is registered for a name no service enqueues.
 */
export function createJobRegistry(
  handlers: readonly JobHandler[],
  names: readonly string[] = jobNames,
): JobRegistry {
  const registry = new Map<string, JobHandler>();
  for (const handler of handlers) {
    if (registry.has(handler.name))
      throw new Error(`job "${handler.name}" has more than one handler`);
    if (!names.includes(handler.name))
      throw new Error(`a handler is registered for "${handler.name}", which is not a job name`);
    registry.set(handler.name, handler);
  }
  const missing = names.filter((name) => !registry.has(name));
  if (missing.length > 0) throw new Error(`no handler for job ${missing.join(', ')}`);
  return registry;
}

/** The application's handlers, one per job name. */
export const jobHandlers: readonly JobHandler[] = [
  defineHandler(MARK_OUTDATED_JOB, markOutdated),
  defineHandler(SEND_NOTIFICATION_EMAIL_JOB, runNotificationEmail),
  defineHandler(SEND_DIGESTS_JOB, (deps) => sendDueDigests(deps, composeDigestMail)),
];

let defaultRegistry: JobRegistry | undefined;

/** The registry of `jobHandlers`, checked once (at the first call: start-up). */
export function jobRegistry(): JobRegistry {
  defaultRegistry ??= createJobRegistry(jobHandlers);
  return defaultRegistry;
}
