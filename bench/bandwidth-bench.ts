/**
 * Bandwidth accuracy: tbf shapes both directions of the veth pair to a known rate; the monitor
 * (in Chromium) and curl measure download and upload over it, one after the other.
 */
import { writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { accuracyRow, median, round, type AccuracyRow } from './accuracy-types';
import { runClient } from './run-client';
import { curlDownloadMbps, curlUploadMbps } from './peer';
import type { BenchLink } from './netns';

/**
 * Payload share of a full frame that tbf counts: 1448 bytes of TCP payload (MSS 1460 minus the
 * 12-byte timestamp option) per 1514-byte Ethernet frame (+32 TCP, +20 IP, +14 Ethernet) = 95.6 %.
 */
export const GOODPUT_FACTOR = 1448 / 1514;
const BANDWIDTH_GOAL_PCT = 3;

export interface BandwidthBenchOptions {
  readonly link: BenchLink;
  readonly origin: string;
  readonly ratesMbps: readonly number[];
  readonly repeats: number;
  readonly tmpDir: string;
}

/** Per rate: shapes the link, measures with the monitor and with curl, returns a download and an upload row. */
export function benchBandwidth(options: BandwidthBenchOptions): AccuracyRow[] {
  const rows: AccuracyRow[] = [];
  for (const rate of options.ratesMbps) {
    options.link.shape(rate);
    const client = runClient(options.link.clientNs, { origin: options.origin, kind: 'bandwidth', repeats: options.repeats });
    const outcomes = client.outcomes as Array<{ value: { downloadMbps?: number; uploadMbps?: number }; failure?: unknown }>;
    const down = outcomes.map((o) => o.value.downloadMbps ?? Number.NaN);
    const up = outcomes.map((o) => o.value.uploadMbps ?? Number.NaN);
    // curl moves about 2 s worth of data per transfer, like our longest samples.
    const bytes = Math.round(((rate * 1e6) / 8) * 2);
    const file = join(options.tmpDir, `upload-${bytes}.bin`);
    writeFileSync(file, randomBytes(bytes));
    const curlDown: number[] = [];
    const curlUp: number[] = [];
    for (let i = 0; i < options.repeats; i += 1) {
      curlDown.push(curlDownloadMbps(options.link.clientNs, `${options.origin}/download?bytes=${bytes}`));
      curlUp.push(curlUploadMbps(options.link.clientNs, `${options.origin}/upload`, file));
    }
    rows.push(row(`download @${rate} Mbit/s tbf`, rate, down, curlDown));
    rows.push(row(`upload @${rate} Mbit/s tbf`, rate, up, curlUp));
  }
  options.link.shape(undefined);
  return rows;
}

function row(metric: string, rate: number, ours: number[], peer: number[]): AccuracyRow {
  return accuracyRow({
    section: 'bandwidth',
    metric,
    unit: 'Mbit/s',
    truth: round(rate * GOODPUT_FACTOR),
    truthNote: `tbf goodput = ${rate} Mbit/s × 1448/1514`,
    measured: round(median(ours)),
    samples: ours,
    peer: { name: 'curl speed_*', value: round(median(peer)), samples: peer },
    nominal: rate,
    goal: `±${BANDWIDTH_GOAL_PCT} % of goodput truth`,
    meetsGoal: (ourErrorPct) => Math.abs(ourErrorPct) <= BANDWIDTH_GOAL_PCT,
  });
}
