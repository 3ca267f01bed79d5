import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AnyPrincipal, Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';

/** Props of {@link createMonitorKey}. */
export interface MonitorKeyProps {
  /** What the key encrypts, shown in the KMS console. */
  readonly description: string;
  /**
   * What happens to the key when its stack is deleted. A deleted key makes what it encrypted
   * unreadable, so it waits `pendingWindow` (7 days) before it is gone.
   * @default RemovalPolicy.DESTROY
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The statement AWS Control Tower's CT.KMS.PR.3 asks every key policy for: nobody may create a grant
 * on the key unless the grant is for an AWS resource or the caller is an AWS service. Grants are how
 * a key's use is handed on outside the key policy; the monitor's own services need none.
 */
export function limitGrantsToAwsServicesStatement(): PolicyStatement {
  return new PolicyStatement({
    sid: 'LimitGrantsToAwsServices',
    effect: Effect.DENY,
    principals: [new AnyPrincipal()],
    actions: ['kms:CreateGrant'],
    resources: ['*'],
    conditions: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
  });
}

/**
 * A customer-managed KMS key as every key of the monitor is made: rotated yearly, a 7-day deletion
 * window, and grants limited to AWS services (CT.KMS.PR.3). The construct that uses the key allows its
 * services. A function rather than a wrapper construct, so the key keeps the construct path (and the
 * logical id) it had before, and a deployed key is never replaced by an update.
 */
export function createMonitorKey(scope: Construct, id: string, props: MonitorKeyProps): Key {
  const key = new Key(scope, id, {
    description: props.description,
    enableKeyRotation: true,
    pendingWindow: Duration.days(7),
    removalPolicy: props.removalPolicy ?? RemovalPolicy.DESTROY,
  });
  key.addToResourcePolicy(limitGrantsToAwsServicesStatement());
  return key;
}
