import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { MonitorConfig } from '../lambdas/core/config/types';
import { ProbeAlarms } from './alarms';
import { ProbeDashboard } from './dashboard';
import { NotificationTopics } from './notification-topics';
import { assertStackFits } from './probe-limits';
import { ProbeMetrics } from './probe-metrics';

/** Props of {@link MonitoringStack}. */
export interface MonitoringStackProps extends StackProps {
  /** The validated config: namespace, probe regions, schedule, alarms, targets. */
  readonly config: MonitorConfig;
}

/**
 * The home region's part: SNS topics, alarms and the dashboard over the metrics every probe
 * region publishes here. It references no probe stack, so each deploys on its own.
 */
export class MonitoringStack extends Stack {
  readonly topics: NotificationTopics;
  readonly alarms: ProbeAlarms;
  readonly dashboard: ProbeDashboard;
  readonly metrics: ProbeMetrics;

  constructor(scope: Construct, id: string, props: MonitoringStackProps) {
    super(scope, id, props);
    const { config } = props;
    // One period = one schedule interval = one round per location.
    this.metrics = new ProbeMetrics({ namespace: config.namespace, period: Duration.minutes(config.schedule) });
    this.topics = new NotificationTopics(this, 'Topics', { alarms: config.alarms });
    this.alarms = new ProbeAlarms(this, 'Alarms', {
      metrics: this.metrics,
      targets: config.targets,
      locations: config.probeRegions,
      alarms: config.alarms,
      critical: this.topics.critical,
      warning: this.topics.warning,
    });
    this.dashboard = new ProbeDashboard(this, 'Dashboard', {
      metrics: this.metrics,
      targets: config.targets,
      locations: config.probeRegions,
      alarms: config.alarms,
      alarmsToShow: this.alarms.all,
    });
    assertStackFits(
      this,
      `${this.alarms.all.length} alarms for ${config.targets.length} target(s) from ${config.probeRegions.length} location(s)`,
    );
  }
}
