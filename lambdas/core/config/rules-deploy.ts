import type { ConfigIssue } from './error';
import { LOG_RETENTION_DAYS } from './defaults';

/** A partially valid object after the structural pass: invalid keys are absent, so every rule guards. */
type Loose = Readonly<Record<string, unknown>>;

function object(value: unknown): Loose | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Loose) : undefined;
}

function checkLogRetention(config: Loose, issues: ConfigIssue[]): void {
  const days = config.logRetentionDays;
  if (typeof days !== 'number' || LOG_RETENTION_DAYS.includes(days)) return;
  const nearest = LOG_RETENTION_DAYS.reduce((best, value) => (Math.abs(value - days) < Math.abs(best - days) ? value : best));
  issues.push({
    path: 'logRetentionDays',
    message: `must be one of the CloudWatch Logs retention values (${LOG_RETENTION_DAYS.join(', ')}), got ${days}; nearest: ${nearest}`,
  });
}

function checkExistingVpcs(config: Loose, issues: ConfigIssue[]): void {
  const hardening = object(config.hardening);
  const vpcs = hardening?.existingVpcs;
  if (!Array.isArray(vpcs) || vpcs.length === 0) return;
  if (hardening?.vpc !== true) {
    issues.push({ path: 'hardening.existingVpcs', message: 'needs hardening.vpc: true (the functions run outside any VPC otherwise)' });
  }
  // An invalid probeRegions has its own issue: no region is then named as missing from it.
  const regions = Array.isArray(config.probeRegions) ? config.probeRegions : undefined;
  const seen = new Set<unknown>();
  vpcs.forEach((raw, index) => {
    const region = object(raw)?.region;
    if (typeof region !== 'string') return;
    const path = `hardening.existingVpcs[${index}].region`;
    if (regions !== undefined && !regions.includes(region))
      issues.push({ path, message: `must be one of probeRegions (${regions.join(', ')}), got "${region}"` });
    else if (seen.has(region)) issues.push({ path, message: `must name each probe region at most once, got "${region}" again` });
    seen.add(region);
  });
}

/** Rules across the deployment keys: log retention values, existing VPCs against vpc and probeRegions. */
export function checkDeployment(config: Loose, issues: ConfigIssue[]): void {
  checkLogRetention(config, issues);
  checkExistingVpcs(config, issues);
}
