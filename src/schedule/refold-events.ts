/**
 * The dedup step of a run: hand every current item to dedup, with the events
 * and index state of the last run, and store what comes back. Shared by
 * `feedfold ingest` and the refresh cycle.
 *
 * Dedup reads the lead text of every item; the items of this run are in
 * memory, the others' leads are read from their stored bodies. A run that
 * added or changed nothing leaves events alone and reads nothing.
 */
import type { Item } from '../item.js';
import type { Store } from '../store/store.js';
import { dedupItemOf } from '../dedup/dedup-item-of.js';
import { updateEvents, type DedupIndexState, type DedupItem } from '../dedup/update-events.js';

export const DEDUP_STATE = 'dedup-index';

const DAY_MS = 86_400_000;

/**
 * Drops what is past the retention period, then refolds: the one place where
 * a run's items become events, for `ingest` and the refresh cycle alike.
 */
export async function foldRun(
  store: Store,
  changed: ReadonlyMap<string, Item>,
  retention: { days: number; now?: Date },
): Promise<RefoldResult & { pruned: number }> {
  const now = retention.now ?? new Date();
  const pruned = await store.prune(new Date(now.getTime() - retention.days * DAY_MS));
  const result = await refoldEvents(store, changed, pruned.length > 0);
  return { ...result, pruned: pruned.length };
}

export interface RefoldResult {
  events: number;
  /** True when the run changed nothing, so dedup did not run. */
  skipped: boolean;
}

/**
 * @param changed the items this run added or updated (full records), keyed by id
 * @param removed true when items were removed (pruned), which also needs a refold
 */
export async function refoldEvents(store: Store, changed: ReadonlyMap<string, Item>, removed = false): Promise<RefoldResult> {
  if (changed.size === 0 && !removed) return { events: (await store.listEvents()).length, skipped: true };
  const summaries = await store.listItems();
  const firstSeen = new Map(summaries.map((summary) => [summary.id, summary.firstSeen]));
  const others = await store.getItems(summaries.filter((summary) => !changed.has(summary.id)).map((summary) => summary.id));
  const items: DedupItem[] = [];
  for (const item of [...others, ...changed.values()]) {
    const seen = firstSeen.get(item.id);
    items.push(dedupItemOf(item, seen === undefined ? {} : { firstSeen: seen }));
  }
  const previous = {
    events: await store.listEvents(),
    index: await store.loadState<DedupIndexState>(DEDUP_STATE),
  };
  const result = updateEvents(previous, items);
  // Events first: an index state newer than the events would claim
  // assignments the events do not show; the reverse is refolded next run.
  await store.saveEvents(result.events);
  await store.saveState(DEDUP_STATE, result.index);
  return { events: result.events.length, skipped: false };
}
