/**
 * Marks on item ordinals that all clear at once: each round has a number, and
 * an ordinal is marked in this round when its slot holds that number, so
 * clearing is starting a new round rather than a pass over the array (one
 * pass only when the number wraps). Candidate lookup and regrouping each walk
 * a few thousand of 100k items per batch; a Set of the reached ones cost more
 * to fill and ask than the walk itself.
 */
const INITIAL_LENGTH = 1024;
const LAST_ROUND = 0xffffffff;

export class OrdinalMarks {
  private rounds = new Uint32Array(INITIAL_LENGTH);
  private round = 0;

  /** Starts a round in which no ordinal is marked; `size`: ordinals below it are asked about without growing. */
  clear(size = 0): void {
    if (size > this.rounds.length) this.rounds = coveringOrdinal(this.rounds, size - 1);
    this.round += 1;
    if (this.round === LAST_ROUND) {
      this.rounds.fill(0);
      this.round = 1;
    }
  }

  has(ordinal: number): boolean {
    return this.rounds[ordinal] === this.round;
  }

  /** Marks `ordinal`; false when it was marked in this round already. */
  mark(ordinal: number): boolean {
    if (ordinal >= this.rounds.length) this.rounds = coveringOrdinal(this.rounds, ordinal);
    if (this.rounds[ordinal] === this.round) return false;
    this.rounds[ordinal] = this.round;
    return true;
  }
}

/** `array` itself when it has a slot for `ordinal`, else a copy doubled in length until it has. */
export function coveringOrdinal<Values extends Uint32Array | Float64Array>(array: Values, ordinal: number): Values {
  if (ordinal < array.length) return array;
  let length = array.length;
  while (length <= ordinal) length *= 2;
  const grown = new (array.constructor as new (length: number) => Values)(length);
  grown.set(array);
  return grown;
}
