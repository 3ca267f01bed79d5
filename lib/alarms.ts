import { Alarm, type IMetric, MathExpression, Stats } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { AlarmsConfig, TargetConfig } from '../lambdas/core/config/types';
import {
  ALARM_POLICY,
  type AlarmSpec,
  AT_LEAST,
  BELOW,
  failingLocationsExpression,
  MAX_OUTAGE_LOCATIONS,
  OUTAGE_PERIOD,
} from './alarm-policy';
import { browserAlarmSpecs } from './browser-alarms';
import { DeployConfigError } from './errors';
import { performanceAlarmSpecs } from './performance-alarms';
import type { ProbeMetrics } from './probe-metrics';

/** Props of {@link ProbeAlarms}. */
export interface ProbeAlarmsProps {
  /** The metrics the probes publish to this region. */
  readonly metrics: ProbeMetrics;
  readonly targets: readonly TargetConfig[];
  /** The probe regions (the `Location` dimension values). */
  readonly locations: readonly string[];
  /** Quorum and thresholds. */
  readonly alarms: AlarmsConfig;
  /** Notified for real outages (pages on-call), on alarm and on recovery. */
  readonly critical: ITopic;
  /** Notified for everything else. */
  readonly warning: ITopic;
  /**
   * Prefix of every alarm name.
   * @default 'autocrm-synthetics'
   */
  readonly alarmNamePrefix?: string;
}

/**
 * Every alarm of the monitor: outage per target (critical), and per target in two or more browsers
 * one per browser, per location regional degradation, performance, monitor blind and probe errors (warning).
 */
export class ProbeAlarms extends Construct {
  readonly outage: Alarm[] = [];
  readonly warnings: Alarm[] = [];

  constructor(scope: Construct, id: string, props: ProbeAlarmsProps) {
    super(scope, id);
    validateQuorum(props.alarms.outageQuorum, props.locations);
    const prefix = props.alarmNamePrefix ?? 'autocrm-synthetics';
    for (const target of props.targets) {
      this.outage.push(this.createAlarm(outageSpec(props, target, prefix), props.critical, true));
      const quorum = props.alarms.outageQuorum;
      for (const spec of browserAlarmSpecs({ metrics: props.metrics, target, locations: props.locations, quorum, prefix })) {
        this.warnings.push(this.createAlarm(spec, props.warning, false));
      }
      for (const location of props.locations) {
        const specs = [degradationSpec(props, target, location, prefix), ...performanceAlarmSpecs({ ...props, target, location, prefix })];
        for (const spec of specs) this.warnings.push(this.createAlarm(spec, props.warning, false));
      }
    }
    for (const location of props.locations) {
      for (const spec of monitorHealthSpecs(props, location, prefix)) this.warnings.push(this.createAlarm(spec, props.warning, false));
    }
  }

  /** Every alarm, critical first. */
  get all(): Alarm[] {
    return [...this.outage, ...this.warnings];
  }

  private createAlarm(spec: AlarmSpec, topic: ITopic, notifyRecovery: boolean): Alarm {
    const alarm = new Alarm(this, spec.id, {
      alarmName: spec.name,
      alarmDescription: spec.description,
      metric: spec.metric,
      threshold: spec.threshold,
      comparisonOperator: spec.comparison,
      ...spec.policy,
    });
    alarm.addAlarmAction(new SnsAction(topic));
    // The paging integration must learn that the outage is over; warnings resolve quietly.
    if (notifyRecovery) alarm.addOkAction(new SnsAction(topic));
    return alarm;
  }
}

function validateQuorum(quorum: number, locations: readonly string[]): void {
  if (locations.length > MAX_OUTAGE_LOCATIONS) {
    throw new DeployConfigError(
      `probeRegions: the outage alarm combines at most ${MAX_OUTAGE_LOCATIONS} locations (a CloudWatch metric math limit), got ${locations.length}`,
    );
  }
  if (!Number.isInteger(quorum) || quorum < 1 || quorum > locations.length) {
    throw new DeployConfigError(
      `alarms.outageQuorum: must be a whole number between 1 and the number of probeRegions (${locations.length}), got ${quorum}`,
    );
  }
}

function outageSpec(props: ProbeAlarmsProps, target: TargetConfig, prefix: string): AlarmSpec {
  const usingMetrics: Record<string, IMetric> = {};
  props.locations.forEach((location, index) => {
    // High resolution: a failed round and its confirmation 30 s later fall into consecutive periods.
    // Maximum over the target's browsers: a location fails only when no browser's round passed there
    // (one browser failing is its own warning, lib/browser-alarms.ts); with one browser, as before.
    usingMetrics[`a${index}`] = props.metrics
      .metricAvailability({ target: target.name, location }, Stats.MAXIMUM)
      .with({ period: OUTAGE_PERIOD });
  });
  const quorum = props.alarms.outageQuorum;
  const periodS = OUTAGE_PERIOD.toSeconds();
  return {
    id: `Outage-${target.name}`,
    name: `${prefix}-outage-${target.name}`,
    metric: new MathExpression({
      expression: failingLocationsExpression(Object.keys(usingMetrics)),
      usingMetrics,
      period: OUTAGE_PERIOD,
      label: `locations failing: ${target.name}`,
    }),
    threshold: quorum,
    comparison: AT_LEAST,
    policy: ALARM_POLICY.outage,
    description:
      `OUTAGE: ${target.name} (${target.loginUrl}) failed from at least ${quorum} of ${props.locations.length} locations ` +
      `(${props.locations.join(', ')}) in ${ALARM_POLICY.outage.evaluationPeriods} consecutive ${periodS}-s periods ` +
      `(a failed round and its confirmation ${periodS} s later; a location without data in a period counts as not failing` +
      `${target.browsers.length > 1 ? `; a location fails when every browser (${target.browsers.join(', ')}) failed there` : ''}). ` +
      'Check first: open the login page yourself; then the dashboard "Availability per location" and the probe logs ' +
      '(failure kind: dns/connect/tls/http_status/timeout/content) and the failure screenshots in the artifacts bucket.',
  };
}

function degradationSpec(props: ProbeAlarmsProps, target: TargetConfig, location: string, prefix: string): AlarmSpec {
  const { evaluationPeriods, datapointsToAlarm } = ALARM_POLICY.degradation;
  return {
    id: `Degradation-${target.name}-${location}`,
    name: `${prefix}-regional-degradation-${target.name}-${location}`,
    metric: props.metrics.metricAvailability({ target: target.name, location }, Stats.MINIMUM),
    threshold: 1,
    comparison: BELOW,
    policy: ALARM_POLICY.degradation,
    description:
      `REGIONAL: ${target.name} failed from ${location} in ${datapointsToAlarm} of the last ${evaluationPeriods} rounds; ` +
      'the other locations are not (yet) failing, so this does not page. Check first: the probe logs in ' +
      `${location} for the failure kind, then the network path from ${location} (DNS, TLS, routing) to ${target.loginUrl}.`,
  };
}

function monitorHealthSpecs(props: ProbeAlarmsProps, location: string, prefix: string): AlarmSpec[] {
  const blind = ALARM_POLICY.blind;
  const errors = ALARM_POLICY.probeErrors;
  // Each (target, browser) pair is its own invocation and sends one scheduled round per period.
  const pairs = props.targets.reduce((count, target) => count + Math.max(1, target.browsers.length), 0);
  return [
    {
      id: `Blind-${location}`,
      name: `${prefix}-monitor-blind-${location}`,
      metric: props.metrics.metricLocationRounds(location),
      threshold: pairs,
      comparison: BELOW,
      policy: blind,
      description:
        `MONITOR BLIND: fewer than the ${pairs} scheduled round(s) per period (one per target and browser) arrived from ` +
        `${location} for ${blind.evaluationPeriods} periods, so autocrm is not (fully) being watched from there. Check first: ` +
        `the probe functions in ${location} (Errors, Throttles, their log groups; Firefox runs in its own function), the ` +
        'EventBridge Scheduler schedules (AWS/Scheduler TargetErrorCount, InvocationDroppedCount), and whether PutMetricData ' +
        'to the home region is denied.',
    },
    {
      id: `ProbeErrors-${location}`,
      name: `${prefix}-probe-errors-${location}`,
      metric: props.metrics.metricLocationProbeErrors(location),
      threshold: 1,
      comparison: AT_LEAST,
      policy: errors,
      description:
        `PROBE ERRORS: the probe in ${location} could not measure in ${errors.datapointsToAlarm} of ${errors.evaluationPeriods} ` +
        "rounds (our fault, not autocrm's: Chromium would not start, bad config, /tmp full, secret unreadable). " +
        `Check first: the probe function's log group in ${location} for "probe_error" lines.`,
    },
  ];
}
