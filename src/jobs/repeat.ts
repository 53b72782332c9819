/**
 * Runs `task` now and then every `intervalMs`, never two at once (a slow run makes the next
 * tick skip), reporting failures to `onError`. The timer never keeps the process alive.
 * `stop()` clears the timer and resolves once the run in progress (if any) has finished, so a
 * shutdown can close the database after the last piece of work, not under it.
 */
export function repeatEvery(
  intervalMs: number,
  task: () => Promise<unknown>,
  onError: (error: unknown) => void,
): { stop(): Promise<void> } {
  let current: Promise<void> | undefined;
  let stopped = false;
  const run = async () => {
    try {
      await task();
    } catch (error) {
      onError(error);
    } finally {
      current = undefined;
    }
  };
  const tick = () => {
    if (current || stopped) return;
    current = run();
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await current;
    },
  };
}
