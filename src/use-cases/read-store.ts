/**
 * Reading the store as it is, for listings and scripts: items (with or
 * without bodies) and events. Nothing is written.
 */
import type { Event } from '../event.js';
import type { Item, ItemSummary } from '../item.js';
import { withStore, type Workspace } from './workspace.js';

export function listStoredItems(workspace: Workspace): Promise<ItemSummary[]> {
  return withStore(workspace, (store) => store.listItems());
}

/** Every stored item with its body, in the store's order. */
export function readStoredItems(workspace: Workspace): Promise<Item[]> {
  return withStore(workspace, async (store) => store.getItems((await store.listItems()).map((summary) => summary.id)));
}

export function listStoredEvents(workspace: Workspace): Promise<Event[]> {
  return withStore(workspace, (store) => store.listEvents());
}
