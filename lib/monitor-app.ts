import type { App, Environment } from 'aws-cdk-lib';
import type { MonitorConfig } from '../lambdas/core/config/types';
import { MonitoringStack } from './monitoring-stack';
import { ProbeStack } from './probe-stack';

/** Options of {@link addMonitorStacks}. */
export interface MonitorStacksOptions {
  /**
   * Account to deploy to; undefined keeps the stacks region-bound but account-agnostic, so synth
   * works offline without credentials.
   * @default undefined
   */
  readonly account?: string;
  /**
   * Bundle the functions with local esbuild and copy Chromium into the layer. Off in unit tests.
   * @default true
   */
  readonly bundle?: boolean;
  /**
   * Prefix of every stack name.
   * @default 'AutocrmSynthetics'
   */
  readonly stackNamePrefix?: string;
}

/** The stacks of one monitor: one probe stack per probe region and the monitoring stack. */
export interface MonitorStacks {
  readonly probeStacks: readonly ProbeStack[];
  readonly monitoringStack: MonitoringStack;
}

/** Adds every stack of the monitor to `app`, from one validated config. */
export function addMonitorStacks(app: App, config: MonitorConfig, options: MonitorStacksOptions = {}): MonitorStacks {
  const prefix = options.stackNamePrefix ?? 'AutocrmSynthetics';
  const env = (region: string): Environment => ({ account: options.account, region });
  const probeStacks = config.probeRegions.map(
    (region) =>
      new ProbeStack(app, `${prefix}-Probe-${region}`, {
        env: env(region),
        config,
        location: region,
        bundle: options.bundle,
        description: `autocrm synthetic probe in ${region}: Chromium layer, probe function, schedule, artifacts bucket`,
      }),
  );
  const monitoringStack = new MonitoringStack(app, `${prefix}-Monitoring`, {
    env: env(config.homeRegion),
    config,
    description: `autocrm synthetics in ${config.homeRegion}: alarms, SNS topics and dashboard over all probe regions`,
  });
  return { probeStacks, monitoringStack };
}
