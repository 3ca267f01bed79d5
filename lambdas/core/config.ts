/**
 * The one way into a config: `parseConfig` (file → MonitorConfig) and `parseTargets` (Lambda event →
 * targets). Both check everything, report every problem at once with its path, merge defaults once
 * and return deeply frozen data that the rest of the code trusts. Profiles for the reference target
 * and for a bare login URL go through the same checks.
 */
export { ConfigError, type ConfigIssue } from './config-error';
export * from './config-defaults';
export { deepFreeze, parseConfig, parseTargets } from './config-parse';
export { probeTimeoutMs } from './config-rules';
export { referenceTargetConfig, targetFromUrl, type TargetFromUrlOptions } from './config-reference';
export { AWS_REGIONS, isAwsRegion } from './regions';
