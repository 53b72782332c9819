/**
 * The SQLite change relay between workers: a worker's own change reaches its listeners and is
 * sent to the primary; a change from the primary reaches the listeners as remote and is not
 * sent back; anything else on the channel is ignored; close stops listening.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { inProcessChangeFeed } from '../services/change-feed.js';
import type { PublicChange } from '../services/ports.js';
import { isChangeMessage, relayedChangeFeed } from './change-relay.js';
import type { ChangeMessage } from './change-relay.js';

function channel() {
  const emitter = new EventEmitter();
  const sent: ChangeMessage[] = [];
  return {
    sent,
    deliver: (message: unknown) => emitter.emit('message', message),
    listeners: () => emitter.listenerCount('message'),
    on: (event: 'message', listener: (message: unknown) => void) => emitter.on(event, listener),
    off: (event: 'message', listener: (message: unknown) => void) => emitter.off(event, listener),
    send: (message: ChangeMessage) => sent.push(message),
  };
}

describe('relayedChangeFeed', () => {
  it("sends this worker's changes on and hands the others' to its listeners as remote", () => {
    const ipc = channel();
    const feed = relayedChangeFeed(inProcessChangeFeed(), ipc);
    const heard: PublicChange[] = [];
    feed.subscribe((change) => heard.push(change));

    feed.publish({ keys: ['post:1', 'list:all'] });
    expect(heard).toEqual([{ keys: ['post:1', 'list:all'] }]);
    expect(ipc.sent).toEqual([{ type: 'polyphony:change', keys: ['post:1', 'list:all'] }]);

    ipc.deliver({ type: 'polyphony:change', keys: ['post:2'] });
    expect(heard.at(-1)).toEqual({ keys: ['post:2'], remote: true });
    // Received changes are never sent back (no loop, no double delivery).
    expect(ipc.sent).toHaveLength(1);

    // A remote change published here (e.g. the PostgreSQL feed's) is not relayed either.
    feed.publish({ keys: ['post:3'], remote: true });
    expect(ipc.sent).toHaveLength(1);

    for (const junk of [null, 'x', { type: 'polyphony:change' }, { type: 'other', keys: [] }])
      ipc.deliver(junk);
    ipc.deliver({ type: 'polyphony:change', keys: [1] });
    expect(heard).toHaveLength(3);

    feed.close();
    expect(ipc.listeners()).toBe(0);
    ipc.deliver({ type: 'polyphony:change', keys: ['post:4'] });
    expect(heard).toHaveLength(3);
  });

  it('recognises only well-formed change messages', () => {
    expect(isChangeMessage({ type: 'polyphony:change', keys: ['a'] })).toBe(true);
    expect(isChangeMessage({ type: 'polyphony:change', keys: 'a' })).toBe(false);
    expect(isChangeMessage(undefined)).toBe(false);
  });
});
