// @ts-check
/**
 * Mutation testing of the pure core (`npm run mutate`): every mutant of lambdas/core (at any depth,
 * so folders moving inside it change nothing) is run against the unit tests that cover it.
 * Survivors that cannot be told apart from the original by any input are listed with their reason
 * in test/mutation-equivalents.md.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.unit.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: ['lambdas/core/**/*.ts'],
  // Each mutant runs only the tests that executed its code (per-test coverage).
  coverageAnalysis: 'perTest',
  // The machines have two cores, shared.
  concurrency: 2,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 85, break: null },
  // A static mutant (module-level constants: the config schema tables, limits) can only be told by
  // reloading every module, i.e. re-running the whole unit tier per mutant: 20 % of the mutants,
  // 73 % of the time. They are reported as ignored, not counted (README, Testing).
  ignoreStatic: true,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
