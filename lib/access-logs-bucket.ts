import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, type CfnBucket, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** Props of {@link AccessLogsBucket}. */
export interface AccessLogsBucketProps {
  /** Days an access log object is kept (the log retention of the monitor). */
  readonly retentionDays: number;
  /**
   * What happens to the bucket when the stack is deleted. Access logs are audit evidence.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * S3 Object Lock on the bucket (CT.S3.PR.9), without a default retention: S3 refuses to deliver
   * access logs into a bucket that has one. Auditors can still put a legal hold on a log object.
   * @default false
   */
  readonly objectLock?: boolean;
}

/**
 * The server-access-log bucket of a probe region (hardening.accessLogs): versioned, SSE-S3, TLS only,
 * private, logs expired after `retentionDays`, Object Lock with `objectLock`. It cannot meet two of the controls it helps the
 * artifacts bucket meet: S3 delivers access logs only to SSE-S3 buckets (CT.S3.PR.10), and a log
 * bucket that logged its own access would log its log deliveries forever (CT.S3.PR.2).
 */
export class AccessLogsBucket extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: AccessLogsBucketProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      objectLockEnabled: props.objectLock ? true : undefined,
      lifecycleRules: [
        {
          id: 'expire-access-logs',
          expiration: Duration.days(props.retentionDays),
          noncurrentVersionExpiration: Duration.days(1),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
        { id: 'remove-expired-delete-markers', expiredObjectDeleteMarker: true },
      ],
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    (this.bucket.node.defaultChild as CfnBucket).notificationConfiguration = {
      eventBridgeConfiguration: { eventBridgeEnabled: true },
    };
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the server-access-log bucket; logging its own access would log each log delivery again, without end.',
    });
  }
}
