import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Most tests wait on databases, argon2 and Chromium rather than compute: one fork per
    // core (and at least two) keeps both cores of a small CI machine busy (≈7 min instead of
    // ≈10 on two cores).
    maxWorkers: Math.max(2, availableParallelism()),
  },
});
