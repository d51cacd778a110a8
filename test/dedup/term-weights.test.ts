import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TermWeights } from '../../src/dedup/term-weights.js';
import type { TermVector } from '../../src/dedup/fingerprint.js';
import { crowdedKey } from './crowded-keys.js';

function vectorOf(terms: Iterable<number>): TermVector {
  const sorted = Uint32Array.from(new Set(terms)).sort();
  return { terms: sorted, counts: new Uint16Array(sorted.length).fill(1), weighted: null, weighing: 0 };
}

describe('TermWeights', () => {
  it('weighs a term seen in fewer documents more, and an unseen one most', () => {
    const weights = new TermWeights();
    weights.add(vectorOf([1, 2]));
    weights.add(vectorOf([1]));
    expect(weights.size).toBe(2);
    expect(weights.idf(2)).toBeGreaterThan(weights.idf(1));
    expect(weights.idf(3)).toBeGreaterThan(weights.idf(2));
    weights.remove(vectorOf([1, 2]));
    expect(weights.size).toBe(1);
    expect(weights.idf(2)).toBe(weights.idf(3));
  });

  it('after documents come and go, weighs every term by the documents that still hold it', () => {
    // Term hashes crowded into few homes, so removals shift probe runs and vacated slots are probed again;
    // up to 4800 terms, so the table doubles (at 2048) on the way.
    const term = fc.tuple(fc.integer({ min: 0, max: 15 }), fc.integer({ min: 0, max: 400 })).map(([group, low]) => crowdedKey(group, low) >>> 0);
    const documents = fc.array(fc.array(term, { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 400, size: 'max' });
    fc.assert(
      fc.property(documents, fc.array(fc.boolean(), { minLength: 400, maxLength: 400 }), (texts, kept) => {
        const weights = new TermWeights();
        const vectors = texts.map((terms) => vectorOf(terms));
        for (const vector of vectors) weights.add(vector);
        const frequency = new Map<number, number>();
        let remaining = 0;
        vectors.forEach((vector, at) => {
          if (!kept[at]) {
            weights.remove(vector);
            return;
          }
          remaining += 1;
          for (const value of vector.terms) frequency.set(value, (frequency.get(value) ?? 0) + 1);
        });
        expect(weights.size).toBe(remaining);
        for (const text of texts) for (const value of text) expect(weights.idf(value >>> 0)).toBe(idfWithOneTerm(remaining, frequency.get(value >>> 0) ?? 0));
      }),
      // A failure is reported as found: shrinking a 4800-term counterexample would take many minutes.
      { numRuns: 40, endOnFailure: true },
    );
  });
});

/** The idf of a term held by `frequency` of `documents` documents, from a table that only ever holds that one term. */
function idfWithOneTerm(documents: number, frequency: number): number {
  const weights = new TermWeights();
  for (let at = 0; at < documents; at += 1) weights.add(vectorOf(at < frequency ? [7] : []));
  return weights.idf(7);
}
