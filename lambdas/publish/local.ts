/** The local sink: the datums a run would send, as a file next to the run's reports. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_NAMESPACE, sanitizeDatums, type MetricDatum } from '../core/metrics';

export const LOCAL_METRICS_FILE = 'metrics.json';

/**
 * Writes `metrics.json` into `dir` (created if needed) in PutMetricData's input shape
 * (`{ Namespace, MetricData }`), so `aws cloudwatch put-metric-data --cli-input-json file://metrics.json`
 * could replay it (up to 1000 datums). Returns the file path.
 */
export async function writeLocalMetrics(
  dir: string,
  datums: readonly MetricDatum[],
  options: { namespace?: string } = {},
): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, LOCAL_METRICS_FILE);
  const body = { Namespace: options.namespace ?? DEFAULT_NAMESPACE, MetricData: sanitizeDatums(datums) };
  await writeFile(path, `${JSON.stringify(body, null, 2)}\n`, 'utf8');
  return path;
}
