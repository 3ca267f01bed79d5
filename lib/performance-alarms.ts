import { type ComparisonOperator, type IMetric, Stats } from 'aws-cdk-lib/aws-cloudwatch';
import type { AlarmsConfig, TargetConfig } from '../lambdas/core/config/types';
import { ABOVE, ALARM_POLICY, type AlarmSpec, BELOW } from './alarm-policy';
import type { ProbeMetrics, TargetAtLocation } from './probe-metrics';

/** What the performance alarms of one target at one location need. */
export interface PerformanceAlarmInput {
  readonly metrics: ProbeMetrics;
  readonly alarms: AlarmsConfig;
  readonly target: TargetConfig;
  readonly location: string;
  readonly prefix: string;
}

/** What a description may name: the target, its location, the threshold and the alarm window. */
interface DescriptionFacts {
  readonly target: TargetConfig;
  readonly location: string;
  /** `<target> from <location>` */
  readonly where: string;
  readonly threshold: number;
  /** `3 of the last 5 rounds` */
  readonly window: string;
}

/** One performance warning: its threshold (undefined = not measured), metric, direction and text. */
interface PerformanceCheck {
  readonly kind: string;
  readonly threshold: (target: TargetConfig, alarms: AlarmsConfig) => number | undefined;
  readonly metric: (metrics: ProbeMetrics, at: TargetAtLocation) => IMetric;
  readonly comparison: ComparisonOperator;
  readonly describe: (facts: DescriptionFacts) => string;
}

/**
 * WebSocket RTT p95, HTTP RTT p95 and login TTFB above, download below their thresholds. A target's
 * own thresholds win over `alarms.*`; a measurement the target does not configure gets no alarm
 * (its metric would never exist). The order is the order of the alarms in the template.
 */
const PERFORMANCE_CHECKS: readonly PerformanceCheck[] = [
  {
    kind: 'WebSocketRtt',
    threshold: (target, alarms) => (target.websocket ? (target.thresholds.websocketRttP95Ms ?? alarms.websocketRttP95Ms) : undefined),
    metric: (metrics, at) => metrics.metricWebSocketRtt(at, Stats.p(95)),
    comparison: ABOVE,
    describe: ({ where, threshold, window }) =>
      `SLOW WEBSOCKET: p95 echo round trip of ${where} above ${threshold} ms in ${window}. autocrm's live ` +
      'updates will lag. Check first: WebSocket RTT p50 vs p95 on the dashboard (jitter or general slowness?), ' +
      'then the server load and any proxy/load balancer between the region and the WebSocket endpoint.',
  },
  {
    kind: 'HttpRtt',
    threshold: (target, alarms) => (target.http ? (target.thresholds.httpRttP95Ms ?? alarms.httpRttP95Ms) : undefined),
    metric: (metrics, at) => metrics.metricHttpRtt(at, Stats.p(95)),
    comparison: ABOVE,
    describe: ({ where, threshold, window }) =>
      `SLOW HTTP: p95 round trip of small no-store requests of ${where} above ${threshold} ms in ${window}. ` +
      'Check first: whether all locations are slow (server side) or only this one (network path).',
  },
  {
    kind: 'LoginTtfb',
    // The login page is probed in every round, so this alarm always exists.
    threshold: (target, alarms) => target.thresholds.loginTtfbMs ?? alarms.loginTtfbMs,
    metric: (metrics, at) => metrics.metricLoginTtfb(at, Stats.AVERAGE),
    comparison: ABOVE,
    describe: ({ target, location, threshold, window }) =>
      `SLOW LOGIN PAGE: time to first byte of ${target.loginUrl} from ${location} above ${threshold} ms in ${window}. ` +
      'Check first: the application server (crm.pl CGI start-up, database), then TLS/DNS timings in the probe logs.',
  },
  {
    kind: 'Download',
    threshold: (target, alarms) => (target.bandwidth ? (target.bandwidth.minDownloadMbps ?? alarms.minDownloadMbps) : undefined),
    metric: (metrics, at) => metrics.metricDownloadMbps(at, Stats.AVERAGE),
    comparison: BELOW,
    describe: ({ where, threshold, window }) =>
      `LOW BANDWIDTH: download goodput of ${where} below ${threshold} Mbit/s (the DSL-16000 requirement) in ${window}. ` +
      'Customers on the minimum line would see autocrm slow. Check first: the uplink and egress limits of the ' +
      'autocrm server, then whether all locations dropped at once.',
  },
];

/** The performance warnings of one target at one location (see PERFORMANCE_CHECKS). */
export function performanceAlarmSpecs(input: PerformanceAlarmInput): AlarmSpec[] {
  const { metrics, alarms, target, location, prefix } = input;
  const policy = ALARM_POLICY.performance;
  const at = { target: target.name, location };
  const facts = {
    target,
    location,
    where: `${target.name} from ${location}`,
    window: `${policy.datapointsToAlarm} of the last ${policy.evaluationPeriods} rounds`,
  };
  return PERFORMANCE_CHECKS.flatMap((check): AlarmSpec[] => {
    const threshold = check.threshold(target, alarms);
    if (threshold === undefined) return [];
    return [
      {
        id: `${check.kind}-${target.name}-${location}`,
        name: `${prefix}-${check.kind.toLowerCase()}-${target.name}-${location}`,
        metric: check.metric(metrics, at),
        threshold,
        comparison: check.comparison,
        policy,
        description: check.describe({ ...facts, threshold }),
      },
    ];
  });
}
