import { Duration, Size, Validations } from 'aws-cdk-lib';
import type { Role } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, type ILayerVersion, Runtime } from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { join } from 'node:path';
import { PROBE_FUNCTION_NAME } from '../lambdas/core/names';
import { PROBE_EXTERNAL_MODULES } from './browser-modules';
import { createFunctionLogGroup, networkPropsOf } from './function-governance';
import { REPO_ROOT } from './paths';
import type { ProbePair } from './probe-pairs';
import { createProbeRole, grantRoundPermissions, probeEnvironment, type ProbeRoundProps } from './probe-permissions';
import { LATE_ROUND_MAX_AGE, probeTimeoutSeconds } from './probe-timing';

/** Chromium extracts ~200 MB to /tmp and each launch writes a profile there; Lambda's 512 MB default is tight. */
export const EPHEMERAL_STORAGE_MB = 1024;

/** Props of {@link ProbeFunction}. */
export interface ProbeFunctionProps extends ProbeRoundProps {
  /** The (target, browser) pairs this function runs, one per invocation; they size its timeout. */
  readonly pairs: readonly ProbePair[];
  /** Memory in MB; 1769 MB is one full vCPU. */
  readonly memoryMb: number;
  /** Minutes between rounds; the timeout stays below it. */
  readonly scheduleMinutes: number;
  /** Layer with Chromium and playwright-core. */
  readonly browserLayer: ILayerVersion;
  /**
   * Bundle lambdas/handler.ts with local esbuild. Off in unit tests: a one-line inline handler.
   * @default true
   */
  readonly bundle?: boolean;
}

/**
 * The scheduled probe for Chromium and Edge's identity: lambdas/handler.ts on Node.js 22 (x86_64, the
 * architecture of the `@sparticuz/chromium` binary), with its own role holding only what one round
 * needs. Each invocation runs one (target, browser) pair, so its timeout is one round's.
 */
export class ProbeFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: ProbeFunctionProps) {
    super(scope, id);
    const timeoutSeconds = probeTimeoutSeconds(props.scheduleMinutes, props.pairs);
    this.logGroup = createFunctionLogGroup(this, 'Logs', props.governance);
    this.role = createProbeRole(this, 'Role');
    this.function = this.createFunction(props, timeoutSeconds);
    grantRoundPermissions(this.role, this.logGroup, props);
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
      description: `autocrm synthetic probe, Chromium and Edge (${props.location})`,
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
      bundling: PROBE_BUNDLING,
    });
  }
}

/**
 * How esbuild bundles lambdas/handler.ts for every probe function (the zip function here, the Firefox
 * image in firefox-image.ts): CommonJS for Node.js 22 with source maps.
 */
export const PROBE_BUNDLING: BundlingOptions = {
  forceDockerBundling: false,
  format: OutputFormat.CJS,
  target: 'node22',
  sourceMap: true,
  // esbuild's per-file size summary is noise in every synth (and test run); warnings still print.
  logLevel: LogLevel.WARNING,
  // Overrides the default `@aws-sdk/*` external: the SDK clients are bundled at the versions
  // package-lock.json pins, not whatever the runtime happens to ship.
  externalModules: [...PROBE_EXTERNAL_MODULES],
};
