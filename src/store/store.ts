/**
 * The one interface every stage uses to keep state between runs. The lowdb
 * implementation (lowdb-store.ts) is the default; a server database can sit
 * behind the same interface later. Nothing outside src/store imports lowdb.
 *
 * Writes are batched: a stage hands over everything a run produced in one call,
 * and the implementation persists it in one atomic write.
 */
import type { Item, ItemSummary } from '../item.js';
import type { Event } from '../event.js';

export interface UpsertResult {
  added: string[];
  updated: string[];
  unchanged: string[];
}

/** Per-source state kept between fetches (filled in by the sources/schedule stages). */
export interface SourceRecord {
  id: string;
  /** `feed` (a URL) or `folder` (a directory of article files). */
  kind: 'feed' | 'folder';
  /** Feed URL or absolute folder path. */
  location: string;
  name: string | null;
  /** Poll interval in seconds. */
  every: number;
  /** Categories from OPML outlines. */
  categories: string[];
  addedAt: string;
  /** Free-form fetch state owned by the sources stage (ETag, Last-Modified, file fingerprints, backoff). */
  state: Record<string, unknown>;
}

export interface Store {
  /** Every stored item without its body, in insertion order. */
  listItems(): Promise<ItemSummary[]>;
  /** Ids -> full items (with bodies). Unknown ids are skipped. */
  getItems(ids: readonly string[]): Promise<Item[]>;
  /** Store a run's items in one write: new ids are added, changed ones updated, identical ones left alone. */
  upsertItems(items: readonly Item[], now?: Date): Promise<UpsertResult>;

  listEvents(): Promise<Event[]>;
  /** Replace the stored events with the given set (dedup owns their content). */
  saveEvents(events: readonly Event[]): Promise<void>;

  listSources(): Promise<SourceRecord[]>;
  saveSources(sources: readonly SourceRecord[]): Promise<void>;

  /**
   * Named side documents owned by one stage (the dedup index, reader state),
   * kept in their own files so the main document stays small. Written atomically.
   */
  loadState<T>(name: string): Promise<T | null>;
  saveState(name: string, value: unknown): Promise<void>;

  /** Drop items (and events left empty) older than the cutoff; returns the ids removed. */
  prune(cutoff: Date): Promise<string[]>;

  /**
   * Runs `work` with the store's writes held back, then writes once: what a
   * run stores (items, sources' fetch state, events) lands in one atomic
   * write, and a crash leaves either all of it or none. Writes made before a
   * failure inside `work` are still written, then the failure is rethrown.
   */
  batch<T>(work: () => Promise<T>): Promise<T>;

  /** Flush and release resources. */
  close(): Promise<void>;
}
