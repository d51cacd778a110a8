import { beforeAll, describe, expect, it } from 'vitest';
import { loadNewsCorpus } from './load-fixtures.js';
import { CandidateIndex, rankCandidates, type Candidate } from '../../src/dedup/candidate-index.js';
import { resolveDedupConfig } from '../../src/dedup/config.js';
import type { DedupItem } from '../../src/dedup/dedup-item.js';
import { profileItem } from '../../src/dedup/fingerprint.js';
import { updateEvents } from '../../src/dedup/update-events.js';
import type { Event } from '../../src/event.js';
import { loadFixtureItems } from './load-fixtures.js';

function grouping(events: readonly Event[]): string[] {
  return events.map((event) => event.items.map((member) => member.id).sort().join('+')).sort();
}

/** The same article under another identity, published `days` later (null: undated). */
function repost(item: DedupItem, suffix: string, days: number | null): DedupItem {
  const published = days === null || !item.published ? null : new Date(Date.parse(item.published) + days * 86_400_000).toISOString();
  return { ...item, id: `${item.id}-${suffix}`, url: `https://example.org/${suffix}`, guid: null, contentHash: `${item.contentHash}-${suffix}`, published };
}

describe('rankCandidates', () => {
  const candidates: Candidate[] = [
    { ordinal: 4, shared: 3 },
    { ordinal: 1, shared: 7.5 },
    { ordinal: 9, shared: 3 },
    { ordinal: 2, shared: 3 },
    { ordinal: 7, shared: 12 },
  ];
  const tie = (ordinal: number) => [0, 0, 50, 0, 20, 0, 0, 0, 0, 20][ordinal] as number;

  it('puts the most shared key weight first, then the lower tie key, then the lower ordinal', () => {
    expect(rankCandidates([...candidates], tie).map((candidate) => candidate.ordinal)).toEqual([7, 1, 4, 9, 2]);
  });

  it('gives the same order whatever order the candidates come in', () => {
    const expected = rankCandidates([...candidates], tie);
    for (let shift = 1; shift < candidates.length; shift += 1) {
      const rotated = [...candidates.slice(shift), ...candidates.slice(0, shift)];
      expect(rankCandidates(rotated, tie)).toEqual(expected);
      expect(rankCandidates([...rotated].reverse(), tie)).toEqual(expected);
    }
  });
});

describe('CandidateIndex on corpus items', () => {
  let corpus: DedupItem[];
  beforeAll(async () => {
    corpus = [...(await loadFixtureItems('corpus')).values()];
  });

  it('finds a pair from either side with the same shared weight, dated or undated', () => {
    const config = resolveDedupConfig({ undatedMaxBuckets: 2 });
    const items = [...corpus, ...corpus.slice(0, 6).map((item, at) => repost(item, `undated${at}`, null))];
    const profiles = items.map((item) => profileItem(item, config));
    const index = new CandidateIndex(config);
    profiles.forEach((profile, ordinal) => index.add(ordinal, profile));
    const found = profiles.map((profile, ordinal) => new Map(index.candidates(ordinal, profile).map((candidate) => [candidate.ordinal, candidate.shared])));
    let pairs = 0;
    found.forEach((candidates, ordinal) => {
      for (const [other, shared] of candidates) {
        expect(found[other]?.get(ordinal)).toBe(shared);
        pairs += 1;
      }
    });
    expect(pairs).toBeGreaterThan(items.length);
  });

  it('looks keys of an undated item up only in the buckets holding them, and skips keys spread over more than undatedMaxBuckets', () => {
    const [original] = corpus.filter((item) => item.published !== null && item.lead.length > 200);
    const items = [original as DedupItem, repost(original as DedupItem, 'later', 100), repost(original as DedupItem, 'undated', null)];
    const candidatesOfUndated = (undatedMaxBuckets: number) => {
      const config = resolveDedupConfig({ undatedMaxBuckets });
      const index = new CandidateIndex(config);
      const profiles = items.map((item) => profileItem(item, config));
      profiles.forEach((profile, ordinal) => index.add(ordinal, profile));
      return index.candidates(2, profiles[2] as ReturnType<typeof profileItem>).map((candidate) => candidate.ordinal).sort();
    };
    // The two dated copies are 100 days apart: every key they share with the undated copy is in two buckets.
    expect(candidatesOfUndated(2)).toEqual([0, 1]);
    expect(candidatesOfUndated(1)).toEqual([]);
  });
});

describe('updateEvents with a candidate cap, on the whole news-zh-2022 corpus', () => {
  let corpus: DedupItem[];
  beforeAll(async () => {
    const items = await loadNewsCorpus();
    corpus = [...items.values()];
  });

  it('gives the same events whatever order the items come in, even when few candidates per item are scored', () => {
    for (const maxCandidates of [3, 40]) {
      const config = resolveDedupConfig({ maxCandidates });
      const forward = grouping(updateEvents({ events: [], index: null }, corpus, config).events);
      const backward = grouping(updateEvents({ events: [], index: null }, [...corpus].reverse(), config).events);
      expect(backward).toEqual(forward);
      const odd = corpus.filter((_, at) => at % 2 === 1);
      const first = updateEvents({ events: [], index: null }, odd, config);
      expect(grouping(updateEvents(JSON.parse(JSON.stringify(first)), [...corpus].reverse(), config).events)).toEqual(forward);
    }
  }, 120_000);
});
