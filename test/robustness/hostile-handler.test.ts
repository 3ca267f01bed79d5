/**
 * A hostile page through the Lambda handler, as Lambda runs it: a System-Check page in an endless
 * JavaScript loop freezes the whole single-process browser. The round must still end by its
 * deadline, be reported as the target's `timeout` (not as the monitor's own probe_error), be
 * published, and leave no Chromium running once the handler has returned (Lambda freezes the
 * container then; a browser closing "in the background" would live on into the next invocation).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invokeLocally } from '../../cli/commands/invoke';
import { roundTarget } from './hostile-round';
import { captureOutput } from './output';
import { chromiumDescendants } from './processes';
import { startTargetProcess, type TargetProcess } from './target-process';

let target: TargetProcess;

beforeAll(async () => {
  target = await startTargetProcess({ faults: ['js-loop'] });
});

afterAll(async () => {
  // Until the engine bounds its close by the deadline, the handler returns while the frozen browser
  // is still being closed in the background: wait for that (at most 8 s), then make sure it is gone.
  for (let waited = 0; waited < 8_000 && chromiumDescendants().length > 0; waited += 200) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  for (const pid of chromiumDescendants()) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone in the meantime
    }
  }
  await target?.close();
});

/** Lambda's timeout for this invocation: the round gets what is left after the handler's margin. */
const TIMEOUT_S = 14;

describe('a frozen browser through the handler', () => {
  it('is the target timing out, published, within the Lambda timeout, with no browser left', async () => {
    // Prepare: roundMs above what the invocation leaves, so the handler's deadline cuts the round.
    const config = roundTarget(target.origin, { roundMs: 20_000, measurements: ['websocket'] });
    // Act
    const { value: outcome, stdout } = await captureOutput(() =>
      invokeLocally({ targets: [config] }, { timeoutS: TIMEOUT_S, env: { METRICS_SINK: 'emf', AWS_REGION: 'eu-west-1' } }),
    );
    const leftAfterReturn = chromiumDescendants();
    // Assess
    expect(outcome.exceededTimeout).toBe(false);
    const [result] = outcome.summary.results;
    expect(result?.failure).toMatchObject({ kind: 'timeout', step: 'system_check' });
    expect(result?.status).toBe('fail');
    expect(stdout.split('\n').filter((line) => line.startsWith('{"_aws"')).length).toBeGreaterThan(0);
    expect(leftAfterReturn).toEqual([]);
  });
});
