/**
 * The commercial AWS regions (partition `aws`) a probe can run in. China, GovCloud, ISO and the
 * European Sovereign Cloud are separate partitions with separate accounts, so they are not offered.
 * Kept in step with aws-cdk-lib's region-info by a unit test (test/unit/config-regions.test.ts);
 * source: https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html
 */
export const AWS_REGIONS = [
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-6',
  'ap-southeast-7',
  'ca-central-1',
  'ca-west-1',
  'eu-central-1',
  'eu-central-2',
  'eu-north-1',
  'eu-south-1',
  'eu-south-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'me-west-1',
  'mx-central-1',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
] as const;

export type AwsRegion = (typeof AWS_REGIONS)[number];

/** True when `name` is one of {@link AWS_REGIONS}. */
export function isAwsRegion(name: string): name is AwsRegion {
  return (AWS_REGIONS as readonly string[]).includes(name);
}
