/**
 * Pair scores already computed, keyed by the two items' ordinals. An
 * open-addressing table over typed arrays: a Map held a boxed number for
 * every key (ordinal pairs do not fit a small integer) and every score, and
 * at 100k items those millions of small objects were most of what the
 * garbage collector walked. Does not know what a score means.
 */

const EMPTY = -1;
const INITIAL_CAPACITY = 1 << 12;

export class PairScoreCache {
  /** Lower ordinal * 2^26 + higher ordinal: exact for ordinals below 2^26. */
  private keys = new Float64Array(INITIAL_CAPACITY).fill(EMPTY);
  private values = new Float64Array(INITIAL_CAPACITY);
  private mask = INITIAL_CAPACITY - 1;
  private used = 0;

  get(a: number, b: number): number | undefined {
    const key = pairKey(a, b);
    for (let slot = home(a, b) & this.mask; ; slot = (slot + 1) & this.mask) {
      const found = this.keys[slot] as number;
      if (found === key) return this.values[slot] as number;
      if (found === EMPTY) return undefined;
    }
  }

  set(a: number, b: number, score: number): void {
    const key = pairKey(a, b);
    let slot = home(a, b) & this.mask;
    while (this.keys[slot] !== EMPTY && this.keys[slot] !== key) slot = (slot + 1) & this.mask;
    if (this.keys[slot] === EMPTY) {
      this.keys[slot] = key;
      this.used += 1;
    }
    this.values[slot] = score;
    if (this.used * 2 > this.mask) this.grow();
  }

  clear(): void {
    if (this.used === 0) return;
    this.keys = new Float64Array(INITIAL_CAPACITY).fill(EMPTY);
    this.values = new Float64Array(INITIAL_CAPACITY);
    this.mask = INITIAL_CAPACITY - 1;
    this.used = 0;
  }

  get size(): number {
    return this.used;
  }

  private grow(): void {
    const keys = this.keys;
    const values = this.values;
    this.keys = new Float64Array(keys.length * 2).fill(EMPTY);
    this.values = new Float64Array(keys.length * 2);
    this.mask = keys.length * 2 - 1;
    for (let index = 0; index < keys.length; index += 1) {
      const key = keys[index] as number;
      if (key === EMPTY) continue;
      const low = Math.floor(key / PAIR_BASE);
      let slot = home(low, key - low * PAIR_BASE) & this.mask;
      while (this.keys[slot] !== EMPTY) slot = (slot + 1) & this.mask;
      this.keys[slot] = key;
      this.values[slot] = values[index] as number;
    }
  }
}

const PAIR_BASE = 2 ** 26;

function pairKey(a: number, b: number): number {
  return a < b ? a * PAIR_BASE + b : b * PAIR_BASE + a;
}

/** Order-free mix of the two ordinals. */
function home(a: number, b: number): number {
  const low = a < b ? a : b;
  const high = a < b ? b : a;
  return (Math.imul(low, 0x9e3779b1) ^ Math.imul(high + 0x7f4a7c15, 0x85ebca6b)) >>> 0;
}
