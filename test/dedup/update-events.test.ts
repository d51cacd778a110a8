import { beforeAll, describe, expect, it } from 'vitest';
import { explainPair, updateEvents } from '../../src/dedup/update-events.js';
import { newEventId } from '../../src/dedup/event-ids.js';
import type { DedupItem } from '../../src/dedup/dedup-item.js';
import type { Event } from '../../src/event.js';
import { loadFixtureItems, loadNewsCorpus } from './load-fixtures.js';
import { syntheticStream } from '../../bench/synthetic-news.js';

/** Groups as sets of file names, order-free, for comparing runs. */
function grouping(events: readonly Event[], fileOf: Map<string, string>): string[] {
  return events.map((event) => event.items.map((member) => fileOf.get(member.id) ?? member.id).sort().join('+')).sort();
}

function eventIdsByFile(events: readonly Event[], fileOf: Map<string, string>): Map<string, string> {
  const ids = new Map<string, string>();
  for (const event of events) for (const member of event.items) ids.set(fileOf.get(member.id) ?? member.id, event.id);
  return ids;
}

describe('updateEvents on the seeds', () => {
  let seeds: Map<string, DedupItem>;
  let fileOf: Map<string, string>;
  beforeAll(async () => {
    seeds = await loadFixtureItems('seeds');
    fileOf = new Map([...seeds].map(([file, item]) => [item.id, file]));
  });

  it('makes exactly four events, with the two Geneva-talks reports (002, 003) together', () => {
    const { events } = updateEvents({ events: [], index: null }, [...seeds.values()]);
    expect(grouping(events, fileOf)).toEqual([
      '000_481a4a5cf64b5119.txt',
      '001_ce804001e456922b.txt',
      '002_72ee53b23b60c233.txt+003_0594c77cbcb85587.txt',
      '004_d748690ec3cdfd2e.txt',
    ]);
  });

  it('fills the event record: best headline, earliest publication, members in publication order', () => {
    const { events } = updateEvents({ events: [], index: null }, [...seeds.values()]);
    const geneva = events.find((event) => event.items.length === 2) as Event;
    expect(geneva.items.map((member) => fileOf.get(member.id))).toEqual(['003_0594c77cbcb85587.txt', '002_72ee53b23b60c233.txt']);
    expect(geneva.published).toBe(new Date(seeds.get('003_0594c77cbcb85587.txt')?.published as string).toISOString());
    expect(geneva.updated).toBe(new Date(seeds.get('002_72ee53b23b60c233.txt')?.published as string).toISOString());
    expect([seeds.get('002_72ee53b23b60c233.txt')?.title, seeds.get('003_0594c77cbcb85587.txt')?.title]).toContain(geneva.title);
    expect(geneva.aliases).toEqual([]);
  });

  it('changes no id when run again on the same items, from the saved index or from the events alone', () => {
    const first = updateEvents({ events: [], index: null }, [...seeds.values()]);
    const again = updateEvents(JSON.parse(JSON.stringify(first)), [...seeds.values()]);
    expect(again.events.map((event) => event.id).sort()).toEqual(first.events.map((event) => event.id).sort());
    const fromEvents = updateEvents({ events: first.events, index: null }, [...seeds.values()]);
    expect(fromEvents.events.map((event) => event.id).sort()).toEqual(first.events.map((event) => event.id).sort());
  });

  it('names a new event after its earliest member, by first-seen time when a publication date does not parse', () => {
    const earlier = seeds.get('003_0594c77cbcb85587.txt') as DedupItem;
    const undated = seeds.get('002_72ee53b23b60c233.txt') as DedupItem;
    const seenAt = (days: number) => new Date(Date.parse(earlier.published as string) + days * 86_400_000).toISOString();
    const genevaId = (firstSeen: string): string | undefined => {
      const items = [...seeds.values()].map((item) => (item === undated ? { ...item, published: 'Monday', firstSeen } : item));
      const { events } = updateEvents({ events: [], index: null }, items);
      const geneva = events.find((event) => event.items.some((member) => member.id === undated.id)) as Event;
      expect(geneva.items.map((member) => member.id).sort()).toEqual([earlier.id, undated.id].sort());
      return geneva.id;
    };
    expect(genevaId(seenAt(-1))).toBe(newEventId(undated.id));
    expect(genevaId(seenAt(1))).toBe(newEventId(earlier.id));
  });

  it('keeps the id of an event when a new report joins it', () => {
    const withoutOne = [...seeds].filter(([file]) => file !== '002_72ee53b23b60c233.txt').map(([, item]) => item);
    const first = updateEvents({ events: [], index: null }, withoutOne);
    const genevaId = eventIdsByFile(first.events, fileOf).get('003_0594c77cbcb85587.txt');
    const second = updateEvents(first, [...seeds.values()]);
    const ids = eventIdsByFile(second.events, fileOf);
    expect(ids.get('002_72ee53b23b60c233.txt')).toBe(genevaId);
    expect(ids.get('003_0594c77cbcb85587.txt')).toBe(genevaId);
  });

  it('drops an item that is gone and keeps its event alive under the same id', () => {
    const first = updateEvents({ events: [], index: null }, [...seeds.values()]);
    const genevaId = eventIdsByFile(first.events, fileOf).get('002_72ee53b23b60c233.txt');
    const remaining = [...seeds].filter(([file]) => file !== '003_0594c77cbcb85587.txt').map(([, item]) => item);
    const second = updateEvents(first, remaining);
    expect(second.events).toHaveLength(4);
    expect(eventIdsByFile(second.events, fileOf).get('002_72ee53b23b60c233.txt')).toBe(genevaId);
  });
});

describe('updateEvents on corpus items', () => {
  let corpus: Map<string, DedupItem>;
  let fileOf: Map<string, string>;
  beforeAll(async () => {
    corpus = await loadFixtureItems('corpus');
    fileOf = new Map([...corpus].map(([file, item]) => [item.id, file]));
  });

  it('folds the GNews audio re-post into its article, and keeps Geneva (10 Jan) apart from the NATO-Russia Council (12 Jan)', async () => {
    // Among all 277 corpus files, so that term weights are those of a real store rather than of fifteen files.
    const items = await loadNewsCorpus();
    const { events } = updateEvents({ events: [], index: null }, [...items.values()]);
    const ids = eventIdsByFile(events, new Map([...items].map(([file, item]) => [item.id, file])));
    expect(ids.get('063_5d4ca6ea0c76.txt')).toBe(ids.get('106_9b15a182f186.txt'));
    expect(ids.get('072_eb33646d2182.txt')).toBe(ids.get('088_0ce251e5c61c.txt'));
    expect(ids.get('248_972f7c428d41.txt')).not.toBe(ids.get('088_0ce251e5c61c.txt'));
    // Two Biden-Zelensky calls, 27 Jan and 13 Feb: two events.
    expect(ids.get('115_983d27afec07.txt')).not.toBe(ids.get('022_65ff5e99dc8e.txt'));
  });

  it('gives the same events whether the items come at once or in two halves, in either order, keeping the first half ids', () => {
    const all = [...corpus.values()];
    const once = grouping(updateEvents({ events: [], index: null }, all).events, fileOf);
    const halves = [all.filter((_, index) => index % 2 === 0), all.filter((_, index) => index % 2 === 1)];
    for (const [firstHalf, secondHalf] of [halves, [...halves].reverse()] as DedupItem[][][]) {
      const first = updateEvents({ events: [], index: null }, firstHalf as DedupItem[]);
      const second = updateEvents(JSON.parse(JSON.stringify(first)), all);
      expect(grouping(second.events, fileOf)).toEqual(once);
      const after = eventIdsByFile(second.events, fileOf);
      for (const event of first.events) {
        // A first-half event lives on under its id, or as an alias of an older event it was folded into,
        // and that event still holds some of its first-half members. A member may leave for another
        // event when the second half brings better evidence (corpus 089, Taipei's reaction, leaves two
        // reports of the resolution it reacts to): the id stays with the rest.
        const holders = second.events.filter((now) => now.id === event.id || now.aliases.includes(event.id));
        expect(holders, event.id).toHaveLength(1);
        const holder = holders[0];
        expect(event.items.some((member) => after.get(fileOf.get(member.id) ?? '') === holder?.id)).toBe(true);
      }
      expect(second.events.length).toBeGreaterThan(0);
    }
  });

  it('explains a pair with its features and decision', () => {
    const corpusItems = [...corpus.values()];
    const copy = explainPair(corpus.get('063_5d4ca6ea0c76.txt') as DedupItem, corpus.get('106_9b15a182f186.txt') as DedupItem, undefined, corpusItems);
    expect(copy.decision).toBe('near-duplicate');
    expect(copy.features.copy).toBeGreaterThan(0.6);
    const apart = explainPair(corpus.get('088_0ce251e5c61c.txt') as DedupItem, corpus.get('248_972f7c428d41.txt') as DedupItem, undefined, corpusItems);
    expect(apart.decision).toBe('different');
    expect(apart.score).toBeLessThan(apart.linkThreshold);
  });
});

describe('updateEvents on the whole news-zh-2022 corpus (test/fixtures/corpus)', () => {
  it('ends with the same events after two halves (even/odd files, then all) as after one run, and keeps every first-half id', async () => {
    const items = await loadNewsCorpus();
    const all = [...items.values()];
    const fileOf = new Map([...items].map(([file, item]) => [item.id, file]));
    const once = grouping(updateEvents({ events: [], index: null }, all).events, fileOf);
    const first = updateEvents({ events: [], index: null }, all.filter((_, index) => index % 2 === 0));
    const second = updateEvents(JSON.parse(JSON.stringify(first)), all);
    expect(grouping(second.events, fileOf)).toEqual(once);
    const live = new Set(second.events.flatMap((event) => [event.id, ...event.aliases]));
    for (const event of first.events) expect(live.has(event.id)).toBe(true);
    const again = updateEvents(JSON.parse(JSON.stringify(second)), all);
    expect(again.events.map((event) => event.id).sort()).toEqual(second.events.map((event) => event.id).sort());
  }, 180_000);
});

describe('updateEvents on a two-year synthetic stream (bench/synthetic-news.ts)', () => {
  it('ends where one run over everything ends after the first half, every other item, or all but the last hundred', async () => {
    // The corpus spans three months, so every run touches nearly every time bucket; this stream spans two
    // years with undated reports and same-topic follow-ups, where a run's regrouping has to reach far enough.
    const corpus = await loadNewsCorpus();
    const { items } = syntheticStream([...corpus.values()], 3000, 3);
    const ids = (events: readonly Event[]) => events.map((event) => event.items.map((member) => member.id).sort().join(' ')).sort();
    const once = ids(updateEvents({ events: [], index: null }, items).events);
    for (const first of [items.slice(0, 1500), items.filter((_, index) => index % 2 === 0), items.slice(0, 2900)]) {
      const before = updateEvents({ events: [], index: null }, first);
      expect(ids(updateEvents(JSON.parse(JSON.stringify(before)), items).events)).toEqual(once);
    }
  }, 120_000);
});
