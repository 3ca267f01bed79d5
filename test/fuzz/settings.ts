/**
 * How many cases each property runs, and from which seed. `npm test` runs a bounded, seeded,
 * reproducible number (FUZZ_SEED, the base counts below); `npm run fuzz` sets FUZZ_SCALE to run many
 * more, from FUZZ_SEED when given, else from a fresh seed that it prints, so any failure it finds can be
 * replayed with `FUZZ_SEED=<seed> npm run fuzz` (fast-check also prints the seed and path of a failure).
 */
import fc from 'fast-check';

/** The seed of `npm test`: fixed, so every run checks the same cases. */
export const DEFAULT_FUZZ_SEED = 16;

function positiveInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number, got "${raw}"`);
  return value;
}

/** Multiplies every property's case count (`npm run fuzz` sets it). */
export const FUZZ_SCALE = positiveInteger('FUZZ_SCALE', 1);

/** The seed of this run; a scaled run without FUZZ_SEED draws one and prints it. */
export const FUZZ_SEED =
  process.env.FUZZ_SEED !== undefined && process.env.FUZZ_SEED !== ''
    ? positiveInteger('FUZZ_SEED', DEFAULT_FUZZ_SEED)
    : FUZZ_SCALE === 1
      ? DEFAULT_FUZZ_SEED
      : Math.floor(Math.random() * 2 ** 31) + 1;

if (FUZZ_SCALE > 1) console.log(`fuzz: seed ${FUZZ_SEED} × ${FUZZ_SCALE} (replay: FUZZ_SEED=${FUZZ_SEED} npm run fuzz)`);

/** fast-check parameters of one property: this run's seed, `baseRuns × FUZZ_SCALE` cases. */
export function fuzzRuns(baseRuns: number): fc.Parameters<unknown> {
  return { seed: FUZZ_SEED, numRuns: baseRuns * FUZZ_SCALE };
}
