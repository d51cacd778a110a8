/**
 * Item identity. The id must not change when the same document is read again,
 * so it is derived from the most stable thing the document has: the feed's
 * GUID, else the article's canonical URL, else the file it came from
 * (`file:` + origin). Two different files of the same article therefore get
 * different ids here; recognising them as one story is dedup's job, helped by
 * `contentHash`.
 */
import { createHash } from 'node:crypto';

const ID_HEX_CHARS = 16;

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * The key an item's id is derived from: GUID, else URL, else the local key
 * (`file:` + origin for an article file; feed readers build one from the
 * item's title and date).
 *
 * A GUID is unique only within its feed (RSS 2.0), and any feed can write any
 * GUID: it is scoped to the item's origin, so one feed cannot replace another
 * feed's item by reusing its GUID.
 */
export function itemKeyFor(guid: string | null, url: string | null, localKey: string, origin: string): string {
  if (guid && guid.trim() !== '') return `guid:${origin}#${guid.trim()}`;
  if (url && url.trim() !== '') return url.trim();
  return localKey;
}

export function itemIdFor(key: string): string {
  return `it_${sha256Hex(key).slice(0, ID_HEX_CHARS)}`;
}

/** sha256 (hex) of the cleaned title and text: the same words give the same hash, whatever the markup. */
export function contentHashOf(title: string, text: string): string {
  return sha256Hex(`${title}\n\n${text}`);
}
