/**
 * One measured run of a whole command, as a user starts it (bench/measure_tree.py): wall time from
 * spawn to exit, CPU time of the whole process tree, and when each output line appeared.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './children';

/** What measure_tree.py reports for one run. */
export interface TreeRun {
  readonly exitCode: number | null;
  readonly wallMs: number;
  readonly cpuMs: number;
  /** Processes still running when the command exited (re-parented to the runner, then killed). */
  readonly leftover: number;
  /** [ms since spawn, text] per output line (stdout and stderr). */
  readonly lines: ReadonlyArray<readonly [number, string]>;
}

export interface CommandSpec {
  readonly cmd: readonly string[];
  readonly cwd: string;
}

/** A whole journey, browser start included, stays well below this even on a loaded machine. */
const RUN_TIMEOUT_S = 90;

/** Runs `spec` once under measure_tree.py. Asynchronous: the reference target lives in this process and must keep answering. */
export function measureRun(spec: CommandSpec): Promise<TreeRun> {
  const args = [join(REPO_ROOT, 'bench', 'measure_tree.py'), JSON.stringify({ ...spec, timeoutS: RUN_TIMEOUT_S })];
  return new Promise((resolve, reject) => {
    execFile('python3', args, { maxBuffer: 16 * 1024 * 1024, timeout: (RUN_TIMEOUT_S + 15) * 1000 }, (error, stdout, stderr) => {
      if (error) {
        reject(new Error(`measure_tree.py ${spec.cmd.join(' ')}: ${error.message} ${stderr.trim().slice(-500)}`));
        return;
      }
      resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as TreeRun);
    });
  });
}

/** Milliseconds since spawn at which the first line matching `pattern` appeared. */
export function lineAt(run: TreeRun, pattern: RegExp): number | undefined {
  return run.lines.find(([, text]) => pattern.test(text))?.[0];
}

/** A duration printed in a line matching `pattern` whose first group is the number and second the unit (ms or s). */
export function printedMs(run: TreeRun, pattern: RegExp): number | undefined {
  for (const [, text] of run.lines) {
    const match = pattern.exec(text);
    if (match?.[1]) return Number(match[1]) * (match[2] === 's' ? 1000 : 1);
  }
  return undefined;
}

/** The last lines of a run's output, for an error message. */
export function tail(run: TreeRun, count = 8): string {
  return run.lines
    .slice(-count)
    .map(([, text]) => text)
    .join('\n');
}
