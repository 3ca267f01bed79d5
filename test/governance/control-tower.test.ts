import { App, Stack } from 'aws-cdk-lib';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../lambdas/core/config';
import { removeSynthOutputs, synthMonitor } from '../cdk/fixtures';
import { allControls, checkControls, type ControlReport } from './cfn-guard';

/** Control → why the default deployment does not pass it, what passing costs, the config that does it. */
const EXEMPTIONS = JSON.parse(readFileSync('config/control-tower-exemptions.json', 'utf8')) as Record<string, string>;
/**
 * What the hardened deployment still fails, and only on the access-log bucket: S3 delivers server
 * access logs only to SSE-S3 buckets, and a log bucket logging its own access would log forever.
 */
const HARDENED_REMAINING = ['CT.S3.PR.10', 'CT.S3.PR.2'];
const ACCESS_LOG_BUCKET = /^AccessLogsBucket[0-9A-F]{8}$/;
const SETUP_TIMEOUT_MS = 300_000;

/**
 * The shipped example config, smoke gate on and every target in all three browsers, so every construct
 * of a default deployment is there (Firefox brings its container-image function).
 */
function defaultRawConfig(): Record<string, unknown> {
  const example = JSON.parse(readFileSync('synthetics.config.example.json', 'utf8')) as { targets: Record<string, unknown>[] };
  const targets = example.targets.map((target) => ({ ...target, browsers: ['chromium', 'firefox', 'edge'] }));
  return { ...example, targets, smokeTrigger: true };
}

/** Every hardening option on; one region in an existing VPC, the others in a new one. */
function hardenedRawConfig(): Record<string, unknown> {
  return {
    ...defaultRawConfig(),
    hardening: {
      kmsKey: true,
      accessLogs: true,
      objectLock: true,
      vpc: true,
      existingVpcs: [
        { region: 'eu-west-3', vpcId: 'vpc-0123456789abcdef0', subnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'] },
      ],
    },
  };
}

function templatesIn(outdir: string): string[] {
  return readdirSync(outdir)
    .filter((name) => name.endsWith('.template.json'))
    .map((name) => join(outdir, name));
}

/** A stack that does everything wrong that the monitor does right: proves the check is live. */
function synthCarelessStack(outdir: string): string[] {
  const app = new App({ outdir });
  const stack = new Stack(app, 'Careless');
  new Bucket(stack, 'Bucket');
  new LogGroup(stack, 'Logs', { retention: RetentionDays.ONE_MONTH });
  app.synth();
  return templatesIn(outdir);
}

const reports = new Map<string, ControlReport>();
let defaultTemplates: string[];
let hardenedTemplates: string[];
let carelessTemplates: string[];
const carelessOutdir = mkdtempSync(join(tmpdir(), 'autocrm-ct-careless-'));

function reportsOf(templates: readonly string[]): ControlReport[] {
  return templates.map((template) => reports.get(template)!);
}

function describeFailures(report: ControlReport): string {
  return `${basename(report.template)}: ${[...report.failed].map(([control, ids]) => `${control} (${ids.join(', ')})`).join('; ')}`;
}

beforeAll(() => {
  // Bundling off (asset contents do not change a template's resources), cdk-nag on: both
  // deployments must also stay cdk-nag clean, or synthMonitor throws.
  defaultTemplates = templatesIn(synthMonitor(parseConfig(defaultRawConfig())).app.outdir);
  hardenedTemplates = templatesIn(synthMonitor(parseConfig(hardenedRawConfig())).app.outdir);
  carelessTemplates = synthCarelessStack(carelessOutdir);
  // One guard run over all templates of all three apps.
  for (const report of checkControls([...defaultTemplates, ...hardenedTemplates, ...carelessTemplates])) {
    reports.set(report.template, report);
  }
  // About 20 s on a quiet machine (two synths with cdk-nag, one guard run); a loaded CI runner needs more.
}, SETUP_TIMEOUT_MS);

afterAll(() => {
  removeSynthOutputs();
  rmSync(carelessOutdir, { recursive: true, force: true });
});

describe('AWS Control Tower proactive controls (cfn-guard with the Control Tower rules)', () => {
  it('checks every template: the monitoring stack and each probe stack with its smoke gate', () => {
    expect(defaultTemplates.map((template) => basename(template)).sort()).toEqual([
      'AutocrmSynthetics-Monitoring.template.json',
      'AutocrmSynthetics-Probe-eu-central-1.template.json',
      'AutocrmSynthetics-Probe-eu-west-1.template.json',
      'AutocrmSynthetics-Probe-eu-west-3.template.json',
    ]);
    expect(reports.size).toBe(defaultTemplates.length + hardenedTemplates.length + carelessTemplates.length);
    expect(allControls().length).toBeGreaterThan(200);
    // Both probe functions are among the checked resources: the zip one and Firefox's container image.
    for (const template of [...defaultTemplates, ...hardenedTemplates].filter((file) => file.includes('-Probe-'))) {
      const text = readFileSync(template, 'utf8');
      expect(text, template).toContain('"PackageType": "Image"');
      expect(text, template).toContain('"Runtime": "nodejs22.x"');
    }
  });

  it('the default deployment fails no control that config/control-tower-exemptions.json does not list', () => {
    for (const report of reportsOf(defaultTemplates)) {
      const unlisted = [...report.failed.keys()].filter((control) => !(control in EXEMPTIONS));
      expect(unlisted, describeFailures(report)).toEqual([]);
    }
  });

  it('lists exactly the controls the default deployment fails, each with why, the cost and the config that turns it on', () => {
    const failedSomewhere = new Set(reportsOf(defaultTemplates).flatMap((report) => [...report.failed.keys()]));
    expect(Object.keys(EXEMPTIONS).sort()).toEqual([...failedSomewhere].sort());
    for (const [control, text] of Object.entries(EXEMPTIONS)) {
      expect(text, control).toMatch(/Cost: .*\$\d/);
      expect(text, control).toMatch(/Turn on: "hardening": \{ "(kmsKey|accessLogs|objectLock|vpc)": true \}/);
    }
  });

  it('passes by default what is right and cheap: log retention, KMS grants, versioning, event notifications', () => {
    const [monitoring, ...probes] = reportsOf(defaultTemplates);
    expect(monitoring?.passed).toEqual(expect.arrayContaining(['CT.KMS.PR.3', 'CT.KMS.PR.1', 'CT.CLOUDWATCH.PR.1']));
    expect(monitoring?.failed.size, describeFailures(monitoring!)).toBe(0);
    expect(probes).toHaveLength(3);
    for (const probe of probes) {
      expect(probe.passed).toEqual(expect.arrayContaining(['CT.CLOUDWATCH.PR.2', 'CT.S3.PR.4', 'CT.S3.PR.11', 'CT.S3.PR.1']));
    }
  });

  it('the hardened deployment passes every control but two, and those only on the access-log bucket', () => {
    for (const report of reportsOf(hardenedTemplates)) {
      expect(
        [...report.failed.keys()].filter((control) => !HARDENED_REMAINING.includes(control)),
        describeFailures(report),
      ).toEqual([]);
      for (const resources of report.failed.values()) {
        for (const resource of resources) expect(resource, describeFailures(report)).toMatch(ACCESS_LOG_BUCKET);
      }
    }
    for (const report of reportsOf(hardenedTemplates).filter((r) => basename(r.template).includes('-Probe-'))) {
      const fixed = Object.keys(EXEMPTIONS).filter((control) => !HARDENED_REMAINING.includes(control));
      expect(report.passed).toEqual(expect.arrayContaining(fixed));
    }
  });

  it('is a live check: a bare bucket and a one-month log group fail their controls', () => {
    const [careless] = reportsOf(carelessTemplates);
    expect([...(careless?.failed.keys() ?? [])]).toEqual(
      expect.arrayContaining(['CT.CLOUDWATCH.PR.2', 'CT.S3.PR.4', 'CT.S3.PR.11', 'CT.S3.PR.2', 'CT.S3.PR.9', 'CT.S3.PR.10']),
    );
    expect(careless?.failed.get('CT.S3.PR.11')).toEqual([expect.stringMatching(/^Bucket[0-9A-F]{8}$/)]);
  });
});
