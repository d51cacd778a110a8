/**
 * Dedup kept in memory across the runs of one long-lived process (the
 * server's scheduled cycles): a run then folds its new, changed and removed
 * items into the index it already holds, instead of every stored item being
 * read and profiled again. It runs the same complete fold as `updateEvents`
 * (exact term counts, links recomputed, the touched time buckets regrouped),
 * so a server and a cron `feedfold run` agree; tests compare the two after
 * additions, edits and removals. What it saves is reading and profiling, not
 * the regrouping.
 *
 * The session trusts its memory only while the stored index state is the one
 * it handed out last; when another process changed the store in between (a
 * cron run, a manual ingest), `follows` says no and the caller starts over
 * with `rebuild`. Does not read or write the store.
 */
import type { Event } from '../event.js';
import { defaultDedupConfig, type DedupConfig } from './config.js';
import type { DedupItem } from './dedup-item.js';
import { DedupIndex, type DedupIndexState } from './dedup-index.js';
import type { DedupResult } from './update-events.js';

export class DedupSession {
  private index: DedupIndex | null = null;
  /** JSON of the state handed out last: compared with what the store holds now. */
  private handedOut: string | null = null;

  constructor(private readonly config: DedupConfig = defaultDedupConfig) {}

  /** True when `stored` is the state this session produced last, so it may go on from memory. */
  follows(stored: DedupIndexState | null): boolean {
    return this.index !== null && stored !== null && this.handedOut === JSON.stringify(stored);
  }

  /** Ids of the items the session holds (valid when `follows` is true). */
  itemIds(): string[] {
    return this.index?.itemIds() ?? [];
  }

  /** Starts over from every current item, as `updateEvents` does. */
  rebuild(previous: { events: Event[]; index: DedupIndexState | null }, items: readonly DedupItem[]): DedupResult {
    this.reset();
    const index = new DedupIndex(this.config);
    index.restore(previous.index, previous.events);
    index.apply(items, true);
    this.index = index;
    return this.handOut(index);
  }

  /**
   * Folds a run from memory. Only call when `follows` said yes.
   * @param changed new and updated items
   * @param removed ids of items no longer stored
   */
  update(changed: readonly DedupItem[], removed: readonly string[]): DedupResult {
    const index = this.index;
    if (!index) throw new Error('DedupSession.update before rebuild');
    // Until the new state is handed out, memory is half-way: a failure in between must not be trusted next run.
    this.handedOut = null;
    const gone = new Set(removed);
    const replaced = new Map(changed.map((item) => [item.id, item]));
    const current = index.currentItems().filter((item) => !gone.has(item.id) && !replaced.has(item.id));
    index.apply([...current, ...replaced.values()], true);
    return this.handOut(index);
  }

  /** Forgets the index (after a failed save, memory may be ahead of the store). */
  reset(): void {
    this.index = null;
    this.handedOut = null;
  }

  private handOut(index: DedupIndex): DedupResult {
    const state = index.state();
    this.handedOut = JSON.stringify(state);
    return { events: index.events(), index: state };
  }
}
