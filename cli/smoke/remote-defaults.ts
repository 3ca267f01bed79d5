/**
 * Defaults and bounds of `smoke --remote`, kept apart from remote-invoke.ts so the CLI can show
 * them in its help and check its options without loading the AWS SDK.
 */
import { LAMBDA_MAX_TIMEOUT_MS } from '../../lambdas/core/config/defaults';
import { PROBE_FUNCTION_NAME } from '../../lambdas/core/names';

/** The name the CDK probe stack gives the probe function in every region (lambdas/core/names.ts). */
export const DEFAULT_FUNCTION_NAME = PROBE_FUNCTION_NAME;
/** Placeholder in `--function-name` replaced by the region, for stacks that name functions per region. */
export const REGION_PLACEHOLDER = '{region}';
/**
 * Upper bound of one invocation: above the probe function's own timeout (one 20 s round per target
 * plus margins), below Lambda's 900 s maximum, so a hung region cannot hold a pipeline forever.
 */
export const DEFAULT_INVOKE_TIMEOUT_MS = 300_000;
/** `--invoke-timeout-s` below this would cut even one warm round plus Lambda's invoke overhead. */
export const MIN_INVOKE_TIMEOUT_S = 10;
/** No function runs longer than Lambda's maximum timeout, so waiting longer is pointless. */
export const MAX_INVOKE_TIMEOUT_S = LAMBDA_MAX_TIMEOUT_MS / 1000;
