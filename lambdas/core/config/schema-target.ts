import type { Mandatory, SpecFor } from './spec';
import type { TargetConfig, VerdictConfig } from './types';
import { BROWSER_NAMES } from '../browsers';
import {
  DEFAULT_BANDWIDTH,
  DEFAULT_BROWSERS,
  DEFAULT_CREDENTIAL_SELECTORS,
  DEFAULT_EXPECT_SELECTORS,
  DEFAULT_HTTP,
  DEFAULT_PENDING_PATTERN,
  DEFAULT_SYSTEM_CHECK_LINK,
  DEFAULT_TIMEOUTS,
  DEFAULT_VERDICTS,
  DEFAULT_WEBSOCKET,
  LAMBDA_MAX_TIMEOUT_MS,
  LAUNCH_MARGIN_MS,
} from './defaults';
import { MAX_VALUES_PER_DATUM } from '../metrics-types';

/**
 * Most samples per RTT series: raw samples are published as one datum's `Values`, and PutMetricData
 * takes at most 150 per datum.
 */
const MAX_SAMPLES = MAX_VALUES_PER_DATUM;
/** A single step never needs more than two minutes; more is a typo (seconds vs ms). */
const MAX_STEP_MS = 120_000;

function ms(description: string, min: number, max: number, defaultMs?: number, crossRule?: string): Mandatory<number> {
  return { kind: 'number', integer: true, unit: 'ms', description, min, max, default: defaultMs, crossRule };
}

function selector(description: string, defaultSelector?: string): Mandatory<string> {
  return { kind: 'string', description, default: defaultSelector };
}

function verdict(name: keyof typeof DEFAULT_VERDICTS): Mandatory<VerdictConfig> {
  const defaults = DEFAULT_VERDICTS[name];
  return {
    kind: 'object',
    description: `The ${name} verdict of the System-Check page.`,
    fields: {
      selector: selector('CSS selector of the element whose text carries the verdict.', defaults.selector),
      ok: {
        kind: 'string',
        format: 'regex',
        default: defaults.ok,
        description: 'Regular expression (case-insensitive) that the verdict text matches when OK.',
      },
    },
  };
}

const NOT_OVER_ROUND = 'at most timeouts.roundMs';

/** The spec of one monitored target (`targets[]`). */
export const TARGET_SPEC: SpecFor<TargetConfig> = {
  kind: 'object',
  description: 'One monitored login page with its System-Check and measurements.',
  fields: {
    name: {
      kind: 'string',
      format: 'target-name',
      description: 'Unique name of the target; the Target metric dimension.',
      crossRule: 'unique among targets',
    },
    loginUrl: { kind: 'string', format: 'http-url', description: 'Absolute http(s) URL of the login page.' },
    browsers: {
      kind: 'array',
      items: {
        kind: 'string',
        format: 'browser',
        description: 'chromium (Chrome identity), firefox (real Gecko) or edge (Edge identity on Chromium).',
      },
      default: DEFAULT_BROWSERS,
      minItems: 1,
      maxItems: BROWSER_NAMES.length,
      uniqueItems: true,
      description: 'Browsers to probe in, one complete round each.',
    },
    expectSelectors: {
      kind: 'array',
      items: { kind: 'string', description: 'CSS selector.' },
      default: DEFAULT_EXPECT_SELECTORS,
      maxItems: 50,
      description: 'CSS selectors that must be present on the login page.',
    },
    systemCheck: {
      kind: 'object',
      description: 'How to reach and read the System-Check page.',
      fields: {
        link: {
          kind: 'string',
          default: DEFAULT_SYSTEM_CHECK_LINK,
          description: 'Text of the link on the login page that opens the System-Check.',
        },
        linkSelector: { kind: 'string', optional: true, description: 'CSS selector of that link; when set it wins over link.' },
        pendingPattern: {
          kind: 'string',
          format: 'regex',
          default: DEFAULT_PENDING_PATTERN,
          description: 'Regular expression (case-insensitive) of a verdict still running.',
        },
        verdicts: {
          kind: 'object',
          description: 'The three verdicts the page shows.',
          fields: { browser: verdict('browser'), websocket: verdict('websocket'), http: verdict('http') },
        },
      },
    },
    credentials: {
      kind: 'object',
      optional: true,
      description: 'Optional login step (log in, check the start page, log out). Passwords never go into the config.',
      crossRule: 'needs secretArn, or usernameEnv and passwordEnv',
      fields: {
        usernameEnv: { kind: 'string', format: 'env-name', optional: true, description: 'Environment variable with the user name (CLI).' },
        passwordEnv: { kind: 'string', format: 'env-name', optional: true, description: 'Environment variable with the password (CLI).' },
        secretArn: {
          kind: 'string',
          format: 'secret-arn',
          optional: true,
          description: 'Secrets Manager secret {"username","password"} (Lambda).',
        },
        usernameSelector: selector('CSS selector of the user name field.', DEFAULT_CREDENTIAL_SELECTORS.usernameSelector),
        passwordSelector: selector('CSS selector of the password field.', DEFAULT_CREDENTIAL_SELECTORS.passwordSelector),
        submitSelector: selector('CSS selector of the submit button.', DEFAULT_CREDENTIAL_SELECTORS.submitSelector),
        successSelector: selector(
          'CSS selector that proves the login landed on the start page.',
          DEFAULT_CREDENTIAL_SELECTORS.successSelector,
        ),
        logoutSelector: selector('CSS selector of the logout link.', DEFAULT_CREDENTIAL_SELECTORS.logoutSelector),
      },
    },
    timeouts: {
      kind: 'object',
      description: 'Per-step timeouts inside one round deadline.',
      fields: {
        navigationMs: ms('Login page navigation until load.', 500, MAX_STEP_MS, DEFAULT_TIMEOUTS.navigationMs, NOT_OVER_ROUND),
        systemCheckMs: ms(
          'Click on the System-Check link until all verdicts are shown.',
          500,
          MAX_STEP_MS,
          DEFAULT_TIMEOUTS.systemCheckMs,
          NOT_OVER_ROUND,
        ),
        stepMs: ms('Any other single step (login, each measurement).', 500, MAX_STEP_MS, DEFAULT_TIMEOUTS.stepMs, NOT_OVER_ROUND),
        roundMs: ms(
          'The whole round for this target.',
          1_000,
          LAMBDA_MAX_TIMEOUT_MS - LAUNCH_MARGIN_MS,
          DEFAULT_TIMEOUTS.roundMs,
          'the sum over all targets and their browsers plus the launch margin must be shorter than schedule',
        ),
      },
    },
    websocket: {
      kind: 'object',
      optional: true,
      description: 'WebSocket connect and echo RTT measurement; absent = not measured.',
      fields: {
        url: { kind: 'string', format: 'ws-url', description: 'ws:// or wss:// URL of an echo endpoint.' },
        messages: {
          kind: 'number',
          integer: true,
          unit: 'messages',
          min: 1,
          max: MAX_SAMPLES,
          default: DEFAULT_WEBSOCKET.messages,
          description: 'Echo messages sent one after another (RTT samples).',
          crossRule: 'messages × intervalMs below timeouts.stepMs',
        },
        intervalMs: ms('Pause between two echo messages.', 0, 5_000, DEFAULT_WEBSOCKET.intervalMs),
        timeoutMs: ms(
          'An echo not back after this long counts as lost.',
          100,
          30_000,
          DEFAULT_WEBSOCKET.timeoutMs,
          'at most timeouts.stepMs',
        ),
      },
    },
    http: {
      kind: 'object',
      optional: true,
      description: 'Warm HTTP RTT measurement; absent = not measured.',
      fields: {
        url: { kind: 'string', format: 'http-url', description: 'Small no-store endpoint, e.g. /api/ping.' },
        samples: {
          kind: 'number',
          integer: true,
          unit: 'requests',
          min: 1,
          max: MAX_SAMPLES,
          default: DEFAULT_HTTP.samples,
          description: 'Requests timed after one discarded warm-up.',
        },
      },
    },
    bandwidth: {
      kind: 'object',
      optional: true,
      description: 'Download/upload goodput against the DSL-16000 requirement; absent = not measured.',
      crossRule: 'needs downloadUrl or uploadUrl',
      fields: {
        downloadUrl: { kind: 'string', format: 'download-url', optional: true, description: 'Download URL with a {bytes} placeholder.' },
        uploadUrl: { kind: 'string', format: 'http-url', optional: true, description: 'URL that accepts a POST body.' },
        minDownloadMbps: {
          kind: 'number',
          integer: false,
          unit: 'Mbit/s',
          min: 0.1,
          max: 10_000,
          default: DEFAULT_BANDWIDTH.minDownloadMbps,
          description: 'Required download goodput; below it the round is degraded (bandwidth).',
        },
        minUploadMbps: {
          kind: 'number',
          integer: false,
          unit: 'Mbit/s',
          min: 0.1,
          max: 10_000,
          default: DEFAULT_BANDWIDTH.minUploadMbps,
          description: 'Required upload goodput; below it the round is degraded (bandwidth).',
        },
        maxBytes: {
          kind: 'number',
          integer: true,
          unit: 'bytes',
          min: 100_000,
          max: 200_000_000,
          default: DEFAULT_BANDWIDTH.maxBytes,
          description: 'Byte cap per direction and round.',
        },
        budgetMs: ms(
          'Time budget per direction.',
          500,
          60_000,
          DEFAULT_BANDWIDTH.budgetMs,
          'budgetMs × configured directions at most timeouts.roundMs',
        ),
      },
    },
    thresholds: {
      kind: 'object',
      description: 'Above these the round is degraded; each defaults to the alarms value of the same name.',
      fields: {
        websocketRttP95Ms: { ...ms('WebSocket echo RTT p95 limit.', 1, 60_000), optional: true, defaultFrom: 'alarms.websocketRttP95Ms' },
        httpRttP95Ms: { ...ms('HTTP RTT p95 limit.', 1, 60_000), optional: true, defaultFrom: 'alarms.httpRttP95Ms' },
        loginTtfbMs: { ...ms('Login page TTFB limit.', 1, MAX_STEP_MS), optional: true, defaultFrom: 'alarms.loginTtfbMs' },
      },
    },
  },
};
