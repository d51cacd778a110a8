/**
 * The projection of a stored item that dedup works on: identity, origin,
 * headline, dates and the first few hundred characters of text. Every field
 * exists on `ItemSummary` (src/item.ts), so the ingest command can pass
 * summaries as they are.
 */
export interface DedupItem {
  id: string;
  origin: string;
  url: string | null;
  outlet: string;
  title: string;
  /** ISO 8601, or null for an undated item. */
  published: string | null;
  /** When the item was first stored (ISO 8601): its join time. */
  firstSeen: string;
  /** The first ~400-600 characters of the plain text. */
  lead: string;
  contentHash: string;
  guid: string | null;
  lang: string;
}
