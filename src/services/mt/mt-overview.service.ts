/**
 * What the administrator's machine-translation page shows: each configured engine (where it
 * runs, ready, paused or unreachable) and every language pair of the site that some engine
 * offers or that is enabled, with the engines that can serve it and the one enabled.
 */
import { ForbiddenError } from '../../domain/errors.js';
import { hasRole } from '../../domain/roles.js';
import type { Actor } from '../../domain/roles.js';
import type { ServiceDeps } from '../deps.js';
import { MtEngineError } from '../ports/mt.js';
import type { MtProvider } from '../ports/mt.js';

/** One configured engine. */
export interface MtEngineView {
  name: string;
  label: string;
  origin: string;
  state: 'ready' | 'paused' | 'unreachable';
  /** When paused: until when (ISO 8601). */
  until?: string;
  /** When paused or unreachable: what went wrong. */
  detail?: string;
}

/** One language pair (source → target). */
export interface MtPairView {
  sourceLanguage: string;
  targetLanguage: string;
  /** The engine enabled for the pair, or null (off). */
  enabled: string | null;
  /** Configured engines that offer the pair. */
  offeredBy: string[];
}

export interface MtOverview {
  engines: MtEngineView[];
  pairs: MtPairView[];
}

/** Which of the site's ordered pairs `provider` offers; throws MtEngineError if it cannot say. */
async function offered(
  provider: MtProvider,
  pairs: readonly [string, string][],
  signal: AbortSignal,
): Promise<Set<string>> {
  const found = new Set<string>();
  for (const [from, to] of pairs)
    if (await provider.supports(from, to, signal)) found.add(`${from}|${to}`);
  return found;
}

/**
 * The page's data. Asks each engine that is not paused for its pairs (an engine that does not
 * answer counts as a failure for its circuit breaker).
 * @throws ForbiddenError unless the actor is an administrator.
 */
export async function mtOverview(deps: ServiceDeps, actor: Actor): Promise<MtOverview> {
  if (!hasRole(actor, 'admin'))
    throw new ForbiddenError('Only administrators can manage machine translation');
  const languages = deps.settings.languages;
  const sitePairs = languages.flatMap((from) =>
    languages.filter((to) => to !== from).map((to): [string, string] => [from, to]),
  );
  const enabled = await deps.store.mt.listPairs();
  const engines: MtEngineView[] = [];
  const offers = new Map<string, Set<string>>();
  for (const provider of deps.mt.providers()) {
    const view = { name: provider.name, label: provider.label, origin: provider.origin };
    const breaker = deps.mt.breaker.state(provider.name, deps.clock.now());
    if (breaker.state === 'open') {
      engines.push({
        ...view,
        state: 'paused',
        until: breaker.until.toISOString(),
        detail: breaker.detail,
      });
      continue;
    }
    try {
      offers.set(
        provider.name,
        await offered(provider, sitePairs, AbortSignal.timeout(deps.mt.limits.timeoutMs)),
      );
      deps.mt.breaker.succeeded(provider.name);
      engines.push({ ...view, state: 'ready' });
    } catch (error) {
      if (!(error instanceof MtEngineError)) throw error;
      deps.mt.breaker.failed(provider.name, error.failure, error.detail, deps.clock.now());
      engines.push({ ...view, state: 'unreachable', detail: error.detail });
    }
  }
  const enabledByKey = new Map(enabled.map((p) => [`${p.sourceLanguage}|${p.targetLanguage}`, p]));
  const keys = [
    ...sitePairs.map(([from, to]) => `${from}|${to}`),
    ...enabled.map((p) => `${p.sourceLanguage}|${p.targetLanguage}`),
  ];
  const pairs: MtPairView[] = [];
  for (const key of new Set(keys)) {
    const offeredBy = [...offers].filter(([, set]) => set.has(key)).map(([name]) => name);
    const on = enabledByKey.get(key);
    if (offeredBy.length === 0 && !on) continue;
    const [sourceLanguage = '', targetLanguage = ''] = key.split('|');
    pairs.push({ sourceLanguage, targetLanguage, enabled: on?.engine ?? null, offeredBy });
  }
  return { engines, pairs };
}
