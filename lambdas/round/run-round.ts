/**
 * The one round runner: credentials → the engine's journey → redaction → error-as-result → evidence →
 * publish, each through a port. The Lambda handler, the CLI's `run` and `smoke`, and the tests call
 * it; nothing here knows which. Never throws: our own faults (unreadable credentials, an engine that
 * crashes or hangs, no time left) come back as a `probe_error` result, never as the target being down.
 */
import { settleWithin } from '../core/deadline';
import { probeErrorResult } from '../core/probe-error-result';
import { redactDeep, redactText, type Secrets } from '../core/redact';
import { secretsOf } from '../probe/login-step';
import { probeTarget, type ArtifactBlob, type ProbeRound } from '../probe/probe-target';
import { DEFAULT_BROWSER } from '../core/browsers';
import type { LoginCredentials, RoundOutcome, RoundPlan, RoundPorts, RoundResult } from './ports';

/** Below this a round cannot even start a browser; it is reported as a probe error, not as a failed target. */
export const MIN_ROUND_BUDGET_MS = 2_000;
/**
 * How long the engine may overrun the round's deadline (closing the browser) before the runner stops
 * waiting and reports the round as a probe error; the engine's own cleanup carries on behind it.
 */
export const ENGINE_GRACE_MS = 1_500;

/** Runs one round of `plan` through `ports`; see the file comment. */
export async function runRound(plan: RoundPlan, ports: RoundPorts): Promise<RoundOutcome> {
  const outcome = await measure(plan, ports);
  const result = plan.confirmation ? { ...outcome.result, confirmation: true as const } : outcome.result;
  return { result: await ports.sink.publish(result), artifacts: outcome.artifacts };
}

/** Everything up to publishing: a redacted result with its evidence stored. */
async function measure(plan: RoundPlan, ports: RoundPorts): Promise<RoundOutcome> {
  const startedAtMs = ports.clock.now();
  const failed = (message: string, secrets: Secrets = []): RoundOutcome => ({
    result: redactDeep(
      probeErrorResult({
        runId: plan.runId,
        target: plan.target.name,
        location: plan.location,
        message,
        startedAtMs,
        coldStart: plan.coldStart,
        browser: plan.browser ?? DEFAULT_BROWSER,
        now: () => ports.clock.now(),
      }),
      secrets,
    ),
    artifacts: [],
  });
  const { deadline } = plan;
  if (deadline && deadline.remainingMs() < MIN_ROUND_BUDGET_MS) {
    return failed(
      `only ${deadline.remainingMs()} ms of the invocation were left for this target, at least ${MIN_ROUND_BUDGET_MS} ms are needed; raise the function timeout or probe fewer targets per function`,
    );
  }
  const credentials = await readCredentials(plan, ports);
  if (typeof credentials === 'string') return failed(credentials);
  const secrets = credentials ? secretsOf(credentials) : [];
  const probed = await probe(plan, ports, credentials);
  if (typeof probed === 'string') return failed(probed, secrets);
  const result = redactDeep(probed.result, secrets);
  if (probed.artifacts.length === 0) return { result, artifacts: [] };
  const blobs = probed.artifacts.map((blob) => redactBlob(blob, plan.artifactPrefix ?? '', secrets));
  return { result: redactDeep(await storeEvidence(result, blobs, ports), secrets), artifacts: blobs };
}

/**
 * A blob as it may be stored: its name prefixed, name and text scrubbed (the engine scrubs the HTML
 * already; this pass holds for any engine). A screenshot cannot be scrubbed here: the engine masks every
 * element that holds a secret before it takes one, or keeps none (lambdas/probe/artifacts.ts).
 */
function redactBlob(blob: ArtifactBlob, prefix: string, secrets: Secrets): ArtifactBlob {
  const fileName = `${prefix}${redactText(blob.fileName, secrets)}`;
  if (!blob.contentType.startsWith('text/')) return { ...blob, fileName };
  return { ...blob, fileName, body: Buffer.from(redactText(blob.body.toString('utf8'), secrets), 'utf8') };
}

/** The credentials, or why they could not be read (within what is left of the deadline, if any). */
async function readCredentials(plan: RoundPlan, ports: RoundPorts): Promise<LoginCredentials | undefined | string> {
  const reading = ports.credentials
    .forTarget(plan.target)
    .catch((error: unknown) => (error instanceof Error ? error.message : String(error)));
  if (!plan.deadline) return reading;
  // A secret read may take SECRET_FETCH_TIMEOUT_MS, more than the round may have left.
  const budgetMs = plan.deadline.remainingMs();
  return settleWithin<LoginCredentials | undefined | string>(
    reading,
    budgetMs,
    () => `the login credentials could not be read within the ${budgetMs} ms left for this target; raise the function timeout`,
  );
}

/** The engine's round, or why it did not come back (a crash, or a hang past the deadline and grace). */
async function probe(plan: RoundPlan, ports: RoundPorts, credentials: LoginCredentials | undefined): Promise<ProbeRound | string> {
  const { deadline } = plan;
  const running = (ports.probe ?? probeTarget)(plan.target, {
    location: plan.location,
    runId: plan.runId,
    browser: plan.browser ?? DEFAULT_BROWSER,
    retries: plan.retries ?? 0,
    ...(deadline ? { deadline } : {}),
    ...(credentials ? { credentials } : {}),
    ...(plan.coldStart === undefined ? {} : { coldStart: plan.coldStart }),
    ...(ports.onProgress ? { onProgress: ports.onProgress } : {}),
  }).catch((error: unknown) => `the probe engine failed: ${error instanceof Error ? error.message : String(error)}`);
  if (!deadline) return running;
  return settleWithin<ProbeRound | string>(
    running,
    deadline.remainingMs() + ENGINE_GRACE_MS,
    () => `the probe engine did not return within the round deadline (+${ENGINE_GRACE_MS} ms); its browser is closed in the background`,
  );
}

/** Stores the evidence through the artifacts port; refs and failures land on the result. */
async function storeEvidence(result: RoundResult, blobs: RoundOutcome['artifacts'], ports: RoundPorts): Promise<RoundResult> {
  const stored = await ports.artifacts.store(blobs, {
    location: result.location,
    target: result.target,
    startedAt: result.startedAt,
    runId: result.runId,
  });
  return {
    ...result,
    artifacts: [...result.artifacts, ...stored.refs],
    ...(stored.errors.length > 0 ? { artifactErrors: stored.errors } : {}),
  };
}
