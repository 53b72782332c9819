/** The change feed a read replica needs: every change heard twice, the second time later. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { echoedChangeFeed, inProcessChangeFeed } from '../../src/services/change-feed.js';
import type { PublicChange } from '../../src/services/ports.js';

describe('echoedChangeFeed', () => {
  afterEach(() => vi.useRealTimers());

  it('delivers each change at once and again after the lag, keeping its remote flag', () => {
    vi.useFakeTimers();
    const feed = echoedChangeFeed(inProcessChangeFeed(), 2000);
    const heard: PublicChange[] = [];
    feed.subscribe((change) => heard.push(change));
    feed.publish({ keys: ['post:1'] });
    feed.publish({ keys: ['post:2'], remote: true });
    expect(heard).toEqual([{ keys: ['post:1'] }, { keys: ['post:2'], remote: true }]);
    vi.advanceTimersByTime(1999);
    expect(heard).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(heard.slice(2)).toEqual([{ keys: ['post:1'] }, { keys: ['post:2'], remote: true }]);
  });

  it('stops echoing for a listener that unsubscribed, and cancels what is pending on close', () => {
    vi.useFakeTimers();
    const feed = echoedChangeFeed(inProcessChangeFeed(), 500);
    const kept: string[] = [];
    const dropped: string[] = [];
    feed.subscribe((change) => kept.push(...change.keys));
    const unsubscribe = feed.subscribe((change) => dropped.push(...change.keys));
    unsubscribe();
    feed.publish({ keys: ['a'] });
    feed.close();
    vi.advanceTimersByTime(1000);
    expect(kept).toEqual(['a']);
    expect(dropped).toEqual([]);
  });
});
