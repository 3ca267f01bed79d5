import { defineConfig } from 'vitest/config';

/**
 * All tiers run in one `vitest run`: unit (pure core), cdk (templates), target (reference server over
 * HTTP), browser (real Chromium against the reference target) and publish (real SDK client against a
 * local endpoint). Two workers: the machines have two cores, and each browser test runs a Chromium.
 * Chromium is extracted once before the workers start (test/setup/chromium-once.ts says why).
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/setup/chromium-once.ts'],
    testTimeout: 90_000,
    hookTimeout: 90_000,
    maxWorkers: 2,
    pool: 'forks',
    reporters: ['default'],
    // Logs of the code under test are held and shown only for a failing test (test/setup/hold-output.ts).
    setupFiles: ['test/setup/hold-output.ts'],
    env: {
      // The pinned AWS SDK supports this Node; its notice is about later SDK releases (README, FAQ "Node versions").
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
  },
});
