/** Publishes scheduled posts when their time comes (checked every 30 seconds and at start). */
import type { ServiceDeps } from '../services/deps.js';
import { publishDuePosts } from '../services/posts/workflow.service.js';
import { repeatEvery } from './repeat.js';

export function startScheduler(
  deps: ServiceDeps,
  onError: (error: unknown) => void,
  intervalMs = 30_000,
): { stop(): Promise<void> } {
  return repeatEvery(intervalMs, () => publishDuePosts(deps), onError);
}
