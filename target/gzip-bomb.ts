import { constants, deflateRawSync } from 'node:zlib';

/** What the `gzip-bomb` body inflates to: far beyond any sane download cap. */
export const GZIP_BOMB_INFLATED_BYTES = 1024 * 1024 * 1024;
/** One deflate block run of zeros; the body repeats it (a full flush leaves no back-references). */
const BLOCK_ZEROS = 16 * 1024 * 1024;
/**
 * CRC-32 of GZIP_BOMB_INFLATED_BYTES zeros, precomputed (computing it costs a second of CPU);
 * test/target/bandwidth-faults.test.ts recomputes it.
 */
export const GZIP_BOMB_CRC32 = 1_533_330_096;

let bomb: Buffer | undefined;

/**
 * A valid gzip member (~1 MB) that inflates to GZIP_BOMB_INFLATED_BYTES of zeros. Built once, on
 * first use: the deflate output of 16 MiB of zeros, ended with a full flush (byte-aligned, no
 * references across it), repeated 64 times, then the empty final block and the true CRC-32 and size.
 */
export function gzipBomb(): Buffer {
  if (bomb) return bomb;
  const zeros = Buffer.alloc(BLOCK_ZEROS);
  const block = deflateRawSync(zeros, { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const repeats = GZIP_BOMB_INFLATED_BYTES / BLOCK_ZEROS;
  const header = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
  const finalBlock = Buffer.from([0x03, 0x00]);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(GZIP_BOMB_CRC32, 0);
  trailer.writeUInt32LE(GZIP_BOMB_INFLATED_BYTES % 2 ** 32, 4);
  bomb = Buffer.concat([header, ...Array.from({ length: repeats }, () => block), finalBlock, trailer]);
  return bomb;
}
