/**
 * Lists of integers under signed 32-bit keys, held in typed arrays: the
 * storage of the candidate index (posting lists, and the buckets a key is
 * spread over). An open-addressing table (linear probing) maps a key to one
 * value held inline, as most keys have one, or to a block of a pooled
 * Int32Array. At 100k items a Map of 4.4 million keys to numbers and
 * JavaScript arrays was half the heap, and every major garbage collection
 * walked its table and its 1.3 million arrays; typed arrays are never walked.
 *
 * A list keeps its values in insertion order (removal shifts the rest up, as
 * `splice` does); it may hold a value twice. Knows nothing of items or buckets.
 */

const INITIAL_CAPACITY = 1 << 10;
const EMPTY = 0;
const SINGLE = 1;
const LIST = 2;
/** Pool block header: the block's capacity, then the list's length (for a free block: the next free block). */
const HEADER = 2;
const INITIAL_POOL = 1 << 12;
const NO_BLOCK = -1;

export class PostingTable {
  private keys = new Int32Array(INITIAL_CAPACITY);
  /** EMPTY, SINGLE (the value is in `heads`) or LIST (`heads` is the offset of a pool block). */
  private kinds = new Uint8Array(INITIAL_CAPACITY);
  private heads = new Int32Array(INITIAL_CAPACITY);
  private mask = INITIAL_CAPACITY - 1;
  private shift = 32 - Math.log2(INITIAL_CAPACITY);
  private used = 0;
  private pool = new Int32Array(INITIAL_POOL);
  private top = 0;
  /** Free blocks by capacity class (capacity 2 << class). */
  private readonly free = new Int32Array(32).fill(NO_BLOCK);

  /** Number of keys held. */
  get size(): number {
    return this.used;
  }

  /** The slot of `key`, or -1 when it holds no value. */
  slotOf(key: number): number {
    const slot = this.find(key);
    return this.kinds[slot] === EMPTY ? -1 : slot;
  }

  /** Values under the key in `slot` (a slot from `slotOf`, not -1). */
  countAt(slot: number): number {
    return this.kinds[slot] === SINGLE ? 1 : (this.pool[(this.heads[slot] as number) + 1] as number);
  }

  /** Value `index` (below `countAt`) under the key in `slot`. */
  valueAt(slot: number, index: number): number {
    return this.kinds[slot] === SINGLE ? (this.heads[slot] as number) : (this.pool[(this.heads[slot] as number) + HEADER + index] as number);
  }

  /** Values under `key` (0 when it has none). */
  count(key: number): number {
    const slot = this.slotOf(key);
    return slot < 0 ? 0 : this.countAt(slot);
  }

  /** Appends `value` to the list of `key`; returns true when the key had no list before. */
  add(key: number, value: number): boolean {
    const slot = this.find(key);
    const kind = this.kinds[slot];
    if (kind === EMPTY) {
      this.keys[slot] = key;
      this.kinds[slot] = SINGLE;
      this.heads[slot] = value;
      this.used += 1;
      if (this.used * 4 > this.mask * 3) this.grow();
      return true;
    }
    if (kind === SINGLE) {
      const block = this.allocate(0);
      this.pool[block + 1] = 2;
      this.pool[block + HEADER] = this.heads[slot] as number;
      this.pool[block + HEADER + 1] = value;
      this.kinds[slot] = LIST;
      this.heads[slot] = block;
      return false;
    }
    let block = this.heads[slot] as number;
    const length = this.pool[block + 1] as number;
    if (length === this.pool[block]) {
      const larger = this.allocate(31 - Math.clz32(length));
      this.pool.copyWithin(larger + HEADER, block + HEADER, block + HEADER + length);
      this.release(block);
      block = larger;
      this.heads[slot] = block;
    }
    this.pool[block + HEADER + length] = value;
    this.pool[block + 1] = length + 1;
    return false;
  }

  /**
   * Removes the first occurrence of `value` from the list of `key`, if there;
   * returns true when the key has no values left.
   */
  remove(key: number, value: number): boolean {
    const slot = this.find(key);
    const kind = this.kinds[slot];
    if (kind === EMPTY) return false;
    if (kind === SINGLE) {
      if (this.heads[slot] !== value) return false;
      this.vacate(slot);
      return true;
    }
    const block = this.heads[slot] as number;
    const start = block + HEADER;
    const length = this.pool[block + 1] as number;
    let at = start;
    while (at < start + length && this.pool[at] !== value) at += 1;
    if (at === start + length) return false;
    this.pool.copyWithin(at, at + 1, start + length);
    if (length - 1 > 1) {
      this.pool[block + 1] = length - 1;
      return false;
    }
    // A list of one is held inline again, as a key's first value is.
    this.kinds[slot] = SINGLE;
    this.heads[slot] = this.pool[start] as number;
    this.release(block);
    return false;
  }

  private home(key: number): number {
    // Fibonacci hashing: the high bits of the product are the well-mixed ones.
    return Math.imul(key, 0x9e3779b1) >>> this.shift;
  }

  /** The slot holding `key`, or the empty slot where it would go. */
  private find(key: number): number {
    let slot = this.home(key);
    while (this.kinds[slot] !== EMPTY && this.keys[slot] !== key) slot = (slot + 1) & this.mask;
    return slot;
  }

  /** Backward-shift deletion: later entries of the probe run move up, so no tombstones accumulate. */
  private vacate(slot: number): void {
    let hole = slot;
    let next = slot;
    for (;;) {
      next = (next + 1) & this.mask;
      if (this.kinds[next] === EMPTY) break;
      const home = this.home(this.keys[next] as number);
      const between = hole <= next ? hole < home && home <= next : hole < home || home <= next;
      if (between) continue;
      this.keys[hole] = this.keys[next] as number;
      this.kinds[hole] = this.kinds[next] as number;
      this.heads[hole] = this.heads[next] as number;
      hole = next;
    }
    this.kinds[hole] = EMPTY;
    this.used -= 1;
  }

  private grow(): void {
    const { keys, kinds, heads } = this;
    const capacity = keys.length * 2;
    this.keys = new Int32Array(capacity);
    this.kinds = new Uint8Array(capacity);
    this.heads = new Int32Array(capacity);
    this.mask = capacity - 1;
    this.shift -= 1;
    for (let index = 0; index < keys.length; index += 1) {
      if (kinds[index] === EMPTY) continue;
      const slot = this.find(keys[index] as number);
      this.keys[slot] = keys[index] as number;
      this.kinds[slot] = kinds[index] as number;
      this.heads[slot] = heads[index] as number;
    }
  }

  /** A block of capacity `2 << sizeClass`, its length unset. */
  private allocate(sizeClass: number): number {
    const freed = this.free[sizeClass] as number;
    if (freed !== NO_BLOCK) {
      this.free[sizeClass] = this.pool[freed + 1] as number;
      return freed;
    }
    const capacity = 2 << sizeClass;
    const block = this.top;
    if (block + HEADER + capacity > this.pool.length) {
      let length = this.pool.length * 2;
      while (block + HEADER + capacity > length) length *= 2;
      const pool = new Int32Array(length);
      pool.set(this.pool.subarray(0, this.top));
      this.pool = pool;
    }
    this.pool[block] = capacity;
    this.top += HEADER + capacity;
    return block;
  }

  private release(block: number): void {
    const sizeClass = 30 - Math.clz32(this.pool[block] as number);
    this.pool[block + 1] = this.free[sizeClass] as number;
    this.free[sizeClass] = block;
  }
}
