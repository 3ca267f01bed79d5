/**
 * Child processes of the bench: long-lived line-oriented helpers (the target server, the TUN relay)
 * and one-shot commands inside a namespace. Every wait is bounded.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const TSX = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');

/** A helper process that speaks one line per message on stdin/stdout. */
export interface LineChild {
  /** The next stdout line, or an Error after `timeoutMs`. */
  nextLine(timeoutMs: number): Promise<string>;
  send(line: string): void;
  /** Closes stdin (the helpers exit on EOF), then SIGKILLs after a grace period. */
  stop(): Promise<void>;
}

/** Spawns `command` in the repo root with piped stdio, read and written one line at a time. */
export function startLineChild(command: string, args: readonly string[]): LineChild {
  const child: ChildProcessWithoutNullStreams = spawn(command, [...args], { cwd: REPO_ROOT, stdio: 'pipe' });
  const lines: string[] = [];
  const waiters: Array<(line: string) => void> = [];
  let buffered = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffered += chunk;
    for (let newline = buffered.indexOf('\n'); newline >= 0; newline = buffered.indexOf('\n')) {
      const line = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      const waiter = waiters.shift();
      if (waiter) waiter(line);
      else lines.push(line);
    }
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2_000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    nextLine(timeoutMs) {
      const ready = lines.shift();
      if (ready !== undefined) return Promise.resolve(ready);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(onLine), 1);
          reject(new Error(`${command} ${args.join(' ')}: no answer within ${timeoutMs} ms. stderr: ${stderr.trim()}`));
        }, timeoutMs);
        const onLine = (line: string): void => {
          clearTimeout(timer);
          resolve(line);
        };
        waiters.push(onLine);
      });
    },
    send(line) {
      child.stdin.write(`${line}\n`);
    },
    async stop() {
      child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Whether `command` is on the PATH. */
export function has(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/**
 * Bench measurements (Chromium and curl alike) run at this niceness: the bench shares a small
 * machine, and both tools should see the link, not the neighbours' CPU use.
 */
export const BENCH_NICE = ['nice', '-n', '-10'] as const;

/** Runs a command to completion (bounded by `timeoutMs`); stdout, or an Error with stderr. */
export function runCommand(command: string, args: readonly string[], timeoutMs: number): string {
  const result = spawnSync(command, [...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 });
  if (result.status !== 0) {
    const reason = result.error?.message ?? `exit ${result.status}`;
    throw new Error(`${command} ${args.slice(0, 6).join(' ')} failed (${reason}): ${(result.stderr ?? '').trim().slice(-500)}`);
  }
  return result.stdout;
}
