import { MathExpression, type IMetric, Stats } from 'aws-cdk-lib/aws-cloudwatch';
import type { BrowserName } from '../lambdas/core/browsers';
import type { TargetConfig } from '../lambdas/core/config/types';
import { ALARM_POLICY, type AlarmSpec, AT_LEAST, failingLocationsExpression } from './alarm-policy';
import type { ProbeMetrics } from './probe-metrics';

/** How an alarm names a browser: what a dealer would call it, and what really ran. */
export const BROWSER_LABELS: Readonly<Record<BrowserName, string>> = {
  chromium: 'Chrome (Chromium)',
  firefox: 'Firefox',
  edge: "Edge (Edge's identity on Chromium)",
};

/** What the browser alarms of one target need. */
export interface BrowserAlarmProps {
  readonly metrics: ProbeMetrics;
  readonly target: TargetConfig;
  readonly locations: readonly string[];
  readonly quorum: number;
  readonly prefix: string;
}

/**
 * One warning per browser of a target that runs in two or more: that browser's rounds failed in at
 * least `outageQuorum` locations in two consecutive rounds ("autocrm fails in Firefox from 3
 * locations"). It never pages: the outage alarm counts a location as failing only when every browser
 * failed there (Maximum over the target's browsers), so a release that breaks one browser warns here
 * and a target that is down for every browser pages there. A target in one browser gets none: its
 * outage alarm is the same signal.
 */
export function browserAlarmSpecs(props: BrowserAlarmProps): AlarmSpec[] {
  if (props.target.browsers.length < 2) return [];
  return props.target.browsers.map((browser) => browserSpec(props, browser));
}

function browserSpec(props: BrowserAlarmProps, browser: BrowserName): AlarmSpec {
  const { target, locations, quorum, metrics } = props;
  const usingMetrics: Record<string, IMetric> = {};
  locations.forEach((location, index) => {
    // Minimum: the round or its confirmation (30 s later, the same period) failed in that browser.
    usingMetrics[`b${index}`] = metrics.metricBrowserAvailability({ target: target.name, location, browser }, Stats.MINIMUM);
  });
  const policy = ALARM_POLICY.browser;
  const others = target.browsers.filter((other) => other !== browser).map((other) => BROWSER_LABELS[other]);
  return {
    id: `Browser-${target.name}-${browser}`,
    name: `${props.prefix}-browser-${target.name}-${browser}`,
    metric: new MathExpression({
      expression: failingLocationsExpression(Object.keys(usingMetrics)),
      usingMetrics,
      period: metrics.period,
      label: `locations failing: ${target.name} in ${browser}`,
    }),
    threshold: quorum,
    comparison: AT_LEAST,
    policy,
    description:
      `BROWSER: ${target.name} fails in ${BROWSER_LABELS[browser]} from at least ${quorum} of ${locations.length} locations ` +
      `(${locations.join(', ')}) in ${policy.datapointsToAlarm} consecutive rounds. This warns and does not page; the outage ` +
      `alarm pages when ${target.name} fails in every browser it is probed in (here also ${others.join(', ')}). Check first: ` +
      `the dashboard row "per browser" of ${target.name}, the failure kind of the ${browser} rounds in the probe logs ` +
      '(browser_unsupported = the System-Check rejects this browser; a release may have changed its browser check) and the ' +
      'failure screenshots in the artifacts bucket.',
  };
}
