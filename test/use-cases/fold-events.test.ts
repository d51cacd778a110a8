import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../src/use-cases/ingest-paths.js';
import { openLowdbStore } from '../../src/store/lowdb-store.js';
import { DEDUP_STATE, refoldEvents } from '../../src/use-cases/fold-events.js';
import { DedupSession } from '../../src/dedup/dedup-session.js';
import { readArticleFile } from '../../src/sources/article-file.js';
import type { Item } from '../../src/item.js';
import type { Store } from '../../src/store/store.js';

const seeds = fileURLToPath(new URL('../../seeds/', import.meta.url));

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'feedfold-refold-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function folder(name: string, files: string[]): Promise<string> {
  const path = join(dir, name);
  await mkdir(path);
  for (const file of files) await copyFile(join(seeds, file), join(path, file));
  return path;
}

describe('folding a run into events', () => {
  it('adds a run to the events and keeps ids; an unchanged run does not touch them', async () => {
    const store = await openLowdbStore(join(dir, 'data'));
    const first = await folder('first', ['002_72ee53b23b60c233.txt', '000_481a4a5cf64b5119.txt']);
    const second = await folder('second', ['003_0594c77cbcb85587.txt']);
    expect((await ingestPaths(store, [first])).events).toBe(2);
    const before = await store.listEvents();
    const geneva = before.find((event) => event.items.some((member) => member.origin.startsWith('002')))!;

    expect((await ingestPaths(store, [second])).events).toBe(2);
    const after = await store.listEvents();
    const joined = after.find((event) => event.id === geneva.id)!;
    expect(joined.items.map((member) => member.origin.slice(0, 3)).sort()).toEqual(['002', '003']);
    expect(await store.loadState(DEDUP_STATE)).not.toBeNull();

    await ingestPaths(store, [first, second]);
    expect(await store.listEvents()).toEqual(after);
  });

  it('drops events past the retention period, counted from when their items were stored', async () => {
    const store = await openLowdbStore(join(dir, 'data'));
    const old = await folder('old', ['004_d748690ec3cdfd2e.txt']);
    const fresh = await folder('fresh', ['001_ce804001e456922b.txt']);
    await ingestPaths(store, [old], { now: new Date('2026-01-01T00:00:00Z'), retentionDays: 90 });
    // Ninety days later the first event is still kept…
    await ingestPaths(store, [fresh], { now: new Date('2026-03-31T00:00:00Z'), retentionDays: 90 });
    expect((await store.listEvents()).map((event) => event.items[0]!.origin.slice(0, 3)).sort()).toEqual(['001', '004']);
    // …and gone once it is older than that; the newer one stays.
    const summary = await ingestPaths(store, [fresh], { now: new Date('2026-04-02T00:00:00Z'), retentionDays: 90 });
    expect(summary.events).toBe(1);
    expect((await store.listItems()).map((item) => item.origin)).toEqual(['001_ce804001e456922b.txt']);
  });

  it('in a long-lived process, reads back only items it has not seen, and starts over after another process wrote', async () => {
    const store = await openLowdbStore(join(dir, 'data'));
    const session = new DedupSession();
    const seedItems = async (files: string[]) => Promise.all(files.map((file) => readArticleFile(join(seeds, file), file)));
    const run = async (target: Store, items: Item[], memory?: DedupSession) => {
      const result = await target.upsertItems(items);
      const changed = new Map(items.filter((item) => [...result.added, ...result.updated].includes(item.id)).map((item) => [item.id, item]));
      return refoldEvents(target, changed, [], memory);
    };
    // First cycle of a server: nothing in memory yet, nothing stored to read.
    expect((await run(store, await seedItems(['002_72ee53b23b60c233.txt', '000_481a4a5cf64b5119.txt']), session)).read).toBe(0);
    // Second cycle: the stored items are already in memory.
    const second = await run(store, await seedItems(['003_0594c77cbcb85587.txt']), session);
    expect(second).toEqual({ events: 2, skipped: false, read: 0 });
    // A cron run (its own process, no session) stores an item meanwhile…
    expect((await run(store, await seedItems(['001_ce804001e456922b.txt']))).read).toBe(3);
    const afterCron = await store.listEvents();
    // …so the server's next cycle cannot trust its memory: it reads every stored item again.
    const third = await run(store, await seedItems(['004_d748690ec3cdfd2e.txt']), session);
    expect(third.read).toBe(4);
    expect(third.events).toBe(4);
    const events = await store.listEvents();
    for (const event of afterCron) expect(events.map((now) => now.id)).toContain(event.id);
    // The same items folded by a fresh process give the same events.
    const fresh = await openLowdbStore(join(dir, 'fresh'));
    await run(fresh, await seedItems(['002_72ee53b23b60c233.txt', '000_481a4a5cf64b5119.txt', '003_0594c77cbcb85587.txt', '001_ce804001e456922b.txt', '004_d748690ec3cdfd2e.txt']));
    const grouping = (list: { items: { origin: string }[] }[]) => list.map((event) => event.items.map((member) => member.origin).sort().join(' ')).sort();
    expect(grouping(events)).toEqual(grouping(await fresh.listEvents()));
  });
});
