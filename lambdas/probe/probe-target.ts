/**
 * The engine's entry point: probe one target, with retries, and return a classified ProbeResult.
 * The same call runs in Lambda, in the CLI and in the tests; nothing here knows which.
 */
import { randomUUID } from 'node:crypto';
import type { BrowserName } from '../core/browsers';
import { roundStatus } from '../core/classify';
import type { TargetConfig } from '../core/config/types';
import { createDeadline, type Deadline } from '../core/deadline';
import { degradedReasons } from '../core/thresholds';
import type { ProbeResult } from '../core/types';
import type { ArtifactBlob } from './artifacts';
import { errorSummary } from './bounded';
import type { LaunchOptions } from './browser';
import { emptyFindings, runJourney, type JourneyFindings } from './journey';
import { secretsOf, type Credentials } from './login-step';
import { RoundRecorder, type ProgressEvent } from './round-recorder';

export type { ArtifactBlob } from './artifacts';
export type { Credentials } from './login-step';
export type { ProgressEvent } from './round-recorder';

export interface ProbeOptions {
  /** AWS region of the probe, or `local`. */
  readonly location: string;
  /** The browser of this round. @default 'chromium' */
  readonly browser?: BrowserName;
  readonly runId?: string;
  /** Outer deadline (e.g. the Lambda's remaining time); each round also stops at `timeouts.roundMs`. */
  readonly deadline?: Deadline;
  /** A failed round is run again at once up to this many times (flap suppression). @default 0 */
  readonly retries?: number;
  readonly credentials?: Credentials;
  readonly coldStart?: boolean;
  readonly onProgress?: (event: ProgressEvent) => void;
  readonly launch?: LaunchOptions;
}

/** The result of a round plus its evidence; `result.artifacts` is empty, the caller stores blobs and fills refs. */
export interface ProbeRound {
  readonly result: ProbeResult;
  readonly artifacts: ArtifactBlob[];
}

/** Share of a round kept back for failure evidence (screenshot + HTML), at most EVIDENCE_RESERVE_MS. */
const EVIDENCE_RESERVE_SHARE = 0.15;
const EVIDENCE_RESERVE_MS = 4_000;

/** Probes `target` once (plus retries on failure). Never throws: our own faults come back as status `error`. */
export async function probeTarget(target: TargetConfig, options: ProbeOptions): Promise<ProbeRound> {
  const retries = Math.max(0, Math.floor(options.retries ?? 0));
  const firstStartMs = Date.now();
  let round: ProbeRound | undefined;
  let measured: ProbeRound | undefined;
  for (let attempt = 1; attempt <= retries + 1; attempt++) {
    round = await probeOnce(target, options, attempt);
    if (round.result.status !== 'error') measured = round;
    const passed = round.result.status === 'pass' || round.result.status === 'degraded';
    if (passed || options.deadline?.expired()) break;
  }
  return fromFirstAttempt(reported(round as ProbeRound, measured), firstStartMs);
}

/**
 * A retry that could not measure (our own error: say, too little of the deadline left to start
 * Chromium) does not overwrite the failure an earlier attempt measured on the target: a hanging
 * autocrm stays a failed target, never "the monitor could not measure".
 */
function reported(last: ProbeRound, measured: ProbeRound | undefined): ProbeRound {
  if (last.result.status !== 'error' || measured === undefined) return last;
  return { ...measured, result: { ...measured.result, retried: true } };
}

/**
 * A retried round is reported from its first attempt's start over its whole wall time (`ProbeDuration`
 * includes the retry), so its datapoints carry the moment the failure was first seen, and the Lambda
 * handler's confirmation round 30 s later lands in the next outage-alarm period (lambdas/runtime/rounds.ts).
 */
function fromFirstAttempt(round: ProbeRound, firstStartMs: number): ProbeRound {
  if (!round.result.retried) return round;
  const attemptOffsetMs = Math.max(0, Date.parse(round.result.startedAt) - firstStartMs);
  const result = {
    ...round.result,
    startedAt: new Date(firstStartMs).toISOString(),
    durationMs: Date.now() - firstStartMs,
    attemptOffsetMs,
  };
  return { ...round, result };
}

async function probeOnce(target: TargetConfig, options: ProbeOptions, attempt: number): Promise<ProbeRound> {
  const startedAtMs = Date.now();
  const totalMs = Math.min(target.timeouts.roundMs, options.deadline?.remainingMs() ?? Number.POSITIVE_INFINITY);
  const reserveMs = Math.min(EVIDENCE_RESERVE_MS, totalMs * EVIDENCE_RESERVE_SHARE);
  const secrets = options.credentials ? secretsOf(options.credentials) : [];
  const recorder = new RoundRecorder({ target: target.name, browser: options.browser, attempt, secrets, onProgress: options.onProgress });
  recorder.announce('round_start');
  const browser = options.browser ?? 'chromium';
  let findings: JourneyFindings = emptyFindings(browser);
  try {
    findings = await runJourney({
      target,
      browser,
      recorder,
      deadline: createDeadline(totalMs - reserveMs),
      evidenceDeadline: createDeadline(totalMs),
      credentials: options.credentials,
      launch: options.launch,
      secrets,
    });
  } catch (error) {
    // Only a defect of ours gets here: the journey turns everything the target does into data.
    recorder.failWithoutRun(recorder.steps.at(-1)?.name ?? 'launch', 'probe_error', `probe engine error: ${errorSummary(error, secrets)}`);
  }
  const result = toResult(target, options, { attempt, startedAtMs, recorder, findings });
  recorder.announce('round_end', result.status);
  return { result, artifacts: findings.artifacts };
}

interface RoundFacts {
  readonly attempt: number;
  readonly startedAtMs: number;
  readonly recorder: RoundRecorder;
  readonly findings: JourneyFindings;
}

function toResult(target: TargetConfig, options: ProbeOptions, facts: RoundFacts): ProbeResult {
  const { recorder, findings } = facts;
  const { websocket, http, bandwidth } = findings.measurements;
  const degraded = recorder.failure
    ? []
    : degradedReasons({ loginPage: findings.loginPage, websocket, http, bandwidth }, target.thresholds);
  return {
    runId: options.runId ?? randomUUID(),
    target: target.name,
    location: options.location,
    startedAt: new Date(facts.startedAtMs).toISOString(),
    durationMs: Date.now() - facts.startedAtMs,
    status: roundStatus(recorder.failure, degraded),
    failure: recorder.failure,
    degraded,
    retried: facts.attempt > 1,
    ...(options.coldStart !== undefined ? { coldStart: options.coldStart } : {}),
    steps: recorder.steps,
    loginPage: findings.loginPage,
    systemCheck: findings.systemCheck,
    ...(findings.login ? { login: findings.login } : {}),
    browser: findings.browser,
    ...(websocket ? { websocket } : {}),
    ...(http ? { http } : {}),
    ...(bandwidth ? { bandwidth } : {}),
    artifacts: [],
    ...(findings.withheld.length > 0 ? { withheldArtifacts: findings.withheld } : {}),
  };
}
