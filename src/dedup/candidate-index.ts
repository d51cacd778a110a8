/**
 * The candidate index: an inverted index from profile keys (title terms,
 * opening terms, entities, MinHash bands, identity) to items, split into time
 * buckets so a dated item only meets items from nearby days. This is what
 * keeps dedup sub-quadratic: an item is scored against the few items sharing
 * its rarer keys, never against the whole store.
 *
 * A key whose posting in a bucket is longer than `maxPosting` is skipped in
 * both directions (by the pair's own buckets), so whether two items are
 * candidates does not depend on which of them came first. Keys and buckets
 * are folded into one 32-bit number per posting list; a rare collision
 * mostly adds candidates, which scoring then judges, but it can also hide a
 * bucket from a key's spread (recorded when a posting is created), so an
 * undated item may then miss a dated one that finds it: rare enough (about a
 * hundred collisions in a million postings) to leave.
 *
 * An undated item has no time to bound its search, so it looks a key up only
 * in the buckets that hold it, and not at all when the key is spread over more
 * than `undatedMaxBuckets` buckets: a key found in every month is a topic
 * word, not an occurrence. Dated items apply the same rule when looking into
 * the undated bucket, so the pair stays symmetric. The index only finds
 * candidates: how many of them are scored is the caller's choice (see
 * `rankCandidates`).
 */
import type { DedupConfig } from './config.js';
import type { ItemProfile } from './fingerprint.js';
import { coveringOrdinal, OrdinalMarks } from './ordinal-marks.js';
import { PostingTable } from './posting-table.js';

const UNDATED = -1;

/** Signed 32-bit, so that V8 keeps Map keys as small integers rather than allocating a number per entry. */
function postingKey(key: number, bucket: number): number {
  return key ^ Math.imul(bucket + 2, 0x9e3779b1);
}

/** An item sharing enough keys with the one looked up, and the summed weight of the keys they share. */
export interface Candidate {
  ordinal: number;
  shared: number;
}

/**
 * Best first: more shared key weight, then the lower tie key (callers pass a
 * hash of the item id, so that the order does not depend on arrival), then
 * the lower ordinal. Sorts in place.
 */
export function rankCandidates(candidates: Candidate[], tieKey: (ordinal: number) => number): Candidate[] {
  return candidates.sort((a, b) => compareCandidates(a.shared, tieKey(a.ordinal), a.ordinal, b.shared, tieKey(b.ordinal), b.ordinal));
}

/** Negative when the first candidate ranks before the second (the order of `rankCandidates`). */
export function compareCandidates(sharedA: number, tieA: number, ordinalA: number, sharedB: number, tieB: number, ordinalB: number): number {
  return sharedB - sharedA || tieA - tieB || ordinalA - ordinalB;
}

export class CandidateIndex {
  private readonly postings = new PostingTable();
  /** Key -> the dated buckets holding it, for undated items' lookups. */
  private readonly spread = new PostingTable();
  private readonly buckets = new Set<number>();
  /** Scratch for `candidates`: summed key weight per ordinal, valid for the ordinals `reached` marks in the current call. */
  private shared = new Float64Array(1024);
  private readonly reached = new OrdinalMarks();

  constructor(private readonly config: DedupConfig) {}

  bucketOf(profile: ItemProfile): number {
    return profile.day === null ? UNDATED : Math.floor(profile.day / this.config.bucketDays);
  }

  add(ordinal: number, profile: ItemProfile): void {
    const bucket = this.bucketOf(profile);
    this.buckets.add(bucket);
    for (const key of profile.keys) {
      if (this.postings.add(postingKey(key, bucket), ordinal) && bucket !== UNDATED) this.spread.add(key | 0, bucket);
    }
  }

  remove(ordinal: number, profile: ItemProfile): void {
    const bucket = this.bucketOf(profile);
    for (const key of profile.keys) {
      if (this.postings.remove(postingKey(key, bucket), ordinal) && bucket !== UNDATED) this.spread.remove(key | 0, bucket);
    }
  }

  /** Buckets whose items may be one event with an item of `bucket` (for an undated item: every bucket, though it looks up fewer; see `candidates`). */
  neighbourBuckets(bucket: number): number[] {
    if (bucket === UNDATED) return [...this.buckets];
    return [bucket - 1, bucket, bucket + 1, UNDATED];
  }

  /**
   * Items sharing enough keys with the profile (weighted: a MinHash band alone
   * is enough, a title bigram is not), excluding the item itself, unordered.
   */
  candidates(ordinal: number, profile: ItemProfile): Candidate[] {
    const own = this.bucketOf(profile);
    const max = this.config.maxPosting;
    const maxSpread = this.config.undatedMaxBuckets;
    this.reached.clear();
    const reached: number[] = [];
    const postings = this.postings;
    const visitPosting = (posting: number, weight: number): void => {
      if (posting < 0) return;
      const count = postings.countAt(posting);
      if (count > max) return;
      for (let at = 0; at < count; at += 1) this.visit(ordinal, postings.valueAt(posting, at), weight, reached);
    };
    for (let index = 0; index < profile.keys.length; index += 1) {
      const key = profile.keys[index] as number;
      if (postings.count(postingKey(key, own)) > max) continue;
      const weight = profile.keyWeights[index] as number;
      const spread = this.spread.slotOf(key | 0);
      const spreadCount = spread < 0 ? 0 : this.spread.countAt(spread);
      const spreadOk = spreadCount <= maxSpread;
      if (own === UNDATED) {
        visitPosting(postings.slotOf(postingKey(key, UNDATED)), weight);
        if (!spreadOk) continue;
        for (let at = 0; at < spreadCount; at += 1) visitPosting(postings.slotOf(postingKey(key, this.spread.valueAt(spread, at))), weight);
        continue;
      }
      for (let bucket = own - 1; bucket <= own + 1; bucket += 1) visitPosting(postings.slotOf(postingKey(key, bucket)), weight);
      if (spreadOk) visitPosting(postings.slotOf(postingKey(key, UNDATED)), weight);
    }
    const result: Candidate[] = [];
    for (const other of reached) {
      const shared = this.shared[other] as number;
      if (shared >= this.config.minSharedKeys) result.push({ ordinal: other, shared });
    }
    return result;
  }

  private visit(self: number, other: number, weight: number, reached: number[]): void {
    if (other === self) return;
    if (!this.reached.mark(other)) {
      this.shared[other] = (this.shared[other] as number) + weight;
      return;
    }
    if (other >= this.shared.length) this.shared = coveringOrdinal(this.shared, other);
    this.shared[other] = weight;
    reached.push(other);
  }
}
