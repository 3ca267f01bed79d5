import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeSynthOutputs, synthMonitor, targetsIn, testConfig } from './fixtures';

afterAll(removeSynthOutputs);

const EXISTING = {
  region: 'eu-west-3',
  vpcId: 'vpc-0123456789abcdef0',
  subnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
};
const ALL_ON = { kmsKey: true, accessLogs: true, objectLock: true, vpc: true, existingVpcs: [EXISTING] };

/** The deny statement Control Tower's CT.KMS.PR.3 asks every key policy for. */
const LIMIT_GRANTS = Match.objectLike({
  Effect: 'Deny',
  Principal: { AWS: '*' },
  Action: 'kms:CreateGrant',
  Resource: '*',
  Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
});

describe('default deployment: what is right and cheap', () => {
  let probe: Template;
  let monitoring: Template;

  beforeAll(() => {
    const { probeStacks, monitoringStack } = synthMonitor(testConfig({ smokeTrigger: true }));
    probe = Template.fromStack(probeStacks[0]!);
    monitoring = Template.fromStack(monitoringStack);
  });

  it('limits grants on the topics key to AWS services (CT.KMS.PR.3)', () => {
    monitoring.hasResourceProperties('AWS::KMS::Key', { KeyPolicy: { Statement: Match.arrayWith([LIMIT_GRANTS]) } });
  });

  it('keeps every log group a year, the probe and the smoke gate alike (CT.CLOUDWATCH.PR.2)', () => {
    probe.resourceCountIs('AWS::Logs::LogGroup', 2);
    probe.resourcePropertiesCountIs('AWS::Logs::LogGroup', { RetentionInDays: 365 }, 2);
  });

  it('adds no key, no VPC and no access-log bucket: those cost money and are options', () => {
    probe.resourceCountIs('AWS::KMS::Key', 0);
    probe.resourceCountIs('AWS::EC2::VPC', 0);
    probe.resourceCountIs('AWS::S3::Bucket', 1);
    probe.resourcePropertiesCountIs('AWS::Lambda::Function', { VpcConfig: Match.anyValue() }, 0);
  });

  it('takes the log retention from the config', () => {
    const { probeStacks } = synthMonitor(testConfig({ probeRegions: ['eu-west-1'], alarms: { outageQuorum: 1 }, logRetentionDays: 731 }));
    Template.fromStack(probeStacks[0]!).hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 731 });
  });
});

describe('hardened deployment (every hardening option on, cdk-nag clean)', () => {
  let created: Template;
  let existing: Template;

  beforeAll(() => {
    // Firefox too: its container-image function must take the same key and network.
    const { probeStacks } = synthMonitor(testConfig({ smokeTrigger: true, hardening: ALL_ON, targets: targetsIn() }));
    created = Template.fromStack(probeStacks.find((stack) => stack.region === 'eu-west-1')!);
    existing = Template.fromStack(probeStacks.find((stack) => stack.region === 'eu-west-3')!);
  });

  it('encrypts the log groups with a rotated regional key that CloudWatch Logs of this region may use', () => {
    created.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          LIMIT_GRANTS,
          Match.objectLike({
            Principal: { Service: 'logs.eu-west-1.amazonaws.com' },
            Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': Match.anyValue() } },
          }),
        ]),
      },
    });
    // The probe's, Firefox's, the smoke gate's and the flow log's.
    created.resourcePropertiesCountIs('AWS::Logs::LogGroup', { KmsKeyId: Match.anyValue(), RetentionInDays: 365 }, 4);
  });

  it('encrypts artifacts with that key, locks them for their retention and logs access to a log bucket', () => {
    created.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' }, BucketKeyEnabled: true }],
      },
      ObjectLockEnabled: true,
      ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 30 } } },
      LoggingConfiguration: { DestinationBucketName: { Ref: Match.stringLikeRegexp('^AccessLogsBucket') }, LogFilePrefix: 'artifacts/' },
    });
    // S3 delivers access logs only to an SSE-S3 bucket without a default retention.
    created.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      ObjectLockEnabled: true,
      ObjectLockConfiguration: Match.absent(),
      VersioningConfiguration: { Status: 'Enabled' },
    });
    created.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject', Condition: Match.anyValue() }),
        ]),
      },
    });
  });

  it('lets the probe ask the key for data keys to upload artifacts', () => {
    created.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: 'kms:GenerateDataKey', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] } }),
        ]),
      },
    });
  });

  it('builds a VPC whose private subnets reach the internet through one NAT gateway, with a flow log', () => {
    created.resourceCountIs('AWS::EC2::VPC', 1);
    created.resourceCountIs('AWS::EC2::NatGateway', 1);
    created.resourceCountIs('AWS::EC2::FlowLog', 1);
    created.resourcePropertiesCountIs('AWS::EC2::Subnet', { MapPublicIpOnLaunch: false }, 4);
    created.hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupEgress: [{ CidrIp: '0.0.0.0/0', IpProtocol: '-1' }],
      SecurityGroupIngress: Match.absent(),
    });
  });

  it('puts every function into the VPC: the probe, the Firefox probe, the smoke gate and the trigger provider', () => {
    created.resourceCountIs('AWS::Lambda::Function', 4);
    created.resourcePropertiesCountIs(
      'AWS::Lambda::Function',
      { VpcConfig: { SubnetIds: Match.anyValue(), SecurityGroupIds: Match.anyValue() } },
      4,
    );
    created.hasResourceProperties('AWS::Lambda::Function', { PackageType: 'Image', VpcConfig: Match.anyValue() });
  });

  it('uses the existing VPC and its subnets where the config names one, and builds none there', () => {
    existing.resourceCountIs('AWS::EC2::VPC', 0);
    existing.resourceCountIs('AWS::EC2::NatGateway', 0);
    existing.hasResourceProperties('AWS::EC2::SecurityGroup', { VpcId: EXISTING.vpcId });
    existing.resourcePropertiesCountIs(
      'AWS::Lambda::Function',
      { VpcConfig: { SubnetIds: EXISTING.subnetIds, SecurityGroupIds: Match.anyValue() } },
      4,
    );
  });
});

describe('hardening config validation', () => {
  it.each([
    [{ logRetentionDays: 364 }, /logRetentionDays: must be one of the CloudWatch Logs retention values .* got 364; nearest: 365/],
    [{ hardening: { existingVpcs: [EXISTING] } }, /hardening\.existingVpcs: needs hardening\.vpc: true/],
    [
      { hardening: { vpc: true, existingVpcs: [{ ...EXISTING, region: 'us-east-1' }] } },
      /hardening\.existingVpcs\[0\]\.region: must be one of probeRegions/,
    ],
    [
      { hardening: { vpc: true, existingVpcs: [EXISTING, { ...EXISTING, vpcId: 'vpc-0123456789abcdef1' }] } },
      /existingVpcs\[1\]\.region: must name each probe region at most once/,
    ],
    [{ hardening: { vpc: true, existingVpcs: [{ ...EXISTING, vpcId: 'vpc-1' }] } }, /existingVpcs\[0\]\.vpcId: must be a VPC id/],
    [{ hardening: { vpc: true, existingVpcs: [{ ...EXISTING, subnetIds: [] }] } }, /existingVpcs\[0\]\.subnetIds/],
    [{ hardening: { kmsKeys: true } }, /hardening\.kmsKeys: unknown key\. Did you mean "kmsKey"\?/],
  ])('rejects %j with its path and rule', (overrides, message) => {
    expect(() => testConfig(overrides)).toThrow(message);
  });
});
