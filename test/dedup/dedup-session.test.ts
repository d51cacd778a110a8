import { beforeAll, describe, expect, it } from 'vitest';
import { loadNewsCorpus } from './load-fixtures.js';
import type { DedupItem } from '../../src/dedup/dedup-item.js';
import { DedupSession } from '../../src/dedup/dedup-session.js';
import { updateEvents } from '../../src/dedup/update-events.js';


let all: DedupItem[];
beforeAll(async () => {
  all = [...(await loadNewsCorpus()).values()];
}, 60_000);

/** What a later run reads back from the store: the saved record after a JSON round trip. */
const stored = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('DedupSession', () => {
  it('folds a second run from memory into the same events and state as a run that re-reads every item', () => {
    const firstHalf = all.filter((_, index) => index % 2 === 0);
    const secondHalf = all.filter((_, index) => index % 2 === 1);
    const session = new DedupSession();
    const first = session.rebuild({ events: [], index: null }, firstHalf);
    expect(session.follows(stored(first.index))).toBe(true);

    const fromMemory = session.update(secondHalf, []);
    const fromStore = updateEvents(stored(first), all);
    expect(fromMemory.events).toEqual(fromStore.events);
    expect(fromMemory.index).toEqual(fromStore.index);
  });

  it('removes items that are gone as a full run would', () => {
    const session = new DedupSession();
    const first = session.rebuild({ events: [], index: null }, all);
    const gone = all.filter((_, index) => index % 5 === 0).map((item) => item.id);
    const fromMemory = session.update([], gone);
    const rest = all.filter((item) => !gone.includes(item.id));
    const fromStore = updateEvents(stored(first), rest);
    expect(fromMemory.events).toEqual(fromStore.events);
    // Removals change term weights too, so both regroup as widely as clustering the rest at once.
    const grouping = (events: { items: { id: string }[] }[]) => events.map((event) => event.items.map((member) => member.id).sort().join(' ')).sort();
    expect(grouping(fromStore.events)).toEqual(grouping(updateEvents({ events: [], index: null }, rest).events));
  });

  it('folds edited items from memory as a run that re-reads every item does', () => {
    const session = new DedupSession();
    const first = session.rebuild({ events: [], index: null }, all);
    // A correction in every twentieth item: another headline for some, a longer lead for others.
    const edited = all.filter((_, index) => index % 20 === 0).map((item, index) =>
      index % 2 === 0 ? { ...item, title: `${item.title}（更新）` } : { ...item, lead: `${item.lead}\n另据报道，有关方面尚未回应置评请求。` },
    );
    const byId = new Map(edited.map((item) => [item.id, item]));
    const fromMemory = session.update(edited, []);
    const fromStore = updateEvents(stored(first), all.map((item) => byId.get(item.id) ?? item));
    expect(fromMemory.events).toEqual(fromStore.events);
    expect(fromMemory.index).toEqual(fromStore.index);
  });

  it('does not trust its memory after a fold that failed half-way', () => {
    const session = new DedupSession();
    const first = session.rebuild({ events: [], index: null }, all.slice(0, 40));
    const broken = { ...(all[50] as DedupItem), title: undefined as unknown as string };
    expect(() => session.update([broken], [])).toThrow();
    expect(session.follows(stored(first.index))).toBe(false);
  });

  it('does not go on from memory when the stored state is not the one it handed out', () => {
    const session = new DedupSession();
    expect(session.follows(null)).toBe(false);
    const first = session.rebuild({ events: [], index: null }, all.slice(0, 40));
    // Another process ran in between and stored its own state.
    const other = updateEvents(stored(first), all.slice(0, 60));
    expect(session.follows(stored(other.index))).toBe(false);
    expect(session.follows(stored(first.index))).toBe(true);
    session.reset();
    expect(session.follows(stored(first.index))).toBe(false);
  });
});
