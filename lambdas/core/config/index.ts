/**
 * The one way into a config: `parseConfig` (file → MonitorConfig) and `parseTargets` (Lambda event →
 * targets). Both check everything, report every problem at once with its path, merge defaults once
 * and return deeply frozen data that the rest of the code trusts. Profiles for the reference target
 * and for a bare login URL go through the same checks.
 */
export { ConfigError, type ConfigIssue } from './error';
export * from './defaults';
export { parseConfig } from './parse';
export { deepFreeze, parseTargets } from './parse-targets';
export { launchMarginMs, roundInvocationMs } from './rules';
export { referenceTargetConfig, targetFromUrl, type TargetFromUrlOptions } from './reference';
export { AWS_REGIONS, isAwsRegion } from './regions';
