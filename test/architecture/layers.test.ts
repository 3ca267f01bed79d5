/**
 * The layering lint (eslint.config.js `LAYER_RULES`, eslint-rules/layers.js, and the core's package
 * ban): each rule is shown to fail on a planted violation and to accept the import it allows. The
 * planted files are virtual (lintText with a file path); nothing is written to the repository.
 */
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const REPO_ROOT = join(import.meta.dirname, '..', '..');

let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: REPO_ROOT });
});

/** The layering messages ESLint reports for `code` planted at `file` (repository path). */
async function layerFindings(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const planted = 1;\n`, { filePath: join(REPO_ROOT, file) });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'layers/imports' || message.ruleId === 'no-restricted-imports')
    .map((message) => `${message.ruleId}: ${message.message}`);
}

describe('core imports only core, and no package with I/O', () => {
  it('fails on a relative import that leaves the core', async () => {
    // Act
    const findings = await layerFindings('lambdas/core/planted.ts', "import { runJourney } from '../probe/journey';\nvoid runJourney;");
    // Assess
    expect(findings).toEqual([
      expect.stringMatching(
        /^layers\/imports: lambdas\/core may import only lambdas\/core: "..\/probe\/journey" resolves to lambdas\/probe\/journey/,
      ),
    ]);
  });

  it('fails on an escape from a subfolder and on a type-only or dynamic import', async () => {
    // Act
    const findings = await layerFindings(
      'lambdas/core/config/planted.ts',
      [
        "import type { RuntimeEnv } from '../../runtime/env';",
        'export type Env = RuntimeEnv;',
        "export const load = () => import('../../../cli/config-file');",
      ].join('\n'),
    );
    // Assess
    expect(findings).toContainEqual(
      expect.stringMatching(/^layers\/imports: lambdas\/core may import only .* resolves to lambdas\/runtime\/env/),
    );
    expect(findings).toContainEqual(
      expect.stringMatching(/^layers\/imports: lambdas\/core may import only .* resolves to cli\/config-file/),
    );
  });

  it('fails on node I/O and AWS SDK packages', async () => {
    // Act
    const findings = await layerFindings(
      'lambdas/core/planted.ts',
      "import { readFileSync } from 'node:fs';\nimport { S3Client } from '@aws-sdk/client-s3';\nvoid readFileSync; void S3Client;",
    );
    // Assess
    expect(findings).toEqual([
      expect.stringMatching(/^no-restricted-imports: .*node:fs.*lambdas\/core is pure/),
      expect.stringMatching(/^no-restricted-imports: .*@aws-sdk\/client-s3.*lambdas\/core is pure/),
    ]);
  });

  it('accepts imports within the core, across its folders', async () => {
    // Act
    const findings = await layerFindings(
      'lambdas/core/gate/planted.ts',
      "import type { ProbeResult } from '../types';\nimport { parseConfig } from '../config';\nexport type R = ProbeResult; void parseConfig;",
    );
    // Assess
    expect(findings).toEqual([]);
  });
});

describe('the engine (probe/) does not import the runner, runtime, publish or the CLI', () => {
  it.each([
    ['../round/run-round', 'lambdas/round/run-round'],
    ['../runtime/env', 'lambdas/runtime/env'],
    ['../publish/index', 'lambdas/publish'],
    ['../handler', 'lambdas/handler'],
    ['../../cli/report/console', 'cli/report/console'],
  ])('fails on %s', async (spec, target) => {
    // Act
    const findings = await layerFindings('lambdas/probe/planted.ts', `export * from '${spec}';`);
    // Assess
    expect(findings).toContainEqual(expect.stringContaining(`lambdas/probe must not import ${target} ("${spec}")`));
  });

  it('accepts the core and its own folder', async () => {
    // Act
    const findings = await layerFindings('lambdas/probe/planted.ts', "export * from '../core/stats';\nexport * from './bounded';");
    // Assess
    expect(findings).toEqual([]);
  });
});

describe('nothing the Lambda bundles imports the CLI wing', () => {
  it('fails when the Lambda entry imports cli/', async () => {
    // Act
    const findings = await layerFindings('lambdas/handler.ts', "import { main } from '../cli/main';\nvoid main;");
    // Assess
    expect(findings).toEqual([expect.stringContaining('lambdas must not import cli/main ("../cli/main")')]);
  });

  it('fails on a dynamic import of the reports from the runtime, and on lib/ or target/', async () => {
    // Act
    const findings = await layerFindings(
      'lambdas/runtime/planted.ts',
      "export const load = () => import('../../cli/report/console');\nexport * from '../../target/index';\nexport * from '../../lib/paths';",
    );
    // Assess
    expect(findings).toHaveLength(3);
  });

  it('fails when the publish sinks import the engine', async () => {
    // Act
    const findings = await layerFindings('lambdas/publish/planted.ts', "export * from '../probe/probe-target';");
    // Assess
    expect(findings).toEqual([expect.stringContaining('lambdas/publish must not import lambdas/probe/probe-target')]);
  });

  it('fails when the round runner imports the Lambda adapter or the CLI', async () => {
    // Act
    const findings = await layerFindings(
      'lambdas/round/planted.ts',
      "export * from '../runtime/credentials';\nexport * from '../handler';\nexport * from '../../cli/rounds';",
    );
    // Assess
    expect(findings).toEqual([
      expect.stringContaining('lambdas/round must not import lambdas/runtime/credentials'),
      expect.stringContaining('lambdas/round must not import lambdas/handler'),
      expect.stringContaining('lambdas/round must not import cli/rounds'),
      expect.stringContaining('lambdas must not import cli/rounds'),
    ]);
  });

  it('accepts the CLI wing importing the Lambda side (the arrow points that way)', async () => {
    // Act
    const findings = await layerFindings(
      'cli/commands/planted.ts',
      "export * from '../../lambdas/handler';\nexport * from '../../target/index';",
    );
    // Assess
    expect(findings).toEqual([]);
  });
});

describe('CDK constructs (lib/) do not import the CLI', () => {
  it('fails on lib/ → cli/', async () => {
    // Act
    const findings = await layerFindings('lib/planted.ts', "export * from '../cli/config-file';");
    // Assess
    expect(findings).toEqual([expect.stringContaining('lib must not import cli/config-file')]);
  });
});
