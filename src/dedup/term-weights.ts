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

function termWeight(count: number, idf: number): number {
  return (1 + Math.log(count)) * idf;
}

export function vectorNorm(vector: TermVector, weights: TermWeights): number {
  let sum = 0;
  for (let index = 0; index < vector.terms.length; index += 1) {
    const weight = termWeight(vector.counts[index] ?? 1, weights.idf(vector.terms[index] ?? 0));
    sum += weight * weight;
  }
  return Math.sqrt(sum);
}

/** TF-IDF cosine of two sorted term vectors (a merge, no allocation). */
export function cosine(a: TermVector, b: TermVector, weights: TermWeights, normA = vectorNorm(a, weights), normB = vectorNorm(b, weights)): number {
  if (normA === 0 || normB === 0) return 0;
  let i = 0;
  let j = 0;
  let dot = 0;
  while (i < a.terms.length && j < b.terms.length) {
    const termA = a.terms[i] ?? 0;
    const termB = b.terms[j] ?? 0;
    if (termA === termB) {
      const idf = weights.idf(termA);
      dot += termWeight(a.counts[i] ?? 1, idf) * termWeight(b.counts[j] ?? 1, idf);
      i += 1;
      j += 1;
    } else if (termA < termB) {
      i += 1;
    } else {
      j += 1;
    }
  }
  return Math.min(1, dot / (normA * normB));
}

/**
 * Share of `part`'s weight (idf-weighted, each term once) found in `whole`:
 * how much of one headline another report's text covers.
 */
export function containment(part: TermVector, whole: TermVector, weights: TermWeights): number {
  let total = 0;
  let found = 0;
  let j = 0;
  for (let i = 0; i < part.terms.length; i += 1) {
    const term = part.terms[i] ?? 0;
    const idf = weights.idf(term);
    total += idf;
    while (j < whole.terms.length && (whole.terms[j] ?? 0) < term) j += 1;
    if (j < whole.terms.length && whole.terms[j] === term) found += idf;
  }
  return total === 0 ? 0 : found / total;
}

/** Summed idf of the terms both vectors hold: the amount of specific vocabulary shared, whatever the lengths. */
export function sharedWeight(a: TermVector, b: TermVector, weights: TermWeights, minIdf: number): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < a.terms.length && j < b.terms.length) {
    const termA = a.terms[i] ?? 0;
    const termB = b.terms[j] ?? 0;
    if (termA === termB) {
      const idf = weights.idf(termA);
      if (idf >= minIdf) sum += idf;
      i += 1;
      j += 1;
    } else if (termA < termB) i += 1;
    else j += 1;
  }
  return sum;
}
