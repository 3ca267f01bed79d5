import { RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { ISecurityGroup, IVpc, SubnetSelection } from 'aws-cdk-lib/aws-ec2';
import { type IRole, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

/** Where a function runs: a VPC, the subnets of its network interfaces and their security groups. */
export interface FunctionNetwork {
  readonly vpc: IVpc;
  /** Subnets with a route to the internet: a probe reaches its target like a customer does. */
  readonly subnets: SubnetSelection;
  readonly securityGroups: readonly ISecurityGroup[];
}

/**
 * How every function of a probe stack is logged and placed: the probe, the smoke gate and any function
 * added later take the same object, so all of them pass the same AWS Control Tower controls.
 */
export interface FunctionGovernance {
  /** Days a function's log group keeps its events (a CloudWatch Logs retention value). */
  readonly logRetentionDays: number;
  /**
   * Customer-managed key of the log groups (CT.CLOUDWATCH.PR.3). Its policy must let CloudWatch Logs
   * of this region use it ({@link allowCloudWatchLogs}).
   * @default the log groups are encrypted by CloudWatch Logs with an AWS-owned key
   */
  readonly logsKey?: IKey;
  /**
   * The VPC the functions run in (CT.LAMBDA.PR.3).
   * @default outside any VPC, with Lambda's own internet access
   */
  readonly network?: FunctionNetwork;
}

/** The props of a Lambda function that place it into `governance.network` (none without a network). */
export function networkPropsOf(governance: FunctionGovernance): {
  vpc?: IVpc;
  vpcSubnets?: SubnetSelection;
  securityGroups?: ISecurityGroup[];
} {
  const { network } = governance;
  return network ? { vpc: network.vpc, vpcSubnets: network.subnets, securityGroups: [...network.securityGroups] } : {};
}

/**
 * A function's log group: the governed retention and key; deleted with the stack (a year of probe logs
 * is kept while the monitor runs, not after it is removed).
 */
export function createFunctionLogGroup(scope: Construct, id: string, governance: FunctionGovernance): LogGroup {
  return new LogGroup(scope, id, {
    // LogGroup takes the enum, whose values are the day counts; the config allows exactly those.
    retention: governance.logRetentionDays as RetentionDays,
    encryptionKey: governance.logsKey,
    removalPolicy: RemovalPolicy.DESTROY,
  });
}

/**
 * What Lambda needs from a function's own role to attach it to a VPC (the content of the managed
 * policy AWSLambdaVPCAccessExecutionRole, which CDK adds only to roles it creates itself). These EC2
 * actions support no resource-level permissions worth naming: network interfaces are created per
 * subnet by Lambda itself.
 */
export function grantVpcAccess(role: IRole, governance: FunctionGovernance): void {
  if (!governance.network) return;
  role.addToPrincipalPolicy(
    new PolicyStatement({
      sid: 'ManageVpcNetworkInterfaces',
      actions: [
        'ec2:CreateNetworkInterface',
        'ec2:DescribeNetworkInterfaces',
        'ec2:DescribeSubnets',
        'ec2:DeleteNetworkInterface',
        'ec2:AssignPrivateIpAddresses',
        'ec2:UnassignPrivateIpAddresses',
      ],
      resources: ['*'],
    }),
  );
  Validations.of(role).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'Attaching a function to a VPC needs ec2:CreateNetworkInterface and its siblings on "*" (the statement of the AWS ' +
      'managed policy AWSLambdaVPCAccessExecutionRole); Lambda creates the interfaces in the configured subnets only.',
  });
}

/**
 * Lets CloudWatch Logs of the key's region encrypt and decrypt the log groups of this account with
 * `key`, and nothing else (the encryption context names a log group of this account and region).
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
 */
export function allowCloudWatchLogs(key: IKey): void {
  const stack = Stack.of(key);
  key.addToResourcePolicy(
    new PolicyStatement({
      sid: 'AllowCloudWatchLogsOfThisRegion',
      principals: [new ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
      actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      resources: ['*'],
      conditions: {
        ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${stack.partition}:logs:${stack.region}:${stack.account}:log-group:*` },
      },
    }),
  );
}
