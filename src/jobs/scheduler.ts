/** Publishes scheduled posts when their time comes (checked every 30 seconds and at start). */
import type { ServiceDeps } from '../services/deps.js';
import { publishDuePosts } from '../services/posts/workflow.service.js';

export function startScheduler(
  deps: ServiceDeps,
  onError: (error: unknown) => void,
  intervalMs = 30_000,
): { stop(): void } {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await publishDuePosts(deps);
    } catch (error) {
      onError(error);
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
