/**
 * Events over the five seed articles for the publish tests, built two ways:
 * - `goldSeedEvents`: grouped by the hand-made labels in
 *   test/fixtures/publish/seed-events.json, so renderer tests do not depend
 *   on what the dedup stage decides;
 * - `foldStoreEvents`: the real dedup stage (`updateEvents`) over a store's
 *   items, as the ingest/refresh pipeline does it.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Event } from '../../src/event.js';
import type { Item } from '../../src/item.js';
import type { Store } from '../../src/store/store.js';
import { readArticleFile } from '../../src/sources/article-file.js';
import { updateEvents, type DedupIndexState } from '../../src/dedup/update-events.js';
import { dedupItemOf } from '../../src/dedup/dedup-item-of.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SEEDS_DIR = join(ROOT, 'test/fixtures/articles');
export const SEED_FILES = [
  '000_481a4a5cf64b5119.txt',
  '001_ce804001e456922b.txt',
  '002_72ee53b23b60c233.txt',
  '003_0594c77cbcb85587.txt',
  '004_d748690ec3cdfd2e.txt',
];

/** Seed file name → item, read by the real article reader. */
export async function readSeedItems(): Promise<Map<string, Item>> {
  const items = new Map<string, Item>();
  for (const file of SEED_FILES) items.set(file, await readArticleFile(join(SEEDS_DIR, file), file));
  return items;
}

export async function goldSeedEvents(): Promise<{ events: Event[]; items: Map<string, Item> }> {
  const labels = JSON.parse(await readFile(join(ROOT, 'test/fixtures/publish/seed-events.json'), 'utf8')) as { events: Record<string, string> };
  const byFile = await readSeedItems();
  const groups = new Map<string, Item[]>();
  for (const [file, item] of byFile) {
    const label = labels.events[file];
    if (!label) throw new Error(`seed-events.json has no label for ${file}`);
    groups.set(label, [...(groups.get(label) ?? []), item]);
  }
  const events = [...groups].map(([label, members]) => eventOf(label, members));
  return { events, items: new Map([...byFile.values()].map((item) => [item.id, item])) };
}

/** An event as dedup would shape it: members by publication, the earliest member's headline. */
export function eventOf(id: string, members: readonly Item[]): Event {
  const sorted = [...members].sort((a, b) => Date.parse(a.published ?? '') - Date.parse(b.published ?? ''));
  const times = sorted.map((item) => new Date(item.published ?? 0).toISOString());
  return {
    id,
    aliases: [],
    title: sorted[0]!.title,
    published: times[0]!,
    updated: times.at(-1)!,
    items: sorted.map((item) => ({ id: item.id, origin: item.origin, url: item.url, outlet: item.outlet, title: item.title, published: item.published })),
  };
}

const INDEX_STATE = 'test-dedup-index';

/** Folds every stored item into the stored events with the dedup stage, keeping its index between calls. */
export async function foldStoreEvents(store: Store): Promise<Event[]> {
  const summaries = await store.listItems();
  const full = new Map((await store.getItems(summaries.map((summary) => summary.id))).map((item) => [item.id, item]));
  const dedupItems = summaries.map((summary) => dedupItemOf(full.get(summary.id) ?? summary, { firstSeen: summary.firstSeen }));
  const result = updateEvents({ events: await store.listEvents(), index: await store.loadState<DedupIndexState>(INDEX_STATE) }, dedupItems);
  await store.saveEvents(result.events);
  await store.saveState(INDEX_STATE, result.index);
  return result.events;
}
