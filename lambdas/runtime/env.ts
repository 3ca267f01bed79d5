/**
 * The Lambda function's environment, read once per invocation through helpers that name the key
 * (the Powertools `getStringFromEnv` idea). The CDK stack sets these; docs/lambda.md lists them.
 */
import { DEFAULT_NAMESPACE } from '../core/config/defaults';
import { CONFIRMATION_DELAY_MS, MAX_CONFIRMATION_DELAY_MS } from './round-deadline';

/** Names of every environment variable the handler reads. */
export const ENV_KEYS = {
  /** The validated monitor config as JSON, baked in at deploy time; used when the event has no targets. */
  config: 'SYNTHETICS_CONFIG',
  /** Region that receives every metric (alarms and dashboard live there). */
  homeRegion: 'HOME_REGION',
  /** CloudWatch namespace of every metric. */
  namespace: 'NAMESPACE',
  /** S3 bucket for failure artifacts (screenshot, HTML); unset = artifacts are not stored. */
  artifactsBucket: 'ARTIFACTS_BUCKET',
  /** Location dimension of every metric; defaults to AWS_REGION. */
  location: 'LOCATION',
  /** `cloudwatch` (default) or `emf`: where datums go. */
  metricsSink: 'METRICS_SINK',
  /** Delay of the confirmation round after a failed round, in ms; unset = 30 000 (tests and local runs shorten it). */
  confirmationDelayMs: 'CONFIRMATION_DELAY_MS',
  /** Set by Lambda itself. */
  awsRegion: 'AWS_REGION',
} as const;

/** CloudWatch namespace when neither NAMESPACE nor the baked config name one. */
export { DEFAULT_NAMESPACE };

export const METRICS_SINKS = ['cloudwatch', 'emf'] as const;
export type MetricsSink = (typeof METRICS_SINKS)[number];

/** What the handler needs from its environment. */
export interface RuntimeEnv {
  readonly location: string;
  /** undefined when neither HOME_REGION nor AWS_REGION is set. */
  readonly homeRegion: string | undefined;
  readonly namespace: string;
  readonly artifactsBucket: string | undefined;
  readonly metricsSink: MetricsSink;
  /** Raw JSON text of SYNTHETICS_CONFIG; parsed only when the event has no targets. */
  readonly configJson: string | undefined;
  /** How long after a failed round its confirmation round starts (CONFIRMATION_DELAY_MS). */
  readonly confirmationDelayMs: number;
}

/** Thrown for an environment the function cannot work with (a deploy mistake, our fault). */
export class RuntimeEnvError extends Error {
  override readonly name = 'RuntimeEnvError';
}

/** The trimmed value of `key`, or undefined when unset or blank. */
export function getStringFromEnv(env: NodeJS.ProcessEnv, key: string): string | undefined {
  const value = env[key]?.trim();
  return value ? value : undefined;
}

/** Reads the handler's environment; throws RuntimeEnvError naming the key for a bad value. */
export function readRuntimeEnv(env: NodeJS.ProcessEnv = process.env): RuntimeEnv {
  const awsRegion = getStringFromEnv(env, ENV_KEYS.awsRegion);
  const sink = getStringFromEnv(env, ENV_KEYS.metricsSink) ?? 'cloudwatch';
  if (!(METRICS_SINKS as readonly string[]).includes(sink)) {
    throw new RuntimeEnvError(
      `${ENV_KEYS.metricsSink} must be one of ${METRICS_SINKS.join(', ')}, got "${sink}". Unset it to publish to CloudWatch.`,
    );
  }
  return {
    confirmationDelayMs: readConfirmationDelayMs(env),
    location: getStringFromEnv(env, ENV_KEYS.location) ?? awsRegion ?? 'local',
    homeRegion: getStringFromEnv(env, ENV_KEYS.homeRegion) ?? awsRegion,
    namespace: getStringFromEnv(env, ENV_KEYS.namespace) ?? DEFAULT_NAMESPACE,
    artifactsBucket: getStringFromEnv(env, ENV_KEYS.artifactsBucket),
    metricsSink: sink as MetricsSink,
    configJson: getStringFromEnv(env, ENV_KEYS.config),
  };
}

function readConfirmationDelayMs(env: NodeJS.ProcessEnv): number {
  const raw = getStringFromEnv(env, ENV_KEYS.confirmationDelayMs);
  if (raw === undefined) return CONFIRMATION_DELAY_MS;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value > MAX_CONFIRMATION_DELAY_MS) {
    throw new RuntimeEnvError(
      `${ENV_KEYS.confirmationDelayMs} must be a whole number from 0 to ${MAX_CONFIRMATION_DELAY_MS} ms, got "${raw}". Unset it for the default ${CONFIRMATION_DELAY_MS} ms.`,
    );
  }
  return value;
}
