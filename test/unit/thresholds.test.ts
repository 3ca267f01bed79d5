import { describe, expect, it } from 'vitest';
import { degradedReasons, meetsBandwidthRequirement } from '../../lambdas/core/thresholds';

const rtt = (p95: number) => ({ samples: [p95], p50: p95, p95, max: p95 });

describe('degradedReasons', () => {
  it('names every crossed threshold once, in the fixed order', () => {
    // Prepare
    const inputs = {
      loginPage: { ttfbMs: 900 },
      websocket: { rttMs: rtt(300) },
      http: { rttMs: rtt(400) },
      bandwidth: { meetsRequirement: false },
    };
    const thresholds = { websocketRttP95Ms: 250, httpRttP95Ms: 350, loginTtfbMs: 800 };
    // Act
    const reasons = degradedReasons(inputs, thresholds);
    // Assess
    expect(reasons).toEqual(['bandwidth', 'websocket_latency', 'http_latency', 'page_load']);
  });

  it('gives no reason when figures are at or below the thresholds', () => {
    const inputs = {
      loginPage: { ttfbMs: 800 },
      websocket: { rttMs: rtt(250) },
      http: { rttMs: rtt(10) },
      bandwidth: { meetsRequirement: true },
    };
    expect(degradedReasons(inputs, { websocketRttP95Ms: 250, httpRttP95Ms: 350, loginTtfbMs: 800 })).toEqual([]);
  });

  it('ignores thresholds that are not configured and figures that are absent', () => {
    const inputs = { websocket: { rttMs: rtt(10_000) }, http: {}, loginPage: null, bandwidth: { meetsRequirement: null } };
    expect(degradedReasons(inputs, { httpRttP95Ms: 1, loginTtfbMs: 1 })).toEqual([]);
  });

  it('gives no reason for a measurement that is missing, null, or holds no RTT', () => {
    const thresholds = { websocketRttP95Ms: 1, httpRttP95Ms: 1, loginTtfbMs: 1 };
    expect(degradedReasons({}, thresholds)).toEqual([]);
    expect(degradedReasons({ loginPage: null, websocket: null, http: null, bandwidth: null }, thresholds)).toEqual([]);
    expect(degradedReasons({ loginPage: {}, websocket: {}, http: {}, bandwidth: { meetsRequirement: null } }, thresholds)).toEqual([]);
  });

  it('gives no reason for a figure that is not finite, however far above its threshold', () => {
    // Prepare
    const inputs = {
      loginPage: { ttfbMs: Number.POSITIVE_INFINITY },
      websocket: { rttMs: rtt(Number.POSITIVE_INFINITY) },
      http: { rttMs: rtt(Number.NaN) },
    };
    // Act
    const reasons = degradedReasons(inputs, { websocketRttP95Ms: 250, httpRttP95Ms: 350, loginTtfbMs: 800 });
    // Assess
    expect(reasons).toEqual([]);
  });

  it('reports only bandwidth when just the requirement is missed', () => {
    expect(degradedReasons({ bandwidth: { meetsRequirement: false } }, {})).toEqual(['bandwidth']);
  });
});

describe('meetsBandwidthRequirement', () => {
  it('needs every measured direction to reach its minimum (>= counts)', () => {
    expect(meetsBandwidthRequirement({ downloadMbps: 16, uploadMbps: 1, minDownloadMbps: 16, minUploadMbps: 1 })).toBe(true);
    expect(meetsBandwidthRequirement({ downloadMbps: 15.9, uploadMbps: 5, minDownloadMbps: 16, minUploadMbps: 1 })).toBe(false);
    expect(meetsBandwidthRequirement({ downloadMbps: 50, uploadMbps: 0.5, minDownloadMbps: 16, minUploadMbps: 1 })).toBe(false);
  });

  it('judges a single measured direction alone', () => {
    expect(meetsBandwidthRequirement({ downloadMbps: 20, minDownloadMbps: 16, minUploadMbps: 1 })).toBe(true);
    expect(meetsBandwidthRequirement({ uploadMbps: 0.2, minDownloadMbps: 16, minUploadMbps: 1 })).toBe(false);
    expect(meetsBandwidthRequirement({ uploadMbps: 1, minDownloadMbps: 16, minUploadMbps: 1 })).toBe(true);
    expect(meetsBandwidthRequirement({ downloadMbps: 15.9, minDownloadMbps: 16, minUploadMbps: 1 })).toBe(false);
  });

  it('counts a direction that is not finite as not measured', () => {
    expect(meetsBandwidthRequirement({ downloadMbps: 20, uploadMbps: Number.NaN, minDownloadMbps: 16, minUploadMbps: 1 })).toBe(true);
    expect(
      meetsBandwidthRequirement({ downloadMbps: Number.POSITIVE_INFINITY, uploadMbps: 0.5, minDownloadMbps: 16, minUploadMbps: 1 }),
    ).toBe(false);
    expect(meetsBandwidthRequirement({ downloadMbps: Number.NaN, uploadMbps: 2, minDownloadMbps: 16, minUploadMbps: 1 })).toBe(true);
    expect(
      meetsBandwidthRequirement({ downloadMbps: 20, uploadMbps: Number.POSITIVE_INFINITY, minDownloadMbps: 16, minUploadMbps: 1 }),
    ).toBe(true);
  });

  it('is null when nothing was measured', () => {
    expect(meetsBandwidthRequirement({ minDownloadMbps: 16, minUploadMbps: 1 })).toBeNull();
    expect(meetsBandwidthRequirement({ downloadMbps: Number.NaN, minDownloadMbps: 16, minUploadMbps: 1 })).toBeNull();
  });
});
