/**
 * The accuracy section of `npm run bench`: builds the private link, runs the reference target in the
 * server namespace, then the bandwidth and latency benches, and always removes what it created.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AccuracyRow } from './accuracy-types';
import { benchBandwidth } from './bandwidth-bench';
import { has, startLineChild, TSX, type LineChild } from './children';
import { benchLatency, type LatencyBenchResult, type LatencyBreakdown } from './latency-bench';
import { ADDRESSES, createLink, inNamespace, NetnsUnavailableError, teardownAllLinks, type BenchLink } from './netns';

/** Inside the bench's own namespace nothing else listens, so a fixed port is safe. */
const TARGET_PORT = 8080;

export interface AccuracyReport {
  readonly ran: boolean;
  /** Why a part was skipped (no root, no `ip netns`, no python3, no curl). */
  readonly skipped: readonly string[];
  readonly rows: readonly AccuracyRow[];
  readonly relay?: readonly object[];
  /** Latency: where each tool's time goes (network truth, the echo server, the client host). */
  readonly breakdown?: readonly LatencyBreakdown[];
  readonly notes: readonly string[];
}

/** Runs the accuracy section when it can (root, Linux, `ip netns`), else says why it skipped. */
export async function runAccuracyBench(log: (line: string) => void): Promise<AccuracyReport> {
  const skipped: string[] = [];
  if (process.platform !== 'linux' || process.getuid?.() !== 0) {
    return { ran: false, skipped: ['accuracy: needs root on Linux for network namespaces and tbf; skipped'], rows: [], notes: [] };
  }
  if (!has('curl')) skipped.push('peer figures: curl not found; install curl');
  // Names the namespaces and TUN devices of this run (interface names are at most 15 characters).
  const tag = String(process.pid % 100_000);
  let link: BenchLink;
  try {
    link = createLink(tag);
  } catch (error) {
    if (error instanceof NetnsUnavailableError)
      return { ran: false, skipped: [`accuracy: ${error.message}; skipped`], rows: [], notes: [] };
    throw error;
  }
  const tmpDir = mkdtempSync(join(tmpdir(), 'acs-bench-'));
  let server: LineChild | undefined;
  const onSignal = (): void => {
    teardownAllLinks();
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    server = startLineChild('ip', inNamespace(link.serverNs, TSX, ['bench/serve-target.ts', String(TARGET_PORT)]));
    await server.nextLine(30_000);
    const rows: AccuracyRow[] = [];
    log('bandwidth: tbf 16 and 50 Mbit/s, monitor (Chromium) vs curl ...');
    rows.push(...benchBandwidth({ link, origin: `http://${ADDRESSES.server}:${TARGET_PORT}`, ratesMbps: [16, 50], repeats: 3, tmpDir }));
    let latency: LatencyBenchResult | undefined;
    if (has('python3')) {
      log('latency: TUN relay adding 20 and 80 ms round trip, monitor vs ws library / curl ...');
      latency = await benchLatency({ link, port: TARGET_PORT, delaysMs: [20, 80], tag });
      rows.push(...latency.rows);
      log(`latency: low-latency idle ${latency.lowLatencyIdle}`);
    } else {
      skipped.push('latency: python3 not found (bench/tun-relay.py needs it); skipped');
    }
    const notes = latency ? [...NOTES, `Low-latency idle during the latency section: ${latency.lowLatencyIdle}.`] : NOTES;
    return { ran: true, skipped, rows, ...(latency ? { relay: latency.relay, breakdown: latency.breakdown } : {}), notes };
  } finally {
    await server?.stop();
    link.teardown();
    rmSync(tmpDir, { recursive: true, force: true });
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

const NOTES = [
  'Bandwidth truth is tbf goodput: the shaped rate × 1448/1514 (TCP payload per Ethernet frame that tbf counts); the error against the raw rate is shown too.',
  'Monitor bandwidth = median of 3 rounds of measureBandwidth (each: the 90th percentile, nearest rank, of its ≥0.5 s transfers — with the default two, the faster); curl = median of 3 transfers of ~2 s each.',
  "Latency truth, judged: the wire time of the very round trips each tool timed, from kernel timestamps at the client namespace's interface (bench/wire-capture.py): the network round trip plus the echo server's answer time, which is part of every application round trip; what is left is the tool's own error. Each tool (the monitor and its peer) is judged against its own round trips. Shown, not judged (\"error vs nominal\"): the error against the network round trip alone = idle path RTT (fastest curl TCP handshake with no added delay, minus the relay's own holding time) + 2 × the relay's measured median one-way holding time; every packet is delayed, handshakes included (TUN relay, SCHED_FIFO).",
  "Chromium, curl and the ws client run at nice -10 on a shared 2-core machine (Chromium resets its threads to nice values of its own, 0 for its network service, so the bench client renices every Chromium thread to -10 before each round); the wire capture reads its packets every 0.25 s, not as they come, so it does not compete with the tools for a CPU; during the latency section idle CPUs poll instead of halting (PM QoS, as latency benchmarks such as cyclictest do) for every tool alike; the figures still carry the machine's noise.",
  "Monitor RTT = 200 WebSocket echoes / 100 HTTP requests in Chromium (ten default rounds). Peers, like for like: for WebSocket 200 echoes of the ws library client (Node.js), for HTTP 100 curl requests (time_starttransfer - time_pretransfer). p50 is what the monitor publishes, min is the classic path-RTT estimator (least host noise). The monitor's WebSocket samples are the renderer's own frame timestamps at µs precision (CDP; the page's performance.now() is clamped to 0.1 ms); its HTTP samples are the network stack's own load timing at µs precision (CDP), less Chromium's fastest request write of the round.",
];
