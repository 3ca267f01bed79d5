import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { CredentialsConfig } from '../core/config/types';

/** Login credentials for the optional login step. Never logged, never put in a result. */
export interface LoginCredentials {
  readonly username: string;
  readonly password: string;
}

/** The secret could not be read or has the wrong shape: our fault, reported as `probe_error`. */
export class CredentialsError extends Error {
  override readonly name = 'CredentialsError';
}

/** A Secrets Manager read must not eat the round: it is bounded like any other step. */
export const SECRET_FETCH_TIMEOUT_MS = 5_000;

/** Reads one secret string; injectable so tests can use a local endpoint or a fake. */
export type SecretReader = (secretArn: string, timeoutMs: number) => Promise<string>;

/** Secrets per container: a Lambda container lives for many rounds, so each secret is read once. */
const secretCache = new Map<string, Promise<LoginCredentials>>();

/**
 * The credentials for a target: from the environment variables named by `usernameEnv` /
 * `passwordEnv` when both are set (CLI, local invoke), else from Secrets Manager when `secretArn` is
 * set (fetched once per container). undefined when the target has no credentials section.
 */
export async function resolveCredentials(
  config: CredentialsConfig | undefined,
  options: { readonly env?: NodeJS.ProcessEnv; readonly readSecret?: SecretReader } = {},
): Promise<LoginCredentials | undefined> {
  if (!config) return undefined;
  const env = options.env ?? process.env;
  const fromEnv = config.usernameEnv && config.passwordEnv && env[config.usernameEnv] && env[config.passwordEnv];
  if (config.secretArn && !fromEnv) {
    const arn = config.secretArn;
    let cached = secretCache.get(arn);
    if (!cached) {
      cached = fetchSecret(arn, options.readSecret ?? readSecretFromAws);
      secretCache.set(arn, cached);
      // A failed read is not cached: the next round tries again.
      cached.catch(() => secretCache.delete(arn));
    }
    return cached;
  }
  return credentialsFromEnv(config, env);
}

/** Forgets every cached secret (tests; a rotated secret is picked up by the next container). */
export function clearCredentialsCache(): void {
  secretCache.clear();
}

function credentialsFromEnv(config: CredentialsConfig, env: NodeJS.ProcessEnv): LoginCredentials {
  const usernameKey = config.usernameEnv;
  const passwordKey = config.passwordEnv;
  if (!usernameKey || !passwordKey) {
    throw new CredentialsError('credentials need either secretArn (Lambda) or usernameEnv and passwordEnv (local runs); neither is set.');
  }
  const username = env[usernameKey];
  const password = env[passwordKey];
  if (!username || !password) {
    const missing = [username ? '' : usernameKey, password ? '' : passwordKey].filter(Boolean).join(' and ');
    throw new CredentialsError(`environment variable ${missing} is not set; export it before the run.`);
  }
  return { username, password };
}

async function fetchSecret(arn: string, readSecret: SecretReader): Promise<LoginCredentials> {
  let text: string;
  try {
    text = await readSecret(arn, SECRET_FETCH_TIMEOUT_MS);
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : 'unknown error';
    throw new CredentialsError(`could not read secret ${arn} (${reason}); check the ARN and the function's IAM policy.`);
  }
  return parseSecret(arn, text);
}

/**
 * Parses `{ "username": …, "password": … }`. The JSON error is deliberately not passed on: V8 quotes
 * the start of the offending text in it, which would put the secret into a log line.
 */
export function parseSecret(arn: string, text: string): LoginCredentials {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CredentialsError(`secret ${arn} is not JSON; store it as {"username": "...", "password": "..."}.`);
  }
  const record = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  if (typeof record.username !== 'string' || typeof record.password !== 'string' || !record.username || !record.password) {
    throw new CredentialsError(
      `secret ${arn} must hold non-empty string keys "username" and "password"; found keys: ${Object.keys(record).join(', ') || 'none'}.`,
    );
  }
  return { username: record.username, password: record.password };
}

/** Region of a Secrets Manager ARN (arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME). */
export function regionOfArn(arn: string): string | undefined {
  return arn.split(':')[3] || undefined;
}

async function readSecretFromAws(arn: string, timeoutMs: number): Promise<string> {
  const client = new SecretsManagerClient({ region: regionOfArn(arn) ?? process.env.AWS_REGION, maxAttempts: 2 });
  try {
    const output = await client.send(new GetSecretValueCommand({ SecretId: arn }), {
      abortSignal: AbortSignal.timeout(timeoutMs),
    });
    if (output.SecretString === undefined) throw new Error('the secret has no SecretString (binary secrets are not supported)');
    return output.SecretString;
  } finally {
    client.destroy();
  }
}
