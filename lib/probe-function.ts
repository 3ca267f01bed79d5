import { Duration, Size, Validations } from 'aws-cdk-lib';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, type ILayerVersion, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, LogLevel, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { join } from 'node:path';
import type { TargetConfig } from '../lambdas/core/config/types';
import { PROBE_FUNCTION_NAME } from '../lambdas/core/names';
import { ENV_KEYS } from '../lambdas/runtime/env';
import { PROBE_EXTERNAL_MODULES } from './browser-modules';
import { compactTargets } from './compact-targets';
import { DeployConfigError } from './errors';
import { createFunctionLogGroup, type FunctionGovernance, grantVpcAccess, networkPropsOf } from './function-governance';
import { REPO_ROOT } from './paths';
import { LATE_ROUND_MAX_AGE, probeTimeoutSeconds } from './probe-timing';

/** Chromium extracts ~200 MB to /tmp and each launch writes a profile there; Lambda's 512 MB default is tight. */
export const EPHEMERAL_STORAGE_MB = 1024;
/**
 * Lambda allows 4 KB of environment variables in total (keys and values).
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html
 */
export const MAX_ENVIRONMENT_BYTES = 4096;
/**
 * The bucket name is a token at synth time; S3 bucket names are at most 63 bytes, so that is what it
 * is counted as. https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
 */
const MAX_BUCKET_NAME_BYTES = 63;

/** Props of {@link ProbeFunction}. */
export interface ProbeFunctionProps {
  /** The validated targets; baked into the environment and the IAM policy (secrets). */
  readonly targets: readonly TargetConfig[];
  /** Memory in MB; 1769 MB is one full vCPU. */
  readonly memoryMb: number;
  /** Minutes between rounds; the timeout stays below it. */
  readonly scheduleMinutes: number;
  /** CloudWatch namespace; the only one the function may publish to. */
  readonly namespace: string;
  /** Region receiving the metrics. */
  readonly homeRegion: string;
  /** The `Location` dimension of this function's metrics. */
  readonly location: string;
  /** Bucket for failure artifacts; the function may only put objects into it. */
  readonly artifactsBucket: IBucket;
  /** Layer with Chromium and playwright-core. */
  readonly browserLayer: ILayerVersion;
  /**
   * Bundle lambdas/handler.ts with local esbuild. Off in unit tests: a one-line inline handler.
   * @default true
   */
  readonly bundle?: boolean;
  /** Log retention and key, VPC placement: the same for every function of the stack. */
  readonly governance: FunctionGovernance;
}

/**
 * The scheduled probe: lambdas/handler.ts on Node.js 22 (x86_64, the architecture of the
 * `@sparticuz/chromium` binary), with its own role holding only what one round needs.
 */
export class ProbeFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: ProbeFunctionProps) {
    super(scope, id);
    const timeoutSeconds = probeTimeoutSeconds(props.scheduleMinutes, props.targets);
    this.logGroup = createFunctionLogGroup(this, 'Logs', props.governance);
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'autocrm probe: logs, PutMetricData in one namespace, artifacts, login secrets',
    });
    this.function = this.createFunction(props, timeoutSeconds);
    this.grantRoundPermissions(props);
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Node.js 22 is pinned on purpose: @sparticuz/chromium 147 and playwright-core 1.59 are the pair verified on it; ' +
        'move to a newer runtime together with a Chromium upgrade.',
    });
  }

  private createFunction(props: ProbeFunctionProps, timeoutSeconds: number): NodejsFunction {
    const bundle = props.bundle ?? true;
    return new NodejsFunction(this, 'Function', {
      // A fixed name, the same in every region: `smoke --remote` invokes it by this name.
      functionName: PROBE_FUNCTION_NAME,
      description: `autocrm synthetic probe (${props.location})`,
      entry: join(REPO_ROOT, 'lambdas', 'handler.ts'),
      handler: bundle ? 'handler' : 'index.handler',
      code: bundle ? undefined : Code.fromInline('exports.handler = async () => ({ ok: true });'),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.X86_64,
      memorySize: props.memoryMb,
      timeout: Duration.seconds(timeoutSeconds),
      ephemeralStorageSize: Size.mebibytes(EPHEMERAL_STORAGE_MB),
      role: this.role,
      logGroup: this.logGroup,
      layers: [props.browserLayer],
      ...networkPropsOf(props.governance),
      environment: probeEnvironment(props),
      retryAttempts: 0,
      maxEventAge: LATE_ROUND_MAX_AGE,
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.CJS,
        target: 'node22',
        sourceMap: true,
        // esbuild's per-file size summary is noise in every synth (and test run); warnings still print.
        logLevel: LogLevel.WARNING,
        // Overrides the default `@aws-sdk/*` external: the SDK clients are bundled at the versions
        // package-lock.json pins, not whatever the runtime happens to ship.
        externalModules: [...PROBE_EXTERNAL_MODULES],
      },
    });
  }

  private grantRoundPermissions(props: ProbeFunctionProps): void {
    this.logGroup.grantWrite(this.role);
    grantVpcAccess(this.role, props.governance);
    this.role.addToPolicy(
      new PolicyStatement({
        sid: 'PutMetricDataInOwnNamespace',
        effect: Effect.ALLOW,
        actions: ['cloudwatch:PutMetricData'],
        // PutMetricData has no resource-level permissions; the condition limits it to one namespace.
        resources: ['*'],
        conditions: { StringEquals: { 'cloudwatch:namespace': props.namespace } },
      }),
    );
    this.role.addToPolicy(
      new PolicyStatement({
        sid: 'PutFailureArtifacts',
        actions: ['s3:PutObject'],
        resources: [props.artifactsBucket.arnForObjects('*')],
      }),
    );
    // With a customer-managed bucket key, each upload asks KMS for a data key under the probe's role.
    props.artifactsBucket.encryptionKey?.grant(this.role, 'kms:GenerateDataKey');
    const secretArns = secretArnsOf(props.targets);
    if (secretArns.length > 0) {
      this.role.addToPolicy(
        new PolicyStatement({ sid: 'ReadLoginSecrets', actions: ['secretsmanager:GetSecretValue'], resources: secretArns }),
      );
    }
  }
}

/** The distinct Secrets Manager ARNs of all targets' credentials, in config order. */
export function secretArnsOf(targets: readonly TargetConfig[]): string[] {
  const arns = targets.flatMap((target) => (target.credentials?.secretArn ? [target.credentials.secretArn] : []));
  return [...new Set(arns)];
}

function probeEnvironment(props: ProbeFunctionProps): Record<string, string> {
  const environment: Record<string, string> = {
    // Only the targets, without their defaults: the handler reads nothing else from it, and Lambda
    // allows 4 KB in total.
    [ENV_KEYS.config]: JSON.stringify({ targets: compactTargets(props.targets) }),
    [ENV_KEYS.homeRegion]: props.homeRegion,
    [ENV_KEYS.namespace]: props.namespace,
    [ENV_KEYS.artifactsBucket]: props.artifactsBucket.bucketName,
    [ENV_KEYS.location]: props.location,
    // Stack traces of our own faults (probe_error) point at the TypeScript sources.
    NODE_OPTIONS: '--enable-source-maps',
  };
  assertEnvironmentFits(environment);
  return environment;
}

function assertEnvironmentFits(environment: Record<string, string>): void {
  const bytes = Object.entries(environment).reduce(
    (sum, [key, value]) =>
      sum + Buffer.byteLength(key) + (key === ENV_KEYS.artifactsBucket ? MAX_BUCKET_NAME_BYTES : Buffer.byteLength(value)),
    0,
  );
  if (bytes > MAX_ENVIRONMENT_BYTES) {
    throw new DeployConfigError(
      `targets: the probe environment would be ${bytes} bytes (the targets are baked into ${ENV_KEYS.config}), ` +
        `more than Lambda's ${MAX_ENVIRONMENT_BYTES}; probe fewer targets per deployment or shorten them`,
    );
  }
}
