/**
 * The accuracy bench's judgment of latency rows (bench/latency-bench.ts): each tool against the wire
 * time of its own round trips, the network round trip shown as the nominal figure.
 */
import { describe, expect, it } from 'vitest';
import { latencyRow, splitRoundTrips } from '../../bench/latency-bench';

const network = { networkMs: 20, networkNote: 'path 0.2 ms + 2 × relay median hold 9.9 ms (set 20 ms RTT)' };

describe('latencyRow', () => {
  it('judges each tool against the wire times of its own round trips', () => {
    // Prepare: ours 0.8 ms above our wire p50, the peer 0.1 ms above its own
    const ours = { samples: [21.2, 21.3, 21.4], wire: [20.4, 20.5, 20.6] };
    const peer = { name: 'peer', samples: [20.6, 20.7, 20.8], wire: [20.5, 20.6, 20.7] };
    // Act
    const row = latencyRow('WebSocket echo RTT p50, +20 ms', { ...network, statistic: 'p50', ours, peer });
    // Assess
    expect(row.truth).toBe(20.5);
    expect(row.measured).toBe(21.3);
    expect(row.errorPct).toBe(3.9);
    expect(row.peer).toMatchObject({ value: 20.7, truth: 20.6, errorPct: 0.49 });
    expect(row.nominal).toEqual({ value: 20, errorPct: 6.5 });
    expect(row.withinGoal).toBe(true); // 0.8 ms ≤ max(1 ms, 3 % of 20.5)
    expect(row.notWorseThanPeer).toBe(false); // 3.9 % > 0.49 % + 1 point
  });

  it('misses the goal by more than max(1 ms, 3 %), and min rows use the minima', () => {
    const ours = { samples: [21.6, 21.7], wire: [20.5, 20.55] };
    const peer = { name: 'peer', samples: [21.5, 21.6], wire: [20.5, 20.6] };
    const row = latencyRow('WebSocket echo RTT min, +20 ms', { ...network, statistic: 'min', ours, peer });
    expect(row.truth).toBe(20.5);
    expect(row.measured).toBe(21.6);
    expect(row.withinGoal).toBe(false); // 1.1 ms > 1 ms
    expect(row.notWorseThanPeer).toBe(true); // the peer is 1.0 ms off too
  });

  it('falls back to the network round trip for both tools without a wire capture', () => {
    const row = latencyRow('HTTP RTT p50, +20 ms', {
      ...network,
      statistic: 'p50',
      ours: { samples: [20.5], wire: [] },
      peer: { name: 'curl', samples: [20.4], wire: [20.4] },
    });
    expect(row.truth).toBe(20);
    expect(row.truthNote).toMatch(/no wire capture/);
    expect(row.peer?.truth).toBeUndefined();
    expect(row.peer?.errorPct).toBe(2);
  });
});

describe('splitRoundTrips', () => {
  it('splits a p50 into network truth, server time (wire - truth) and client host time (tool - wire)', () => {
    const split = splitRoundTrips({
      delayMs: 20,
      tool: 'monitor',
      truthMs: 20.25,
      toolSamples: [21, 21.2, 21.1],
      wireSamples: [20.45, 20.5, 20.4],
    });
    expect(split).toMatchObject({ wireP50Ms: 20.45, serverMs: 0.2, toolP50Ms: 21.1, clientMs: 0.65, wireSamples: 3 });
  });

  it("has no wire figures when the capture saw none of the tool's round trips", () => {
    const split = splitRoundTrips({ delayMs: 20, tool: 'monitor', truthMs: 20.25, toolSamples: [21], wireSamples: [] });
    expect(split.wireP50Ms).toBeUndefined();
    expect(split.clientMs).toBeUndefined();
    expect(split.wireSamples).toBe(0);
  });
});
