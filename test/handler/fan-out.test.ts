/**
 * Issue #22: every (target, browser) pair is its own invocation on the schedule. The schedule inputs of
 * a synthesized probe stack, each run as Lambda runs it (the handler in a process of its own, as in an
 * execution environment of its own): a target whose login page never answers does not delay another
 * target's round. No clock is read: the order of events is the evidence.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../lambdas/core/config';
import { addMonitorStacks } from '../../lib/monitor-app';
import { REPO_ROOT } from '../../lib/paths';
import { startTarget, type RunningTarget } from '../../target/index';
import { newTestApp } from '../cdk/fixtures';
import { quickTarget } from './helpers';

const LOCATION = 'eu-west-1';
/** Far above a healthy round on a loaded two-core machine; the hanging round is released long before. */
const INVOCATION_TIMEOUT_S = 120;
/** Kills an invocation process that outlives its own timeout (a bound, never reached when healthy). */
const KILL_AFTER_MS = (INVOCATION_TIMEOUT_S + 30) * 1000;

interface Invocation {
  /** Resolves with the handler's summary (stdout) and the exit code when the process ends. */
  readonly done: Promise<{ code: number | null; summary: { ok: boolean; results: { target: string; status: string }[] } }>;
  /** True once the process has ended. */
  ended(): boolean;
}

/** `autocrm-synthetics invoke --event FILE`: the handler as Lambda runs it, in its own process and /tmp. */
function invoke(scratch: string, name: string, event: unknown): Invocation {
  const eventFile = join(scratch, `${name}.event.json`);
  writeFileSync(eventFile, JSON.stringify(event));
  const tmp = join(scratch, `tmp-${name}`);
  mkdirSync(tmp);
  const child = spawn(
    process.execPath,
    [join(REPO_ROOT, 'bin', 'autocrm-synthetics.mjs'), 'invoke', '--event', eventFile, '--timeout-s', String(INVOCATION_TIMEOUT_S)],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, TMPDIR: tmp, AWS_REGION: LOCATION, LOCATION, CONFIRMATION_DELAY_MS: '1000' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let ended = false;
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.resume();
  const killer = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
  const done = new Promise<{ code: number | null; summary: never }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      ended = true;
      clearTimeout(killer);
      try {
        resolve({ code, summary: JSON.parse(stdout) as never });
      } catch {
        reject(new Error(`${name}: the invocation printed no summary (exit ${code}): ${stdout.slice(0, 500)}`));
      }
    });
  });
  return { done, ended: () => ended };
}

describe('fan-out: one invocation per (target, browser) pair', () => {
  let hanging: RunningTarget;
  let healthy: RunningTarget;
  let scratch: string;

  beforeAll(async () => {
    [hanging, healthy] = await Promise.all([startTarget(), startTarget()]);
    hanging.setFaults(['hang']);
    scratch = mkdtempSync(join(tmpdir(), 'autocrm-fan-out-'));
  });
  afterAll(async () => {
    await Promise.all([hanging?.close(), healthy?.close()]);
    rmSync(scratch, { recursive: true, force: true });
  });

  it("runs each schedule's pair on its own, so a hanging target does not delay another target's round", async () => {
    // Prepare: the schedules a deployment of these two targets creates in one region, and their inputs.
    const config = parseConfig({
      probeRegions: [LOCATION],
      alarms: { outageQuorum: 1 },
      targets: [quickTarget(hanging.origin, 'hanging'), quickTarget(healthy.origin, 'healthy')],
    });
    const [stack] = addMonitorStacks(newTestApp(), config, { bundle: false, account: '111111111111' }).probeStacks;
    const inputs = Object.values(Template.fromStack(stack!).findResources('AWS::Scheduler::Schedule')).map(
      (schedule) => JSON.parse(schedule.Properties.Target.Input as string) as { targets: { name: string }[] },
    );
    const inputOf = (name: string): unknown => inputs.find((input) => input.targets[0]?.name === name);
    expect(inputs.map((input) => input.targets.map((target) => target.name))).toEqual([['hanging'], ['healthy']]);
    // Act: both schedules fire; the hanging target's invocation starts first.
    const slow = invoke(scratch, 'hanging', inputOf('hanging'));
    const fast = invoke(scratch, 'healthy', inputOf('healthy'));
    const fastOutcome = await fast.done;
    const slowStillRunning = !slow.ended();
    // Release the hanging login page (its connections are cut): that round now ends as a failure.
    await hanging.close();
    const slowOutcome = await slow.done;
    // Assess: the healthy round came back, complete, while the hanging one was still waiting.
    expect(fastOutcome.summary.results.map((result) => result.target)).toEqual(['healthy']);
    expect(['pass', 'degraded']).toContain(fastOutcome.summary.results[0]?.status);
    expect(fastOutcome.code).toBe(0);
    expect(slowStillRunning).toBe(true);
    // (its confirmation round, 1 s later here, fails too: the page is gone)
    expect(slowOutcome.summary.results[0]).toMatchObject({ target: 'hanging', status: 'fail' });
    expect(new Set(slowOutcome.summary.results.map((result) => result.target))).toEqual(new Set(['hanging']));
  }, 240_000);
});
