/** Starts the reference target in a child process (target-child.ts) and talks to it over IPC. */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { StartTargetOptions, TrafficStats } from '../../target/index';

/** The URLs of a target running in a child process, and its remote controls. */
export interface TargetProcess {
  readonly origin: string;
  readonly loginUrl: string;
  readonly wsUrl: string;
  readonly pingUrl: string;
  readonly downloadUrl: string;
  readonly uploadUrl: string;
  readonly pid: number;
  setFaults(faults: readonly string[]): Promise<void>;
  stats(): Promise<TrafficStats>;
  resetStats(): Promise<void>;
  close(): Promise<void>;
}

/** How long one IPC request may take (start includes generating a TLS certificate). */
const REQUEST_TIMEOUT_MS = 20_000;

export async function startTargetProcess(options: StartTargetOptions = {}): Promise<TargetProcess> {
  const child = fork(fileURLToPath(new URL('./target-child.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  let nextId = 0;
  const call = <T>(message: Record<string, unknown>): Promise<T> => request<T>(child, { id: ++nextId, ...message });
  try {
    const urls = await call<Omit<TargetProcess, 'pid' | 'setFaults' | 'stats' | 'resetStats' | 'close'>>({ op: 'start', options });
    return {
      ...urls,
      pid: child.pid ?? 0,
      setFaults: (faults) => call({ op: 'setFaults', faults }),
      stats: () => call({ op: 'stats' }),
      resetStats: () => call({ op: 'resetStats' }),
      close: async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        await call({ op: 'close' }).catch(() => child.kill('SIGKILL'));
        await exited;
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}

function request<T>(child: ChildProcess, message: { id: number } & Record<string, unknown>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => finish(() => reject(new Error(`target process: no answer to ${String(message.op)} within ${REQUEST_TIMEOUT_MS} ms`))),
      REQUEST_TIMEOUT_MS,
    );
    const onMessage = (reply: { id: number; value?: T; error?: string }): void => {
      if (reply.id !== message.id) return;
      finish(() => (reply.error === undefined ? resolve(reply.value as T) : reject(new Error(`target process: ${reply.error}`))));
    };
    const onExit = (): void => finish(() => reject(new Error('target process exited')));
    const finish = (settle: () => void): void => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      settle();
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.send(message);
  });
}
