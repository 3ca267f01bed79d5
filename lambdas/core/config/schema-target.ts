import type { Mandatory, SpecFor, StringSpec } from './spec';
import type { TargetConfig, VerdictConfig } from './types';
import { BROWSER_NAMES } from '../browsers';
import {
  DEFAULT_BANDWIDTH,
  DEFAULT_BROWSERS,
  DEFAULT_EXPECT_SELECTORS,
  DEFAULT_HTTP,
  DEFAULT_TIMEOUTS,
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

/** An optional selector: absent = discovered on the page. */
function selector(description: string): StringSpec & { readonly optional: true } {
  return { kind: 'string', optional: true, description: `${description} Absent: discovered on the page.` };
}

function verdict(name: string, names: string): Mandatory<VerdictConfig> {
  return {
    kind: 'object',
    description: `The ${name} verdict of the System-Check page.`,
    fields: {
      selector: selector(
        `CSS selector of the element whose text carries the verdict, optionally ending in :has-text("…") (the innermost element containing that text). Discovery looks for the element whose own text names ${names}.`,
      ),
      ok: {
        kind: 'string',
        format: 'regex',
        optional: true,
        description:
          'Regular expression (case-insensitive) that the verdict text matches when OK; a negation near the match still fails. Absent: German and English pass/fail words, negation first.',
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
      description:
        'CSS selectors that must be present on the login page; they replace the check for a login form with a password field (empty: that check).',
    },
    systemCheck: {
      kind: 'object',
      description: 'How to reach and read the System-Check page; every key absent is discovered like a person would.',
      fields: {
        link: {
          kind: 'string',
          optional: true,
          description:
            'Accessible name of the link or button on the login page that opens the System-Check. Absent: a link or button named System-Check, Systemcheck or System Check (any case), or with systemcheck in its href.',
        },
        linkSelector: { kind: 'string', optional: true, description: 'CSS selector of that link; when set it wins over link.' },
        pendingPattern: {
          kind: 'string',
          format: 'regex',
          optional: true,
          description:
            'Regular expression (case-insensitive) of a verdict still running. Absent: "wird geprüft", "bitte warten", "checking", "…" and similar.',
        },
        verdicts: {
          kind: 'object',
          description: 'The three verdicts the page shows.',
          fields: {
            browser: verdict('browser', 'the browser ("Browser", "Webbrowser")'),
            websocket: verdict('websocket', 'the WebSocket ("WebSocket", "Web Socket")'),
            http: verdict('http', 'HTTP ("HTTP", "HTTPS")'),
          },
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
        usernameSelector: selector('CSS selector of the user name field.'),
        passwordSelector: selector('CSS selector of the password field.'),
        submitSelector: selector('CSS selector of the submit button.'),
        successSelector: selector(
          'CSS selector that proves the login landed on the start page (discovered: the form is gone and a logout control shows).',
        ),
        logoutSelector: selector(
          'CSS selector of the logout link or button (discovered: named Abmelden, Ausloggen, Log out, Sign out, …).',
        ),
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
          'plus the launch margin of each of its browsers must be shorter than schedule (one invocation per target and browser)',
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
    measurePageEndpoints: {
      kind: 'boolean',
      default: true,
      description:
        'Where websocket or http is absent: measure RTT against the WebSocket and HTTP endpoints the System-Check page itself used (the WebSocket echo only where it answers).',
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
