import type { NotificationConfig, MonitorConfig, AlarmsConfig } from './types';
import type { Mandatory, SpecFor } from './spec';
import {
  DEFAULT_ALARMS,
  DEFAULT_ARTIFACTS_RETENTION_DAYS,
  DEFAULT_HOME_REGION,
  DEFAULT_LOG_RETENTION_DAYS,
  DEFAULT_MEMORY_MB,
  DEFAULT_NAMESPACE,
  DEFAULT_PROBE_REGIONS,
  DEFAULT_SCHEDULE_MINUTES,
  FIREFOX_LAUNCH_MARGIN_MS,
  LAUNCH_MARGIN_MS,
} from './defaults';
import { HARDENING_SPEC } from './schema-hardening';
import { TARGET_SPEC } from './schema-target';
import { AWS_REGIONS } from './regions';

function notifications(severity: string, what: string): Mandatory<NotificationConfig> {
  return {
    kind: 'object',
    description: `Subscriptions of the ${severity} SNS topic (${what}).`,
    fields: {
      emails: {
        kind: 'array',
        items: { kind: 'string', format: 'email', description: 'E-mail address.' },
        default: [],
        uniqueItems: true,
        description: 'E-mail subscriptions.',
      },
      httpsUrls: {
        kind: 'array',
        items: { kind: 'string', format: 'https-url', description: 'HTTPS endpoint.' },
        default: [],
        uniqueItems: true,
        description: 'HTTPS subscriptions, e.g. a PagerDuty or Opsgenie integration URL.',
      },
    },
  };
}

function alarmMs(description: string, max: number, defaultMs: number): Mandatory<number> {
  return { kind: 'number', integer: true, unit: 'ms', min: 1, max, default: defaultMs, description };
}

const ALARMS_SPEC: Mandatory<AlarmsConfig> = {
  kind: 'object',
  description: 'Alarms in the home region and where they notify.',
  fields: {
    outageQuorum: {
      kind: 'number',
      integer: true,
      unit: 'locations',
      min: 1,
      max: AWS_REGIONS.length,
      default: DEFAULT_ALARMS.outageQuorum,
      description:
        'Locations that must fail in the same period before on-call is paged (default 2, or the number of probeRegions if fewer).',
      crossRule: 'at most the number of probeRegions',
    },
    critical: notifications('critical', 'outage: pages on-call'),
    warning: notifications('warning', 'regional degradation, performance, monitor blind'),
    websocketRttP95Ms: alarmMs('WebSocket RTT p95 alarm threshold per location.', 60_000, DEFAULT_ALARMS.websocketRttP95Ms),
    httpRttP95Ms: alarmMs('HTTP RTT p95 alarm threshold per location.', 60_000, DEFAULT_ALARMS.httpRttP95Ms),
    loginTtfbMs: alarmMs('Login page TTFB alarm threshold per location.', 120_000, DEFAULT_ALARMS.loginTtfbMs),
    minDownloadMbps: {
      kind: 'number',
      integer: false,
      unit: 'Mbit/s',
      min: 0.1,
      max: 10_000,
      default: DEFAULT_ALARMS.minDownloadMbps,
      description: 'Download alarm threshold per location (DSL-16000 = 16).',
    },
  },
};

/** The spec of the whole config file; drives validation, the JSON Schema and the docs table. */
export const MONITOR_SPEC: SpecFor<MonitorConfig> = {
  kind: 'object',
  allowSchemaKey: true,
  description: 'autocrm-synthetics configuration.',
  fields: {
    namespace: { kind: 'string', format: 'namespace', default: DEFAULT_NAMESPACE, description: 'CloudWatch namespace of every metric.' },
    homeRegion: {
      kind: 'string',
      format: 'region',
      default: DEFAULT_HOME_REGION,
      description: 'Region that receives all metrics and holds alarms and the dashboard.',
    },
    probeRegions: {
      kind: 'array',
      items: { kind: 'string', format: 'region', description: 'AWS region.' },
      minItems: 1,
      uniqueItems: true,
      default: DEFAULT_PROBE_REGIONS,
      description: 'Regions that run the probe (one location each).',
    },
    schedule: {
      kind: 'number',
      integer: true,
      unit: 'minutes',
      min: 1,
      max: 60,
      default: DEFAULT_SCHEDULE_MINUTES,
      description: 'Minutes between two rounds.',
      crossRule: `longer than every round's invocation (its target's timeouts.roundMs + ${LAUNCH_MARGIN_MS} ms launch margin, ${FIREFOX_LAUNCH_MARGIN_MS} ms in Firefox)`,
    },
    memoryMb: {
      kind: 'number',
      integer: true,
      unit: 'MB',
      min: 1769,
      max: 10_240,
      default: DEFAULT_MEMORY_MB,
      description: 'Lambda memory; at least 1769 MB (one full vCPU) so timings are not CPU-bound.',
    },
    artifactsRetentionDays: {
      kind: 'number',
      integer: true,
      unit: 'days',
      min: 1,
      max: 3650,
      default: DEFAULT_ARTIFACTS_RETENTION_DAYS,
      description: 'Days failure screenshots and HTML stay in the artifacts bucket.',
    },
    logRetentionDays: {
      kind: 'number',
      integer: true,
      unit: 'days',
      min: 1,
      max: 3653,
      default: DEFAULT_LOG_RETENTION_DAYS,
      description: 'Days the log groups of the functions keep their events; below 365 fails the Control Tower control CT.CLOUDWATCH.PR.2.',
      crossRule:
        'one of the CloudWatch Logs retention values (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653)',
    },
    smokeTrigger: {
      kind: 'boolean',
      default: false,
      description: 'Run one probe right after each probe stack deploys and fail the deploy when it fails.',
    },
    alarms: ALARMS_SPEC,
    hardening: HARDENING_SPEC,
    targets: {
      kind: 'array',
      items: TARGET_SPEC,
      minItems: 1,
      maxItems: 50,
      description: 'The monitored targets, probed one after another.',
    },
  },
};
