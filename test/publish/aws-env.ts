/**
 * Points the real AWS SDK at a local endpoint with fake static credentials, and shields the tests
 * from whatever AWS setup the machine has (profiles, instance metadata). Restores the environment after.
 */
const KEYS = [
  'AWS_ENDPOINT_URL',
  'AWS_ENDPOINT_URL_CLOUDWATCH',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_EC2_METADATA_DISABLED',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_CONFIG_FILE',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_MAX_ATTEMPTS',
  'AWS_RETRY_MODE',
] as const;

export interface AwsEnvOptions {
  /** Sets AWS_ENDPOINT_URL_CLOUDWATCH (or AWS_ENDPOINT_URL with `generic`). */
  readonly endpoint?: string;
  readonly generic?: boolean;
  /** Fake static keys; false leaves the credential chain with nothing to find. @default true */
  readonly credentials?: boolean;
}

/** Applies the environment and returns a function that restores the previous one. */
export function useAwsEnv(options: AwsEnvOptions): () => void {
  const saved = new Map(KEYS.map((key) => [key, process.env[key]]));
  for (const key of KEYS) delete process.env[key];
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/aws-credentials';
  process.env.AWS_CONFIG_FILE = '/nonexistent/aws-config';
  if (options.endpoint) process.env[options.generic ? 'AWS_ENDPOINT_URL' : 'AWS_ENDPOINT_URL_CLOUDWATCH'] = options.endpoint;
  if (options.credentials ?? true) {
    process.env.AWS_ACCESS_KEY_ID = 'test';
    process.env.AWS_SECRET_ACCESS_KEY = 'test';
  }
  return () => {
    for (const [key, value] of saved) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}
