/**
 * The dedup step of a run: hand every current item to dedup, with the events
 * and index state of the last run, and store what comes back. Shared by
 * `feedfold ingest` and the refresh cycle.
 *
 * Dedup reads the lead text of every item; the items of this run are in
 * memory, the others' leads are read from their stored bodies. A long-lived
 * process (the server) passes a `DedupSession`, which keeps the profiled
 * items between its cycles: then only items it has not seen are read. A run
 * that added or changed nothing leaves events alone and reads nothing.
 */
import type { Item } from '../item.js';
import type { Store } from '../store/store.js';
import { dedupItemOf } from '../dedup/dedup-item-of.js';
import { DedupSession } from '../dedup/dedup-session.js';
import type { DedupIndexState, DedupItem, DedupResult } from '../dedup/update-events.js';

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
  session?: DedupSession,
): Promise<RefoldResult & { pruned: number }> {
  const now = retention.now ?? new Date();
  const pruned = await store.prune(new Date(now.getTime() - retention.days * DAY_MS));
  const result = await refoldEvents(store, changed, pruned, session);
  return { ...result, pruned: pruned.length };
}

export interface RefoldResult {
  events: number;
  /** True when the run changed nothing, so dedup did not run. */
  skipped: boolean;
  /** Items whose text was read back from the store for this run. */
  read: number;
}

/**
 * @param changed the items this run added or updated (full records), keyed by id
 * @param removed ids of the items this run removed (pruned): a refold is due even when nothing was added
 * @param session dedup kept in memory by a long-lived process; without it every item is read and profiled
 */
export async function refoldEvents(
  store: Store,
  changed: ReadonlyMap<string, Item>,
  removed: readonly string[] = [],
  session: DedupSession = new DedupSession(),
): Promise<RefoldResult> {
  if (changed.size === 0 && removed.length === 0) return { events: (await store.listEvents()).length, skipped: true, read: 0 };
  const summaries = await store.listItems();
  const firstSeen = new Map(summaries.map((summary) => [summary.id, summary.firstSeen]));
  const toDedup = (item: Item): DedupItem => {
    const seen = firstSeen.get(item.id);
    return dedupItemOf(item, seen === undefined ? {} : { firstSeen: seen });
  };
  const stored = await store.loadState<DedupIndexState>(DEDUP_STATE);
  let result: DedupResult;
  let read: number;
  if (session.follows(stored)) {
    // Items stored since (by nothing else: the state would differ) are only this run's; anything the
    // session lacks is read all the same, and anything it holds that is gone is removed.
    const held = new Set(session.itemIds());
    const current = new Set(summaries.map((summary) => summary.id));
    const unseen = summaries.filter((summary) => !held.has(summary.id) && !changed.has(summary.id)).map((summary) => summary.id);
    const others = await store.getItems(unseen);
    read = others.length;
    const gone = [...held].filter((id) => !current.has(id));
    result = session.update([...others, ...changed.values()].map(toDedup), gone);
  } else {
    const others = await store.getItems(summaries.filter((summary) => !changed.has(summary.id)).map((summary) => summary.id));
    read = others.length;
    const items = [...others, ...changed.values()].map(toDedup);
    result = session.rebuild({ events: await store.listEvents(), index: stored }, items);
  }
  try {
    // Inside a batch (ingest, cycle) the state file is written at once and the events with the batch.
    // Should only one of the two land, the next run still converges: items the state holds that the
    // store lacks are taken as removed, stored items it lacks as new.
    await store.saveEvents(result.events);
    await store.saveState(DEDUP_STATE, result.index);
  } catch (error) {
    // Memory is now ahead of the store: the next run starts over from what was stored.
    session.reset();
    throw error;
  }
  return { events: result.events.length, skipped: false, read };
}
