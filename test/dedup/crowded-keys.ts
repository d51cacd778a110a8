/**
 * Keys that share their home slot in the dedup hash tables (open-addressing.ts
 * hashes by Fibonacci multiplication), so that tests reach long probe runs and
 * the backward shifts of deletion.
 */

/** Inverse of the Fibonacci multiplier modulo 2^32 (Newton's iteration), to make keys of a chosen home. */
const GOLDEN = 0x9e3779b1;
let inverse = GOLDEN;
for (let step = 0; step < 5; step += 1) inverse = Math.imul(inverse, 2 - Math.imul(GOLDEN, inverse));

/** A key whose hash is `(group << 28) | low`: keys of one group share their home slot at every table size up to 2^28. */
export function crowdedKey(group: number, low: number): number {
  return Math.imul(((group & 15) << 28) | low, inverse);
}
