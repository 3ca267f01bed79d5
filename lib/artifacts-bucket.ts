import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
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
}

/** S3 keeps objects for at most this many days in a lifecycle rule we consider sane (10 years). */
const MAX_RETENTION_DAYS = 3650;

/**
 * The bucket for failure artifacts (screenshots with password fields masked, HTML): private,
 * encrypted at rest with S3-managed keys, TLS only, no ACLs, expired after `retentionDays`.
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
    this.bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: false,
      lifecycleRules: [
        { id: 'expire-artifacts', expiration: Duration.days(retentionDays), abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Only the probe role can write (s3:PutObject on this bucket) and nobody else has access; object-level ' +
        'access is auditable with CloudTrail data events. A second log bucket per region would cost more than the artifacts.',
    });
  }
}
