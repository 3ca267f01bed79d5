/**
 * Every default of the config in one place. The schema (schema*.ts) uses these, and so do
 * the docs table and the JSON Schema generated from it.
 */

import type { BrowserName } from '../browsers';

/** Where every probe publishes its metrics. */
export const DEFAULT_NAMESPACE = 'AutoCRM/Synthetics';
export const DEFAULT_HOME_REGION = 'eu-central-1';
/** Three EU regions near autocrm's German customers: Frankfurt, Ireland, Paris. */
export const DEFAULT_PROBE_REGIONS: readonly string[] = Object.freeze(['eu-central-1', 'eu-west-1', 'eu-west-3']);
export const DEFAULT_SCHEDULE_MINUTES = 1;
/** 1769 MB is one full vCPU in Lambda, so timings are not CPU-bound; 2048 leaves Chromium headroom. */
export const DEFAULT_MEMORY_MB = 2048;
export const DEFAULT_ARTIFACTS_RETENTION_DAYS = 30;
/**
 * One year: the shortest retention AWS Control Tower's CT.CLOUDWATCH.PR.2 accepts (>= 365 days). The
 * probe writes a few KB per round, so a year of logs costs cents per region.
 */
export const DEFAULT_LOG_RETENTION_DAYS = 365;
/**
 * The retention values CloudWatch Logs accepts (PutRetentionPolicy).
 * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html
 */
export const LOG_RETENTION_DAYS: readonly number[] = Object.freeze([
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
]);

/** DSL-16000, the seed's minimum internet access of an autocrm workplace: 16 Mbit/s down, 1 Mbit/s up. */
export const DSL_16000 = { downloadMbps: 16, uploadMbps: 1 } as const;

export const DEFAULT_ALARMS = {
  outageQuorum: 2,
  websocketRttP95Ms: 250,
  httpRttP95Ms: 500,
  loginTtfbMs: 1500,
  minDownloadMbps: DSL_16000.downloadMbps,
} as const;

/**
 * No selectors by default: the login form, the System-Check link and its verdicts are discovered on
 * whatever page the URL shows (lambdas/core/discovery/). A config may pin each of them.
 */
export const DEFAULT_EXPECT_SELECTORS: readonly string[] = Object.freeze([]);

/** One round in Chromium with Chrome's identity, as before browsers became configurable. */
export const DEFAULT_BROWSERS: readonly BrowserName[] = Object.freeze(['chromium'] as const);

export const DEFAULT_TIMEOUTS = { navigationMs: 10_000, systemCheckMs: 12_000, stepMs: 8_000, roundMs: 20_000 } as const;
export const DEFAULT_WEBSOCKET = { messages: 20, intervalMs: 50, timeoutMs: 2_000 } as const;
export const DEFAULT_HTTP = { samples: 10 } as const;
export const DEFAULT_BANDWIDTH = {
  minDownloadMbps: DSL_16000.downloadMbps,
  minUploadMbps: DSL_16000.uploadMbps,
  /** Per direction and round: the monitor must never hurt the service it watches. */
  maxBytes: 8_000_000,
  budgetMs: 6_000,
} as const;

/**
 * Added to one round's `roundMs` to get the Lambda timeout of the invocation that runs it (one
 * invocation per target and browser): Chromium's extraction and launch on a cold start, publishing
 * metrics and artifacts after the round.
 */
export const LAUNCH_MARGIN_MS = 20_000;
/**
 * The same for a Firefox round (its own container-image function): Firefox launches in about 2.1 s
 * where Chromium takes 0.23 s, and a fresh container's first launch also writes a new profile and
 * font cache, so 5 s more than Chromium's margin (issue #23, measured with firefox-esr 153).
 */
export const FIREFOX_LAUNCH_MARGIN_MS = 25_000;
/** Lambda's hard maximum timeout (https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html). */
export const LAMBDA_MAX_TIMEOUT_MS = 900_000;
