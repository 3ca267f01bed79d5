/**
 * Latency accuracy: a TUN pair (one device per namespace, /32 routes through them) joined by
 * bench/tun-relay.py, which holds every packet for half the configured round trip — like netem,
 * which this kernel lacks, and unlike a TCP proxy it delays the TCP and WebSocket handshakes too.
 * Truth = the idle path's own RTT (the fastest of curl's TCP handshakes with no delay, minus twice
 * the relay's median holding time then) + twice the relay's measured median one-way holding time at
 * the configured delay. The relay runs SCHED_FIFO (chrt) so a busy machine delays it less; the
 * relay's actual holding times are the truth, not the configured delay.
 */
import { accuracyRow, median, round, type AccuracyRow } from './accuracy-types';
import { has, startLineChild, type LineChild } from './children';
import { ADDRESSES, type BenchLink } from './netns';
import { curlTimings, wsEchoSamples } from './peer';
import { runClient } from './run-client';

/** 2 × (20 WebSocket echoes + 10 HTTP requests) from the monitor, 20 requests from curl, 40 echoes from ws. */
const CLIENT_REPEATS = 2;
const PEER_REPEATS = 20;
const WS_PEER_MESSAGES = 40;
/** The monitor's default echo spacing (config websocket.intervalMs). */
const WS_PEER_INTERVAL_MS = 50;
/** The latency goal: within max(1 ms, 3 %) of the true RTT. */
const LATENCY_GOAL_PCT = 3;
const LATENCY_GOAL_FLOOR_MS = 1;

export interface LatencyBenchOptions {
  readonly link: BenchLink;
  readonly port: number;
  readonly delaysMs: readonly number[];
  readonly tag: string;
}

interface Outcome {
  websocket: { value: { rttMs?: { p50: number; samples: number[] }; upgradeMs?: number; connectMs?: number } };
  http: { value: { rttMs?: { p50: number; samples: number[] } } };
}

async function relayCommand(relay: LineChild, line: string): Promise<string[]> {
  relay.send(line);
  return (await relay.nextLine(5_000)).split(/\s+/);
}

/** Per added delay: a p50 and a min row for WebSocket and HTTP RTT, plus the relay's own figures. */
export async function benchLatency(options: LatencyBenchOptions): Promise<{ rows: AccuracyRow[]; relay: object[] }> {
  const serverTun = `acsTS${options.tag}`.slice(0, 15);
  const clientTun = `acsTC${options.tag}`.slice(0, 15);
  const relayArgs = ['bench/tun-relay.py', serverTun, clientTun];
  const relay = has('chrt') ? startLineChild('chrt', ['-f', '10', 'python3', ...relayArgs]) : startLineChild('python3', relayArgs);
  try {
    if ((await relay.nextLine(10_000)) !== 'ready') throw new Error('tun-relay.py did not start');
    options.link.attachTun(serverTun, clientTun);
    const origin = `http://${ADDRESSES.tunServer}:${options.port}`;
    const ping = `${origin}/api/ping`;
    await relayCommand(relay, 'delay 0');
    const base = Array.from({ length: PEER_REPEATS }, () => curlTimings(options.link.clientNs, ping).connectMs);
    const [, holdZero = '0'] = await relayCommand(relay, 'stats');
    const pathRttMs = Math.max(0, Math.min(...base) - 2 * Number(holdZero));
    const rows: AccuracyRow[] = [];
    const relayStats: object[] = [{ delayMs: 0, holdMedianMs: Number(holdZero), pathRttMs: round(pathRttMs), curlConnectMs: base.map((v) => round(v)) }];
    for (const delayMs of options.delaysMs) {
      await relayCommand(relay, `delay ${delayMs}`);
      const client = runClient(options.link.clientNs, { origin, kind: 'latency', repeats: CLIENT_REPEATS });
      const peers = Array.from({ length: PEER_REPEATS }, () => curlTimings(options.link.clientNs, ping));
      const wsPeer = wsEchoSamples(options.link.clientNs, `ws://${ADDRESSES.tunServer}:${options.port}/ws`, WS_PEER_MESSAGES, WS_PEER_INTERVAL_MS);
      const [, holdMedian = '0', holdMean = '0', holdMax = '0', packets = '0'] = await relayCommand(relay, 'stats');
      const truth = round(pathRttMs + 2 * Number(holdMedian));
      const outcomes = client.outcomes as Outcome[];
      const first = outcomes[0];
      relayStats.push({
        delayMs, holdMedianMs: Number(holdMedian), holdMeanMs: Number(holdMean), holdMaxMs: Number(holdMax), packets: Number(packets), truthMs: truth,
        // Not judged: the upgrade spans one round trip plus server time, connect a TCP handshake plus the upgrade.
        websocketUpgradeMs: first?.websocket.value.upgradeMs, websocketConnectMs: first?.websocket.value.connectMs,
        curlConnectMs: peers.map((p) => round(p.connectMs)),
      });
      const note = `path ${round(pathRttMs)} ms + 2 × relay median hold ${Number(holdMedian)} ms (set ${delayMs} ms RTT)`;
      const ws = outcomes.flatMap((o) => o.websocket.value.rttMs?.samples ?? []);
      const http = outcomes.flatMap((o) => o.http.value.rttMs?.samples ?? []);
      // Like for like: WebSocket rows against the `ws` library client on the same link (curl speaks no
      // WebSocket); HTTP rows against curl's request → first byte on an open connection
      // (`time_starttransfer - time_pretransfer`), the same kind of application round trip. curl's
      // kernel-timed TCP handshakes are kept in the relay figures (they confirm the truth), not
      // used as a peer: a handshake has no application time in it.
      const wsPeerFor = { name: 'ws library echo (Node.js)', samples: wsPeer };
      const httpPeerFor = { name: 'curl starttransfer - pretransfer', samples: peers.map((p) => p.requestMs) };
      for (const statistic of ['p50', 'min'] as const) {
        rows.push(row(`WebSocket echo RTT ${statistic}, +${delayMs} ms`, { truth, truthNote: note, statistic, samples: ws, peer: wsPeerFor }));
        rows.push(row(`HTTP RTT ${statistic}, +${delayMs} ms`, { truth, truthNote: note, statistic, samples: http, peer: httpPeerFor }));
      }
    }
    return { rows, relay: relayStats };
  } finally {
    await relay.stop();
  }
}

interface RowInput {
  readonly truth: number;
  readonly truthNote: string;
  /** p50: what the monitor publishes (host noise included); min: the classic path-RTT estimator. */
  readonly statistic: 'p50' | 'min';
  readonly samples: readonly number[];
  readonly peer: { readonly name: string; readonly samples: readonly number[] };
}

function pick(statistic: RowInput['statistic'], samples: readonly number[]): number {
  return round(statistic === 'p50' ? median(samples) : Math.min(...samples));
}

function row(metric: string, input: RowInput): AccuracyRow {
  const { truth } = input;
  const measured = pick(input.statistic, input.samples);
  const toleranceMs = Math.max(LATENCY_GOAL_FLOOR_MS, (LATENCY_GOAL_PCT / 100) * truth);
  return accuracyRow({
    section: 'latency',
    metric,
    unit: 'ms',
    truth,
    truthNote: input.truthNote,
    measured,
    samples: input.samples,
    peer: { name: input.peer.name, value: pick(input.statistic, input.peer.samples), samples: input.peer.samples },
    goal: `within max(1 ms, 3 %) = ${round(toleranceMs, 2)} ms`,
    meetsGoal: () => Math.abs(measured - truth) <= toleranceMs,
  });
}
