/**
 * The candidate index: an inverted index from profile keys (title terms,
 * entities, MinHash bands) to items, split into time buckets so a dated item
 * only meets items from nearby days. This is what keeps dedup sub-quadratic:
 * an item is scored against the few items sharing its rarer keys, never
 * against the whole store.
 *
 * A key whose posting in a bucket is longer than `maxPosting` is skipped in
 * both directions (by the pair's own buckets), so whether two items are
 * candidates does not depend on which of them came first.
 */
import type { DedupConfig } from './config.js';
import type { ItemProfile } from './fingerprint.js';

const UNDATED = -1;

function keyWeight(key: string): number {
  if (key.startsWith('m')) return 3;
  if (key.startsWith('e:')) return 1.5;
  if (key.startsWith('l:')) return 0.5;
  return 1;
}

export class CandidateIndex {
  private readonly postings = new Map<string, Map<number, number[]>>();
  private readonly buckets = new Set<number>();

  constructor(private readonly config: DedupConfig) {}

  bucketOf(profile: ItemProfile): number {
    return profile.day === null ? UNDATED : Math.floor(profile.day / this.config.bucketDays);
  }

  add(ordinal: number, profile: ItemProfile): void {
    const bucket = this.bucketOf(profile);
    this.buckets.add(bucket);
    for (const key of profile.keys) {
      let byBucket = this.postings.get(key);
      if (!byBucket) {
        byBucket = new Map();
        this.postings.set(key, byBucket);
      }
      const list = byBucket.get(bucket);
      if (list) list.push(ordinal);
      else byBucket.set(bucket, [ordinal]);
    }
  }

  remove(ordinal: number, profile: ItemProfile): void {
    const bucket = this.bucketOf(profile);
    for (const key of profile.keys) {
      const byBucket = this.postings.get(key);
      const list = byBucket?.get(bucket);
      if (!byBucket || !list) continue;
      const at = list.indexOf(ordinal);
      if (at >= 0) list.splice(at, 1);
      if (list.length === 0) byBucket.delete(bucket);
      if (byBucket.size === 0) this.postings.delete(key);
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
    for (const key of profile.keys) {
      const byBucket = this.postings.get(key);
      if (!byBucket) continue;
      if ((byBucket.get(own)?.length ?? 0) > this.config.maxPosting) continue;
      const weight = keyWeight(key);
      for (const bucket of neighbourBuckets) {
        const list = byBucket.get(bucket);
        if (!list || list.length > this.config.maxPosting) continue;
        for (const other of list) if (other !== ordinal) shared.set(other, (shared.get(other) ?? 0) + weight);
      }
    }
    const result: number[] = [];
    for (const [other, weight] of shared) if (weight >= this.config.minSharedKeys) result.push(other);
    return result.sort((a, b) => a - b);
  }
}
