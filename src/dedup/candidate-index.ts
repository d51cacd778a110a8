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
 * are folded into one 32-bit number per posting list; a rare collision only
 * adds candidates, which scoring then judges.
 */
import type { DedupConfig } from './config.js';
import type { ItemProfile } from './fingerprint.js';

const UNDATED = -1;

function postingKey(key: number, bucket: number): number {
  return (key ^ Math.imul(bucket + 2, 0x9e3779b1)) >>> 0;
}

/** A posting: one ordinal held inline (most keys are unique to one item), else a list. */
type Posting = number | number[];

function postingLength(posting: Posting | undefined): number {
  return posting === undefined ? 0 : typeof posting === 'number' ? 1 : posting.length;
}

export class CandidateIndex {
  private readonly postings = new Map<number, Posting>();
  private readonly buckets = new Set<number>();
  /** Scratch for `candidates`: summed key weight per ordinal, valid where `stamps` holds the current call's stamp. */
  private shared = new Float64Array(1024);
  private stamps = new Uint32Array(1024);
  private stamp = 0;

  constructor(private readonly config: DedupConfig) {}

  bucketOf(profile: ItemProfile): number {
    return profile.day === null ? UNDATED : Math.floor(profile.day / this.config.bucketDays);
  }

  add(ordinal: number, profile: ItemProfile): void {
    const bucket = this.bucketOf(profile);
    this.buckets.add(bucket);
    for (const key of profile.keys) {
      const at = postingKey(key, bucket);
      const posting = this.postings.get(at);
      if (posting === undefined) this.postings.set(at, ordinal);
      else if (typeof posting === 'number') this.postings.set(at, [posting, ordinal]);
      else posting.push(ordinal);
    }
  }

  remove(ordinal: number, profile: ItemProfile): void {
    const bucket = this.bucketOf(profile);
    for (const key of profile.keys) {
      const at = postingKey(key, bucket);
      const posting = this.postings.get(at);
      if (posting === undefined) continue;
      if (typeof posting === 'number') {
        if (posting === ordinal) this.postings.delete(at);
        continue;
      }
      const index = posting.indexOf(ordinal);
      if (index >= 0) posting.splice(index, 1);
      if (posting.length === 1) this.postings.set(at, posting[0] as number);
      else if (posting.length === 0) this.postings.delete(at);
    }
  }

  /** Buckets whose items may be one event with an item of `bucket`. */
  neighbourBuckets(bucket: number): number[] {
    if (bucket === UNDATED) return [...this.buckets];
    return [bucket - 1, bucket, bucket + 1, UNDATED];
  }

  /**
   * Items sharing enough keys with the profile (weighted: a MinHash band alone
   * is enough, a title bigram is not), excluding the item itself.
   */
  candidates(ordinal: number, profile: ItemProfile): number[] {
    const own = this.bucketOf(profile);
    const neighbourBuckets = this.neighbourBuckets(own);
    const max = this.config.maxPosting;
    const stamp = this.nextStamp();
    const reached: number[] = [];
    const visit = (other: number, weight: number): void => {
      if (other === ordinal) return;
      if (other >= this.stamps.length) this.growScratch(other);
      if (this.stamps[other] === stamp) this.shared[other] = (this.shared[other] as number) + weight;
      else {
        this.stamps[other] = stamp;
        this.shared[other] = weight;
        reached.push(other);
      }
    };
    for (let index = 0; index < profile.keys.length; index += 1) {
      const key = profile.keys[index] as number;
      if (postingLength(this.postings.get(postingKey(key, own))) > max) continue;
      const weight = profile.keyWeights[index] as number;
      for (const bucket of neighbourBuckets) {
        const posting = this.postings.get(postingKey(key, bucket));
        if (posting === undefined) continue;
        if (typeof posting === 'number') visit(posting, weight);
        else if (posting.length <= max) for (const other of posting) visit(other, weight);
      }
    }
    const result: number[] = [];
    for (const other of reached) if ((this.shared[other] as number) >= this.config.minSharedKeys) result.push(other);
    return result.sort((a, b) => a - b);
  }

  private nextStamp(): number {
    this.stamp += 1;
    if (this.stamp === 0xffffffff) {
      this.stamps.fill(0);
      this.stamp = 1;
    }
    return this.stamp;
  }

  private growScratch(ordinal: number): void {
    let length = this.stamps.length;
    while (length <= ordinal) length *= 2;
    const stamps = new Uint32Array(length);
    stamps.set(this.stamps);
    const shared = new Float64Array(length);
    shared.set(this.shared);
    this.stamps = stamps;
    this.shared = shared;
  }
}
