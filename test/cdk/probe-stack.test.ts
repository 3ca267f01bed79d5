import { Template, Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBE_FUNCTION_NAME } from '../../lambdas/core/names';
import { DEFAULT_FUNCTION_NAME } from '../../cli/smoke/remote-invoke';
import { ENV_KEYS } from '../../lambdas/runtime/env';
import { SECRET_ARN, synthMonitor, testConfig, removeSynthOutputs } from './fixtures';

afterAll(removeSynthOutputs);

describe('probe stacks', () => {
  let templates: Template[];
  let regions: readonly string[];

  beforeAll(() => {
    // Prepare / Act: the whole app from the example-like config, bundling off.
    const config = testConfig();
    regions = config.probeRegions;
    const { probeStacks } = synthMonitor(config);
    templates = probeStacks.map((stack) => Template.fromStack(stack));
  });

  it('creates exactly one probe function per probe region, in that region', () => {
    expect(templates).toHaveLength(3);
    for (const [index, template] of templates.entries()) {
      template.resourcePropertiesCountIs('AWS::Lambda::Function', { Handler: 'index.handler', Runtime: 'nodejs22.x' }, 1);
      template.hasResourceProperties('AWS::Lambda::Function', {
        Environment: { Variables: Match.objectLike({ [ENV_KEYS.location]: regions[index] }) },
      });
    }
  });

  it('gives the probe function the fixed name `smoke --remote` invokes in every region', () => {
    for (const template of templates) {
      template.hasResourceProperties('AWS::Lambda::Function', { FunctionName: PROBE_FUNCTION_NAME });
    }
    expect(PROBE_FUNCTION_NAME).toBe(DEFAULT_FUNCTION_NAME);
  });

  it('sizes the function: Node.js 22, x86_64, memory from config, timeout below the schedule, 1 GB /tmp', () => {
    templates[0]!.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['x86_64'],
      MemorySize: 2048,
      Timeout: 50,
      EphemeralStorage: { Size: 1024 },
      Layers: [Match.anyValue()],
      LoggingConfig: { LogGroup: Match.anyValue() },
    });
    // One year by default: the shortest retention Control Tower's CT.CLOUDWATCH.PR.2 accepts.
    templates[0]!.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365 });
  });

  it('sets home region, namespace, bucket and location in the environment, but no targets (each event names its pair)', () => {
    const template = templates[1]!;
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          [ENV_KEYS.config]: Match.absent(),
          [ENV_KEYS.homeRegion]: 'eu-central-1',
          [ENV_KEYS.namespace]: 'AutoCRM/Synthetics',
          [ENV_KEYS.artifactsBucket]: { Ref: Match.stringLikeRegexp('^ArtifactsBucket') },
          [ENV_KEYS.location]: 'eu-west-1',
          NODE_OPTIONS: '--enable-source-maps',
        }),
      },
    });
  });

  it('invokes the function every minute with its one (target, browser) pair as input and never retries a late round', () => {
    const template = templates[0]!;
    template.resourceCountIs('AWS::Scheduler::Schedule', 1);
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(* * * * ? *)',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: Match.objectLike({
        Input: Match.serializedJson({
          targets: [Match.objectLike({ name: 'autocrm', loginUrl: 'https://crm.example.com/cgi-bin/xorg/crm.pl' })],
        }),
        RetryPolicy: { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 60 },
      }),
    });
    template.resourceCountIs('AWS::Events::Rule', 0);
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 60 });
  });

  it('grants PutMetricData only in the configured namespace, PutObject only under the bucket, and the one secret', () => {
    templates[0]!.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Sid: 'PutMetricDataInOwnNamespace',
            Effect: 'Allow',
            Action: 'cloudwatch:PutMetricData',
            Resource: '*',
            Condition: { StringEquals: { 'cloudwatch:namespace': 'AutoCRM/Synthetics' } },
          },
          {
            Sid: 'PutFailureArtifacts',
            Effect: 'Allow',
            Action: 's3:PutObject',
            Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^ArtifactsBucket'), 'Arn'] }, '/*']] },
          },
          { Sid: 'ReadLoginSecrets', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: SECRET_ARN },
        ]),
      },
    });
  });

  it('has no managed policies and no other actions on the probe role', () => {
    const template = templates[0]!;
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: Match.objectLike({ Statement: [Match.objectLike({ Principal: { Service: 'lambda.amazonaws.com' } })] }),
      ManagedPolicyArns: Match.absent(),
    });
    const probeRole = Object.keys(template.findResources('AWS::IAM::Role')).find((id) => id.startsWith('ProbeRole'));
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter(
      (policy) => JSON.stringify(policy.Properties.Roles) === JSON.stringify([{ Ref: probeRole }]),
    );
    expect(policies).toHaveLength(1);
    const actions = policies.flatMap((policy) =>
      (policy.Properties.PolicyDocument.Statement as { Action: string | string[] }[]).flatMap((s) => s.Action),
    );
    expect(new Set(actions)).toEqual(
      new Set(['logs:CreateLogStream', 'logs:PutLogEvents', 'cloudwatch:PutMetricData', 's3:PutObject', 'secretsmanager:GetSecretValue']),
    );
  });

  it('keeps failure artifacts private, encrypted, TLS-only, versioned and expires them and their old versions', () => {
    const template = templates[2]!;
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      VersioningConfiguration: { Status: 'Enabled' },
      LifecycleConfiguration: {
        Rules: [
          Match.objectLike({ ExpirationInDays: 30, NoncurrentVersionExpiration: { NoncurrentDays: 7 }, Status: 'Enabled' }),
          Match.objectLike({ ExpiredObjectDeleteMarker: true, Status: 'Enabled' }),
        ],
      },
      NotificationConfiguration: { EventBridgeConfiguration: { EventBridgeEnabled: true } },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('ships Chromium as a Node.js 22 x86_64 layer', () => {
    templates[0]!.hasResourceProperties('AWS::Lambda::LayerVersion', {
      CompatibleRuntimes: ['nodejs22.x'],
      CompatibleArchitectures: ['x86_64'],
    });
  });

  it('has no smoke gate unless smokeTrigger is on', () => {
    templates[0]!.resourceCountIs('Custom::Trigger', 0);
  });
});

describe('probe stack without credentials', () => {
  it('grants no secretsmanager access at all', () => {
    // Prepare: a target without a secret.
    const raw = { targets: [{ name: 'public', loginUrl: 'https://crm.example.com/cgi-bin/xorg/crm.pl' }] };
    // Act
    const { probeStacks } = synthMonitor(testConfig(raw));
    // Assess
    const json = JSON.stringify(Template.fromStack(probeStacks[0]!).toJSON());
    expect(json).not.toContain('secretsmanager');
  });

  it('derives the timeout from a longer schedule (5 min → 290 s) and a cron at every fifth minute', () => {
    const { probeStacks } = synthMonitor(testConfig({ schedule: 5, memoryMb: 3008 }));
    const template = Template.fromStack(probeStacks[0]!);
    template.hasResourceProperties('AWS::Lambda::Function', { Timeout: 290, MemorySize: 3008, Runtime: 'nodejs22.x' });
    template.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'cron(0/5 * * * ? *)' });
  });

  it('takes a rate for an interval that does not divide the hour', () => {
    const { probeStacks } = synthMonitor(testConfig({ schedule: 7 }));
    Template.fromStack(probeStacks[0]!).hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'rate(7 minutes)' });
  });
});
