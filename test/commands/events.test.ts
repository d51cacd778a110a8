import { describe, expect, it } from 'vitest';
import { eventListLines, eventsForJson } from '../../src/commands/events.js';
import { dedupItemOf } from '../../src/dedup/dedup-item-of.js';
import { updateEvents } from '../../src/dedup/update-events.js';
import { readSeedItems } from '../publish/seed-events.js';

describe('feedfold events (readable list)', () => {
  it("gives each event its earliest report's day, as that report's line gives it", async () => {
    const items = [...(await readSeedItems()).values()];
    const { events } = updateEvents({ events: [], index: null }, items.map((item) => dedupItemOf(item, { firstSeen: '2026-11-23T00:00:00Z' })));
    const lines = eventListLines(eventsForJson(events));
    // Seed 000 (Epoch Times) is dated 2 Feb 2022 at midnight in Taipei, which is 1 Feb in UTC.
    const blinken = lines.findIndex((line) => line.includes('布林肯与俄外长通话'));
    expect(lines[blinken]).toMatch(/^2022-02-02  ev-/);
    expect(lines[blinken + 1]).toMatch(/^ {4}2022-02-02  大纪元/);
    expect(eventsForJson(events).find((event) => event.title.includes('布林肯与俄外长通话'))?.published).toBe('2022-02-01T16:00:00.000Z');
    // The Geneva talks: one event, two reports, each on its own line.
    const geneva = lines.findIndex((line) => line.includes('(2)'));
    expect(lines.slice(geneva, geneva + 3)).toEqual([
      expect.stringMatching(/^2022-01-11  ev-\S+  美俄会谈在日内瓦落幕/),
      expect.stringMatching(/^ {4}2022-01-11  Al Jazeera/),
      expect.stringMatching(/^ {4}2022-01-12  VOA/),
    ]);
    expect(lines.at(-1)).toBe('4 events');
  });
});
