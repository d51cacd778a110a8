/**
 * Reads the stored events and the member items they need, and builds the
 * entries: the one place publishing touches the Store (through its interface),
 * shared by `feedfold publish`, the refresh cycle and the server. Everything
 * after this is pure.
 */
import type { Item } from '../item.js';
import type { Store } from '../store/store.js';
import { buildFeedEntries, type FeedEntry } from './feed-entry.js';

export interface LoadedEntries {
  entries: FeedEntry[];
  /** Stored items, for status pages. */
  itemCount: number;
  eventCount: number;
}

export async function loadFeedEntries(store: Store, baseUrl: string): Promise<LoadedEntries> {
  const [events, summaries] = await Promise.all([store.listEvents(), store.listItems()]);
  const memberIds = [...new Set(events.flatMap((event) => event.items.map((member) => member.id)))];
  const items = new Map<string, Item>((await store.getItems(memberIds)).map((item) => [item.id, item]));
  return { entries: buildFeedEntries(events, items, { baseUrl }), itemCount: summaries.length, eventCount: events.length };
}
