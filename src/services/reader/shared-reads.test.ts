/**
 * untilChanged: a value is read once and kept per store until a change names one of its keys
 * or every page; other keys keep it; a change during the read makes the next call read again;
 * concurrent calls share one read; a failed read is not kept.
 */
import { describe, expect, it } from 'vitest';
import { EVERY_PAGE_KEY, inProcessChangeFeed } from '../change-feed.js';
import type { ServiceDeps } from '../deps.js';
import { untilChanged } from './shared-reads.js';

const store = () => ({}) as ServiceDeps['store'];

function counter() {
  let reads = 0;
  return {
    read: () => Promise.resolve(++reads),
    get reads() {
      return reads;
    },
  };
}

describe('untilChanged', () => {
  it('keeps a value until a change names its key or every page', async () => {
    const deps = { changes: inProcessChangeFeed(), store: store() };
    const c = counter();
    const get = () => untilChanged(deps, 'months', ['list:all'], c.read);
    expect(await get()).toBe(1);
    expect(await get()).toBe(1);
    deps.changes.publish({ keys: ['post:1', 'list:tag:x'] });
    expect(await get()).toBe(1);
    deps.changes.publish({ keys: ['post:1', 'list:all'], remote: true });
    expect(await get()).toBe(2);
    expect(await get()).toBe(2);
    deps.changes.publish({ keys: [EVERY_PAGE_KEY] });
    expect(await get()).toBe(3);
    expect(c.reads).toBe(3);
  });

  it('keeps values apart by name and by store', async () => {
    const changes = inProcessChangeFeed();
    const primary = { changes, store: store() };
    const replica = { changes, store: store() };
    const c = counter();
    expect(await untilChanged(primary, 'count:a', ['list:all'], c.read)).toBe(1);
    expect(await untilChanged(primary, 'count:b', ['list:all'], c.read)).toBe(2);
    expect(await untilChanged(replica, 'count:a', ['list:all'], c.read)).toBe(3);
    expect(await untilChanged(primary, 'count:a', ['list:all'], c.read)).toBe(1);
    changes.publish({ keys: ['list:all'] });
    expect(await untilChanged(replica, 'count:a', ['list:all'], c.read)).toBe(4);
  });

  it('reads again after a change that came while the read was in flight', async () => {
    const deps = { changes: inProcessChangeFeed(), store: store() };
    let finish: (value: string) => void = () => undefined;
    const slow = untilChanged(
      deps,
      'nav:en',
      ['list:pages'],
      () => new Promise<string>((resolve) => (finish = resolve)),
    );
    // A concurrent miss shares the read in flight.
    const shared = untilChanged(deps, 'nav:en', ['list:pages'], () => Promise.resolve('second'));
    deps.changes.publish({ keys: ['list:pages'] });
    finish('before the change');
    expect(await slow).toBe('before the change');
    expect(await shared).toBe('before the change');
    expect(await untilChanged(deps, 'nav:en', ['list:pages'], () => Promise.resolve('after'))).toBe(
      'after',
    );
  });

  it('does not keep a failed read', async () => {
    const deps = { changes: inProcessChangeFeed(), store: store() };
    await expect(
      untilChanged(deps, 'months', ['list:all'], () => Promise.reject(new Error('away'))),
    ).rejects.toThrow('away');
    expect(await untilChanged(deps, 'months', ['list:all'], () => Promise.resolve(7))).toBe(7);
  });
});
