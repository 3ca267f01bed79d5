import { RegionInfo } from 'aws-cdk-lib/region-info';
import { describe, expect, it } from 'vitest';
import { AWS_REGIONS, isAwsRegion } from '../../lambdas/core/config/regions';

/** Partitions other than the commercial `aws` one (separate accounts; a probe cannot run there from ours). */
const OTHER_PARTITIONS = /^(cn-|us-gov-|us-iso|eu-isoe-|eusc-)/;

describe('AWS_REGIONS', () => {
  it('equals the commercial regions aws-cdk-lib knows', () => {
    // Prepare
    const cdkCommercial = RegionInfo.regions
      .map((region) => region.name)
      .filter((name) => !OTHER_PARTITIONS.test(name))
      .sort();
    // Assess
    expect([...AWS_REGIONS]).toEqual(cdkCommercial);
  });

  it('rejects typos and other partitions', () => {
    expect(isAwsRegion('eu-central-1')).toBe(true);
    expect(isAwsRegion('eu-central1')).toBe(false);
    expect(isAwsRegion('cn-north-1')).toBe(false);
  });
});
