import { Logger } from '@aws-lambda-powertools/logger';

/** Service name on every log line; POWERTOOLS_SERVICE_NAME overrides it. */
export const SERVICE_NAME = 'autocrm-synthetics';

/**
 * Structured JSON logs (one object per line, CloudWatch Logs Insights can query every key). Powertools
 * Logger adds the Lambda context (request id, cold start, function name) once `addContext` is called.
 */
export function createLogger(): Logger {
  return new Logger({ serviceName: SERVICE_NAME });
}
