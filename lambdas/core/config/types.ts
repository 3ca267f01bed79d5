/**
 * The validated, defaults-merged, frozen configuration. Produced only by `parseConfig` /
 * `parseTargets` (config.ts); every other module takes these types and trusts them.
 */
import type { BrowserName } from '../browsers';

/**
 * How one System-Check verdict is read. Both keys are optional: without `selector` the element is
 * discovered (the element whose own text names the check), without `ok` the text is judged by the
 * built-in German and English words. Either way a negated text ("nicht erfolgreich") fails.
 */
export interface VerdictConfig {
  /** CSS selector of the element carrying the verdict, optionally ending in `:has-text("…")`. */
  readonly selector?: string;
  /** Regular expression source (case-insensitive) that the verdict text must match to count as OK. */
  readonly ok?: string;
}

/** How the System-Check is reached and read; every key absent means "discover it like a person would". */
export interface SystemCheckConfig {
  /** Accessible name of the link or button on the login page that opens the System-Check. */
  readonly link?: string;
  /** CSS selector of that link; wins over `link`. */
  readonly linkSelector?: string;
  /**
   * Regular expression source (case-insensitive) of a verdict that is still running; replaces the
   * built-in words ("wird geprüft", "bitte warten", "checking", "…").
   */
  readonly pendingPattern?: string;
  readonly verdicts: {
    readonly browser: VerdictConfig;
    readonly websocket: VerdictConfig;
    readonly http: VerdictConfig;
  };
}

/** The optional login step; its selectors are discovered on the login page when absent. */
export interface CredentialsConfig {
  /** Environment variable holding the user name (CLI), or the `username` key of the secret. */
  readonly usernameEnv?: string;
  readonly passwordEnv?: string;
  /** Secrets Manager secret (JSON `{ "username": …, "password": … }`), used in Lambda. */
  readonly secretArn?: string;
  readonly usernameSelector?: string;
  readonly passwordSelector?: string;
  readonly submitSelector?: string;
  /** Element that proves the login landed on the start page. */
  readonly successSelector?: string;
  /** Link or button that logs out again. */
  readonly logoutSelector?: string;
}

export interface TimeoutsConfig {
  /** Login page navigation (until `load`). */
  readonly navigationMs: number;
  /** From the click on the System-Check link until all verdicts are shown. */
  readonly systemCheckMs: number;
  /** Any other single step (login, each measurement). */
  readonly stepMs: number;
  /** The whole round for this target, all steps and measurements included. */
  readonly roundMs: number;
}

export interface WebSocketConfig {
  readonly url: string;
  readonly messages: number;
  /** Pause between two echo messages. */
  readonly intervalMs: number;
  /** An echo that has not come back after this long counts as lost. */
  readonly timeoutMs: number;
}

export interface HttpConfig {
  readonly url: string;
  readonly samples: number;
}

export interface BandwidthConfig {
  /** Download URL with a `{bytes}` placeholder for the size asked for. */
  readonly downloadUrl?: string;
  readonly uploadUrl?: string;
  readonly minDownloadMbps: number;
  readonly minUploadMbps: number;
  /** Byte cap per direction for one round. */
  readonly maxBytes: number;
  /** Time budget per direction. */
  readonly budgetMs: number;
}

export interface ThresholdsConfig {
  readonly websocketRttP95Ms?: number;
  readonly httpRttP95Ms?: number;
  readonly loginTtfbMs?: number;
}

export interface TargetConfig {
  readonly name: string;
  readonly loginUrl: string;
  /** The browsers to probe in, one complete round each, in this order. */
  readonly browsers: readonly BrowserName[];
  /** CSS selectors that must be present on the login page; empty = a login form with a password field is looked for. */
  readonly expectSelectors: readonly string[];
  readonly systemCheck: SystemCheckConfig;
  readonly credentials?: CredentialsConfig;
  readonly timeouts: TimeoutsConfig;
  readonly websocket?: WebSocketConfig;
  readonly http?: HttpConfig;
  /**
   * Without `websocket` / `http`: measure RTT against the WebSocket and HTTP endpoints the
   * System-Check page itself used (default true).
   */
  readonly measurePageEndpoints: boolean;
  readonly bandwidth?: BandwidthConfig;
  readonly thresholds: ThresholdsConfig;
}

export interface NotificationConfig {
  readonly emails: readonly string[];
  /** HTTPS endpoints, e.g. a PagerDuty or Opsgenie integration URL. */
  readonly httpsUrls: readonly string[];
}

export interface AlarmsConfig {
  /** How many locations must fail in the same period before on-call is paged. */
  readonly outageQuorum: number;
  readonly critical: NotificationConfig;
  readonly warning: NotificationConfig;
  readonly websocketRttP95Ms: number;
  readonly httpRttP95Ms: number;
  readonly loginTtfbMs: number;
  readonly minDownloadMbps: number;
}

/** An existing VPC the probe functions of one region run in (its subnets need a route to the internet). */
export interface ExistingVpcConfig {
  /** One of `probeRegions`. */
  readonly region: string;
  readonly vpcId: string;
  /** Private subnets with a NAT gateway (or another egress) route to the internet. */
  readonly subnetIds: readonly string[];
}

/**
 * Settings that cost money or change the network, for accounts governed by AWS Control Tower
 * (config/control-tower-exemptions.json says which control each one satisfies). All off by default.
 */
export interface HardeningConfig {
  /** A customer-managed KMS key per probe region for the log groups and the artifacts bucket. */
  readonly kmsKey: boolean;
  /** A server-access-log bucket per probe region that the artifacts bucket logs to. */
  readonly accessLogs: boolean;
  /** S3 Object Lock (governance mode, `artifactsRetentionDays`) on the artifacts bucket. */
  readonly objectLock: boolean;
  /** Run the functions in a VPC: a new one with a NAT gateway, or the region's entry of `existingVpcs`. */
  readonly vpc: boolean;
  readonly existingVpcs?: readonly ExistingVpcConfig[];
}

export interface MonitorConfig {
  /** CloudWatch namespace of every metric. */
  readonly namespace: string;
  /** Region that receives all metrics and holds alarms and the dashboard. */
  readonly homeRegion: string;
  readonly probeRegions: readonly string[];
  /** Minutes between two rounds. */
  readonly schedule: number;
  readonly memoryMb: number;
  readonly artifactsRetentionDays: number;
  /** Days the functions' log groups keep their events (a CloudWatch Logs retention value). */
  readonly logRetentionDays: number;
  /** Run the probe once right after each probe stack deploys and fail the deploy when it fails. */
  readonly smokeTrigger: boolean;
  readonly alarms: AlarmsConfig;
  readonly hardening: HardeningConfig;
  readonly targets: readonly TargetConfig[];
}
