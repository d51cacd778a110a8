/**
 * What the reader pages show about the stored events, computed once per store
 * revision: the feed entries (headline, summary, lead image, outlets, tags,
 * newest first), a folded search text per event made of every member's
 * headline and body, the outlet and tag lists for the filters, and the alias
 * ids that lead to a live event.
 *
 * Searching matches folded text by substring (simplified Chinese, NFKC, lower
 * case), like the feed query, so `拉夫罗夫` finds `拉夫羅夫` without word
 * segmentation. It does not render anything and does not write to the store.
 */
import type { Item } from '../../item.js';
import type { Store } from '../../store/store.js';
import { buildFeedEntries, type FeedEntry } from '../../publish/feed-entry.js';
import { normaliseCategory, slugOf } from '../../publish/categories.js';
import { foldText } from '../../dedup/fold-text.js';

export interface ReaderEvent {
  entry: FeedEntry;
  /** Folded headline, member headlines, outlets, tags and every member's body. */
  searchText: string;
  outletSlugs: string[];
  tagSlugs: string[];
}

export interface FacetValue {
  name: string;
  slug: string;
  /** Events carrying it. */
  count: number;
}

export interface ReaderSnapshot {
  /** Newest change first. */
  events: ReaderEvent[];
  byId: ReadonlyMap<string, ReaderEvent>;
  /** Absorbed event id → the live event id. */
  aliases: ReadonlyMap<string, string>;
  outlets: FacetValue[];
  tags: FacetValue[];
}

export interface TimelineFilter {
  /** Outlet slug. */
  outlet: string | null;
  /** Tag slug. */
  tag: string | null;
  /** Raw search text as typed. */
  q: string;
}

export async function loadReaderSnapshot(store: Store, baseUrl: string): Promise<ReaderSnapshot> {
  const stored = await store.listEvents();
  const memberIds = [...new Set(stored.flatMap((event) => event.items.map((member) => member.id)))];
  const items = new Map<string, Item>((await store.getItems(memberIds)).map((item) => [item.id, item]));
  const entries = buildFeedEntries(stored, items, { baseUrl });
  const membersOf = new Map(stored.map((event) => [event.id, event.items]));
  const events = entries.map((entry): ReaderEvent => {
    const bodies = (membersOf.get(entry.eventId) ?? []).map((member) => items.get(member.id)?.contentText ?? '');
    return {
      entry,
      searchText: foldText([entry.title, ...entry.sources.map((source) => source.title), ...entry.outlets, ...entry.categories, ...bodies].join('\n')),
      outletSlugs: entry.outlets.map(slugOf),
      tagSlugs: entry.categories.map((category) => slugOf(normaliseCategory(category))),
    };
  });
  const aliases = new Map<string, string>();
  for (const event of stored) for (const alias of event.aliases) aliases.set(alias, event.id);
  return {
    events,
    byId: new Map(events.map((event) => [event.entry.eventId, event])),
    aliases,
    outlets: facet(events.flatMap((event) => [...new Set(event.entry.outlets)])),
    tags: facet(events.flatMap((event) => [...new Set(event.entry.categories)])),
  };
}

/** Most common first, then by name, so the filter lists stay put between loads. */
function facet(names: readonly string[]): FacetValue[] {
  const counts = new Map<string, FacetValue>();
  for (const name of names) {
    const slug = slugOf(name);
    if (!slug) continue;
    const value = counts.get(slug) ?? { name, slug, count: 0 };
    value.count += 1;
    counts.set(slug, value);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

/** Every search word (split on white space) must occur in the folded text. */
export function searchWords(q: string): string[] {
  return foldText(q).split(/\s+/).filter(Boolean);
}

export function filterEvents(snapshot: ReaderSnapshot, filter: TimelineFilter): ReaderEvent[] {
  const words = searchWords(filter.q);
  return snapshot.events.filter(
    (event) =>
      (filter.outlet === null || event.outletSlugs.includes(filter.outlet)) &&
      (filter.tag === null || event.tagSlugs.includes(filter.tag)) &&
      words.every((word) => event.searchText.includes(word)),
  );
}

/**
 * Reloads the snapshot when the store has changed: another store instance,
 * or a move of the revision counter a store may expose (the lowdb store
 * does). A store without one is read again on every request, which is
 * correct if slower.
 */
export class ReaderData {
  private cached: { store: Store; revision: number; snapshot: Promise<ReaderSnapshot> } | null = null;

  constructor(
    private readonly store: () => Store,
    private readonly baseUrl: string,
  ) {}

  snapshot(): Promise<ReaderSnapshot> {
    const store = this.store();
    const revision = storeRevision(store);
    if (revision === null) return loadReaderSnapshot(store, this.baseUrl);
    if (this.cached?.store !== store || this.cached.revision !== revision) {
      const snapshot = loadReaderSnapshot(store, this.baseUrl);
      // A failed load must not stick: the next request tries again.
      snapshot.catch(() => {
        if (this.cached?.snapshot === snapshot) this.cached = null;
      });
      this.cached = { store, revision, snapshot };
    }
    return this.cached.snapshot;
  }
}

function storeRevision(store: Store): number | null {
  const candidate = (store as Partial<{ revision: () => number }>).revision;
  return typeof candidate === 'function' ? candidate.call(store) : null;
}
