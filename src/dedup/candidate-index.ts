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

export class CandidateIndex {
  private readonly postings = new Map<number, number[]>();
  private readonly buckets = new Set<number>();

  constructor(private readonly config: DedupConfig) {}

  bucketOf(profile: ItemProfile): number {
    return profile.day === null ? UNDATED : Math.floor(profile.day / this.config.bucketDays);
  }

  add(ordinal: number, profile: ItemProfile): void {
    const bucket = this.bucketOf(profile);
    this.buckets.add(bucket);
    for (const key of profile.keys) {
      const at = postingKey(key, bucket);
      const list = this.postings.get(at);
      if (list) list.push(ordinal);
      else this.postings.set(at, [ordinal]);
    }
  }

  remove(ordinal: number, profile: ItemProfile): void {
    const bucket = this.bucketOf(profile);
    for (const key of profile.keys) {
      const at = postingKey(key, bucket);
      const list = this.postings.get(at);
      if (!list) continue;
      const index = list.indexOf(ordinal);
      if (index >= 0) list.splice(index, 1);
      if (list.length === 0) this.postings.delete(at);
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
    const shared = new Map<number, number>();
    const max = this.config.maxPosting;
    for (let index = 0; index < profile.keys.length; index += 1) {
      const key = profile.keys[index] as number;
      if ((this.postings.get(postingKey(key, own))?.length ?? 0) > max) continue;
      const weight = profile.keyWeights[index] as number;
      for (const bucket of neighbourBuckets) {
        const list = this.postings.get(postingKey(key, bucket));
        if (!list || list.length > max) continue;
        for (const other of list) if (other !== ordinal) shared.set(other, (shared.get(other) ?? 0) + weight);
      }
    }
    const result: number[] = [];
    for (const [other, weight] of shared) if (weight >= this.config.minSharedKeys) result.push(other);
    return result.sort((a, b) => a - b);
  }
}
