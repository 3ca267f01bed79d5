import { Duration } from 'aws-cdk-lib';
import { Metric, Stats } from 'aws-cdk-lib/aws-cloudwatch';
import type { BrowserName } from '../lambdas/core/browsers';
import { DIMENSION_NAMES, METRIC_NAMES, type MetricName } from '../lambdas/core/metrics-types';

/** Props of {@link ProbeMetrics}. */
export interface ProbeMetricsProps {
  /** CloudWatch namespace the probes publish to. */
  readonly namespace: string;
  /** Aggregation period of every metric: one probe round per period. */
  readonly period: Duration;
}

/** A metric of one target seen from one location (the `perTarget` dimension set). */
export interface TargetAtLocation {
  readonly target: string;
  readonly location: string;
}

/** A metric of one target in one browser seen from one location (the `perBrowser` dimension set). */
export interface BrowserAtLocation extends TargetAtLocation {
  readonly browser: BrowserName;
}

/**
 * The metrics the probes publish to the home region, as CloudWatch `Metric` objects for alarms and
 * the dashboard. Names and dimensions come from lambdas/core/metrics-types.ts, the same constants
 * the publisher uses, so a renamed metric cannot silently leave an alarm watching nothing. No labels:
 * a labelled metric turns an alarm into metric math; the dashboard labels its lines itself.
 */
export class ProbeMetrics {
  /** The period of every metric; metric math built on them must use it too (its own default is 5 min). */
  readonly period: Duration;
  private readonly namespace: string;

  constructor(props: ProbeMetricsProps) {
    this.namespace = props.namespace;
    this.period = props.period;
  }

  /** 1 when a round passed (or was only degraded), 0 when it failed; per target and location. */
  metricAvailability(at: TargetAtLocation, statistic: string = Stats.AVERAGE): Metric {
    return this.perTarget(METRIC_NAMES.availability, at, statistic);
  }

  /** The same per browser: 1 when that browser's round passed, 0 when it failed (the `perBrowser` set). */
  metricBrowserAvailability(at: BrowserAtLocation, statistic: string = Stats.AVERAGE): Metric {
    return this.perBrowser(METRIC_NAMES.availability, at, statistic);
  }

  /** WebSocket echo round trips of one browser's rounds. */
  metricBrowserWebSocketRtt(at: BrowserAtLocation, statistic: string = Stats.p(95)): Metric {
    return this.perBrowser(METRIC_NAMES.webSocketRtt, at, statistic);
  }

  /** HTTP round trips of one browser's rounds. */
  metricBrowserHttpRtt(at: BrowserAtLocation, statistic: string = Stats.p(95)): Metric {
    return this.perBrowser(METRIC_NAMES.httpRtt, at, statistic);
  }

  /** Rounds that could not measure (our fault, not autocrm's), per location. */
  metricLocationProbeErrors(location: string): Metric {
    return this.perLocation(METRIC_NAMES.probeError, location, Stats.SUM);
  }

  /**
   * Scheduled rounds that arrived from a location, one per (target, browser) pair and period: the
   * `Location` roll-up of `ProbeError` is published on every scheduled round (0 or 1), probe errors
   * included, and never for a confirmation round; `Availability` is left out when the probe could not measure.
   */
  metricLocationRounds(location: string): Metric {
    return this.perLocation(METRIC_NAMES.probeError, location, Stats.SAMPLE_COUNT);
  }

  /** WebSocket echo round trips (raw samples), per target and location. */
  metricWebSocketRtt(at: TargetAtLocation, statistic: string = Stats.p(95)): Metric {
    return this.perTarget(METRIC_NAMES.webSocketRtt, at, statistic);
  }

  /** HTTP round trips of small no-store requests (raw samples), per target and location. */
  metricHttpRtt(at: TargetAtLocation, statistic: string = Stats.p(95)): Metric {
    return this.perTarget(METRIC_NAMES.httpRtt, at, statistic);
  }

  /** Time to first byte of the login page. */
  metricLoginTtfb(at: TargetAtLocation, statistic: string = Stats.AVERAGE): Metric {
    return this.perTarget(METRIC_NAMES.loginPageTtfb, at, statistic);
  }

  /** Download goodput in Mbit/s. */
  metricDownloadMbps(at: TargetAtLocation, statistic: string = Stats.AVERAGE): Metric {
    return this.perTarget(METRIC_NAMES.downloadMbps, at, statistic);
  }

  /** Upload goodput in Mbit/s. */
  metricUploadMbps(at: TargetAtLocation, statistic: string = Stats.AVERAGE): Metric {
    return this.perTarget(METRIC_NAMES.uploadMbps, at, statistic);
  }

  /** Duration of a whole round; its SampleCount is the number of rounds that arrived. */
  metricProbeDuration(at: TargetAtLocation, statistic: string = Stats.p(95)): Metric {
    return this.perTarget(METRIC_NAMES.probeDuration, at, statistic);
  }

  /** Rounds that ran in a fresh Lambda environment (Chromium extracted again). */
  metricColdStarts(at: TargetAtLocation): Metric {
    return this.perTarget(METRIC_NAMES.coldStart, at, Stats.SUM);
  }

  private perTarget(metricName: MetricName, at: TargetAtLocation, statistic: string): Metric {
    return this.metric(metricName, statistic, {
      [DIMENSION_NAMES.target]: at.target,
      [DIMENSION_NAMES.location]: at.location,
    });
  }

  private perBrowser(metricName: MetricName, at: BrowserAtLocation, statistic: string): Metric {
    return this.metric(metricName, statistic, {
      [DIMENSION_NAMES.target]: at.target,
      [DIMENSION_NAMES.location]: at.location,
      [DIMENSION_NAMES.browser]: at.browser,
    });
  }

  private perLocation(metricName: MetricName, location: string, statistic: string): Metric {
    return this.metric(metricName, statistic, { [DIMENSION_NAMES.location]: location });
  }

  private metric(metricName: MetricName, statistic: string, dimensionsMap: Record<string, string>): Metric {
    return new Metric({
      namespace: this.namespace,
      metricName,
      dimensionsMap,
      statistic,
      period: this.period,
    });
  }
}
