import { defineConfig } from 'vitest/config';

/**
 * The unit tier alone (pure core, milliseconds per test): what `npm run mutate` runs against each
 * mutant of lambdas/core. No browser, so no Chromium set-up; one thread without per-file isolation,
 * so a mutant's run pays no process or module start-up.
 */
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    pool: 'threads',
    maxWorkers: 1,
    isolate: false,
  },
});
