/**
 * followSiteChanges: a remote EVERY_PAGE_KEY re-reads the settings, then drops every page
 * again if they changed (or the re-read failed); local changes, other keys and its own re-drop (even echoed later) start nothing;
 * changes during a re-read cause one more, not one each.
 */
import { describe, expect, it } from 'vitest';
import { EVERY_PAGE_KEY, echoedChangeFeed, inProcessChangeFeed } from '../change-feed.js';
import type { PublicChange } from '../ports.js';
import { followSiteChanges } from './follow-site-changes.service.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup(changes = inProcessChangeFeed()) {
  const heard: PublicChange[] = [];
  changes.subscribe((change) => heard.push(change));
  const reloads: Array<() => void> = [];
  const errors: unknown[] = [];
  let fail = false;
  let changed = true;
  const follower = followSiteChanges(
    { changes },
    () =>
      new Promise<boolean>((resolve, reject) => {
        reloads.push(() => (fail ? reject(new Error('database away')) : resolve(changed)));
      }),
    (error) => errors.push(error),
  );
  return {
    changes,
    heard,
    reloads,
    errors,
    follower,
    failNext: () => (fail = true),
    unchanged: () => (changed = false),
    finish: async () => {
      reloads.at(-1)?.();
      await tick();
    },
  };
}

describe('followSiteChanges', () => {
  it('re-reads on a remote change to every page, then drops every page again', async () => {
    const t = setup();
    t.changes.publish({ keys: [EVERY_PAGE_KEY], remote: true });
    expect(t.reloads).toHaveLength(1);
    expect(t.heard).toHaveLength(1);
    await t.finish();
    expect(t.heard).toHaveLength(2);
    expect(t.heard[1]).toEqual({ keys: [EVERY_PAGE_KEY], remote: true });
    await tick();
    expect(t.reloads).toHaveLength(1);
  });

  it('ignores this process’s own changes and remote changes to some pages', async () => {
    const t = setup();
    t.changes.publish({ keys: [EVERY_PAGE_KEY] });
    t.changes.publish({ keys: ['post:1', 'list:all'], remote: true });
    await tick();
    expect(t.reloads).toHaveLength(0);
  });

  it('coalesces the changes that arrive during a re-read into one more', async () => {
    const t = setup();
    for (let i = 0; i < 5; i++) t.changes.publish({ keys: [EVERY_PAGE_KEY], remote: true });
    expect(t.reloads).toHaveLength(1);
    await t.finish();
    expect(t.reloads).toHaveLength(2);
    await t.finish();
    expect(t.reloads).toHaveLength(2);
    expect(t.heard.filter((c) => c.keys.includes(EVERY_PAGE_KEY))).toHaveLength(6);
  });

  it('drops nothing more when the re-read found what was in effect already', async () => {
    const t = setup();
    t.unchanged();
    t.changes.publish({ keys: [EVERY_PAGE_KEY], remote: true });
    await t.finish();
    expect(t.reloads).toHaveLength(1);
    expect(t.heard).toHaveLength(1);
  });

  it('reports a failed re-read and still drops every page', async () => {
    const t = setup();
    t.failNext();
    t.changes.publish({ keys: [EVERY_PAGE_KEY], remote: true });
    await t.finish();
    expect(t.errors).toEqual([new Error('database away')]);
    expect(t.heard).toHaveLength(2);
  });

  it('does not start again on its own re-drop echoed after the replica lag', async () => {
    const echoed = echoedChangeFeed(inProcessChangeFeed(), 5);
    const t = setup(echoed);
    t.changes.publish({ keys: [EVERY_PAGE_KEY], remote: true });
    await t.finish();
    await new Promise((resolve) => setTimeout(resolve, 30));
    // The remote change and its echo: two re-reads; the re-drops and their echoes: none.
    expect(t.reloads).toHaveLength(2);
    await t.finish();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(t.reloads).toHaveLength(2);
    echoed.close();
  });

  it('stops listening on stop', async () => {
    const t = setup();
    await t.follower.stop();
    t.changes.publish({ keys: [EVERY_PAGE_KEY], remote: true });
    expect(t.reloads).toHaveLength(0);
  });
});
