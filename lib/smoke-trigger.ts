import { CfnResource, Duration, Stack, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, type IFunction, type IVersion, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, LogLevel, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { InvocationType, Trigger } from 'aws-cdk-lib/triggers';
import { Construct } from 'constructs';
import { join } from 'node:path';
import { REPO_ROOT } from './paths';
import {
  createFunctionLogGroup,
  type FunctionGovernance,
  type FunctionNetwork,
  grantVpcAccess,
  networkPropsOf,
} from './function-governance';
import { PROBE_FUNCTION_ENV } from '../lambdas/smoke-trigger/env';

/** Time the trigger function keeps for itself besides waiting for the probe's round. */
const TRIGGER_OVERHEAD = Duration.seconds(30);
/** The gate only sends one Invoke and reads a small JSON answer: Lambda's smaller sizes suffice. */
const GATE_MEMORY_MB = 256;

/** Props of {@link SmokeTrigger}. */
export interface SmokeTriggerProps {
  /** The probe version to run once (its `currentVersion`, so a changed probe runs the gate again). */
  readonly probeVersion: IVersion;
  /** Timeout of the probe function: the trigger waits that long for its answer. */
  readonly probeTimeout: Duration;
  /** Scopes that must be deployed before the gate runs (the probe function, its layer, the bucket). */
  readonly executeAfter: Construct[];
  /**
   * Bundle the trigger runtime with local esbuild. Off in unit tests: a one-line inline handler.
   * @default true
   */
  readonly bundle?: boolean;
  /** Log retention and key, VPC placement: the same as the probe's. */
  readonly governance: FunctionGovernance;
}

/**
 * Runs the probe once in smoke mode right after its stack deploys, and fails the deployment when
 * the round does not pass, so a broken monitor is never deployed silently (a CDK Trigger).
 */
export class SmokeTrigger extends Construct {
  readonly function: IFunction;

  constructor(scope: Construct, id: string, props: SmokeTriggerProps) {
    super(scope, id);
    const timeout = props.probeTimeout.plus(TRIGGER_OVERHEAD);
    const gate = this.createFunction(props, timeout);
    this.function = gate;
    Validations.of(gate).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'The smoke gate runs on the same pinned Node.js 22 as the probe it tests, so both move to a new runtime together.',
    });
    new Trigger(this, 'Trigger', {
      handler: gate,
      invocationType: InvocationType.REQUEST_RESPONSE,
      // The provider's own invoke call must outlive the gate function.
      timeout: timeout.plus(TRIGGER_OVERHEAD),
      executeAfter: props.executeAfter,
      executeOnHandlerChange: true,
    });
    if (props.governance.network) placeTriggerProviderInVpc(Stack.of(this), props.governance.network);
  }

  private createFunction(props: SmokeTriggerProps, timeout: Duration): NodejsFunction {
    const bundle = props.bundle ?? true;
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'autocrm smoke gate: invoke one probe version, write own logs',
    });
    const logGroup = createFunctionLogGroup(this, 'Logs', props.governance);
    logGroup.grantWrite(role);
    grantVpcAccess(role, props.governance);
    props.probeVersion.grantInvoke(role);
    return new NodejsFunction(this, 'Function', {
      description: 'autocrm smoke gate: runs the probe once after deploy, fails the deploy when it does not pass',
      entry: join(REPO_ROOT, 'lambdas', 'smoke-trigger', 'handler.ts'),
      handler: bundle ? 'handler' : 'index.handler',
      code: bundle ? undefined : Code.fromInline('exports.handler = async () => "smoke gate placeholder";'),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.X86_64,
      memorySize: GATE_MEMORY_MB,
      timeout,
      role,
      logGroup,
      ...networkPropsOf(props.governance),
      // Qualified ARN: the gate tests exactly the version this deployment created.
      environment: { [PROBE_FUNCTION_ENV]: props.probeVersion.functionArn },
      retryAttempts: 0,
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      bundling: { forceDockerBundling: false, format: OutputFormat.CJS, target: 'node22', externalModules: [], logLevel: LogLevel.WARNING },
    });
  }
}

/** Construct id of the provider `aws-cdk-lib/triggers` adds once per stack (a CustomResourceProvider). */
const TRIGGER_PROVIDER_ID = 'AWSCDK.TriggerCustomResourceProviderCustomResourceProvider';

/**
 * The CDK trigger runs through a provider function of its own (a plain CloudFormation
 * AWS::Lambda::Function, no construct props for a VPC): with a network, it goes into the same subnets
 * and security group as the gate it invokes (CT.LAMBDA.PR.3), and its role may manage the network
 * interfaces. It needs only the Lambda API, which the NAT gateway reaches.
 */
function placeTriggerProviderInVpc(stack: Stack, network: FunctionNetwork): void {
  const provider = stack.node.tryFindChild(TRIGGER_PROVIDER_ID);
  const handler = provider?.node.tryFindChild('Handler');
  const role = provider?.node.tryFindChild('Role');
  if (!(handler instanceof CfnResource) || !(role instanceof CfnResource)) {
    throw new Error(`aws-cdk-lib/triggers no longer adds ${TRIGGER_PROVIDER_ID}/Handler and /Role: place its function in the VPC anew`);
  }
  const { subnetIds, internetConnectivityEstablished } = network.vpc.selectSubnets(network.subnets);
  // As a Lambda Function construct does: not before the subnets' route to the NAT gateway exists.
  handler.node.addDependency(internetConnectivityEstablished);
  handler.addPropertyOverride('VpcConfig', {
    SubnetIds: subnetIds,
    SecurityGroupIds: network.securityGroups.map((group) => group.securityGroupId),
  });
  role.addPropertyOverride('ManagedPolicyArns.1', {
    'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole',
  });
}
