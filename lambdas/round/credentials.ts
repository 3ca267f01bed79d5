/**
 * A round's login credentials: from the environment variables the target names (CLI, local invoke),
 * else from its secret (`secretArn`, read through the secrets port, once per process). Never logged,
 * never put in a result; the password is what the redactor scrubs.
 */
import type { CredentialsConfig } from '../core/config/types';
import type { CredentialsSource, LoginCredentials, SecretReader } from './ports';

export type { LoginCredentials } from './ports';

/** What the credentials of a config come from: the process environment and a secret reader. */
export interface SecretsAccess {
  readonly env: NodeJS.ProcessEnv;
  readonly read: SecretReader;
}

/** The credentials could not be read or have the wrong shape: our fault, reported as `probe_error`. */
export class CredentialsError extends Error {
  override readonly name = 'CredentialsError';
}

/** A secret read must not eat the round: it is bounded like any other step. */
export const SECRET_FETCH_TIMEOUT_MS = 5_000;

/** Secrets per process: a Lambda container lives for many rounds, so each secret is read once. */
const secretCache = new Map<string, Promise<LoginCredentials>>();

/** The credentials each target's config names, read with `access` (the production source). */
export function credentialsFromConfig(access: SecretsAccess): CredentialsSource {
  return { forTarget: (target) => resolveCredentials(target.credentials, access) };
}

/**
 * The credentials for a target: from `usernameEnv` / `passwordEnv` when both are set, else from the
 * secret when `secretArn` is set. undefined when the target has no credentials section.
 */
export async function resolveCredentials(
  config: CredentialsConfig | undefined,
  secrets: SecretsAccess,
): Promise<LoginCredentials | undefined> {
  if (!config) return undefined;
  const { env } = secrets;
  const fromEnv = config.usernameEnv && config.passwordEnv && env[config.usernameEnv] && env[config.passwordEnv];
  if (config.secretArn && !fromEnv) {
    const arn = config.secretArn;
    let cached = secretCache.get(arn);
    if (!cached) {
      cached = fetchSecret(arn, secrets.read);
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

async function fetchSecret(arn: string, read: SecretReader): Promise<LoginCredentials> {
  let text: string;
  try {
    text = await read(arn, SECRET_FETCH_TIMEOUT_MS);
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
  return { username: record.username, password: record.password, secretValues: stringValues(record) };
}

/** Most values collected from one secret; a secret is a few keys, anything beyond is not a credential. */
const MAX_SECRET_VALUES = 64;

/** Every string in a secret's JSON (nested too, depth-first): each is a secret in use. */
function stringValues(value: unknown, found: string[] = [], depth = 0): string[] {
  if (found.length >= MAX_SECRET_VALUES || depth > 8) return found;
  if (typeof value === 'string') {
    if (value !== '' && !found.includes(value)) found.push(value);
  } else if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) stringValues(item, found, depth + 1);
  }
  return found;
}
