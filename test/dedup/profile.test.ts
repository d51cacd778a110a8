import { beforeAll, describe, expect, it } from 'vitest';
import { loadNewsCorpus } from './load-fixtures.js';
import { defaultDedupConfig } from '../../src/dedup/config.js';
import type { DedupItem } from '../../src/dedup/dedup-item.js';
import { profileEntities, profileItem } from '../../src/dedup/fingerprint.js';
import { PairScorer } from '../../src/dedup/pair-score.js';
import { TermWeights } from '../../src/dedup/term-weights.js';
import { explainPair } from '../../src/dedup/update-events.js';

let items: Map<string, DedupItem>;
const byPrefix = (prefix: string): DedupItem => {
  for (const [file, item] of items) if (file.startsWith(`${prefix}_`)) return item;
  throw new Error(`no corpus file ${prefix}`);
};

beforeAll(async () => {
  items = await loadNewsCorpus();
}, 60_000);

describe('item profile', () => {
  it('keeps one sorted hash per entity, equal where two reports name the same thing', () => {
    // Two reports of the Biden-Putin summit agreed "in principle" (20 Feb 2022): both name 普京, and
    // both write transliterated names whose sounds meet.
    const a = byPrefix('239');
    const b = byPrefix('253');
    const profileA = profileItem(a, defaultDedupConfig);
    const profileB = profileItem(b, defaultDedupConfig);
    expect(profileA.entities.length).toBe(profileEntities(a, defaultDedupConfig).length);
    expect([...profileA.entities]).toEqual([...profileA.entities].sort((x, y) => x - y));
    const shared = profileA.entities.filter((hash) => profileB.entities.includes(hash));
    const explained = explainPair(a, b);
    expect(explained.features.sharedEntities).toContain('n:普京');
    expect(explained.features.sharedEntities.some((name) => name.startsWith('s:'))).toBe(true);
    // Each shared name is one shared hash: none lost, none met by chance.
    expect(shared.length).toBe(explained.features.sharedEntities.length);
    expect(explained.features.entities).toBeCloseTo(shared.length / Math.sqrt(profileA.entities.length * profileB.entities.length), 12);
  });

  it('knows a re-post under another id by its URL or GUID, and not by its text alone', () => {
    const item = { ...byPrefix('239'), guid: 'urn:feedfold-test:239' };
    const weights = new TermWeights();
    const scorer = new PairScorer(weights, defaultDedupConfig);
    const original = profileItem(item, defaultDedupConfig);
    weights.add(original.bodyTerms);
    const repost = (changes: Partial<DedupItem>) => profileItem({ ...item, id: `${item.id}-again`, contentHash: `${item.contentHash}-again`, ...changes }, defaultDedupConfig);
    expect(original.identity.length).toBe(3);
    expect(scorer.score(original, repost({ url: `${item.url}?utm_source=feed`, guid: null })).features.sameItem).toBe(true);
    expect(scorer.score(original, repost({ url: 'https://example.org/elsewhere' })).features.sameItem).toBe(true);
    expect(scorer.score(original, repost({ url: 'https://example.org/elsewhere', guid: null })).features.sameItem).toBe(false);
  });
});
