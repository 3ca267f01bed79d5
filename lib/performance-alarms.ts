import { Stats } from 'aws-cdk-lib/aws-cloudwatch';
import type { AlarmsConfig, TargetConfig } from '../lambdas/core/config-types';
import { ABOVE, ALARM_POLICY, type AlarmSpec, BELOW } from './alarm-policy';
import type { ProbeMetrics } from './probe-metrics';

/** What the performance alarms of one target at one location need. */
export interface PerformanceAlarmInput {
  readonly metrics: ProbeMetrics;
  readonly alarms: AlarmsConfig;
  readonly target: TargetConfig;
  readonly location: string;
  readonly prefix: string;
}

/**
 * The performance warnings of one target at one location: WebSocket RTT p95, HTTP RTT p95 and login
 * TTFB above, download below their thresholds. A target's own thresholds win over `alarms.*`; a
 * measurement the target does not configure gets no alarm (its metric would never exist).
 */
export function performanceAlarmSpecs(input: PerformanceAlarmInput): AlarmSpec[] {
  const { metrics, alarms, target, location, prefix } = input;
  const at = { target: target.name, location };
  const where = `${target.name} from ${location}`;
  const window = `${ALARM_POLICY.performance.datapointsToAlarm} of the last ${ALARM_POLICY.performance.evaluationPeriods} rounds`;
  const spec = (kind: string, rest: Omit<AlarmSpec, 'id' | 'name' | 'policy'>): AlarmSpec => ({
    id: `${kind}-${target.name}-${location}`,
    name: `${prefix}-${kind.toLowerCase()}-${target.name}-${location}`,
    policy: ALARM_POLICY.performance,
    ...rest,
  });
  const specs: AlarmSpec[] = [];
  if (target.websocket) {
    const thresholdMs = target.thresholds.websocketRttP95Ms ?? alarms.websocketRttP95Ms;
    specs.push(
      spec('WebSocketRtt', {
        metric: metrics.metricWebSocketRtt(at, Stats.p(95)),
        threshold: thresholdMs,
        comparison: ABOVE,
        description:
          `SLOW WEBSOCKET: p95 echo round trip of ${where} above ${thresholdMs} ms in ${window}. autocrm's live ` +
          'updates will lag. Check first: WebSocket RTT p50 vs p95 on the dashboard (jitter or general slowness?), ' +
          'then the server load and any proxy/load balancer between the region and the WebSocket endpoint.',
      }),
    );
  }
  if (target.http) {
    const thresholdMs = target.thresholds.httpRttP95Ms ?? alarms.httpRttP95Ms;
    specs.push(
      spec('HttpRtt', {
        metric: metrics.metricHttpRtt(at, Stats.p(95)),
        threshold: thresholdMs,
        comparison: ABOVE,
        description:
          `SLOW HTTP: p95 round trip of small no-store requests of ${where} above ${thresholdMs} ms in ${window}. ` +
          'Check first: whether all locations are slow (server side) or only this one (network path).',
      }),
    );
  }
  const ttfbMs = target.thresholds.loginTtfbMs ?? alarms.loginTtfbMs;
  specs.push(
    spec('LoginTtfb', {
      metric: metrics.metricLoginTtfb(at, Stats.AVERAGE),
      threshold: ttfbMs,
      comparison: ABOVE,
      description:
        `SLOW LOGIN PAGE: time to first byte of ${target.loginUrl} from ${location} above ${ttfbMs} ms in ${window}. ` +
        'Check first: the application server (crm.pl CGI start-up, database), then TLS/DNS timings in the probe logs.',
    }),
  );
  if (target.bandwidth) {
    const minMbps = target.bandwidth.minDownloadMbps ?? alarms.minDownloadMbps;
    specs.push(
      spec('Download', {
        metric: metrics.metricDownloadMbps(at, Stats.AVERAGE),
        threshold: minMbps,
        comparison: BELOW,
        description:
          `LOW BANDWIDTH: download goodput of ${where} below ${minMbps} Mbit/s (the DSL-16000 requirement) in ${window}. ` +
          'Customers on the minimum line would see autocrm slow. Check first: the uplink and egress limits of the ' +
          'autocrm server, then whether all locations dropped at once.',
      }),
    );
  }
  return specs;
}
