/**
 * How the fuzz suites run. In `npm test` (CI): a fixed seed and a few runs, so the suite is the
 * same on every machine and stays quick. `npm run fuzz` sets FUZZ=random: a fresh seed and ten
 * times the runs. FUZZ_SEED=<n> replays a seed (printed by every run), FUZZ_RUNS=<n> sets the
 * number of runs; fast-check also prints the seed and the shrunk counterexample of a failure.
 */

/** The seed `npm test` always uses. */
const FIXED_SEED = 20_240_507;

function envNumber(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value)) throw new Error(`${name} must be an integer, got "${raw}"`);
  return value;
}

/** True under `npm run fuzz`: random seed, more runs, bigger inputs. */
export const exploring = process.env.FUZZ === 'random';

/** The seed of this run. */
export const seed: number =
  envNumber('FUZZ_SEED') ?? (exploring ? Math.floor(Math.random() * 2 ** 31) : FIXED_SEED);

/** Runs for a property whose CI count is `ciRuns`. */
export function runs(ciRuns: number): number {
  return envNumber('FUZZ_RUNS') ?? (exploring ? ciRuns * 10 : ciRuns);
}

/** Options for fc.assert: this run's seed and number of runs. */
export function fuzzOptions(ciRuns: number): { seed: number; numRuns: number } {
  return { seed, numRuns: runs(ciRuns) };
}

/** Says how to replay this run (printed once per suite). */
export function announce(suite: string, ciRuns: number): void {
  console.info(
    `[fuzz] ${suite}: seed ${seed}, ${runs(ciRuns)} runs — replay with FUZZ_SEED=${seed}` +
      ` FUZZ_RUNS=${runs(ciRuns)} npx vitest run test/fuzz`,
  );
}
