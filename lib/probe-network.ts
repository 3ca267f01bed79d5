import { Annotations, Fn } from 'aws-cdk-lib';
import {
  FlowLogDestination,
  FlowLogTrafficType,
  type ISecurityGroup,
  type ISubnet,
  type IVpc,
  SecurityGroup,
  Subnet,
  type SubnetSelection,
  SubnetType,
  Vpc,
} from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import type { ExistingVpcConfig } from '../lambdas/core/config/types';
import { createFunctionLogGroup, type FunctionGovernance, type FunctionNetwork } from './function-governance';

/** Two availability zones: the probe subnets survive one zone's outage; one NAT gateway serves both. */
const AVAILABILITY_ZONES = 2;
/** The NAT gateway is the only thing in a public subnet: 16 addresses (11 usable) are plenty. */
const PUBLIC_SUBNET_CIDR_MASK = 28;
/** Lambda's network interfaces (a few per function and subnet): 251 usable addresses per zone. */
const PROBE_SUBNET_CIDR_MASK = 24;

/** Props of {@link ProbeNetwork}. */
export interface ProbeNetworkProps {
  /**
   * An existing VPC and its private subnets (with a route to the internet) to use.
   * @default a new VPC: two zones, private subnets for the functions, one NAT gateway
   */
  readonly existing?: ExistingVpcConfig;
  /** Retention and key of the new VPC's flow log group. */
  readonly logs: Pick<FunctionGovernance, 'logRetentionDays' | 'logsKey'>;
}

/**
 * The network of a probe region's functions for AWS Control Tower's CT.LAMBDA.PR.3: their own security
 * group (no ingress, all egress: a probe must reach autocrm on any port, like a customer) in private
 * subnets whose only way out is a NAT gateway, so the probe still sees the internet as a customer does.
 * A new VPC also gets a flow log into a governed log group.
 */
export class ProbeNetwork extends Construct implements FunctionNetwork {
  readonly vpc: IVpc;
  readonly subnets: SubnetSelection;
  readonly securityGroups: readonly ISecurityGroup[];

  constructor(scope: Construct, id: string, props: ProbeNetworkProps) {
    super(scope, id);
    if (props.existing) {
      this.vpc = this.importVpc(props.existing);
      this.subnets = { subnets: props.existing.subnetIds.map((subnetId) => this.importSubnet(subnetId)) };
    } else {
      this.vpc = this.createVpc(props);
      this.subnets = { subnetType: SubnetType.PRIVATE_WITH_EGRESS };
    }
    this.securityGroups = [this.createSecurityGroup()];
  }

  private importVpc(existing: ExistingVpcConfig): IVpc {
    // The functions name their subnets explicitly, so the VPC's own zone and subnet lists are never read
    // (CDK wants at least one zone); nothing is looked up in the account at synth.
    return Vpc.fromVpcAttributes(this, 'Vpc', { vpcId: existing.vpcId, availabilityZones: [Fn.select(0, Fn.getAzs())] });
  }

  private importSubnet(subnetId: string): ISubnet {
    const subnet = Subnet.fromSubnetId(this, subnetId, subnetId);
    Annotations.of(subnet).acknowledgeWarning(
      '@aws-cdk/aws-ec2:noSubnetRouteTableId',
      "Only the subnet id is used (the functions network interfaces); its route to the internet is the VPC owner's",
    );
    return subnet;
  }

  private createVpc(props: ProbeNetworkProps): Vpc {
    const vpc = new Vpc(this, 'Vpc', {
      // Zone names from the template (Fn::GetAZs), so synth never looks them up in the account.
      availabilityZones: Array.from({ length: AVAILABILITY_ZONES }, (_, index) => Fn.select(index, Fn.getAzs())),
      natGateways: 1,
      subnetConfiguration: [
        // The NAT gateway has its own Elastic IP; nothing here needs a public address of its own.
        { name: 'egress', subnetType: SubnetType.PUBLIC, cidrMask: PUBLIC_SUBNET_CIDR_MASK, mapPublicIpOnLaunch: false },
        { name: 'probe', subnetType: SubnetType.PRIVATE_WITH_EGRESS, cidrMask: PROBE_SUBNET_CIDR_MASK },
      ],
      // CDK would add a custom-resource Lambda (outside the VPC) to empty the default security group;
      // nothing uses that group.
      restrictDefaultSecurityGroup: false,
    });
    const flowLogs = createFunctionLogGroup(this, 'FlowLogs', props.logs);
    vpc.addFlowLog('FlowLog', { destination: FlowLogDestination.toCloudWatchLogs(flowLogs), trafficType: FlowLogTrafficType.ALL });
    return vpc;
  }

  private createSecurityGroup(): SecurityGroup {
    return new SecurityGroup(this, 'FunctionSecurityGroup', {
      vpc: this.vpc,
      description: 'autocrm synthetics functions: no ingress, all egress (the probe reaches autocrm like a customer)',
      allowAllOutbound: true,
    });
  }
}
