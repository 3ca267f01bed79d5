import { Annotations, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { Key } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import type { MonitorConfig } from '../lambdas/core/config/types';
import { AccessLogsBucket } from './access-logs-bucket';
import { ArtifactsBucket } from './artifacts-bucket';
import { allowCloudWatchLogs, type FunctionGovernance } from './function-governance';
import { createMonitorKey } from './monitor-key';
import { ChromiumLayer } from './chromium-layer';
import { FirefoxProbeFunction } from './firefox-probe-function';
import { ProbeFunction } from './probe-function';
import { checkFanOutLimits, assertStackFits } from './probe-limits';
import { ProbeNetwork } from './probe-network';
import { pairsOn, probePairs, type ProbePair, targetsOf } from './probe-pairs';
import type { ProbeRoundProps } from './probe-permissions';
import { ProbeSchedules } from './probe-schedules';
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
 * Everything one probe region needs: the Chromium layer, the artifacts bucket, the probe function, one
 * schedule per (target, browser) pair and, when `smokeTrigger` is on, the deploy-time smoke gate; with
 * `hardening`, a KMS key, an access-log bucket and a VPC for them.
 */
export class ProbeStack extends Stack {
  /** The zip function with the Chromium layer: Chromium and Edge's identity. */
  readonly probe: ProbeFunction;
  /** Real Firefox in a container image; only when some target lists Firefox. */
  readonly firefox: FirefoxProbeFunction | undefined;
  readonly artifacts: ArtifactsBucket;
  readonly schedules: ProbeSchedules;
  /** Every (target, browser) pair of the config: one invocation each per schedule interval. */
  readonly pairs: readonly ProbePair[];
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
    this.pairs = probePairs(config.targets);
    checkFanOutLimits({ pairs: this.pairs.length, regions: config.probeRegions.length });
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
    const chromiumPairs = pairsOn('chromium', this.pairs);
    this.probe = new ProbeFunction(this, 'Probe', {
      ...this.roundProps(props, chromiumPairs),
      pairs: chromiumPairs,
      memoryMb: config.memoryMb,
      scheduleMinutes: config.schedule,
      browserLayer: layer.layer,
      bundle,
    });
    const firefoxPairs = pairsOn('firefox', this.pairs);
    this.firefox =
      firefoxPairs.length > 0
        ? new FirefoxProbeFunction(this, 'Firefox', {
            ...this.roundProps(props, firefoxPairs),
            pairs: firefoxPairs,
            memoryMb: config.memoryMb,
            scheduleMinutes: config.schedule,
            bundle,
          })
        : undefined;
    this.schedules = new ProbeSchedules(this, 'Schedules', {
      pairs: this.pairs,
      functions: { chromium: this.probe.function, firefox: this.firefox?.function },
      scheduleMinutes: config.schedule,
    });
    this.smokeTrigger = config.smokeTrigger ? this.createSmokeTrigger(layer, bundle) : undefined;
    assertStackFits(this, `one schedule per (target, browser) pair: ${this.pairs.length}`);
  }

  /** What every probe function of this region shares, for the targets of `pairs`. */
  private roundProps(props: ProbeStackProps, pairs: readonly ProbePair[]): ProbeRoundProps {
    return {
      targets: targetsOf(pairs),
      namespace: props.config.namespace,
      homeRegion: props.config.homeRegion,
      location: props.location,
      artifactsBucket: this.artifacts.bucket,
      governance: this.governance,
    };
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
    const functions = [this.probe.function, ...(this.firefox ? [this.firefox.function] : [])];
    const timeout = functions
      .map((fn) => fn.timeout ?? Duration.minutes(1))
      .reduce((longest, next) => (next.toSeconds() > longest.toSeconds() ? next : longest));
    for (const fn of functions) {
      // The schedules invoke the unqualified functions (Scheduler's role); only the gate invokes the
      // versions, and its role is granted exactly those versions.
      Annotations.of(fn).acknowledgeWarning(
        '@aws-cdk/aws-lambda:addPermissionsToVersionOrAlias',
        'The schedules invoke the unqualified function; the smoke gate has lambda:InvokeFunction on the version itself',
      );
    }
    return new SmokeTrigger(this, 'SmokeGate', {
      probeVersions: functions.map((fn) => fn.currentVersion),
      scheduleGroup: this.schedules.group,
      probeTimeout: timeout,
      executeAfter: [this.probe, ...(this.firefox ? [this.firefox] : []), layer, this.artifacts, this.schedules],
      bundle,
      governance: this.governance,
    });
  }
}
