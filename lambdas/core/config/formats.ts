import { BROWSER_ALIASES, BROWSER_NAMES, isBrowserName } from '../browsers';
import { didYouMeanHint } from '../did-you-mean';
import type { StringFormat } from './spec';
import { AWS_REGIONS, isAwsRegion } from './regions';

/** A string format: its check (undefined = fine, else the rule broken) and its JSON Schema keywords. */
export interface FormatRule {
  /** The rule as stated in messages and docs. */
  readonly rule: string;
  check(value: string): string | undefined;
  readonly jsonSchema: Readonly<Record<string, unknown>>;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SECRET_ARN = /^arn:aws:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+$/;
/** EC2 resource ids: a prefix and 8 or 17 hex digits. */
const VPC_ID = /^vpc-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;
const SUBNET_ID = /^subnet-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;
/** CloudWatch namespaces: ASCII letters, digits and `.-_/#: `, at most 255, never `AWS/` (reserved). */
const NAMESPACE = /^(?!AWS\/)[0-9A-Za-z.\-_/#: ]{1,255}$/;
/** Target names become metric dimensions and S3 key parts: keep them plain. */
const TARGET_NAME = /^[A-Za-z0-9_-]{1,64}$/;
/** Deliberately loose: one @, no spaces, a dot in the domain. SNS confirms the address anyway. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function checkUrl(value: string, protocols: readonly string[], rule: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return rule;
  }
  if (!protocols.includes(url.protocol) || url.hostname === '') return rule;
  if (url.username !== '' || url.password !== '') {
    return 'must not contain a user name or password (use credentials.usernameEnv/passwordEnv or secretArn)';
  }
  return undefined;
}

function pattern(regex: RegExp, rule: string): FormatRule {
  return { rule, check: (value) => (regex.test(value) ? undefined : rule), jsonSchema: { pattern: regex.source } };
}

const BROWSER_RULE = `must be one of ${BROWSER_NAMES.map((name) => `"${name}"`).join(', ')}`;
const HTTP_RULE = 'must be an absolute http(s) URL';
const DOWNLOAD_RULE = 'must be an absolute http(s) URL containing the placeholder {bytes}';

export const FORMATS: Readonly<Record<StringFormat, FormatRule>> = {
  'http-url': {
    rule: HTTP_RULE,
    check: (value) => checkUrl(value, ['http:', 'https:'], HTTP_RULE),
    jsonSchema: { format: 'uri', pattern: '^https?://' },
  },
  'https-url': {
    rule: 'must be an absolute https URL',
    check: (value) => checkUrl(value, ['https:'], 'must be an absolute https URL'),
    jsonSchema: { format: 'uri', pattern: '^https://' },
  },
  'ws-url': {
    rule: 'must be an absolute ws:// or wss:// URL',
    check: (value) => checkUrl(value, ['ws:', 'wss:'], 'must be an absolute ws:// or wss:// URL'),
    jsonSchema: { format: 'uri', pattern: '^wss?://' },
  },
  'download-url': {
    rule: DOWNLOAD_RULE,
    check: (value) => checkUrl(value, ['http:', 'https:'], DOWNLOAD_RULE) ?? (value.includes('{bytes}') ? undefined : DOWNLOAD_RULE),
    jsonSchema: { pattern: '^https?://.*\\{bytes\\}' },
  },
  email: { ...pattern(EMAIL, 'must be an e-mail address'), jsonSchema: { format: 'email', pattern: EMAIL.source } },
  regex: {
    rule: 'must be a valid regular expression',
    check: (value) => {
      try {
        // The flags the probe compiles a configured pattern with (the verdict judge, the page): the
        // Unicode flag refuses what a plain pattern forgives (`\-`, a lone `{` or `]`).
        new RegExp(value, 'iu');
        return undefined;
      } catch (error) {
        return `must be a valid regular expression (${error instanceof Error ? error.message : String(error)})`;
      }
    },
    jsonSchema: { format: 'regex' },
  },
  region: {
    rule: 'must be a commercial AWS region such as eu-central-1',
    check: (value) => (isAwsRegion(value) ? undefined : 'must be a commercial AWS region such as eu-central-1'),
    jsonSchema: { enum: AWS_REGIONS },
  },
  'env-name': pattern(ENV_NAME, 'must be an environment variable name ([A-Za-z_][A-Za-z0-9_]*)'),
  'secret-arn': pattern(SECRET_ARN, 'must be a Secrets Manager secret ARN (arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME)'),
  'vpc-id': pattern(VPC_ID, 'must be a VPC id (vpc- and 8 or 17 hex digits)'),
  'subnet-id': pattern(SUBNET_ID, 'must be a subnet id (subnet- and 8 or 17 hex digits)'),
  namespace: pattern(NAMESPACE, 'must be a CloudWatch namespace (1-255 of A-Z a-z 0-9 . - _ / # : space, not starting with AWS/)'),
  'target-name': pattern(TARGET_NAME, 'must be 1-64 letters, digits, "-" or "_"'),
  browser: {
    rule: BROWSER_RULE,
    check: (value) => (isBrowserName(value) ? undefined : BROWSER_RULE),
    jsonSchema: { enum: BROWSER_NAMES },
  },
};

/** A did-you-mean appended to a failed check, where one makes sense (region typos like eu-central1, "firefix", "chrome"). */
export function formatHint(format: StringFormat, value: string): string {
  if (format === 'region') return didYouMeanHint(value, AWS_REGIONS);
  if (format !== 'browser') return '';
  const key = value.trim().toLowerCase();
  // Own keys only: "constructor" must not find Object.prototype's function as an alias.
  const alias = Object.hasOwn(BROWSER_ALIASES, key) ? BROWSER_ALIASES[key] : undefined;
  return alias === undefined ? didYouMeanHint(value, BROWSER_NAMES) : ` Did you mean "${alias}"?`;
}
