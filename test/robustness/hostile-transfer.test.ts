/**
 * Hostile measurement endpoints through the engine (real Chromium, the reference target in its own
 * process so the memory figures are the monitor's): oversized downloads and gzip bombs stay within
 * the byte cap and never yield a bandwidth figure; broken WebSocket servers are `websocket`
 * failures. Every round ends within its deadline, bounded, with no Chromium left behind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectBounded, observeRound, roundTarget, TEST_MAX_BYTES } from './hostile-round';
import { startTargetProcess, type TargetProcess } from './target-process';

let target: TargetProcess;

beforeAll(async () => {
  target = await startTargetProcess();
});

afterAll(async () => {
  await target?.close();
});

/** Slack over the byte cap: one read chunk of the stream that crossed it (Chromium reads ≤ 64 KiB–1 MiB). */
const READ_SLACK_BYTES = 1_048_576;
/**
 * Time the hostile answers get to show what they are. Generous on purpose: a round ends the moment
 * the anomaly is seen, so the limits only decide whether a CPU-starved machine (load 20 on two
 * cores has been seen) reports the anomaly or a timeout; they never slow a passing run.
 */
const ROUND_MS = 20_000;
const SYSTEM_CHECK_MS = 15_000;
const BANDWIDTH_BUDGET_MS = 8_000;

describe('hostile downloads', () => {
  it.each([
    ['download-oversize', 'sends 10× the bytes asked for'],
    ['gzip-bomb', 'inflates ~1 MB to 1 GiB'],
  ])('%s (%s): a content failure, bytes bounded by maxBytes, no bandwidth figure', async (fault) => {
    // Prepare
    await target.setFaults([fault]);
    await target.resetStats();
    const config = roundTarget(target.origin, {
      roundMs: ROUND_MS,
      measurements: ['bandwidth'],
      directions: ['download'],
      bandwidthBudgetMs: BANDWIDTH_BUDGET_MS,
    });
    // Act
    const observed = await observeRound(config);
    const served = await target.stats();
    // Assess
    const { result } = observed.round;
    expect(result.failure).toMatchObject({ kind: 'content', step: 'bandwidth' });
    expect(result.failure?.message).toMatch(/more than the \d+ bytes asked for/);
    // The figure is not faked: no Mbit/s from an answer that was not what was asked.
    expect(result.bandwidth?.downloadMbps).toBeUndefined();
    expect(result.bandwidth?.downloadBytes).toBeLessThanOrEqual(TEST_MAX_BYTES + READ_SLACK_BYTES);
    // What the target really wrote (socket count, independent of the engine's own figure).
    expect(served.requestsByPath['/download']).toBeLessThanOrEqual(2);
    expect(served.bytesSent).toBeLessThan(TEST_MAX_BYTES + 4 * READ_SLACK_BYTES);
    expectBounded(observed, ROUND_MS);
  });
});

/**
 * Playwright receives every WebSocket frame's payload over CDP (base64, then JSON), so one 50 MB
 * frame costs the Node process ~260 MB for a moment (measured: 264 MB for one frame, 400 MB for
 * five in a row). The bound below allows two such frames (the page's own check and our first echo).
 */
const HUGE_FRAME_NODE_GROWTH_BYTES = 600 * 1024 * 1024;

describe('hostile WebSocket servers', () => {
  it.each([
    ['ws-garbage', 'random binary, then text that is not UTF-8'],
    ['ws-huge-frame', 'a 50 MB frame for every message'],
    ['ws-close-immediately', 'closes with 1011 right after the upgrade'],
  ])('%s (%s): a websocket failure, within the deadline, bounded', async (fault) => {
    // Prepare
    await target.setFaults([fault]);
    const config = roundTarget(target.origin, { roundMs: ROUND_MS, measurements: ['websocket'], systemCheckMs: SYSTEM_CHECK_MS });
    // Act
    const observed = await observeRound(config);
    // Assess: the page's own check says so first; our echo measurement agrees.
    const { result } = observed.round;
    expect(result.failure).toMatchObject({ kind: 'websocket', step: 'system_check' });
    expect(result.steps.find((step) => step.name === 'websocket')).toMatchObject({ ok: false });
    expect(result.websocket?.rttMs).toBeUndefined();
    expectBounded(observed, ROUND_MS, fault === 'ws-huge-frame' ? HUGE_FRAME_NODE_GROWTH_BYTES : undefined);
  });
});
