/**
 * The CDK app: reads the same config file as the CLI (context `configPath`, default
 * synthetics.config.json), validates it once, and adds one probe stack per probe region plus the
 * monitoring stack in the home region. A config mistake prints every problem with its path and
 * exits with code 2 before anything is synthesized; no stack trace.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { resolve } from 'node:path';
import { ConfigError } from '../lambdas/core/config/error';
import { EXIT_CODES } from '../lambdas/core/exit-codes';
import { DEFAULT_CONFIG_PATH, loadConfigFile } from '../cli/config-file';
import { BrowserModulesError } from '../lib/browser-modules';
import { checkContextJson, CONTEXT_ENV } from '../lib/app-context';
import { DeployConfigError } from '../lib/errors';
import { addMonitorStacks } from '../lib/monitor-app';

/** Context key of the config file path (cdk.json sets it; `-c configPath=...` overrides). */
const CONFIG_PATH_CONTEXT = 'configPath';
/** Context key that switches bundling off (`-c bundle=false`): a quick synth without esbuild and the layer copy. */
const BUNDLE_CONTEXT = 'bundle';

/** Errors that are the user's to fix: printed as a message, never with a stack trace. */
function isUserError(error: unknown): error is Error {
  return error instanceof ConfigError || error instanceof DeployConfigError || error instanceof BrowserModulesError;
}

function main(): void {
  // Before the App copies the context: a `__proto__` key would become the context's prototype.
  checkContextJson(process.env[CONTEXT_ENV]);
  const app = new App();
  const configPath = resolve(String(app.node.tryGetContext(CONFIG_PATH_CONTEXT) ?? DEFAULT_CONFIG_PATH));
  const config = loadConfigFile(configPath);
  addMonitorStacks(app, config, {
    account: process.env.CDK_DEFAULT_ACCOUNT,
    bundle: String(app.node.tryGetContext(BUNDLE_CONTEXT) ?? 'true') !== 'false',
  });
  // Error-level findings fail the synth; every suppression in lib/ carries its reason.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  app.synth();
}

try {
  main();
} catch (error) {
  if (isUserError(error)) {
    console.error(`cdk app: ${error.message}`);
    process.exit(EXIT_CODES.usage);
  }
  console.error('cdk app: internal error:', error);
  process.exit(EXIT_CODES.probeError);
}
