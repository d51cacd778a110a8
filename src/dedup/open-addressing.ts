/**
 * The slots of a hash table over 32-bit integer keys, in typed arrays: open
 * addressing with linear probing, Fibonacci hashing, and backward-shift
 * deletion so that no tombstones pile up as items come and go. What a slot
 * holds is the subclass's, in typed arrays of its own indexed by slot; this
 * class moves those values only through `moveValue` and `rehashValues`.
 *
 * Both dedup tables with millions of keys at 100k items (the candidate
 * index's postings and the term document frequencies) are one of these: a
 * Map of that size was most of the heap, and every major garbage collection
 * walked it; typed arrays are never walked.
 */
export abstract class OpenAddressing {
  protected keys: Int32Array;
  /** 0 marks an empty slot; any other value is the subclass's to give (what kind of value the slot holds). */
  protected tags: Uint8Array;
  private mask: number;
  private shift: number;
  private used = 0;

  /**
   * @param capacity initial number of slots, a power of two
   * @param maxLoad share of slots in use at which the table doubles
   */
  constructor(capacity: number, private readonly maxLoad: number) {
    this.keys = new Int32Array(capacity);
    this.tags = new Uint8Array(capacity);
    this.mask = capacity - 1;
    this.shift = 32 - Math.log2(capacity);
  }

  /** Keys held. */
  protected get keyCount(): number {
    return this.used;
  }

  /** The slot holding `key`, or the empty slot where it would go. */
  protected find(key: number): number {
    const wanted = key | 0;
    let slot = this.home(wanted);
    while (this.tags[slot] !== 0 && this.keys[slot] !== wanted) slot = (slot + 1) & this.mask;
    return slot;
  }

  /**
   * Call before `find` whenever the key looked up may then be claimed: the
   * table doubles here, if it must, so the slot `find` gives stays the key's.
   */
  protected makeRoom(): void {
    if (this.used + 1 > this.mask * this.maxLoad) this.grow();
  }

  /** Puts `key` into the empty `slot` that `find` gave for it (after `makeRoom`), tagged `tag` (not 0). */
  protected claim(slot: number, key: number, tag: number): void {
    this.keys[slot] = key;
    this.tags[slot] = tag;
    this.used += 1;
  }

  /** Empties `slot`; later entries of its probe run move up (values too, through `moveValue`). */
  protected vacate(slot: number): void {
    let hole = slot;
    let next = slot;
    for (;;) {
      next = (next + 1) & this.mask;
      if (this.tags[next] === 0) break;
      const home = this.home(this.keys[next] as number);
      const between = hole <= next ? hole < home && home <= next : hole < home || home <= next;
      if (between) continue;
      this.keys[hole] = this.keys[next] as number;
      this.tags[hole] = this.tags[next] as number;
      this.moveValue(next, hole);
      hole = next;
    }
    this.tags[hole] = 0;
    this.used -= 1;
  }

  /** Copies the value of slot `from` into slot `to` (the key and tag are moved already). */
  protected abstract moveValue(from: number, to: number): void;

  /**
   * After the table doubled: the value of old slot `i` now belongs in slot
   * `placed[i]` (-1 for an empty old slot) of a table of `capacity` slots.
   */
  protected abstract rehashValues(placed: Int32Array, capacity: number): void;

  private home(key: number): number {
    // Fibonacci hashing: the high bits of the product are the well-mixed ones.
    return Math.imul(key, 0x9e3779b1) >>> this.shift;
  }

  private grow(): void {
    const { keys, tags } = this;
    const capacity = keys.length * 2;
    this.keys = new Int32Array(capacity);
    this.tags = new Uint8Array(capacity);
    this.mask = capacity - 1;
    this.shift -= 1;
    const placed = new Int32Array(keys.length).fill(-1);
    for (let index = 0; index < keys.length; index += 1) {
      const tag = tags[index] as number;
      if (tag === 0) continue;
      const slot = this.find(keys[index] as number);
      this.keys[slot] = keys[index] as number;
      this.tags[slot] = tag;
      placed[index] = slot;
    }
    this.rehashValues(placed, capacity);
  }
}

/** Values by old slot (`column`) laid out by `placed` (see `rehashValues`) in a new array of the same type. */
export function placeColumn<Column extends Int32Array | Uint32Array>(column: Column, placed: Int32Array, capacity: number): Column {
  const moved = new (column.constructor as new (length: number) => Column)(capacity);
  for (let index = 0; index < placed.length; index += 1) {
    const slot = placed[index] as number;
    if (slot >= 0) moved[slot] = column[index] as number;
  }
  return moved;
}
