/**
 * Runs the reference target inside the bench's server namespace (started by bench/accuracy.ts through
 * `ip netns exec`). Listens on 0.0.0.0:PORT so both the veth and the TUN address reach it.
 * Prints one JSON line `{"ready":true,"port":N}`; stdin line `faults a,b` replaces the faults
 * (answers `ok`); exits on stdin EOF (the bench ended or died) or after MAX_LIFETIME_MS.
 */
import { startTarget } from '../target/index';

/** No bench run takes this long; a leftover server must not live on. */
const MAX_LIFETIME_MS = 10 * 60_000;

async function main(): Promise<void> {
  const port = Number(process.argv[2] ?? '8080');
  const target = await startTarget({ host: '0.0.0.0', port });
  const stop = async (): Promise<void> => {
    await target.close();
    process.exit(0);
  };
  setTimeout(() => void stop(), MAX_LIFETIME_MS).unref();
  process.stdin.setEncoding('utf8');
  let buffered = '';
  process.stdin.on('data', (chunk: string) => {
    buffered += chunk;
    for (let newline = buffered.indexOf('\n'); newline >= 0; newline = buffered.indexOf('\n')) {
      const line = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      if (line.startsWith('faults')) {
        const faults = line.slice('faults'.length).trim();
        target.setFaults(faults ? faults.split(',') : []);
        process.stdout.write('ok\n');
      }
    }
  });
  process.stdin.on('end', () => void stop());
  process.on('SIGTERM', () => void stop());
  process.stdout.write(`${JSON.stringify({ ready: true, port })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`serve-target: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
