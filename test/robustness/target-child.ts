/**
 * The reference target in a process of its own, driven over IPC by target-process.ts, so a test can
 * measure the monitor's memory without the target's (a `ws-huge-frame` target queues 50 MB frames).
 */
import { startTarget, type RunningTarget, type StartTargetOptions } from '../../target/index';

type Request =
  | { id: number; op: 'start'; options: StartTargetOptions }
  | { id: number; op: 'setFaults'; faults: string[] }
  | { id: number; op: 'stats' }
  | { id: number; op: 'resetStats' }
  | { id: number; op: 'close' };

let target: RunningTarget | undefined;

async function answer(request: Request): Promise<unknown> {
  switch (request.op) {
    case 'start': {
      target = await startTarget(request.options);
      const { origin, loginUrl, systemCheckUrl, wsUrl, pingUrl, downloadUrl, uploadUrl } = target;
      return { origin, loginUrl, systemCheckUrl, wsUrl, pingUrl, downloadUrl, uploadUrl };
    }
    case 'setFaults':
      return target?.setFaults(request.faults);
    case 'stats':
      return target?.stats();
    case 'resetStats':
      return target?.resetStats();
    case 'close':
      await target?.close();
      setImmediate(() => process.exit(0));
      return undefined;
  }
}

process.on('message', (request: Request) => {
  answer(request).then(
    (value) => process.send?.({ id: request.id, value }),
    (error: unknown) => process.send?.({ id: request.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
// The parent died without saying goodbye: do not linger.
process.on('disconnect', () => process.exit(0));
