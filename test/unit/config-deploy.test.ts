/**
 * The rules across the deployment keys, in the unit tier (the CDK tier checks them through a synth):
 * log retention against CloudWatch's values with the nearest one named, existing VPCs against
 * hardening.vpc and the probe regions. Found by mutation testing lambdas/core/config/rules-deploy.ts,
 * which no unit test ran.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, LOG_RETENTION_DAYS, parseConfig, type ConfigIssue } from '../../lambdas/core/config';
import { validRawConfig } from './config-fixtures';

const EXISTING = { region: 'eu-west-3', vpcId: 'vpc-0123456789abcdef0', subnetIds: ['subnet-0123456789abcdef0'] };

/** The issues `parseConfig` reports for the valid config with `overrides`; [] when it parses. */
function issuesOf(overrides: Record<string, unknown>): readonly ConfigIssue[] {
  try {
    parseConfig({ ...validRawConfig(), ...overrides });
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues;
  }
}

const retentionIssue = (days: number, nearest: number): ConfigIssue => ({
  path: 'logRetentionDays',
  message: `must be one of the CloudWatch Logs retention values (${LOG_RETENTION_DAYS.join(', ')}), got ${days}; nearest: ${nearest}`,
});

describe('logRetentionDays', () => {
  it.each([
    [364, 365],
    [10, 7],
    [1000, 1096],
    [3000, 2922],
    // halfway between two values: the shorter one
    [2, 1],
    [4, 3],
  ])('refuses %i days and names the nearest value, %i', (days, nearest) => {
    expect(issuesOf({ logRetentionDays: days })).toEqual([retentionIssue(days, nearest)]);
  });

  it('accepts every value CloudWatch Logs accepts', () => {
    for (const days of LOG_RETENTION_DAYS) expect(issuesOf({ logRetentionDays: days })).toEqual([]);
  });
});

describe('hardening.existingVpcs', () => {
  it('needs hardening.vpc: true, unless the list is empty', () => {
    const needsVpc = { path: 'hardening.existingVpcs', message: 'needs hardening.vpc: true (the functions run outside any VPC otherwise)' };
    expect(issuesOf({ hardening: { existingVpcs: [EXISTING] } })).toEqual([needsVpc]);
    expect(issuesOf({ hardening: { vpc: false, existingVpcs: [EXISTING] } })).toEqual([needsVpc]);
    expect(issuesOf({ hardening: { vpc: true, existingVpcs: [EXISTING] } })).toEqual([]);
    expect(issuesOf({ hardening: { existingVpcs: [] } })).toEqual([]);
  });

  it('needs each region to be a probe region, named at most once', () => {
    // Prepare
    const vpcs = [
      EXISTING,
      { ...EXISTING, region: 'us-east-1' },
      { ...EXISTING, region: 'eu-west-1' },
      { ...EXISTING, vpcId: 'vpc-0123456789abcdef1' },
    ];
    // Act
    const issues = issuesOf({ hardening: { vpc: true, existingVpcs: vpcs } });
    // Assess
    expect(issues).toEqual([
      {
        path: 'hardening.existingVpcs[1].region',
        message: 'must be one of probeRegions (eu-central-1, eu-west-1, eu-west-3), got "us-east-1"',
      },
      { path: 'hardening.existingVpcs[3].region', message: 'must name each probe region at most once, got "eu-west-3" again' },
    ]);
  });

  it('reports an entry that is not an object, or a region that is not a string, once: no region rule on top', () => {
    // Act
    const issues = issuesOf({ hardening: { vpc: true, existingVpcs: ['eu-west-3', { ...EXISTING, region: 3 }] } });
    // Assess
    expect(issues).toEqual([
      { path: 'hardening.existingVpcs[0]', message: 'must be an object, got "eu-west-3"' },
      {
        path: 'hardening.existingVpcs[1].region',
        message: 'must be a non-empty string that is a commercial AWS region such as eu-central-1, got 3',
      },
    ]);
  });

  it('judges the regions against probeRegions only when probeRegions is valid, and duplicates always', () => {
    // Act
    const issues = issuesOf({
      probeRegions: 'eu-west-3',
      hardening: { vpc: true, existingVpcs: [EXISTING, { ...EXISTING, vpcId: 'vpc-0123456789abcdef1' }] },
    });
    // Assess
    expect(issues).toEqual([
      { path: 'probeRegions', message: 'must be an array, got "eu-west-3"' },
      { path: 'hardening.existingVpcs[1].region', message: 'must name each probe region at most once, got "eu-west-3" again' },
    ]);
  });
});
