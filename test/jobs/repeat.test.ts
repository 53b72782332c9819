/** repeatEvery's stop waits for the run in progress, so a shutdown closes nothing under it. */
import { describe, expect, it } from 'vitest';
import { repeatEvery } from '../../src/jobs/repeat.js';

describe('repeatEvery', () => {
  it('stop() resolves once the run in progress has finished, and no run starts after it', async () => {
    const events: string[] = [];
    let release: () => void = () => undefined;
    const loop = repeatEvery(
      5,
      async () => {
        events.push('start');
        await new Promise<void>((resolve) => (release = resolve));
        events.push('end');
      },
      (error) => events.push(`error ${String(error)}`),
    );
    await new Promise((resolve) => setTimeout(resolve, 30));
    // Ticks while the first run is busy are skipped: one run so far.
    expect(events).toEqual(['start']);
    const stopped = loop.stop().then(() => events.push('stopped'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(events).toEqual(['start']);
    release();
    await stopped;
    expect(events).toEqual(['start', 'end', 'stopped']);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(events).toEqual(['start', 'end', 'stopped']);
    // A second stop has nothing to wait for.
    await loop.stop();
  });
});
