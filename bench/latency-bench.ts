/**
 * Latency accuracy: a TUN pair (one device per namespace, /32 routes through them) joined by
 * bench/tun-relay.py, which holds every packet for half the configured round trip — like netem,
 * which this kernel lacks, and unlike a TCP proxy it delays the TCP and WebSocket handshakes too.
 * Judged truth: the wire time of the very round trips each tool timed (bench/wire-capture.py, kernel
 * timestamps at the client's interface): the network plus the echo server's answer time; what is
 * left is the tool's own error. Shown beside it, the network round trip alone: the idle path's own
 * RTT (the fastest of curl's TCP handshakes with no delay, minus twice the relay's median holding
 * time then) + twice the relay's measured median one-way holding time at the configured delay. The
 * relay runs SCHED_FIFO (chrt) so a busy machine delays it less. While the section runs, idle CPUs
 * poll instead of halting (bench/low-latency.ts), and each tool's p50 is split into the network
 * round trip, the echo server's time and the client host's time (the breakdown).
 */
import { accuracyRow, median, round, type AccuracyRow } from './accuracy-types';
import { has, startLineChild, type LineChild } from './children';
import { holdLowLatencyIdle } from './low-latency';
import { ADDRESSES, inNamespace, type BenchLink } from './netns';
import { curlTimings, wsEchoSamples } from './peer';
import { runClient } from './run-client';

/**
 * 10 × (20 WebSocket echoes + 10 HTTP requests) from the monitor, 100 requests from curl, 200 echoes
 * from ws: at +20 ms one percentage point is 0.2 ms, so the p50s need enough samples to be steady.
 */
const CLIENT_REPEATS = 10;
const PEER_REPEATS = 100;
const WS_PEER_MESSAGES = 200;
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
  /** Firefox: the same pings timed by the browser's BiDi network events. */
  protocolHttpMs?: number[];
}

/**
 * The Firefox runs after Chromium's and the peers' at each delay: the probe profile (judged like
 * Chromium), and Firefox's default 1 ms timer precision (shown, to say what the preferences buy).
 */
const FIREFOX_RUNS = [
  { timers: 'probe', label: 'Firefox' },
  { timers: 'default', label: 'Firefox, default timer precision' },
] as const;

/** One monitor client run's samples and the wire times of the same round trips. */
interface MonitorRun {
  readonly ws: ToolSamples;
  readonly http: ToolSamples;
  /** Firefox: the same HTTP round trips from BiDi's network timing. */
  readonly protocolHttp: ToolSamples;
  readonly upgradeMs?: number;
  readonly connectMs?: number;
}

function monitorRun(outcomes: readonly Outcome[], wire: WireExchanges): MonitorRun {
  const first = outcomes[0];
  return {
    ws: { samples: outcomes.flatMap((o) => o.websocket.value.rttMs?.samples ?? []), wire: wire['monitor-ws'] ?? [] },
    http: { samples: outcomes.flatMap((o) => o.http.value.rttMs?.samples ?? []), wire: wire['monitor-http'] ?? [] },
    protocolHttp: { samples: outcomes.flatMap((o) => o.protocolHttpMs ?? []), wire: wire['monitor-http'] ?? [] },
    upgradeMs: first?.websocket.value.upgradeMs,
    connectMs: first?.websocket.value.connectMs,
  };
}

async function relayCommand(relay: LineChild, line: string): Promise<string[]> {
  relay.send(line);
  return (await relay.nextLine(5_000)).split(/\s+/);
}

/** How one tool's round trips split: network truth → the client's wire (adds the server's time) → the tool (adds the client host's time). */
export interface LatencyBreakdown {
  readonly delayMs: number;
  readonly tool: string;
  /** Exchanges seen on the wire for this tool; 0 when the capture could not tell them apart. */
  readonly wireSamples: number;
  /** Their wire times, in the order they happened (the tool's samples are in the same order). */
  readonly wireMs: readonly number[];
  readonly truthMs: number;
  /** p50 of the same exchanges at the client's interface (kernel timestamps). */
  readonly wireP50Ms?: number;
  /** p50 the tool itself reported. */
  readonly toolP50Ms: number;
  /** wire − truth: the echo server's own time (and the relay noticing the answer). */
  readonly serverMs?: number;
  /** tool − wire: the client host's time (kernel stack, process wake-ups, the browser's processes). */
  readonly clientMs?: number;
}

export interface LatencyBenchResult {
  readonly rows: AccuracyRow[];
  readonly relay: object[];
  readonly breakdown: LatencyBreakdown[];
  /** Whether the PM QoS low-latency idle was held, and why not. */
  readonly lowLatencyIdle: string;
}

/** Wire exchanges by kind, as bench/wire-capture.py reports them. */
type WireExchanges = Partial<Record<'monitor-ws' | 'peer-ws' | 'monitor-http' | 'peer-http', number[]>>;

async function takeWire(capture: LineChild | undefined): Promise<{ exchanges: WireExchanges; dropped: number }> {
  if (!capture) return { exchanges: {}, dropped: 0 };
  capture.send('take');
  const taken = JSON.parse(await capture.nextLine(5_000)) as { exchanges: WireExchanges; dropped?: number };
  return { exchanges: taken.exchanges, dropped: taken.dropped ?? 0 };
}

/** The capture's exchanges since the last take; a lost packet could pair a request with the wrong answer: no truth is better than a wrong one. */
async function takeTrustedWire(capture: LineChild | undefined, delayMs: number): Promise<WireExchanges> {
  const { exchanges, dropped } = await takeWire(capture);
  if (dropped > 0) throw new Error(`the wire capture lost ${dropped} packet(s) at +${delayMs} ms; its round trips cannot be trusted`);
  return exchanges;
}

interface FirefoxRowsInput {
  readonly delayMs: number;
  readonly networkMs: number;
  readonly networkNote: string;
  readonly firefox: readonly { readonly label: string; readonly run: MonitorRun }[];
  readonly wsPeer: RowInput['peer'];
  readonly httpPeer: RowInput['peer'];
}

/**
 * Firefox's rows: with the probe profile p50 and min of WebSocket and HTTP (HTTP from the page's
 * Resource Timing, as the monitor publishes it, and from BiDi's network timing of the same
 * requests), with Firefox's default timer precision the p50s. Each judged against its own wire truth.
 */
function firefoxRows(input: FirefoxRowsInput): AccuracyRow[] {
  const rows: AccuracyRow[] = [];
  const common = { networkMs: input.networkMs, networkNote: input.networkNote };
  for (const { label, run } of input.firefox) {
    const statistics = label === 'Firefox' ? (['p50', 'min'] as const) : (['p50'] as const);
    for (const statistic of statistics) {
      const at = `${statistic}, +${input.delayMs} ms`;
      rows.push(latencyRow(`${label}: WebSocket echo RTT ${at}`, { ...common, statistic, ours: run.ws, peer: input.wsPeer }));
      rows.push(latencyRow(`${label}: HTTP RTT ${at}`, { ...common, statistic, ours: run.http, peer: input.httpPeer }));
      if (label === 'Firefox' && run.protocolHttp.samples.length > 0) {
        rows.push(
          latencyRow(`${label}: HTTP RTT from BiDi timing ${at}`, { ...common, statistic, ours: run.protocolHttp, peer: input.httpPeer }),
        );
      }
    }
  }
  return rows;
}

/** Starts the wire capture on the client's TUN device; undefined (and the breakdown has no wire figures) if it cannot. */
async function startWireCapture(clientNs: string, device: string): Promise<LineChild | undefined> {
  const capture = startLineChild('ip', inNamespace(clientNs, 'python3', ['bench/wire-capture.py', device]));
  try {
    if ((await capture.nextLine(10_000)) === 'ready') return capture;
  } catch {
    // no packet sockets here: the bench still runs, without the breakdown's wire column
  }
  await capture.stop();
  return undefined;
}

/** Per added delay: a p50 and a min row for WebSocket and HTTP RTT, plus the relay's own figures and where the time goes. */
export async function benchLatency(options: LatencyBenchOptions): Promise<LatencyBenchResult> {
  const serverTun = `acsTS${options.tag}`.slice(0, 15);
  const clientTun = `acsTC${options.tag}`.slice(0, 15);
  const relayArgs = ['bench/tun-relay.py', serverTun, clientTun];
  const relay = has('chrt') ? startLineChild('chrt', ['-f', '10', 'python3', ...relayArgs]) : startLineChild('python3', relayArgs);
  const idle = holdLowLatencyIdle();
  let capture: LineChild | undefined;
  try {
    if ((await relay.nextLine(10_000)) !== 'ready') throw new Error('tun-relay.py did not start');
    options.link.attachTun(serverTun, clientTun);
    capture = await startWireCapture(options.link.clientNs, clientTun);
    const origin = `http://${ADDRESSES.tunServer}:${options.port}`;
    const ping = `${origin}/api/ping`;
    await relayCommand(relay, 'delay 0');
    const base = Array.from({ length: PEER_REPEATS }, () => curlTimings(options.link.clientNs, ping).connectMs);
    const [, holdZero = '0'] = await relayCommand(relay, 'stats');
    const pathRttMs = Math.max(0, Math.min(...base) - 2 * Number(holdZero));
    const rows: AccuracyRow[] = [];
    const breakdown: LatencyBreakdown[] = [];
    const relayStats: object[] = [
      { delayMs: 0, holdMedianMs: Number(holdZero), pathRttMs: round(pathRttMs), curlConnectMs: base.map((v) => round(v)) },
    ];
    for (const delayMs of options.delaysMs) {
      await relayCommand(relay, `delay ${delayMs}`);
      await takeWire(capture); // drops what the capture saw before this delay
      const client = runClient(options.link.clientNs, { origin, kind: 'latency', repeats: CLIENT_REPEATS });
      const peers = Array.from({ length: PEER_REPEATS }, () => curlTimings(options.link.clientNs, ping));
      const wsPeer = wsEchoSamples(
        options.link.clientNs,
        `ws://${ADDRESSES.tunServer}:${options.port}/ws`,
        WS_PEER_MESSAGES,
        WS_PEER_INTERVAL_MS,
      );
      const wire = await takeTrustedWire(capture, delayMs);
      const firefox: { label: string; run: MonitorRun }[] = [];
      for (const { timers, label } of FIREFOX_RUNS) {
        const outcomes = runClient(options.link.clientNs, {
          origin,
          kind: 'latency',
          repeats: CLIENT_REPEATS,
          browser: 'firefox',
          firefoxTimers: timers,
        }).outcomes as Outcome[];
        firefox.push({ label, run: monitorRun(outcomes, await takeTrustedWire(capture, delayMs)) });
      }
      const [, holdMedian = '0', holdMean = '0', holdMax = '0', packets = '0'] = await relayCommand(relay, 'stats');
      const networkMs = round(pathRttMs + 2 * Number(holdMedian));
      const chromium = monitorRun(client.outcomes as Outcome[], wire);
      relayStats.push({
        delayMs,
        holdMedianMs: Number(holdMedian),
        holdMeanMs: Number(holdMean),
        holdMaxMs: Number(holdMax),
        packets: Number(packets),
        networkRttMs: networkMs,
        // Not judged: the upgrade spans one round trip plus server time, connect a TCP handshake plus the upgrade.
        websocketUpgradeMs: chromium.upgradeMs,
        websocketConnectMs: chromium.connectMs,
        firefoxWebsocketUpgradeMs: firefox[0]?.run.upgradeMs,
        firefoxWebsocketConnectMs: firefox[0]?.run.connectMs,
        curlConnectMs: peers.map((p) => round(p.connectMs)),
      });
      const networkNote = `path ${round(pathRttMs)} ms + 2 × relay median hold ${Number(holdMedian)} ms (set ${delayMs} ms RTT)`;
      // Like for like: WebSocket rows against the `ws` library client on the same link (curl speaks no
      // WebSocket); HTTP rows against curl's request → first byte on an open connection
      // (`time_starttransfer - time_pretransfer`), the same kind of application round trip. curl's
      // kernel-timed TCP handshakes are kept in the relay figures (they confirm the network truth),
      // not used as a peer: a handshake has no application time in it.
      const wsPeerFor = { name: 'ws library echo (Node.js)', samples: wsPeer, wire: wire['peer-ws'] ?? [] };
      const httpPeerFor = {
        name: 'curl starttransfer - pretransfer',
        samples: peers.map((p) => p.requestMs),
        wire: wire['peer-http'] ?? [],
      };
      for (const statistic of ['p50', 'min'] as const) {
        const common = { networkMs, networkNote, statistic };
        rows.push(latencyRow(`WebSocket echo RTT ${statistic}, +${delayMs} ms`, { ...common, ours: chromium.ws, peer: wsPeerFor }));
        rows.push(latencyRow(`HTTP RTT ${statistic}, +${delayMs} ms`, { ...common, ours: chromium.http, peer: httpPeerFor }));
      }
      rows.push(...firefoxRows({ delayMs, networkMs, networkNote, firefox, wsPeer: wsPeerFor, httpPeer: httpPeerFor }));
      const split = (tool: string, samples: readonly number[], onWire: readonly number[] | undefined): LatencyBreakdown =>
        splitRoundTrips({ delayMs, tool, truthMs: networkMs, toolSamples: samples, wireSamples: onWire ?? [] });
      breakdown.push(
        split('monitor WebSocket (Chromium)', chromium.ws.samples, chromium.ws.wire),
        split(wsPeerFor.name, wsPeer, wsPeerFor.wire),
        split('monitor HTTP (Chromium)', chromium.http.samples, chromium.http.wire),
        split(httpPeerFor.name, httpPeerFor.samples, httpPeerFor.wire),
        ...firefox.flatMap(({ label, run }) => [
          split(`monitor WebSocket (${label})`, run.ws.samples, run.ws.wire),
          split(`monitor HTTP (${label})`, run.http.samples, run.http.wire),
        ]),
      );
    }
    return { rows, relay: relayStats, breakdown, lowLatencyIdle: idle.held ? 'held (PM QoS 0 µs)' : `not held (${idle.why ?? 'unknown'})` };
  } finally {
    idle.release();
    await capture?.stop();
    await relay.stop();
  }
}

/** One tool's p50 split into network truth, server time and client time (wire figures only with wire samples). */
export function splitRoundTrips(input: {
  delayMs: number;
  tool: string;
  truthMs: number;
  toolSamples: readonly number[];
  wireSamples: readonly number[];
}): LatencyBreakdown {
  const toolP50Ms = round(median(input.toolSamples));
  const common = {
    delayMs: input.delayMs,
    tool: input.tool,
    wireSamples: input.wireSamples.length,
    wireMs: input.wireSamples.map((v) => round(v)),
    truthMs: input.truthMs,
    toolP50Ms,
  };
  if (input.wireSamples.length === 0) return common;
  const wireP50Ms = round(median(input.wireSamples));
  return { ...common, wireP50Ms, serverMs: round(wireP50Ms - input.truthMs), clientMs: round(toolP50Ms - wireP50Ms) };
}

/** A tool's samples and the wire times of the same round trips (empty when the capture could not run). */
export interface ToolSamples {
  readonly samples: readonly number[];
  readonly wire: readonly number[];
}

export interface RowInput {
  /** The network round trip alone (relay holds + idle path), shown as the nominal figure. */
  readonly networkMs: number;
  readonly networkNote: string;
  /** p50: what the monitor publishes (host noise included); min: the classic path-RTT estimator. */
  readonly statistic: 'p50' | 'min';
  readonly ours: ToolSamples;
  readonly peer: ToolSamples & { readonly name: string };
}

function pick(statistic: RowInput['statistic'], samples: readonly number[]): number {
  return round(statistic === 'p50' ? median(samples) : Math.min(...samples));
}

/**
 * Each tool is judged against the true duration of its own round trips: the same statistic of the
 * wire times of exactly the exchanges it timed (network + the echo server's answer time; what is
 * left is the tool's own error). Without wire figures, both fall back to the network truth.
 */
export function latencyRow(metric: string, input: RowInput): AccuracyRow {
  const onWire = input.ours.wire.length > 0 && input.peer.wire.length > 0;
  const truth = onWire ? pick(input.statistic, input.ours.wire) : input.networkMs;
  const measured = pick(input.statistic, input.ours.samples);
  const toleranceMs = Math.max(LATENCY_GOAL_FLOOR_MS, (LATENCY_GOAL_PCT / 100) * truth);
  return accuracyRow({
    section: 'latency',
    metric,
    unit: 'ms',
    truth,
    truthNote: onWire
      ? `${input.statistic} of the wire times of the same ${input.ours.wire.length} round trips at the client's interface (network: ${input.networkNote})`
      : `network round trip: ${input.networkNote} (no wire capture)`,
    measured,
    samples: input.ours.samples,
    peer: {
      name: input.peer.name,
      value: pick(input.statistic, input.peer.samples),
      samples: input.peer.samples,
      ...(onWire ? { truth: pick(input.statistic, input.peer.wire) } : {}),
    },
    nominal: input.networkMs,
    goal: `within max(1 ms, 3 %) = ${round(toleranceMs, 2)} ms`,
    meetsGoal: () => Math.abs(measured - truth) <= toleranceMs,
  });
}
