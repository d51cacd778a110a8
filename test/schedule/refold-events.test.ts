import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../src/commands/ingest.js';
import { openLowdbStore } from '../../src/store/lowdb-store.js';
import { DEDUP_STATE } from '../../src/schedule/refold-events.js';

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
});
