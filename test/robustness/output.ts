/**
 * Captures what a piece of code writes to stdout and stderr (log lines, EMF, progress). The console
 * methods are patched too: vitest routes `console.*` around process.stdout.
 */
import { format } from 'node:util';

/** Runs `act` with stdout/stderr collected (not printed); returns its value and the text. */
export async function captureOutput<T>(act: () => Promise<T>): Promise<{ value: T; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const original = { out: process.stdout.write, err: process.stderr.write };
  const collector =
    (sink: string[]) =>
    (chunk: unknown): boolean => {
      sink.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
      return true;
    };
  const consoleMethods = { log: console.log, info: console.info, warn: console.warn, error: console.error };
  const toOut = collector(out);
  const toErr = collector(err);
  process.stdout.write = toOut as typeof process.stdout.write;
  process.stderr.write = toErr as typeof process.stderr.write;
  console.log = console.info = (...args: unknown[]) => void toOut(`${format(...args)}\n`);
  console.warn = console.error = (...args: unknown[]) => void toErr(`${format(...args)}\n`);
  try {
    const value = await act();
    return { value, stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.stdout.write = original.out;
    process.stderr.write = original.err;
    Object.assign(console, consoleMethods);
  }
}

/** A stack trace line as Node prints it (`    at fn (file:1:2)`): never shown for a user mistake. */
export const STACK_LINE = /\n\s+at \S+/;
