/**
 * The `send-digests` job: e-mails every subscriber who is due (daily: a day since the last
 * digest; weekly: seven days; never sent: at once) their digest, in their interface language
 * (else the site default), with one-click unsubscribe (RFC 8058 headers and a link).
 *
 * Never twice: each subscriber is claimed with a compare-and-set of `last_sent_at` (from the
 * value read to now) before their digest is built, so of two runners — two instances, or a
 * job run twice — only one sends. An empty digest is not sent (the claim stays: the window
 * moves on, nothing was missed). Someone who unsubscribed by link is claimed and skipped. A
 * mailer failure gives the claim back (`release`), so the next run tries again.
 *
 * The per-language reads happen once per run (`DigestSource`), whatever the number of people.
 */
import { dueBefore, newPostsSince } from '../../domain/digest.js';
import type { ServiceDeps } from '../deps.js';
import { isOptedOut, unsubscribeHeaders, unsubscribeUrl } from '../notifications/unsubscribe.js';
import type { DueSubscriber } from '../repositories.js';
import { buildDigests, DigestSource, recipientsOf } from './build-digest.service.js';
import type { Digest } from './build-digest.service.js';

/** What the wording of a digest e-mail needs. */
export interface DigestMailInput {
  digest: Digest;
  /** The language to write in. */
  language: string;
  recipientName: string;
  siteName: string;
  /** The site's absolute base URL (links in the digest are paths under it). */
  baseUrl: string;
  /** Absolute one-click unsubscribe URL (a credential: never log it). */
  unsubscribeUrl: string;
  /** Absolute URL of the subscription page. */
  settingsUrl: string;
}

/** Words a digest e-mail (implemented with the interface catalogs, in src/jobs). */
export type DigestMailComposer = (input: DigestMailInput) => { subject: string; text: string };

export interface DigestRunReport {
  sent: number;
  /** Claimed, nothing to say: no mail. */
  empty: number;
  /** Claimed, unsubscribed by link: no mail. */
  optedOut: number;
  /** Another runner claimed them first. */
  lost: number;
  /** The mailer refused; the claim was given back. */
  failed: number;
}

/** Subscribers claimed and built together. */
const PAGE = 200;

/** Runs one pass over everyone due now. Returns what happened (the job's result). */
export async function sendDueDigests(
  deps: ServiceDeps,
  compose: DigestMailComposer,
): Promise<DigestRunReport> {
  const report: DigestRunReport = { sent: 0, empty: 0, optedOut: 0, lost: 0, failed: 0 };
  const now = deps.clock.now();
  const stamp = now.toISOString();
  const dailyBefore = dueBefore('daily', now) ?? stamp;
  const weeklyBefore = dueBefore('weekly', now) ?? stamp;
  // Every missing post is read once per run (windows differ per person; each picks its own).
  const source = new DigestSource(deps, null);
  let after: string | undefined;
  for (;;) {
    const due = await deps.store.digests.dueSubscribers({
      dailyBefore,
      weeklyBefore,
      limit: PAGE,
      ...(after === undefined ? {} : { afterUserId: after }),
    });
    if (due.length === 0) break;
    after = due[due.length - 1]?.userId;
    const claimed: DueSubscriber[] = [];
    for (const subscriber of due) {
      if (
        await deps.store.digests.claim(
          subscriber.userId,
          subscriber.frequency,
          subscriber.lastSentAt,
          stamp,
        )
      )
        claimed.push(subscriber);
      else report.lost++;
    }
    await sendClaimed(deps, compose, claimed, now, source, report);
    if (due.length < PAGE) break;
  }
  return report;
}

async function sendClaimed(
  deps: ServiceDeps,
  compose: DigestMailComposer,
  claimed: readonly DueSubscriber[],
  now: Date,
  source: DigestSource,
  report: DigestRunReport,
): Promise<void> {
  if (claimed.length === 0) return;
  const users = new Map(
    (await deps.store.users.listByIds(claimed.map((s) => s.userId))).map((u) => [u.id, u]),
  );
  const people = claimed.flatMap((s) => {
    const user = users.get(s.userId);
    return user
      ? [
          {
            actor: { id: user.id, roles: user.roles },
            since: newPostsSince(s.frequency, s.lastSentAt, now),
          },
        ]
      : [];
  });
  const digests = await buildDigests(deps, await recipientsOf(deps, people), source);
  const stamp = now.toISOString();
  for (const digest of digests) {
    const user = users.get(digest.userId);
    const subscriber = claimed.find((s) => s.userId === digest.userId);
    if (!user || !subscriber) continue;
    if (digest.itemCount === 0 || user.email === '') {
      report.empty++;
      continue;
    }
    if (await isOptedOut(deps.store, user.id, 'digest')) {
      report.optedOut++;
      continue;
    }
    try {
      const base = deps.settings.publicUrl.replace(/\/+$/, '');
      const mail = compose({
        digest,
        language: subscriber.interfaceLanguage ?? deps.settings.defaultLanguage,
        recipientName: user.displayName,
        siteName: deps.settings.siteName,
        baseUrl: base,
        unsubscribeUrl: await unsubscribeUrl(deps, user.id, 'digest'),
        settingsUrl: `${base}/translate/subscriptions`,
      });
      await deps.mailer.send({
        to: user.email,
        subject: mail.subject,
        text: mail.text,
        headers: await unsubscribeHeaders(deps, user.id, 'digest'),
      });
      report.sent++;
    } catch {
      // The error may quote the message (its links are credentials): it is not passed on.
      await deps.store.digests.release(user.id, stamp, subscriber.lastSentAt);
      report.failed++;
    }
  }
}
