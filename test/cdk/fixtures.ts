import { App, Validations } from 'aws-cdk-lib';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AwsSolutionsChecks } from 'cdk-nag';
import { parseConfig } from '../../lambdas/core/config';
import type { MonitorConfig } from '../../lambdas/core/config/types';
import { addMonitorStacks, type MonitorStacks } from '../../lib/monitor-app';

/** A secret the probe may read; the IAM tests look for exactly this ARN. */
export const SECRET_ARN = 'arn:aws:secretsmanager:eu-central-1:111111111111:secret:autocrm/login-AbCdEf';

/** A raw config (file form) with every measurement configured, like the example for autocrm. */
export function rawConfig(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const origin = 'https://crm.example.com';
  return {
    alarms: {
      critical: { emails: ['oncall@example.com'], httpsUrls: ['https://events.pagerduty.com/integration/abc/enqueue'] },
      warning: { emails: ['team@example.com'] },
    },
    targets: [
      {
        name: 'autocrm',
        loginUrl: `${origin}/cgi-bin/xorg/crm.pl`,
        credentials: { secretArn: SECRET_ARN },
        websocket: { url: 'wss://crm.example.com/ws' },
        http: { url: `${origin}/api/ping` },
        bandwidth: { downloadUrl: `${origin}/download?bytes={bytes}`, uploadUrl: `${origin}/upload` },
      },
    ],
    ...overrides,
  };
}

/** {@link rawConfig}'s targets, each probed in `browsers` (all three by default: Firefox brings its own function). */
export function targetsIn(browsers: readonly string[] = ['chromium', 'firefox', 'edge']): Record<string, unknown>[] {
  return (rawConfig().targets as Record<string, unknown>[]).map((target) => ({ ...target, browsers }));
}

/** The validated config the app would build from {@link rawConfig}. */
export function testConfig(overrides: Record<string, unknown> = {}): MonitorConfig {
  return parseConfig(rawConfig(overrides), 'test config');
}

const synthOutputs: string[] = [];

/** Removes the cloud assemblies the tests of this file synthesized (call in afterAll). */
export function removeSynthOutputs(): void {
  for (const dir of synthOutputs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** An App that synthesizes into a temporary folder removed by {@link removeSynthOutputs}. */
export function newTestApp(cfnValidation = false): App {
  const outdir = mkdtempSync(join(tmpdir(), 'autocrm-cdk-test-'));
  synthOutputs.push(outdir);
  return new App({ builtinCloudFormationValidation: cfnValidation, outdir });
}

/**
 * All stacks of the monitor for `config`, bundling off (fast), with cdk-nag applied to the whole app.
 * aws-cdk-lib's built-in CloudFormation schema validation costs ~10 s per synth on these machines, so
 * only the cdk-nag test turns it on (`cfnValidation`).
 */
export function synthMonitor(config: MonitorConfig = testConfig(), cfnValidation = false): MonitorStacks & { app: App } {
  const app = newTestApp(cfnValidation);
  const stacks = addMonitorStacks(app, config, { bundle: false, account: '111111111111' });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  app.synth();
  return { ...stacks, app };
}
