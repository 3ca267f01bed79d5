/**
 * A private two-namespace link for the accuracy bench: server namespace ↔ client namespace over a
 * veth pair, optional `tbf` shaping per direction, optional TUN pair through a delaying relay.
 * Only addresses inside these namespaces are used; `teardown()` removes everything (idempotent).
 */
import { execFileSync, spawnSync } from 'node:child_process';

/** Private /30 for the veth pair and two /32s for the TUN path; nothing outside our namespaces uses them. */
export const ADDRESSES = {
  server: '10.213.37.1',
  client: '10.213.37.2',
  vethPrefix: 30,
  tunServer: '10.213.38.1',
  tunClient: '10.213.38.2',
} as const;

export interface BenchLink {
  readonly serverNs: string;
  readonly clientNs: string;
  readonly serverVeth: string;
  readonly clientVeth: string;
  /** Shapes server→client (download) and client→server (upload) to `mbps` with tbf; undefined removes shaping. */
  shape(mbps: number | undefined): void;
  /** Moves two TUN devices (created by the relay) into the namespaces and routes the /32s through them. */
  attachTun(serverTun: string, clientTun: string): void;
  teardown(): void;
}

/** `ip netns` cannot be used here (not root, no kernel support, a container without CAP_NET_ADMIN). */
export class NetnsUnavailableError extends Error {
  override readonly name = 'NetnsUnavailableError';
}

function run(command: string, args: readonly string[]): void {
  execFileSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'], timeout: 10_000 });
}

/** Runs `ip netns exec NS command...`'s argument list. */
export function inNamespace(ns: string, command: string, args: readonly string[]): string[] {
  return ['netns', 'exec', ns, command, ...args];
}

/**
 * tbf burst: the bucket must hold at least one full frame, and a large bucket lets the first bytes of
 * each transfer through at line rate (that would inflate short samples for us and curl alike).
 */
const TBF_BURST_BYTES = 4_500;
/** Queue limit in time: enough for TCP to keep the link busy without a bufferbloat of seconds. */
const TBF_LATENCY_MS = 50;

/** Teardowns of every link still alive, for the watchdog and signal handlers. */
const liveTeardowns = new Set<() => void>();

/** Removes every link this process created and has not removed yet (for exit paths that skip `finally`). */
export function teardownAllLinks(): void {
  for (const teardown of [...liveTeardowns]) teardown();
}

/** Creates the namespaces and veth pair; throws NetnsUnavailableError (after cleaning up) when it cannot. */
export function createLink(tag: string = String(process.pid)): BenchLink {
  const serverNs = `acs-srv-${tag}`;
  const clientNs = `acs-cli-${tag}`;
  const serverVeth = `acsS${tag}`.slice(0, 15);
  const clientVeth = `acsC${tag}`.slice(0, 15);
  const teardown = (): void => {
    liveTeardowns.delete(teardown);
    // Deleting a namespace deletes the interfaces inside it (the veth pair and the TUNs).
    for (const ns of [serverNs, clientNs]) spawnSync('ip', ['netns', 'delete', ns], { stdio: 'ignore', timeout: 10_000 });
  };
  liveTeardowns.add(teardown);
  const ip = (...args: string[]): void => run('ip', args);
  const inNs = (ns: string, ...args: string[]): void => run('ip', inNamespace(ns, 'ip', args));
  try {
    ip('netns', 'add', serverNs);
    ip('netns', 'add', clientNs);
    ip('link', 'add', serverVeth, 'type', 'veth', 'peer', 'name', clientVeth);
    ip('link', 'set', serverVeth, 'netns', serverNs);
    ip('link', 'set', clientVeth, 'netns', clientNs);
    inNs(serverNs, 'addr', 'add', `${ADDRESSES.server}/${ADDRESSES.vethPrefix}`, 'dev', serverVeth);
    inNs(clientNs, 'addr', 'add', `${ADDRESSES.client}/${ADDRESSES.vethPrefix}`, 'dev', clientVeth);
    for (const [ns, dev] of [
      [serverNs, serverVeth],
      [clientNs, clientVeth],
    ] as const) {
      inNs(ns, 'link', 'set', 'lo', 'up');
      inNs(ns, 'link', 'set', dev, 'up');
    }
  } catch (error) {
    teardown();
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    throw new NetnsUnavailableError(`cannot create network namespaces (${stderr || String(error)}); run the bench as root on Linux`);
  }
  const shapeDevice = (ns: string, dev: string, mbps: number | undefined): void => {
    spawnSync('ip', inNamespace(ns, 'tc', ['qdisc', 'del', 'dev', dev, 'root']), { stdio: 'ignore' });
    if (mbps === undefined) return;
    run(
      'ip',
      inNamespace(ns, 'tc', [
        'qdisc',
        'add',
        'dev',
        dev,
        'root',
        'tbf',
        'rate',
        `${mbps}mbit`,
        'burst',
        String(TBF_BURST_BYTES),
        'latency',
        `${TBF_LATENCY_MS}ms`,
      ]),
    );
  };
  return {
    serverNs,
    clientNs,
    serverVeth,
    clientVeth,
    teardown,
    shape(mbps) {
      shapeDevice(serverNs, serverVeth, mbps); // download: server egress
      shapeDevice(clientNs, clientVeth, mbps); // upload: client egress
    },
    attachTun(serverTun, clientTun) {
      ip('link', 'set', serverTun, 'netns', serverNs);
      ip('link', 'set', clientTun, 'netns', clientNs);
      inNs(serverNs, 'addr', 'add', `${ADDRESSES.tunServer}/32`, 'dev', serverTun);
      inNs(clientNs, 'addr', 'add', `${ADDRESSES.tunClient}/32`, 'dev', clientTun);
      inNs(serverNs, 'link', 'set', serverTun, 'up');
      inNs(clientNs, 'link', 'set', clientTun, 'up');
      inNs(serverNs, 'route', 'add', `${ADDRESSES.tunClient}/32`, 'dev', serverTun);
      inNs(clientNs, 'route', 'add', `${ADDRESSES.tunServer}/32`, 'dev', clientTun);
    },
  };
}
