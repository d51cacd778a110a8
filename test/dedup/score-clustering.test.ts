import { describe, expect, it } from 'vitest';
import { scoreClustering } from '../../src/dedup/score-clustering.js';

describe('scoreClustering', () => {
  it('counts pairwise and B-cubed figures and lists wrong and missed merges', () => {
    // Gold: {a,b,c} {d}; predicted: {a,b} {c,d}.
    const gold = new Map([['a', 'g1'], ['b', 'g1'], ['c', 'g1'], ['d', 'g2']]);
    const predicted = new Map([['a', 'p1'], ['b', 'p1'], ['c', 'p2'], ['d', 'p2'], ['unlabelled', 'p2']]);
    const score = scoreClustering(predicted, gold);
    expect(score.items).toBe(4);
    expect(score.pairwise.precision).toBeCloseTo(1 / 2);
    expect(score.pairwise.recall).toBeCloseTo(1 / 3);
    expect(score.wrongMerges).toEqual([['c', 'd']]);
    expect(score.missedMerges).toEqual([['a', 'c'], ['b', 'c']]);
    // B-cubed precision: a 1, b 1, c 1/2, d 1/2 -> 0.75; recall: a 2/3, b 2/3, c 1/3, d 1 -> 2/3.
    expect(score.bcubed.precision).toBeCloseTo(0.75);
    expect(score.bcubed.recall).toBeCloseTo(2 / 3);
  });
});
