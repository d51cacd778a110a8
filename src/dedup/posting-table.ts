/**
 * Lists of integers under signed 32-bit keys, held in typed arrays: the
 * storage of the candidate index (posting lists, and the buckets a key is
 * spread over). An open-addressing table (open-addressing.ts) maps a key to
 * one value held inline, as most keys have one, or to a block of a pooled
 * Int32Array. At 100k items a Map of 4.4 million keys to numbers and
 * JavaScript arrays was half the heap, and every major garbage collection
 * walked its table and its 1.3 million arrays.
 *
 * A list keeps its values in insertion order (removal shifts the rest up, as
 * `splice` does); it may hold a value twice. Knows nothing of items or buckets.
 */
import { OpenAddressing, placeColumn } from './open-addressing.js';

const INITIAL_CAPACITY = 1 << 10;
const MAX_LOAD = 0.75;
const SINGLE = 1;
const LIST = 2;
/** Pool block header: the block's capacity, then the list's length (for a free block: the next free block). */
const HEADER = 2;
const INITIAL_POOL = 1 << 12;
const NO_BLOCK = -1;

/** Slots are tagged SINGLE (the value is in `heads`) or LIST (`heads` is the offset of a pool block). */
export class PostingTable extends OpenAddressing {
  private heads = new Int32Array(INITIAL_CAPACITY);
  private pool = new Int32Array(INITIAL_POOL);
  private top = 0;
  /** Free blocks by capacity class (capacity 2 << class). */
  private readonly free = new Int32Array(32).fill(NO_BLOCK);

  constructor() {
    super(INITIAL_CAPACITY, MAX_LOAD);
  }

  /** Number of keys held. */
  get size(): number {
    return this.keyCount;
  }

  /** The slot of `key`, or -1 when it holds no value. */
  slotOf(key: number): number {
    const slot = this.find(key);
    return this.tags[slot] === 0 ? -1 : slot;
  }

  /** Values under the key in `slot` (a slot from `slotOf`, not -1). */
  countAt(slot: number): number {
    return this.tags[slot] === SINGLE ? 1 : (this.pool[(this.heads[slot] as number) + 1] as number);
  }

  /** Value `index` (below `countAt`) under the key in `slot`. */
  valueAt(slot: number, index: number): number {
    return this.tags[slot] === SINGLE ? (this.heads[slot] as number) : (this.pool[(this.heads[slot] as number) + HEADER + index] as number);
  }

  /** Values under `key` (0 when it has none). */
  count(key: number): number {
    const slot = this.slotOf(key);
    return slot < 0 ? 0 : this.countAt(slot);
  }

  /** Appends `value` to the list of `key`; returns true when the key had no list before. */
  add(key: number, value: number): boolean {
    this.makeRoom();
    const slot = this.find(key);
    const kind = this.tags[slot];
    if (kind === 0) {
      this.claim(slot, key, SINGLE);
      this.heads[slot] = value;
      return true;
    }
    if (kind === SINGLE) {
      const block = this.allocate(0);
      this.pool[block + 1] = 2;
      this.pool[block + HEADER] = this.heads[slot] as number;
      this.pool[block + HEADER + 1] = value;
      this.tags[slot] = LIST;
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
    const kind = this.tags[slot];
    if (kind === 0) return false;
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
    this.tags[slot] = SINGLE;
    this.heads[slot] = this.pool[start] as number;
    this.release(block);
    return false;
  }

  protected moveValue(from: number, to: number): void {
    this.heads[to] = this.heads[from] as number;
  }

  protected rehashValues(placed: Int32Array, capacity: number): void {
    this.heads = placeColumn(this.heads, placed, capacity);
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
