import { Duration, Size } from 'aws-cdk-lib';
import type { Role } from 'aws-cdk-lib/aws-iam';
import { Architecture, DockerImageCode, DockerImageFunction } from 'aws-cdk-lib/aws-lambda';
import type { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Platform } from 'aws-cdk-lib/aws-ecr-assets';
import { Construct } from 'constructs';
import { FIREFOX_PROBE_FUNCTION_NAME } from '../lambdas/core/names';
import { stageFirefoxImage } from './firefox-image';
import { createFunctionLogGroup, networkPropsOf } from './function-governance';
import type { ProbePair } from './probe-pairs';
import { createProbeRole, grantRoundPermissions, probeEnvironment, type ProbeRoundProps } from './probe-permissions';
import { LATE_ROUND_MAX_AGE, probeTimeoutSeconds } from './probe-timing';

/**
 * Memory of the Firefox function, at least: Firefox's process tree peaks at ≈ 515 MB PSS per round
 * where Chromium's takes 167 MB (issue #23, firefox-esr 153), and its launch (≈ 2.1 s) is CPU-bound,
 * so no less than Chromium's full vCPU (1769 MB) with room above the peak; `memoryMb` above it applies.
 */
export const FIREFOX_MIN_MEMORY_MB = 2048;
/**
 * /tmp of the Firefox function: Lambda's default. Firefox is part of the image, nothing is extracted;
 * /tmp holds one round's profile (tens of MB), and the handler sweeps what a killed round left.
 */
export const FIREFOX_EPHEMERAL_STORAGE_MB = 512;

/** Props of {@link FirefoxProbeFunction}. */
export interface FirefoxProbeFunctionProps extends ProbeRoundProps {
  /** The (target, Firefox) pairs, one per invocation; they size its timeout. */
  readonly pairs: readonly ProbePair[];
  /** The config's `memoryMb`; the function takes at least FIREFOX_MIN_MEMORY_MB. */
  readonly memoryMb: number;
  /** Minutes between rounds; the timeout stays below it. */
  readonly scheduleMinutes: number;
  /**
   * Stage the real handler bundle and browser modules into the image's build context. Off in unit tests.
   * @default true
   */
  readonly bundle?: boolean;
}

/**
 * Real Firefox in Lambda: a container-image function (images/firefox-probe/Dockerfile: the Lambda
 * Node.js 22 base image plus Firefox ESR) running the same handler as the zip function, with a role
 * of its own holding the same permissions (logs, PutMetricData in one namespace, artifacts, the login
 * secrets of its targets). Created only when some target lists Firefox.
 */
export class FirefoxProbeFunction extends Construct {
  readonly function: DockerImageFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: FirefoxProbeFunctionProps) {
    super(scope, id);
    const timeoutSeconds = probeTimeoutSeconds(props.scheduleMinutes, props.pairs);
    this.logGroup = createFunctionLogGroup(this, 'Logs', props.governance);
    this.role = createProbeRole(this, 'Role');
    this.function = new DockerImageFunction(this, 'Function', {
      // A fixed name, the same in every region: `smoke --remote` invokes it by this name.
      functionName: FIREFOX_PROBE_FUNCTION_NAME,
      description: `autocrm synthetic probe, Firefox (${props.location})`,
      // Staged at synth (a folder copy, no Docker); built for x86_64 by `cdk deploy`.
      code: DockerImageCode.fromImageAsset(stageFirefoxImage(props.bundle ?? true), { platform: Platform.LINUX_AMD64 }),
      architecture: Architecture.X86_64,
      memorySize: Math.max(props.memoryMb, FIREFOX_MIN_MEMORY_MB),
      timeout: Duration.seconds(timeoutSeconds),
      ephemeralStorageSize: Size.mebibytes(FIREFOX_EPHEMERAL_STORAGE_MB),
      role: this.role,
      logGroup: this.logGroup,
      ...networkPropsOf(props.governance),
      environment: probeEnvironment(props),
      retryAttempts: 0,
      maxEventAge: LATE_ROUND_MAX_AGE,
    });
    grantRoundPermissions(this.role, this.logGroup, props);
  }
}
