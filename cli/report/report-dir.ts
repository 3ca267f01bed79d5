import { join } from 'node:path';

/** `reports/2026-11-27T19-50-27Z`: a default folder per run that sorts by time and is valid on every OS. */
export function defaultReportDir(now: Date = new Date()): string {
  return join(
    'reports',
    now
      .toISOString()
      .replace(/\.\d+Z$/, 'Z')
      .replace(/:/g, '-'),
  );
}
