/**
 * Projects an item onto what dedup reads. Stored summaries carry no text, so
 * the lead comes from the full item (`Store.getItems`) or is passed in; a
 * summary without text still dedups by identity and headline.
 */
import type { Item, ItemSummary } from '../item.js';
import type { DedupItem } from './dedup-item.js';

/** Characters of plain text dedup reads. */
export const LEAD_CHARS = 600;

export function dedupItemOf(item: Item | ItemSummary, options: { firstSeen?: string; text?: string } = {}): DedupItem {
  const text = 'contentText' in item ? item.contentText : (options.text ?? '');
  const firstSeen = options.firstSeen ?? ('firstSeen' in item ? item.firstSeen : null) ?? item.fetchedAt ?? item.published ?? new Date(0).toISOString();
  return {
    id: item.id,
    origin: item.origin,
    url: item.url,
    outlet: item.outlet,
    title: item.title,
    published: item.published,
    firstSeen,
    lead: text.slice(0, LEAD_CHARS),
    contentHash: item.contentHash,
    guid: item.guid,
    lang: item.lang,
  };
}
