/** Environment variable naming the probe function (qualified ARN) the smoke gate invokes. */
export const PROBE_FUNCTION_ENV = 'PROBE_FUNCTION_NAME';
