// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import layers from './eslint-rules/layers.js';

/** Packages the pure core must never import: it takes plain data and returns plain data (STYLE.md §1). */
const CORE_FORBIDDEN = [
  'aws-cdk-lib',
  'aws-cdk-lib/*',
  'constructs',
  '@aws-sdk/*',
  'playwright-core',
  'playwright-core/*',
  '@sparticuz/chromium',
  'ws',
  'node:*',
  'fs',
  'fs/*',
  'http',
  'https',
  'net',
  'child_process',
  'os',
  'path',
];

/** Everything the Lambda bundles is under lambdas/; none of it may reach into these folders. */
const OUTSIDE_LAMBDA = ['cli', 'bin', 'lib', 'target', 'bench', 'test'];

/**
 * Which folder may import which (DESIGN.md, Layers): pure core at the bottom, the engine and the sinks
 * above it, the Lambda adapter on top, and the CLI wing beside it, which the Lambda never imports.
 * test/unit/layers.test.ts plants a violation of each rule and expects it to fail.
 */
const LAYER_RULES = [
  { from: 'lambdas/core', only: ['lambdas/core'], why: 'The core is pure: it imports only the core (DESIGN.md, Layers).' },
  {
    from: 'lambdas/probe',
    never: ['lambdas/round', 'lambdas/runtime', 'lambdas/publish', 'lambdas/handler', 'cli'],
    why: 'The engine knows nothing of where it runs or where results go (DESIGN.md, Layers).',
  },
  {
    from: 'lambdas/publish',
    never: ['lambdas/probe', 'lambdas/round', 'lambdas/runtime', 'lambdas/handler', 'cli'],
    why: 'Sinks take datums; they know nothing of the engine or the Lambda adapter (DESIGN.md, Layers).',
  },
  {
    from: 'lambdas/round',
    never: ['lambdas/runtime', 'lambdas/handler', 'cli'],
    why: 'One round runner for Lambda, CLI and tests: what differs comes in through its ports (DESIGN.md, Layers).',
  },
  {
    from: 'lambdas/smoke-trigger',
    only: ['lambdas/smoke-trigger'],
    why: 'The smoke trigger is a Lambda of its own with its own small bundle (lib/smoke-trigger.ts).',
  },
  {
    from: 'lambdas',
    never: OUTSIDE_LAMBDA,
    why: 'The Lambda bundle holds lambdas/ only; what only the command line needs lives in cli/ (DESIGN.md, Layers).',
  },
  { from: 'lib', never: ['cli', 'bin', 'target', 'bench', 'test'], why: 'lib/ holds CDK constructs and stacks only (DESIGN.md, Layers).' },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'cdk.out/**',
      'reports/**',
      '.stryker-tmp/**',
      'coverage/**',
      'bench/results/**',
      'bench/.peer/**',
      'dist/**',
      '**/*.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'Use a string union or an `as const` object (STYLE.md §5).' },
      ],
    },
  },
  {
    files: ['**/*.ts'],
    plugins: { layers },
    rules: { 'layers/imports': ['error', LAYER_RULES] },
  },
  {
    files: ['lambdas/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: CORE_FORBIDDEN, message: 'lambdas/core is pure: no AWS SDK, CDK, browser or node I/O (DESIGN.md, Layers).' }],
        },
      ],
    },
  },
);
