import { Validations } from 'aws-cdk-lib';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { TargetConfig } from '../lambdas/core/config/types';
import { ENV_KEYS } from '../lambdas/runtime/env';
import { type FunctionGovernance, grantVpcAccess } from './function-governance';
import { iam5ResourceFinding } from './nag-findings';

/** What every probe function (zip or container image) shares: where it publishes, stores and reads. */
export interface ProbeRoundProps {
  /** The targets whose rounds the function runs: its role may read exactly their login secrets. */
  readonly targets: readonly TargetConfig[];
  /** CloudWatch namespace; the only one the function may publish to. */
  readonly namespace: string;
  /** Region receiving the metrics. */
  readonly homeRegion: string;
  /** The `Location` dimension of the function's metrics. */
  readonly location: string;
  /** Bucket for failure artifacts; the function may only put objects into it. */
  readonly artifactsBucket: IBucket;
  /** Log retention and key, VPC placement: the same for every function of the stack. */
  readonly governance: FunctionGovernance;
}

/** A probe function's own role: assumed by Lambda, nothing attached yet. */
export function createProbeRole(scope: Construct, id: string): Role {
  return new Role(scope, id, {
    assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    description: 'autocrm probe: logs, PutMetricData in one namespace, artifacts, login secrets',
  });
}

/**
 * What one round needs and nothing else: its own log group, PutMetricData in one namespace, PutObject
 * into the artifacts bucket (and the bucket key), the login secrets its targets name, and with a VPC
 * the network interfaces. The cdk-nag findings this implies are acknowledged here with their reasons.
 */
export function grantRoundPermissions(role: Role, logGroup: LogGroup, props: ProbeRoundProps): void {
  logGroup.grantWrite(role);
  grantVpcAccess(role, props.governance);
  role.addToPolicy(
    new PolicyStatement({
      sid: 'PutMetricDataInOwnNamespace',
      effect: Effect.ALLOW,
      actions: ['cloudwatch:PutMetricData'],
      // PutMetricData has no resource-level permissions; the condition limits it to one namespace.
      resources: ['*'],
      conditions: { StringEquals: { 'cloudwatch:namespace': props.namespace } },
    }),
  );
  role.addToPolicy(
    new PolicyStatement({
      sid: 'PutFailureArtifacts',
      actions: ['s3:PutObject'],
      resources: [props.artifactsBucket.arnForObjects('*')],
    }),
  );
  // With a customer-managed bucket key, each upload asks KMS for a data key under the probe's role.
  props.artifactsBucket.encryptionKey?.grant(role, 'kms:GenerateDataKey');
  const secretArns = secretArnsOf(props.targets);
  if (secretArns.length > 0) {
    role.addToPolicy(new PolicyStatement({ sid: 'ReadLoginSecrets', actions: ['secretsmanager:GetSecretValue'], resources: secretArns }));
  }
  acknowledgeRoundFindings(role, props.artifactsBucket);
}

function acknowledgeRoundFindings(role: Role, bucket: IBucket): void {
  Validations.of(role).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'cloudwatch:PutMetricData supports no resource-level permission, so its Resource is "*"; the statement ' +
      'is limited by the condition cloudwatch:namespace to the configured namespace.',
  });
  Validations.of(role).acknowledge({
    id: iam5ResourceFinding(role, bucket.arnForObjects('*')),
    reason: 's3:PutObject on the objects of the artifacts bucket only (bucket ARN/*): object keys are generated per round.',
  });
}

/** The distinct Secrets Manager ARNs of all targets' credentials, in config order. */
export function secretArnsOf(targets: readonly TargetConfig[]): string[] {
  const arns = targets.flatMap((target) => (target.credentials?.secretArn ? [target.credentials.secretArn] : []));
  return [...new Set(arns)];
}

/**
 * The environment of every probe function. No targets: each invocation's event names its one
 * (target, browser) pair, so the environment stays the same size whatever the config holds.
 */
export function probeEnvironment(props: ProbeRoundProps): Record<string, string> {
  return {
    [ENV_KEYS.homeRegion]: props.homeRegion,
    [ENV_KEYS.namespace]: props.namespace,
    [ENV_KEYS.artifactsBucket]: props.artifactsBucket.bucketName,
    [ENV_KEYS.location]: props.location,
    // Stack traces of our own faults (probe_error) point at the TypeScript sources.
    NODE_OPTIONS: '--enable-source-maps',
  };
}
