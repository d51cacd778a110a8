/**
 * Dedup kept in memory across the runs of one long-lived process (the
 * server's scheduled cycles): a run then folds only its new, changed and
 * removed items into the index it already holds, instead of every stored
 * item being read and profiled again. The grouping is the one `updateEvents`
 * gives over all items (same seeds, exact term counts, links recomputed), so
 * a server and a cron `feedfold run` agree.
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
