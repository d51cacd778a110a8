/**
 * Inverse document frequency over the items dedup currently holds, so that
 * shared rare terms (`拉夫罗夫`, `立场新闻`) weigh more than shared topic words
 * (`乌克兰`, `美国`). Counts are kept per term hash and updated as items come
 * and go; nothing else is stored.
 */
import type { TermVector } from './fingerprint.js';

export class TermWeights {
  private readonly documentFrequency = new Map<number, number>();
  private documents = 0;

  add(vector: TermVector): void {
    this.documents += 1;
    for (const term of vector.terms) this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
  }

  remove(vector: TermVector): void {
    this.documents -= 1;
    for (const term of vector.terms) {
      const count = (this.documentFrequency.get(term) ?? 0) - 1;
      if (count <= 0) this.documentFrequency.delete(term);
      else this.documentFrequency.set(term, count);
    }
  }

  /** Smoothed: a term in every document still weighs a little, an unseen one weighs most. */
  idf(term: number): number {
    const frequency = this.documentFrequency.get(term) ?? 0;
    return Math.log(1 + (this.documents + 1) / (frequency + 1));
  }

  get size(): number {
    return this.documents;
  }
}

/** A term vector with the idf of each term looked up once, and its TF-IDF norm. */
export interface WeightedVector {
  vector: TermVector;
  idf: Float32Array;
  /** TF-IDF weight of each term. */
  weight: Float32Array;
  norm: number;
}

function termWeight(count: number, idf: number): number {
  return (1 + Math.log(count)) * idf;
}

export function weighVector(vector: TermVector, weights: TermWeights): WeightedVector {
  const idf = new Float32Array(vector.terms.length);
  const weight = new Float32Array(vector.terms.length);
  let sum = 0;
  for (let index = 0; index < vector.terms.length; index += 1) {
    const value = weights.idf(vector.terms[index] ?? 0);
    idf[index] = value;
    const termWeightValue = termWeight(vector.counts[index] ?? 1, value);
    weight[index] = termWeightValue;
    sum += termWeightValue * termWeightValue;
  }
  return { vector, idf, weight, norm: Math.sqrt(sum) };
}

/** TF-IDF cosine of two sorted term vectors (a merge, no allocation). */
export function cosine(a: WeightedVector, b: WeightedVector): number {
  if (a.norm === 0 || b.norm === 0) return 0;
  const termsA = a.vector.terms;
  const termsB = b.vector.terms;
  let i = 0;
  let j = 0;
  let dot = 0;
  while (i < termsA.length && j < termsB.length) {
    const termA = termsA[i] as number;
    const termB = termsB[j] as number;
    if (termA === termB) {
      // Both sides use their own idf snapshot; within one scorer they are the same.
      dot += (a.weight[i] as number) * (b.weight[j] as number);
      i += 1;
      j += 1;
    } else if (termA < termB) {
      i += 1;
    } else {
      j += 1;
    }
  }
  return Math.min(1, dot / (a.norm * b.norm));
}

/**
 * Share of `part`'s weight (idf-weighted, each term once) found in `whole`:
 * how much of one headline another report's text covers.
 */
export function containment(part: WeightedVector, whole: WeightedVector): number {
  let total = 0;
  let found = 0;
  let j = 0;
  const wholeTerms = whole.vector.terms;
  for (let i = 0; i < part.vector.terms.length; i += 1) {
    const term = part.vector.terms[i] as number;
    const idf = part.idf[i] as number;
    total += idf;
    while (j < wholeTerms.length && (wholeTerms[j] as number) < term) j += 1;
    if (j < wholeTerms.length && wholeTerms[j] === term) found += idf;
  }
  return total === 0 ? 0 : found / total;
}

/** Summed idf of the terms both vectors hold: the amount of specific vocabulary shared, whatever the lengths. */
export function sharedWeight(a: WeightedVector, b: WeightedVector, minIdf: number): number {
  const termsA = a.vector.terms;
  const termsB = b.vector.terms;
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < termsA.length && j < termsB.length) {
    const termA = termsA[i] as number;
    const termB = termsB[j] as number;
    if (termA === termB) {
      const idf = a.idf[i] as number;
      if (idf >= minIdf) sum += idf;
      i += 1;
      j += 1;
    } else if (termA < termB) i += 1;
    else j += 1;
  }
  return sum;
}
