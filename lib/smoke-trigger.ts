import { CfnResource, Duration, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import { Architecture, Code, type IFunction, type IVersion, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, LogLevel, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { InvocationType, Trigger } from 'aws-cdk-lib/triggers';
import { Construct } from 'constructs';
import { join } from 'node:path';
import { iam5ResourceFinding } from './nag-findings';
import { REPO_ROOT } from './paths';
import {
  createFunctionLogGroup,
  type FunctionGovernance,
  type FunctionNetwork,
  grantVpcAccess,
  networkPropsOf,
} from './function-governance';
import { PROBE_VERSIONS_ENV, SCHEDULE_GROUP_ENV } from '../lambdas/smoke-trigger/env';

/** Time the trigger function keeps for itself besides waiting for the probe's round. */
const TRIGGER_OVERHEAD = Duration.seconds(30);
/** The gate only sends one Invoke and reads a small JSON answer: Lambda's smaller sizes suffice. */
const GATE_MEMORY_MB = 256;

/** Props of {@link SmokeTrigger}. */
export interface SmokeTriggerProps {
  /**
   * The probe versions to run (each function's `currentVersion`, so a changed probe runs the gate again):
   * a schedule that invokes a function is run against that function's version.
   */
  readonly probeVersions: readonly IVersion[];
  /** The group holding one schedule per (target, browser) pair: the gate runs each once. */
  readonly scheduleGroup: IScheduleGroup;
  /** The longest timeout of the probe functions: the rounds run at once, so the trigger waits that long. */
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
 * Runs every scheduled (target, browser) round of the stack once in smoke mode right after the stack
 * deploys, and fails the deployment when any does not pass, so a broken monitor (or a browser that no
 * longer works) is never deployed silently (a CDK Trigger).
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
      description: 'autocrm smoke gate: read the probe schedules, invoke the probe versions, write own logs',
    });
    const logGroup = createFunctionLogGroup(this, 'Logs', props.governance);
    logGroup.grantWrite(role);
    grantVpcAccess(role, props.governance);
    for (const version of props.probeVersions) version.grantInvoke(role);
    grantReadSchedules(role, props.scheduleGroup);
    return new NodejsFunction(this, 'Function', {
      description: 'autocrm smoke gate: runs every scheduled round once after deploy, fails the deploy when one does not pass',
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
      environment: {
        [SCHEDULE_GROUP_ENV]: props.scheduleGroup.scheduleGroupName,
        // Qualified ARNs: the gate tests exactly the versions this deployment created.
        [PROBE_VERSIONS_ENV]: props.probeVersions.map((version) => version.functionArn).join(','),
      },
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

/**
 * The schedules of `group` and nothing else: GetSchedule on the group's schedules; ListSchedules
 * authorizes no resource type, so it takes "*" and is narrowed by the call's group filter.
 */
function grantReadSchedules(role: Role, group: IScheduleGroup): void {
  const schedulesOfGroup = Stack.of(role).formatArn({
    service: 'scheduler',
    resource: 'schedule',
    resourceName: `${group.scheduleGroupName}/*`,
  });
  role.addToPolicy(new PolicyStatement({ sid: 'ReadProbeSchedules', actions: ['scheduler:GetSchedule'], resources: [schedulesOfGroup] }));
  role.addToPolicy(new PolicyStatement({ sid: 'ListProbeSchedules', actions: ['scheduler:ListSchedules'], resources: ['*'] }));
  Validations.of(role).acknowledge({
    id: iam5ResourceFinding(role, schedulesOfGroup),
    reason: "scheduler:GetSchedule on the schedules of this stack's group only (group/*): CloudFormation names the schedules.",
  });
  Validations.of(role).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason: 'scheduler:ListSchedules supports no resource-level permission ("*"); the gate lists its own group only.',
  });
}
