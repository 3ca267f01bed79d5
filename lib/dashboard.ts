import { Duration } from 'aws-cdk-lib';
import {
  AlarmStatusWidget,
  Color,
  Dashboard,
  GraphWidget,
  type IAlarm,
  type IMetric,
  type IWidget,
  MathExpression,
  type Metric,
  SingleValueWidget,
  Stats,
  TextWidget,
} from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { DEFAULT_BANDWIDTH } from '../lambdas/core/config/defaults';
import type { AlarmsConfig, TargetConfig } from '../lambdas/core/config/types';
import type { BrowserName } from '../lambdas/core/browsers';
import { BROWSER_LABELS } from './browser-alarms';
import type { BrowserAtLocation, ProbeMetrics, TargetAtLocation } from './probe-metrics';

/** Props of {@link ProbeDashboard}. */
export interface ProbeDashboardProps {
  readonly metrics: ProbeMetrics;
  readonly targets: readonly TargetConfig[];
  readonly locations: readonly string[];
  /** Thresholds drawn as horizontal lines. */
  readonly alarms: AlarmsConfig;
  /** Shown in the alarm status widget, most important first (the first 100). */
  readonly alarmsToShow: readonly IAlarm[];
  /**
   * Name of the dashboard.
   * @default 'autocrm-synthetics'
   */
  readonly dashboardName?: string;
}

/**
 * An alarm status widget shows at most 100 alarms; critical ones come first in `alarmsToShow`.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html
 */
export const MAX_ALARMS_PER_STATUS_WIDGET = 100;
/** Dashboards are 24 grid units wide; widgets share a row in halves or thirds. */
const FULL_WIDTH = 24;
const HALF_WIDTH = 12;
const THIRD_WIDTH = 8;
/** Heights in grid rows: a title line, a row of figures, a graph or the alarm list readable at a glance. */
const TITLE_HEIGHT = 2;
const FIGURES_HEIGHT = 4;
const GRAPH_HEIGHT = 6;

/**
 * The availability dashboard: per target, availability (24 h, 7 d, per location), with two or more
 * browsers availability and RTT per browser, WebSocket and HTTP RTT p50/p95, bandwidth against the
 * DSL-16000 line and probe health; at the bottom every alarm.
 */
export class ProbeDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: ProbeDashboardProps) {
    super(scope, id);
    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName ?? 'autocrm-synthetics',
      defaultInterval: Duration.hours(24),
    });
    for (const target of props.targets) {
      for (const row of targetRows(props, target)) this.dashboard.addWidgets(...row);
    }
    this.dashboard.addWidgets(
      new AlarmStatusWidget({
        title: 'Alarm status',
        alarms: props.alarmsToShow.slice(0, MAX_ALARMS_PER_STATUS_WIDGET),
        width: FULL_WIDTH,
        height: GRAPH_HEIGHT,
      }),
    );
  }
}

function targetRows(props: ProbeDashboardProps, target: TargetConfig): IWidget[][] {
  const { metrics, locations } = props;
  const at = (location: string): TargetAtLocation => ({ target: target.name, location });
  const perLocation = (metric: (a: TargetAtLocation) => Metric): IMetric[] => locations.map((l) => metric(at(l)).with({ label: l }));
  const minDownloadMbps = target.bandwidth?.minDownloadMbps ?? props.alarms.minDownloadMbps;
  const minUploadMbps = target.bandwidth?.minUploadMbps ?? DEFAULT_BANDWIDTH.minUploadMbps;
  return [
    [
      new TextWidget({
        markdown: `## ${target.name}\n${target.loginUrl} — probed from ${locations.join(', ')}`,
        width: FULL_WIDTH,
        height: TITLE_HEIGHT,
      }),
    ],
    [availabilityValues(props, target, '24 h', '-P1D'), availabilityValues(props, target, '7 d', '-P7D')],
    [
      graph(
        'Availability per location (1 = round passed)',
        perLocation((a) => metrics.metricAvailability(a)),
        FULL_WIDTH,
        { min: 0, max: 1 },
      ),
    ],
    ...browserRows(props, target),
    [
      graph(
        'WebSocket RTT p50 / p95 (ms)',
        percentiles(locations, (l, s) => metrics.metricWebSocketRtt(at(l), s)),
        HALF_WIDTH,
        {
          min: 0,
          line: { value: target.thresholds.websocketRttP95Ms ?? props.alarms.websocketRttP95Ms, label: 'p95 alarm' },
        },
      ),
      graph(
        'HTTP RTT p50 / p95 (ms)',
        percentiles(locations, (l, s) => metrics.metricHttpRtt(at(l), s)),
        HALF_WIDTH,
        {
          min: 0,
          line: { value: target.thresholds.httpRttP95Ms ?? props.alarms.httpRttP95Ms, label: 'p95 alarm' },
        },
      ),
    ],
    [
      graph(
        'Download (Mbit/s)',
        perLocation((a) => metrics.metricDownloadMbps(a)),
        HALF_WIDTH,
        {
          min: 0,
          line: { value: minDownloadMbps, label: `DSL-16000 requirement: ${minDownloadMbps} Mbit/s` },
        },
      ),
      graph(
        'Upload (Mbit/s)',
        perLocation((a) => metrics.metricUploadMbps(a)),
        HALF_WIDTH,
        {
          min: 0,
          line: { value: minUploadMbps, label: `requirement: ${minUploadMbps} Mbit/s` },
        },
      ),
    ],
    [
      graph(
        'Probe errors (our fault)',
        locations.map((l) => metrics.metricLocationProbeErrors(l).with({ label: l })),
        THIRD_WIDTH,
        { min: 0 },
      ),
      graph(
        'Probe duration p95 (ms)',
        perLocation((a) => metrics.metricProbeDuration(a, Stats.p(95))),
        THIRD_WIDTH,
        { min: 0 },
      ),
      graph(
        'Cold starts',
        perLocation((a) => metrics.metricColdStarts(a)),
        THIRD_WIDTH,
        { min: 0 },
      ),
    ],
  ];
}

/**
 * For a target in two or more browsers: availability per browser (the mean of its locations) and the
 * WebSocket and HTTP RTT p95 per browser and location, from the `perBrowser` series.
 */
function browserRows(props: ProbeDashboardProps, target: TargetConfig): IWidget[][] {
  const { metrics, locations } = props;
  if (target.browsers.length < 2) return [];
  const at = (browser: BrowserName, location: string): BrowserAtLocation => ({ target: target.name, location, browser });
  const availability = target.browsers.map((browser) => {
    const usingMetrics = Object.fromEntries(locations.map((l, i) => [`${browser}${i}`, metrics.metricBrowserAvailability(at(browser, l))]));
    return new MathExpression({
      expression: `AVG([${Object.keys(usingMetrics).join(', ')}])`,
      usingMetrics,
      period: metrics.period,
      label: BROWSER_LABELS[browser],
    });
  });
  const p95 = (metric: (a: BrowserAtLocation) => Metric): IMetric[] =>
    target.browsers.flatMap((browser) => locations.map((l) => metric(at(browser, l)).with({ label: `${browser} ${l}` })));
  return [
    [
      graph('Availability per browser (mean of the locations)', availability, THIRD_WIDTH, { min: 0, max: 1 }),
      graph(
        'WebSocket RTT p95 per browser (ms)',
        p95((a) => metrics.metricBrowserWebSocketRtt(a)),
        THIRD_WIDTH,
        { min: 0 },
      ),
      graph(
        'HTTP RTT p95 per browser (ms)',
        p95((a) => metrics.metricBrowserHttpRtt(a)),
        THIRD_WIDTH,
        { min: 0 },
      ),
    ],
  ];
}

/** Overall (mean of the locations) and per-location availability in %, over the widget's time range. */
function availabilityValues(props: ProbeDashboardProps, target: TargetConfig, label: string, start: string): SingleValueWidget {
  const usingMetrics: Record<string, IMetric> = {};
  props.locations.forEach((location, index) => {
    usingMetrics[`a${index}`] = props.metrics.metricAvailability({ target: target.name, location });
  });
  const ids = Object.keys(usingMetrics);
  const period = props.metrics.period;
  const overall = new MathExpression({ expression: `100 * AVG([${ids.join(', ')}])`, usingMetrics, period, label: 'overall %' });
  const perLocation = props.locations.map(
    (location, index) =>
      new MathExpression({
        expression: `100 * a${index}`,
        usingMetrics: { [`a${index}`]: usingMetrics[`a${index}`]! },
        period,
        label: `${location} %`,
      }),
  );
  return new SingleValueWidget({
    title: `Availability, last ${label}`,
    metrics: [overall, ...perLocation],
    start,
    setPeriodToTimeRange: true,
    fullPrecision: false,
    width: HALF_WIDTH,
    height: FIGURES_HEIGHT,
  });
}

function percentiles(locations: readonly string[], metric: (location: string, statistic: string) => Metric): IMetric[] {
  return locations.flatMap((location) =>
    ['p50', 'p95'].map((statistic) => metric(location, statistic).with({ label: `${location} ${statistic}` })),
  );
}

interface GraphOptions {
  readonly min?: number;
  readonly max?: number;
  readonly line?: { readonly value: number; readonly label: string };
}

function graph(title: string, left: IMetric[], width: number, options: GraphOptions): GraphWidget {
  return new GraphWidget({
    title,
    left,
    width,
    height: GRAPH_HEIGHT,
    leftYAxis: { min: options.min, max: options.max, showUnits: false },
    leftAnnotations: options.line ? [{ value: options.line.value, label: options.line.label, color: Color.RED }] : undefined,
  });
}
