import { Duration, Stack } from 'aws-cdk-lib';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ProbeAlarms } from '../../lib/alarms';
import { ArtifactsBucket } from '../../lib/artifacts-bucket';
import { addMonitorStacks } from '../../lib/monitor-app';
import { ProbeMetrics } from '../../lib/probe-metrics';
import { probePairs } from '../../lib/probe-pairs';
import { probeTimeoutSeconds } from '../../lib/probe-timing';
import { REPO_ROOT } from '../../lib/paths';
import { newTestApp, rawConfig, removeSynthOutputs, testConfig } from './fixtures';

const run = promisify(execFile);
const scratch = mkdtempSync(join(tmpdir(), 'autocrm-cdk-validation-'));
afterAll(() => {
  removeSynthOutputs();
  rmSync(scratch, { recursive: true, force: true });
});

describe('config validation at synth', () => {
  it.each([
    [{ alarms: { outageQuorum: 4 } }, /alarms\.outageQuorum/],
    [{ probeRegions: ['eu-central-1', 'eu-moon-1'] }, /probeRegions\[1\]/],
    [{ schedule: 0 }, /schedule/],
    [{ memoryMb: 64 }, /memoryMb/],
    [{ artifactsRetentionDays: -1 }, /artifactsRetentionDays/],
    [{ targets: [{ name: 'x', loginUrl: 'crm.pl' }] }, /targets\[0\]\.loginUrl/],
  ])('rejects %j with its path', (overrides, path) => {
    expect(() => testConfig(overrides)).toThrow(path);
  });

  it('the app prints every problem with its path and exits 2 without a stack trace', async () => {
    // Prepare: a config file with two mistakes.
    const file = join(scratch, 'bad.config.json');
    writeFileSync(file, JSON.stringify(rawConfig({ probeRegions: ['eu-moon-1'], schedule: 0 })));
    // Act: the CDK CLI runs bin/app.ts with its context in CDK_CONTEXT_JSON.
    const outcome = await run(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'bin', 'app.ts')], {
      cwd: REPO_ROOT,
      env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify({ configPath: file }), CDK_OUTDIR: join(scratch, 'out') },
    }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    // Assess
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain('probeRegions[0]');
    expect(outcome.stderr).toMatch(/schedule: .*got 0/);
    expect(outcome.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('deploy rules checked by the constructs', () => {
  it('keeps the function timeout below the schedule, one round per invocation', () => {
    const pairs = probePairs(testConfig().targets);
    expect(() => probeTimeoutSeconds(0, pairs)).toThrow(/schedule: must be a whole number of minutes between 1 and 60, got 0/);
    const slow = probePairs(testConfig({ schedule: 1 }).targets.map((t) => ({ ...t, timeouts: { ...t.timeouts, roundMs: 45_000 } })));
    expect(() => probeTimeoutSeconds(1, slow)).toThrow(
      /one round plus its launch margin needs 65 s, which must stay below the schedule \(60 s\)/,
    );
    expect(probeTimeoutSeconds(1, pairs)).toBe(50);
    expect(probeTimeoutSeconds(20, pairs)).toBe(900);
  });

  it('sizes the timeout by the slowest pair, not by the number of pairs', () => {
    const target = testConfig().targets[0]!;
    const many = Array.from({ length: 50 }, (_, i) => ({ ...target, name: `t${i}`, browsers: ['chromium', 'firefox', 'edge'] as const }));
    expect(probeTimeoutSeconds(1, probePairs(many))).toBe(50);
    const firefoxOnly = probePairs([{ ...target, browsers: ['firefox'], timeouts: { ...target.timeouts, roundMs: 35_000 } }]);
    expect(() => probeTimeoutSeconds(1, firefoxOnly)).toThrow(/needs 60 s/);
  });

  it('rejects an artifacts retention outside 1..3650 days', () => {
    expect(() => new ArtifactsBucket(new Stack(newTestApp(), 'S'), 'A', { retentionDays: 0 })).toThrow(
      /artifactsRetentionDays: must be a whole number of days between 1 and 3650, got 0/,
    );
  });

  it('rejects a quorum larger than the number of locations', () => {
    const stack = new Stack(newTestApp(), 'S');
    const config = testConfig();
    const make = () =>
      new ProbeAlarms(stack, 'Alarms', {
        metrics: new ProbeMetrics({ namespace: 'N', period: Duration.minutes(1) }),
        targets: config.targets,
        locations: ['eu-west-1', 'eu-west-3'],
        alarms: { ...config.alarms, outageQuorum: 3 },
        critical: new Topic(stack, 'C'),
        warning: new Topic(stack, 'W'),
      });
    expect(make).toThrow(/alarms\.outageQuorum: must be a whole number between 1 and the number of probeRegions \(2\), got 3/);
  });

  it('synthesizes as many targets as the config allows without a Lambda environment limit (no targets in it)', () => {
    const many = Array.from({ length: 12 }, (_, i) => ({
      name: `target-${i}`,
      loginUrl: `https://crm-${i}.example.com/cgi-bin/xorg/crm.pl`,
      websocket: { url: `wss://crm-${i}.example.com/ws`, messages: 25 },
      http: { url: `https://crm-${i}.example.com/api/ping`, samples: 12 },
      bandwidth: { downloadUrl: `https://crm-${i}.example.com/download?bytes={bytes}`, uploadUrl: `https://crm-${i}.example.com/upload` },
      timeouts: { roundMs: 21_000 },
    }));
    const config = testConfig({ targets: many, schedule: 1 });
    const { probeStacks } = addMonitorStacks(newTestApp(), config, { bundle: false });
    expect(probeStacks[0]!.pairs).toHaveLength(12);
  });
});
