/**
 * The peer: curl, run in the client namespace on the same link in the same run. Its figures are what
 * a standard tool reports, so the monitor's accuracy can be judged against something besides truth.
 */
import { inNamespace } from './netns';
import { BENCH_NICE, runCommand, TSX } from './children';

const CURL_TIMEOUT_MS = 60_000;

function curl(ns: string, args: readonly string[]): number[] {
  const out = runCommand(
    'ip',
    inNamespace(ns, BENCH_NICE[0], [...BENCH_NICE.slice(1), 'curl', '-s', '--max-time', '50', ...args]),
    CURL_TIMEOUT_MS,
  );
  return out.trim().split(/\s+/).map(Number);
}

/** `speed_download` (bytes/s over the whole transfer) as Mbit/s. */
export function curlDownloadMbps(ns: string, url: string): number {
  const [bytesPerSecond = 0] = curl(ns, ['-o', '/dev/null', '-w', '%{speed_download}', url]);
  return (bytesPerSecond * 8) / 1e6;
}

/** `speed_upload` of a POST of `file` as Mbit/s. */
export function curlUploadMbps(ns: string, url: string, file: string): number {
  const [bytesPerSecond = 0] = curl(ns, [
    '-o',
    '/dev/null',
    '-H',
    'Content-Type: application/octet-stream',
    '--data-binary',
    `@${file}`,
    '-w',
    '%{speed_upload}',
    url,
  ]);
  return (bytesPerSecond * 8) / 1e6;
}

/** curl's TCP handshake time (`time_connect`) and request → first byte (`time_starttransfer - time_pretransfer`), ms. */
export function curlTimings(ns: string, url: string): { connectMs: number; requestMs: number } {
  const [connect = 0, pretransfer = 0, starttransfer = 0] = curl(ns, [
    '-o',
    '/dev/null',
    '-w',
    '%{time_connect} %{time_pretransfer} %{time_starttransfer}',
    url,
  ]);
  return { connectMs: connect * 1_000, requestMs: (starttransfer - pretransfer) * 1_000 };
}

/** Echo round trips (ms) of the `ws` library client (bench/ws-peer.ts) in namespace `ns`. */
export function wsEchoSamples(ns: string, url: string, messages: number, intervalMs: number): number[] {
  const out = runCommand(
    'ip',
    inNamespace(ns, BENCH_NICE[0], [...BENCH_NICE.slice(1), TSX, 'bench/ws-peer.ts', url, String(messages), String(intervalMs)]),
    CURL_TIMEOUT_MS,
  );
  const last = out.trim().split('\n').pop() ?? '{}';
  const parsed = JSON.parse(last) as { samples?: number[]; error?: string };
  if (!parsed.samples || parsed.samples.length === 0) throw new Error(`ws-peer measured nothing: ${parsed.error ?? 'no output'}`);
  return parsed.samples;
}
