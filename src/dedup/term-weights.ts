/**
 * Inverse document frequency over the items dedup currently holds, so that
 * shared rare terms (`拉夫罗夫`, `立场新闻`) weigh more than shared topic words
 * (`乌克兰`, `美国`). Counts are kept per term hash and updated as items come
 * and go; nothing else is stored.
 */
import type { TermVector } from './fingerprint.js';
import { OpenAddressing, placeColumn } from './open-addressing.js';

const INITIAL_CAPACITY = 1 << 12;
const MAX_LOAD = 0.5;
const HELD = 1;
const IDF_TABLE_SIZE = 256;

function idfOf(documents: number, frequency: number): number {
  return Math.log(1 + (documents + 1) / (frequency + 1));
}

/**
 * Document frequencies in an open-addressing table (open-addressing.ts): a
 * Map of millions of term hashes was the largest structure at 100k items and
 * its lookups dominated weighing.
 */
export class TermWeights extends OpenAddressing {
  /** Documents holding the term of each slot (stale in an empty slot). */
  private counts = new Uint32Array(INITIAL_CAPACITY);
  private documents = 0;
  /** idf of the low document frequencies for the current document count: most terms are rare, and weighing calls idf for every term. */
  private readonly idfTable = new Float64Array(IDF_TABLE_SIZE);
  private idfTableDocuments = -1;

  constructor() {
    super(INITIAL_CAPACITY, MAX_LOAD);
  }

  add(vector: TermVector): void {
    this.documents += 1;
    for (const term of vector.terms) {
      this.makeRoom();
      const slot = this.find(term);
      if (this.tags[slot] === 0) {
        this.claim(slot, term, HELD);
        this.counts[slot] = 1;
      } else {
        this.counts[slot] = (this.counts[slot] as number) + 1;
      }
    }
  }

  remove(vector: TermVector): void {
    this.documents -= 1;
    for (const term of vector.terms) {
      const slot = this.find(term);
      if (this.tags[slot] === 0) continue;
      const count = this.counts[slot] as number;
      if (count > 1) this.counts[slot] = count - 1;
      else this.vacate(slot);
    }
  }

  /** Smoothed: a term in every document still weighs a little, an unseen one weighs most. */
  idf(term: number): number {
    const slot = this.find(term);
    const frequency = this.tags[slot] === 0 ? 0 : (this.counts[slot] as number);
    if (frequency >= IDF_TABLE_SIZE) return idfOf(this.documents, frequency);
    if (this.idfTableDocuments !== this.documents) {
      for (let count = 0; count < IDF_TABLE_SIZE; count += 1) this.idfTable[count] = idfOf(this.documents, count);
      this.idfTableDocuments = this.documents;
    }
    return this.idfTable[frequency] as number;
  }

  get size(): number {
    return this.documents;
  }

  protected moveValue(from: number, to: number): void {
    this.counts[to] = this.counts[from] as number;
  }

  protected rehashValues(placed: Int32Array, capacity: number): void {
    this.counts = placeColumn(this.counts, placed, capacity);
  }
}

/**
 * A term vector with the TF-IDF weight of each term looked up once, and its
 * norm. The idf is not kept beside it (`idfAt` divides it back out): at 100k
 * items a second array per vector was a tenth of the heap.
 */
export interface WeightedVector {
  vector: TermVector;
  /** TF-IDF weight of each term. */
  weight: Float32Array;
  norm: number;
}

/** 1 + log(count) for the term counts a lead actually has. */
const LOG_COUNT = Float64Array.from({ length: 64 }, (_, count) => 1 + Math.log(count));

function termWeight(count: number, idf: number): number {
  return (count < LOG_COUNT.length ? (LOG_COUNT[count] as number) : 1 + Math.log(count)) * idf;
}

export function weighVector(vector: TermVector, weights: TermWeights): WeightedVector {
  const weight = new Float32Array(vector.terms.length);
  let sum = 0;
  for (let index = 0; index < vector.terms.length; index += 1) {
    const termWeightValue = termWeight(vector.counts[index] ?? 1, weights.idf(vector.terms[index] ?? 0));
    weight[index] = termWeightValue;
    sum += termWeightValue * termWeightValue;
  }
  return { vector, weight, norm: Math.sqrt(sum) };
}

/** The idf of term `index` of a weighted vector (its weight over its count factor). */
function idfAt(weighted: WeightedVector, index: number): number {
  const count = weighted.vector.counts[index] ?? 1;
  return (weighted.weight[index] as number) / (count < LOG_COUNT.length ? (LOG_COUNT[count] as number) : 1 + Math.log(count));
}

/**
 * Share of `part`'s weight (idf-weighted, each term once) found in `whole`:
 * how much of one headline another report's text covers. A headline has a
 * few dozen terms and a lead hundreds, so each term is found by galloping
 * search rather than by walking the lead term by term.
 */
export function containment(part: WeightedVector, whole: WeightedVector): number {
  let total = 0;
  let found = 0;
  let j = 0;
  const wholeTerms = whole.vector.terms;
  const length = wholeTerms.length;
  for (let i = 0; i < part.vector.terms.length; i += 1) {
    const term = part.vector.terms[i] as number;
    const idf = idfAt(part, i);
    total += idf;
    j = lowerBound(wholeTerms, term, j, length);
    if (j < length && wholeTerms[j] === term) found += idf;
  }
  return total === 0 ? 0 : found / total;
}

/** First index at or after `from` whose term is not below `term` (exponential, then binary search). */
function lowerBound(terms: Uint32Array, term: number, from: number, length: number): number {
  if (from >= length || (terms[from] as number) >= term) return from;
  let low = from;
  let step = 1;
  let high = from + step;
  while (high < length && (terms[high] as number) < term) {
    low = high;
    step *= 2;
    high = from + step;
  }
  if (high > length) high = length;
  // terms[low] < term, and terms[high] >= term or high === length.
  while (high - low > 1) {
    const middle = (low + high) >>> 1;
    if ((terms[middle] as number) < term) low = middle;
    else high = middle;
  }
  return high;
}

/** What two weighted vectors share, from one merge of their sorted terms. */
export interface Overlap {
  /** TF-IDF cosine. */
  cosine: number;
  /** Summed idf of the shared terms whose idf is at least `minIdf`: the amount of specific vocabulary shared, whatever the lengths. */
  shared: number;
  /** idf of the rarest shared term (0 when none): two headlines naming the same rare thing (`索罗斯`, `立场新闻`) say more than their cosine. */
  rarest: number;
}

/** @param minIdf idf from which a shared term counts towards `shared` (Infinity: none) */
export function overlap(a: WeightedVector, b: WeightedVector, minIdf = Number.POSITIVE_INFINITY): Overlap {
  const termsA = a.vector.terms;
  const termsB = b.vector.terms;
  let i = 0;
  let j = 0;
  let dot = 0;
  let shared = 0;
  let rarest = 0;
  while (i < termsA.length && j < termsB.length) {
    const termA = termsA[i] as number;
    const termB = termsB[j] as number;
    if (termA === termB) {
      dot += (a.weight[i] as number) * (b.weight[j] as number);
      const idfA = idfAt(a, i);
      if (idfA >= minIdf) shared += idfA;
      // In a stream the two vectors may come from different weighings; the larger keeps `rarest` symmetric.
      const idf = Math.max(idfA, idfAt(b, j));
      if (idf > rarest) rarest = idf;
      i += 1;
      j += 1;
    } else if (termA < termB) i += 1;
    else j += 1;
  }
  const cosine = a.norm === 0 || b.norm === 0 ? 0 : Math.min(1, dot / (a.norm * b.norm));
  return { cosine, shared, rarest };
}
