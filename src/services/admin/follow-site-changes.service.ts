/**
 * Site-wide changes another process made: the site's settings, its languages, an approved
 * interface text. The process that made the change applies it to its own `deps.settings` (and
 * interface catalog) and announces EVERY_PAGE_KEY; every other process — another worker
 * (WORKERS > 1) or another instance on the same database — hears that as a `remote` change and
 * re-reads them here, so its readers do not keep seeing the old site name or languages.
 *
 * A page rendered between the remote change and the end of the re-read still shows the old
 * settings, so when the re-read changed anything every page is dropped again, locally (a
 * `remote` change is not sent on). Most remote EVERY_PAGE_KEY changes are not settings (a
 * reviewed content text, an imported post, a reconnected feed): they change nothing here, and
 * the pages, dropped once already, are not dropped twice. Re-reads are coalesced: changes arriving while one runs cause one more, not one
 * each (an import publishing post after post). The re-drop is recognised by identity and
 * never starts another re-read (the echo of a read replica's lag delivers it again, later).
 */
import { EVERY_PAGE_KEY } from '../change-feed.js';
import type { ServiceDeps } from '../deps.js';
import type { PublicChange } from '../ports.js';

export interface SiteChangeFollower {
  /** Stops listening; resolves once a re-read in progress has finished. */
  stop(): Promise<void>;
}

export function followSiteChanges(
  deps: Pick<ServiceDeps, 'changes'>,
  /** Re-reads the settings and texts; true when anything differs from what was in effect. */
  reload: () => Promise<boolean>,
  onError: (error: unknown) => void,
): SiteChangeFollower {
  const ours = new WeakSet<PublicChange>();
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  const run = async () => {
    let changed = false;
    do {
      again = false;
      try {
        if (await reload()) changed = true;
      } catch (error) {
        // Unknown: the settings may have changed; drop the pages to be safe.
        changed = true;
        onError(error);
      }
    } while (again && !stopped);
    if (stopped || !changed) return;
    const redrop: PublicChange = { keys: [EVERY_PAGE_KEY], remote: true };
    ours.add(redrop);
    deps.changes.publish(redrop);
  };

  const unsubscribe = deps.changes.subscribe((change) => {
    if (stopped || !change.remote || ours.has(change) || !change.keys.includes(EVERY_PAGE_KEY))
      return;
    if (running) {
      again = true;
      return;
    }
    running = run().finally(() => (running = undefined));
  });

  return {
    async stop() {
      stopped = true;
      unsubscribe();
      await running;
    },
  };
}
