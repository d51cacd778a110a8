/**
 * The server's feeds, rendered once per change and kept as prepared bytes.
 * `refresh()` reloads the entries (the refresh cycle calls it, and so does a
 * check of the data directory for changes made by another process); documents
 * are rendered on first request after a change and cached, the main feeds
 * eagerly with every encoding. A document whose bytes did not change keeps its
 * Last-Modified, so clients revalidating by date are not sent it again.
 *
 * It does not know HTTP (app.ts answers requests) or where entries come from
 * (the `load` function it is given).
 */
import type { LoadedEntries } from '../publish/load-entries.js';
import { CONTENT_TYPES, renderFeed, type FeedFormat } from '../publish/feed-documents.js';
import { feedMeta, SERVED_FILE_NAMES } from '../publish/feed-meta.js';
import { slugOf } from '../publish/categories.js';
import type { FeedEntry } from '../publish/feed-entry.js';
import { PreparedDocument } from './prepared-document.js';
import { queryKey, searchable, selectEntries, DEFAULT_LIMIT, type FeedQuery, type SearchableEntry } from './feed-query.js';

export interface FeedLibraryOptions {
  load(): Promise<LoadedEntries>;
  baseUrl: string;
  title: string;
  language: string;
  /** Filtered documents kept at once. Default 256. */
  cacheSize?: number;
  now?: () => number;
}

export interface LibrarySnapshot {
  entries: FeedEntry[];
  itemCount: number;
  eventCount: number;
  /** When the entries were last reloaded, ISO 8601. */
  loadedAt: string | null;
}

export class FeedLibrary {
  #options: FeedLibraryOptions;
  #entries: SearchableEntry[] = [];
  #byEventId = new Map<string, FeedEntry>();
  #snapshot: LibrarySnapshot = { entries: [], itemCount: 0, eventCount: 0, loadedAt: null };
  /** key → document; Map order is recency (re-inserted on use). */
  #documents = new Map<string, PreparedDocument>();
  /** key → the document it replaced at the last refresh, to keep Last-Modified when bytes are equal. */
  #previous = new Map<string, PreparedDocument>();
  #refreshing: Promise<boolean> | null = null;

  constructor(options: FeedLibraryOptions) {
    this.#options = options;
  }

  get snapshot(): LibrarySnapshot {
    return this.#snapshot;
  }

  /** The entry of an event, also under the ids of events it absorbed. */
  entry(eventId: string): FeedEntry | null {
    return this.#byEventId.get(eventId) ?? null;
  }

  /** Reloads the entries; true when the data changed. Concurrent calls share one reload. */
  refresh(): Promise<boolean> {
    this.#refreshing ??= this.#reload().finally(() => {
      this.#refreshing = null;
    });
    return this.#refreshing;
  }

  async #reload(): Promise<boolean> {
    const loaded = await this.#options.load();
    const now = new Date(this.#now()).toISOString();
    const changed = JSON.stringify(loaded.entries) !== JSON.stringify(this.#snapshot.entries) || this.#snapshot.loadedAt === null;
    this.#snapshot = { entries: loaded.entries, itemCount: loaded.itemCount, eventCount: loaded.eventCount, loadedAt: now };
    if (!changed) return false;
    this.#entries = loaded.entries.map(searchable);
    this.#byEventId = new Map(loaded.entries.flatMap((entry) => [entry.eventId, ...entry.aliases].map((id) => [id, entry] as const)));
    for (const [key, document] of this.#documents) this.#previous.set(key, document);
    this.#documents.clear();
    for (const format of ['atom', 'rss', 'json'] as const) this.document(format, { scope: { kind: 'all' }, words: [], limit: DEFAULT_LIMIT }).prepareAll();
    return true;
  }

  select(query: FeedQuery): FeedEntry[] {
    return selectEntries(this.#entries, query);
  }

  document(format: FeedFormat, query: FeedQuery): PreparedDocument {
    const key = `${format}|${queryKey(query)}`;
    const cached = this.#documents.get(key);
    if (cached) {
      this.#documents.delete(key);
      this.#documents.set(key, cached);
      return cached;
    }
    const text = renderFeed(format, selectEntries(this.#entries, query), this.#meta(query));
    const previous = this.#previous.get(key);
    this.#previous.delete(key);
    const lastModified = previous && previous.identity.body.equals(Buffer.from(text, 'utf8')) ? previous.lastModified : Math.floor(this.#now() / 1000) * 1000;
    const document = new PreparedDocument(text, CONTENT_TYPES[format], lastModified);
    this.#documents.set(key, document);
    const limit = this.#options.cacheSize ?? 256;
    for (const oldest of this.#documents.keys()) {
      if (this.#documents.size <= limit) break;
      this.#documents.delete(oldest);
    }
    return document;
  }

  #meta(query: FeedQuery) {
    const { baseUrl, title, language } = this.#options;
    const scope = query.scope;
    const slug = scope.kind === 'source' ? slugOf(scope.outlet) : scope.kind === 'tag' ? slugOf(scope.tag) : '';
    const label =
      scope.kind === 'source'
        ? (this.#entries.flatMap((candidate) => candidate.entry.outlets).find((outlet) => slugOf(outlet) === slug) ?? scope.outlet)
        : scope.kind === 'tag'
          ? `#${scope.tag}`
          : undefined;
    const meta = feedMeta({
      baseUrl,
      title,
      language,
      fileNames: SERVED_FILE_NAMES,
      ...(scope.kind === 'all' ? {} : { scope: `${scope.kind === 'source' ? 'sources' : 'tags'}/${slug}`, scopeLabel: label }),
    });
    // The self links name this very document, filters included, so a reader that follows them gets the same feed.
    const search = new URLSearchParams();
    if (query.words.length > 0) search.set('q', query.words.join(' '));
    if (query.limit !== DEFAULT_LIMIT) search.set('limit', String(query.limit));
    const suffix = search.size > 0 ? `?${search.toString()}` : '';
    if (suffix) meta.links = { atom: meta.links.atom + suffix, rss: meta.links.rss + suffix, json: meta.links.json + suffix };
    return meta;
  }

  #now(): number {
    return this.#options.now?.() ?? Date.now();
  }
}
