import type { HardeningConfig } from './types';
import type { Mandatory } from './spec';

/**
 * `hardening`: what AWS Control Tower's proactive controls ask for beyond the defaults, where it costs
 * money or changes the network (README, "Governed accounts", has the monthly cost of each).
 */
export const HARDENING_SPEC: Mandatory<HardeningConfig> = {
  kind: 'object',
  description: 'Options for accounts governed by AWS Control Tower: each costs money or changes the network (README, Governed accounts).',
  fields: {
    kmsKey: {
      kind: 'boolean',
      default: false,
      description:
        'A customer-managed KMS key per probe region encrypts the log groups and the artifacts bucket (CT.CLOUDWATCH.PR.3, CT.S3.PR.10).',
    },
    accessLogs: {
      kind: 'boolean',
      default: false,
      description: 'A server-access-log bucket per probe region receives the artifacts bucket access logs (CT.S3.PR.2).',
    },
    objectLock: {
      kind: 'boolean',
      default: false,
      description: 'S3 Object Lock in governance mode keeps each artifact for artifactsRetentionDays (CT.S3.PR.9).',
    },
    vpc: {
      kind: 'boolean',
      default: false,
      description:
        'Run the functions in a VPC (CT.LAMBDA.PR.3): a new VPC with one NAT gateway per probe region, or the existingVpcs entry of the region.',
    },
    existingVpcs: {
      kind: 'array',
      optional: true,
      uniqueItems: true,
      description: 'Existing VPCs to use instead of a new one, at most one per probe region.',
      crossRule: 'needs vpc: true; each region one of probeRegions, at most once',
      items: {
        kind: 'object',
        description: 'An existing VPC of one probe region.',
        fields: {
          region: { kind: 'string', format: 'region', description: 'The probe region (one of probeRegions).' },
          vpcId: { kind: 'string', format: 'vpc-id', description: 'The VPC id.' },
          subnetIds: {
            kind: 'array',
            minItems: 1,
            maxItems: 16,
            uniqueItems: true,
            items: { kind: 'string', format: 'subnet-id', description: 'Subnet id.' },
            description:
              'Private subnets of the VPC with a route to the internet (NAT gateway): the probe reaches the target like a customer.',
          },
        },
      },
    },
  },
};
