/**
 * Vitest global setup: extracts `@sparticuz/chromium` once, in the main process, before any test
 * worker starts, and waits until the binary can be executed.
 *
 * Why: the package writes its ~190 MB binary straight to `<tmpdir>/chromium` and takes the file's
 * mere existence as "already extracted". On a machine where it was not extracted yet, every worker
 * (and every CLI or handler child) that launches while another process is still writing that file
 * fails with `spawn ETXTBSY`: a whole file of handler tests failed that way in one parallel run and
 * passed alone. Other test runs on the same machine share /tmp, so the wait also covers a binary that
 * some other process is still writing.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { resolveExecutablePath } from '../../lambdas/probe/browser';

const run = promisify(execFile);

/** Extraction takes a few seconds on a quiet machine; a loaded one may need far longer. */
const WAIT_LIMIT_MS = 120_000;
const RETRY_MS = 250;

/** Resolves once `path --version` runs; gives up quietly after WAIT_LIMIT_MS (the browser tests then say why). */
async function untilExecutable(path: string): Promise<void> {
  const endsAt = Date.now() + WAIT_LIMIT_MS;
  for (let attempt = 0; attempt < WAIT_LIMIT_MS / RETRY_MS; attempt += 1) {
    try {
      await run(path, ['--version'], { timeout: 30_000 });
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // ETXTBSY: still being written (by this or another process); anything else will not get better.
      if (code !== 'ETXTBSY' || Date.now() >= endsAt) return;
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }
}

export default async function setup(): Promise<void> {
  let path: string;
  try {
    path = await resolveExecutablePath();
  } catch {
    return; // no bundled Chromium here: the browser tests report it themselves
  }
  await untilExecutable(path);
}
