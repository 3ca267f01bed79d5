/** Turning SDK failures into one line a person can act on. */

/** Publishing cannot work as configured (no credentials, no region): a user mistake, exit code 2 in the CLI. */
export class PublishConfigError extends Error {
  override readonly name = 'PublishConfigError';
}

export const NO_CREDENTIALS_MESSAGE =
  'no AWS credentials found: set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (or run where a role is available), or use --publish emf';

export const NO_REGION_MESSAGE = 'no AWS region for CloudWatch: pass --region HOME_REGION (or set AWS_REGION), or use --publish emf';

interface SdkErrorLike {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number };
}

/** The configuration problem behind an error, when it is one; undefined for service or network failures. */
export function configProblem(error: unknown): string | undefined {
  const e = (error ?? {}) as SdkErrorLike;
  if (e.name === 'CredentialsProviderError' || /could not load credentials/i.test(e.message ?? '')) return NO_CREDENTIALS_MESSAGE;
  if (/region is missing/i.test(e.message ?? '')) return NO_REGION_MESSAGE;
  return undefined;
}

/** One line: what failed, the HTTP status and attempts when known. Never includes request bodies or keys. */
export function describePublishError(error: unknown, context: { deadlineMs: number; requestTimeoutMs: number }): string {
  const problem = configProblem(error);
  if (problem) return problem;
  const e = (error ?? {}) as SdkErrorLike;
  if (e.name === 'AbortError') return `PutMetricData did not finish within the publish deadline of ${context.deadlineMs} ms`;
  const details = [
    e.$metadata?.httpStatusCode === undefined ? undefined : `HTTP ${e.$metadata.httpStatusCode}`,
    e.$metadata?.attempts === undefined ? undefined : `${e.$metadata.attempts} attempt(s)`,
  ].filter(Boolean);
  const timeout = e.name === 'TimeoutError' ? ` (no answer within ${context.requestTimeoutMs} ms per attempt)` : '';
  const suffix = details.length > 0 ? ` [${details.join(', ')}]` : '';
  return `PutMetricData failed: ${e.name ?? 'Error'}: ${e.message ?? String(error)}${timeout}${suffix}`;
}
