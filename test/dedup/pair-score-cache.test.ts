import { describe, expect, it } from 'vitest';
import { PairScoreCache } from '../../src/dedup/pair-score-cache.js';

describe('PairScoreCache', () => {
  it('keeps one score per unordered pair, through growth, until cleared', () => {
    const cache = new PairScoreCache();
    for (let a = 0; a < 300; a += 1) for (let b = a + 1; b < a + 40; b += 1) cache.set(a, b, a - b / 1000);
    expect(cache.size).toBe(300 * 39);
    expect(cache.get(7, 20)).toBe(7 - 20 / 1000);
    expect(cache.get(20, 7)).toBe(7 - 20 / 1000);
    expect(cache.get(7, 200)).toBeUndefined();
    // Ordinals near the top of the exact range and a score of zero.
    cache.set(2 ** 26 - 1, 2 ** 26 - 2, 0);
    expect(cache.get(2 ** 26 - 2, 2 ** 26 - 1)).toBe(0);
    cache.set(20, 7, -1.5);
    expect(cache.get(7, 20)).toBe(-1.5);
    cache.clear();
    expect(cache.size).toBe(0);
    expect(cache.get(7, 20)).toBeUndefined();
  });
});
