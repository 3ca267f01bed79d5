import { randomBytes } from 'node:crypto';

/** Size of the random pool: large enough that no compressor finds repeats within a window. */
const POOL_BYTES = 4 * 1024 * 1024;

let pool: Buffer | undefined;

/** Incompressible bytes, generated once per process; downloads stream slices of it. */
export function randomPool(): Buffer {
  pool ??= randomBytes(POOL_BYTES);
  return pool;
}

/** A slice of the pool of `length` bytes (at most the pool size) starting at `offset` modulo the pool. */
export function poolSlice(offset: number, length: number): Buffer {
  const source = randomPool();
  const start = offset % source.length;
  const end = Math.min(start + length, source.length);
  return source.subarray(start, end);
}
