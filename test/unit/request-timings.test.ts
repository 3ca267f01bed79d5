/**
 * HTTP round trips from the network stack's load timing (lambdas/probe/measure/request-timings.ts):
 * Chromium's own write time comes off every sample, but never more than its fastest write.
 */
import { describe, expect, it } from 'vitest';
import { roundTripsAfterWrite, type RequestTiming } from '../../lambdas/probe/measure/request-timings';

const timing = (sendStartMs: number, sendEndMs: number, firstByteMs: number): RequestTiming => ({ sendStartMs, sendEndMs, firstByteMs });

describe('roundTripsAfterWrite', () => {
  it('takes the fastest write off every sample, so a late sendEnd (a preempted thread) cannot shorten one', () => {
    // Prepare: writes of 0.1, 0.08 and (preempted after writing) 0.6 ms
    const timings = new Map([
      ['a', timing(0.2, 0.3, 20.7)],
      ['b', timing(0.1, 0.18, 20.5)],
      ['c', timing(0.3, 0.9, 20.9)],
    ]);
    // Act
    const roundTrips = roundTripsAfterWrite(timings);
    // Assess: firstByte − sendStart − 0.08 each; "c" would read 20.0 ms from its own sendEnd
    expect(roundTrips.get('a')).toBeCloseTo(20.42, 9);
    expect(roundTrips.get('b')).toBeCloseTo(20.32, 9);
    expect(roundTrips.get('c')).toBeCloseTo(20.52, 9);
  });

  it('keeps request sent → first byte when no write time is known (sendEnd missing, -1)', () => {
    const roundTrips = roundTripsAfterWrite(new Map([['a', timing(0.2, -1, 20.7)]]));
    expect(roundTrips.get('a')).toBeCloseTo(20.5, 9);
  });

  it('never yields a negative round trip, and nothing for no timings', () => {
    expect(roundTripsAfterWrite(new Map([['a', timing(0.2, 0.5, 0.3)]])).get('a')).toBe(0);
    expect(roundTripsAfterWrite(new Map()).size).toBe(0);
  });
});
