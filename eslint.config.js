// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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

export default tseslint.config(
  { ignores: ['node_modules/**', 'cdk.out/**', 'reports/**', 'coverage/**', 'bench/results/**', '**/*.d.ts'] },
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
