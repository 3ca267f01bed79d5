import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CfnBucket,
  type IBucket,
  ObjectLockRetention,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { DeployConfigError } from './errors';

/** Props of {@link ArtifactsBucket}. */
export interface ArtifactsBucketProps {
  /** Days a screenshot or HTML snapshot of a failed round is kept (1 to 3650). */
  readonly retentionDays: number;
  /**
   * What happens to the bucket when the stack is deleted. Artifacts are evidence of past failures,
   * so they are kept by default.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Customer-managed key for default encryption (SSE-KMS with an S3 bucket key, CT.S3.PR.10).
   * @default SSE-S3 (S3-managed keys)
   */
  readonly encryptionKey?: IKey;
  /**
   * Bucket that receives this bucket's server access logs (CT.S3.PR.2).
   * @default no server access logs (CloudTrail data events can audit access instead)
   */
  readonly accessLogsBucket?: IBucket;
  /**
   * S3 Object Lock in governance mode for `retentionDays` (CT.S3.PR.9): nobody without
   * `s3:BypassGovernanceRetention` can delete an artifact before it expires.
   * @default false
   */
  readonly objectLock?: boolean;
}

/** S3 keeps objects for at most this many days in a lifecycle rule we consider sane (10 years). */
const MAX_RETENTION_DAYS = 3650;
/**
 * An overwritten or expired artifact stays this long as a noncurrent version (versioning is there to
 * undo an accidental delete, not to keep artifacts longer), then it is gone for good.
 */
export const NONCURRENT_VERSION_DAYS = 7;
/** Key prefix of the artifacts bucket's server access logs in the access-log bucket. */
const ACCESS_LOG_PREFIX = 'artifacts/';

/**
 * The bucket for failure artifacts (screenshots with password fields masked, HTML): private,
 * encrypted at rest, TLS only, no ACLs, versioned, expired after `retentionDays` (noncurrent versions
 * {@link NONCURRENT_VERSION_DAYS} later), and announcing every new artifact to EventBridge.
 */
export class ArtifactsBucket extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: ArtifactsBucketProps) {
    super(scope, id);
    const { retentionDays } = props;
    if (!Number.isInteger(retentionDays) || retentionDays < 1 || retentionDays > MAX_RETENTION_DAYS) {
      throw new DeployConfigError(
        `artifactsRetentionDays: must be a whole number of days between 1 and ${MAX_RETENTION_DAYS}, got ${retentionDays}`,
      );
    }
    this.bucket = this.createBucket(props);
    this.enableEventBridge();
    if (props.accessLogsBucket) this.logAccessTo(props.accessLogsBucket);
    if (!props.accessLogsBucket) {
      Validations.of(this.bucket).acknowledge({
        id: 'AwsSolutions-S1',
        reason:
          'Only the probe role can write (s3:PutObject on this bucket) and nobody else has access; object-level access is ' +
          'auditable with CloudTrail data events. hardening.accessLogs adds a server-access-log bucket per region.',
      });
    }
  }

  private createBucket(props: ArtifactsBucketProps): Bucket {
    return new Bucket(this, 'Bucket', {
      encryption: props.encryptionKey ? BucketEncryption.KMS : BucketEncryption.S3_MANAGED,
      encryptionKey: props.encryptionKey,
      // One data key per bucket instead of one KMS request per object.
      bucketKeyEnabled: props.encryptionKey ? true : undefined,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      objectLockEnabled: props.objectLock ? true : undefined,
      objectLockDefaultRetention: props.objectLock ? ObjectLockRetention.governance(Duration.days(props.retentionDays)) : undefined,
      lifecycleRules: [
        {
          id: 'expire-artifacts',
          expiration: Duration.days(props.retentionDays),
          noncurrentVersionExpiration: Duration.days(NONCURRENT_VERSION_DAYS),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
        // Once its last version is gone, an expired artifact's delete marker is removed too.
        { id: 'remove-expired-delete-markers', expiredObjectDeleteMarker: true },
      ],
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
  }

  /**
   * Server access logs under `artifacts/` in `logs`, delivered by the S3 logging service, which the
   * log bucket's policy admits for this bucket only (CDK's `serverAccessLogsBucket` would grant it
   * with an ACL instead, which the log bucket's disabled ACLs do not allow).
   */
  private logAccessTo(logs: IBucket): void {
    const cfnBucket = this.bucket.node.defaultChild as CfnBucket;
    cfnBucket.loggingConfiguration = { destinationBucketName: logs.bucketName, logFilePrefix: ACCESS_LOG_PREFIX };
    logs.addToResourcePolicy(
      new PolicyStatement({
        sid: 'S3ServerAccessLogsOfTheArtifactsBucket',
        principals: [new ServicePrincipal('logging.s3.amazonaws.com')],
        actions: ['s3:PutObject'],
        resources: [logs.arnForObjects(`${ACCESS_LOG_PREFIX}*`)],
        conditions: {
          ArnLike: { 'aws:SourceArn': this.bucket.bucketArn },
          StringEquals: { 'aws:SourceAccount': Stack.of(this).account },
        },
      }),
    );
  }

  /**
   * Every new artifact becomes an "Object Created" event on the default event bus (CT.S3.PR.4), free
   * of charge, so a team can route failure evidence to a chat or a ticket with one rule. Set on the
   * bucket itself: CDK's `eventBridgeEnabled` would add a custom-resource Lambda to do the same.
   */
  private enableEventBridge(): void {
    const cfnBucket = this.bucket.node.defaultChild as CfnBucket;
    cfnBucket.notificationConfiguration = { eventBridgeConfiguration: { eventBridgeEnabled: true } };
  }
}
