import { describe, expect, it } from 'vitest';
import { assignEventIds, newEventId, type IdRegistry } from '../../src/dedup/event-ids.js';

function registry(entries: [string, number][]): IdRegistry {
  return { records: new Map(entries.map(([id, created]) => [id, { created, aliases: [] }])), absorbed: new Set(), next: 10 };
}

describe('assignEventIds', () => {
  it('keeps the older id when two events merge and records the younger as an alias', () => {
    const ids = registry([['ev-old', 1], ['ev-young', 5]]);
    const result = assignEventIds([{ members: ['a', 'b', 'c'], founder: 'a' }], new Map([['a', 'ev-young'], ['b', 'ev-young'], ['c', 'ev-old']]), ids);
    expect(result).toEqual(['ev-old']);
    expect(ids.records.get('ev-old')?.aliases).toEqual(['ev-young']);
    expect(ids.records.has('ev-young')).toBe(false);
  });

  it('leaves the id with the larger part when an event splits, and names the other part after its founder', () => {
    const ids = registry([['ev-x', 1]]);
    const result = assignEventIds(
      [
        { members: ['a'], founder: 'a' },
        { members: ['b', 'c'], founder: 'b' },
      ],
      new Map([['a', 'ev-x'], ['b', 'ev-x'], ['c', 'ev-x']]),
      ids,
    );
    expect(result).toEqual([newEventId('a'), 'ev-x']);
  });

  it('never hands out an absorbed id again', () => {
    const ids = registry([]);
    ids.absorbed.add(newEventId('a'));
    const [id] = assignEventIds([{ members: ['a'], founder: 'a' }], new Map(), ids);
    expect(id).toBe(`${newEventId('a')}-2`);
  });
});
