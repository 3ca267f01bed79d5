/**
 * `npm test` shows test results, not logs: what code under test writes straight to stdout or stderr
 * (Powertools log lines, EMF, CDK's "Bundling asset" lines) is held while a test runs and printed
 * only when that test fails, where it helps. Tests that read the output replace `write` themselves
 * (test/handler/helpers.ts `captureOutput`) and see every line as before.
 */
import { afterEach, beforeEach } from 'vitest';

/** Characters held per test at most; a runaway writer cannot fill the worker's memory. */
const MAX_HELD_CHARS = 2_000_000;

const held: string[] = [];
let heldChars = 0;
const real = { stdout: process.stdout.write.bind(process.stdout), stderr: process.stderr.write.bind(process.stderr) };

function hold(chunk: unknown, encodingOrCallback?: unknown, callback?: unknown): boolean {
  const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
  if (heldChars + text.length <= MAX_HELD_CHARS) {
    held.push(text);
    heldChars += text.length;
  }
  const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
  if (typeof done === 'function') queueMicrotask(() => (done as () => void)());
  return true;
}

process.stdout.write = hold as typeof process.stdout.write;
process.stderr.write = hold as typeof process.stderr.write;

beforeEach(({ onTestFailed }) => {
  onTestFailed(() => {
    if (held.length > 0) real.stderr(`--- output held during the failed test ---\n${held.join('')}--- end of held output ---\n`);
  });
});

afterEach(() => {
  held.length = 0;
  heldChars = 0;
});
