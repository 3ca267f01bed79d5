import { Annotations, Duration, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import type { Key } from 'aws-cdk-lib/aws-kms';
import type { CfnBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { MonitorConfig } from '../lambdas/core/config/types';
import { AccessLogsBucket } from './access-logs-bucket';
import { ArtifactsBucket } from './artifacts-bucket';
import { allowCloudWatchLogs, type FunctionGovernance } from './function-governance';
import { createMonitorKey } from './monitor-key';
import { ChromiumLayer } from './chromium-layer';
import { ProbeFunction } from './probe-function';
import { ProbeNetwork } from './probe-network';
import { ProbeSchedule } from './probe-schedule';
import { SmokeTrigger } from './smoke-trigger';

/** Props of {@link ProbeStack}. */
export interface ProbeStackProps extends StackProps {
  /** The validated config (targets, schedule, memory, namespace, home region, retention). */
  readonly config: MonitorConfig;
  /** The region this stack probes from; also the `Location` dimension of its metrics. */
  readonly location: string;
  /**
   * Bundle the probe with local esbuild and copy Chromium into the layer. Off in unit tests.
   * @default true
   */
  readonly bundle?: boolean;
}

/**
 * Everything one probe region needs: the Chromium layer, the artifacts bucket, the probe function,
 * its schedule and, when `smokeTrigger` is on, the deploy-time smoke gate; with `hardening`, a KMS key,
 * an access-log bucket and a VPC for them.
 */
export class ProbeStack extends Stack {
  readonly probe: ProbeFunction;
  readonly artifacts: ArtifactsBucket;
  readonly schedule: ProbeSchedule;
  readonly smokeTrigger: SmokeTrigger | undefined;
  /** Log retention, log key and network of every function in this stack. */
  readonly governance: FunctionGovernance;
  /** The customer-managed key of this region (`hardening.kmsKey`). */
  readonly key: Key | undefined;
  readonly network: ProbeNetwork | undefined;
  readonly accessLogs: AccessLogsBucket | undefined;

  constructor(scope: Construct, id: string, props: ProbeStackProps) {
    super(scope, id, props);
    const { config } = props;
    const { hardening } = config;
    const bundle = props.bundle ?? true;
    this.key = hardening.kmsKey ? this.createKey() : undefined;
    const logs = { logRetentionDays: config.logRetentionDays, logsKey: this.key };
    this.network = hardening.vpc ? this.createNetwork(props, logs) : undefined;
    this.governance = { ...logs, network: this.network };
    this.accessLogs = hardening.accessLogs
      ? new AccessLogsBucket(this, 'AccessLogs', { retentionDays: config.logRetentionDays, objectLock: hardening.objectLock })
      : undefined;
    const layer = new ChromiumLayer(this, 'BrowserLayer', { bundle });
    this.artifacts = new ArtifactsBucket(this, 'Artifacts', {
      retentionDays: config.artifactsRetentionDays,
      encryptionKey: this.key,
      accessLogsBucket: this.accessLogs?.bucket,
      objectLock: hardening.objectLock,
    });
    this.probe = new ProbeFunction(this, 'Probe', {
      targets: config.targets,
      memoryMb: config.memoryMb,
      scheduleMinutes: config.schedule,
      namespace: config.namespace,
      homeRegion: config.homeRegion,
      location: props.location,
      artifactsBucket: this.artifacts.bucket,
      browserLayer: layer.layer,
      bundle,
      governance: this.governance,
    });
    this.schedule = new ProbeSchedule(this, 'Schedule', {
      probe: this.probe.function,
      scheduleMinutes: config.schedule,
      targets: config.targets,
    });
    this.smokeTrigger = config.smokeTrigger ? this.createSmokeTrigger(layer, bundle) : undefined;
    this.suppressNagFindings();
  }

  private createKey(): Key {
    const key = createMonitorKey(this, 'Key', {
      description: `Encrypts the autocrm synthetics log groups and artifacts in ${this.region}`,
    });
    allowCloudWatchLogs(key);
    return key;
  }

  private createNetwork(props: ProbeStackProps, logs: FunctionGovernance): ProbeNetwork {
    const existing = props.config.hardening.existingVpcs?.find((vpc) => vpc.region === this.region);
    return new ProbeNetwork(this, 'Network', { existing, logs });
  }

  private createSmokeTrigger(layer: ChromiumLayer, bundle: boolean): SmokeTrigger {
    const timeout = this.probe.function.timeout ?? Duration.minutes(1);
    // The schedule invokes the unqualified function (permission on the function); only the gate
    // invokes the version, and its role is granted exactly that version.
    Annotations.of(this.probe.function).acknowledgeWarning(
      '@aws-cdk/aws-lambda:addPermissionsToVersionOrAlias',
      'EventBridge invokes the unqualified function; the smoke gate has lambda:InvokeFunction on the version itself',
    );
    return new SmokeTrigger(this, 'SmokeGate', {
      probeVersion: this.probe.function.currentVersion,
      probeTimeout: timeout,
      executeAfter: [this.probe, layer, this.artifacts],
      bundle,
      governance: this.governance,
    });
  }

  private suppressNagFindings(): void {
    Validations.of(this.probe.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'cloudwatch:PutMetricData supports no resource-level permission, so its Resource is "*"; the statement ' +
        'is limited by the condition cloudwatch:namespace to the configured namespace.',
    });
    const bucketLogicalId = this.getLogicalId(this.artifacts.bucket.node.defaultChild as CfnBucket);
    Validations.of(this.probe.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${bucketLogicalId}.Arn>/*]`,
      reason: 's3:PutObject on the objects of the artifacts bucket only (bucket ARN/*): object keys are generated per round.',
    });
  }
}
