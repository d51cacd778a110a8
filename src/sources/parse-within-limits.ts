/**
 * A fetched feed document into clean items, within the bounds the operator
 * set: at most `maxItems` items are cleaned (the rest are dropped with a
 * warning the source records, since a huge feed is usually a feed that keeps
 * its whole archive, not an error), and parsing plus cleaning must finish in
 * `maxParseMs` or the document is refused with a SourceError('timeout').
 *
 * The time bound is checked between items: XML and JSON parsing of one
 * document cannot be interrupted, but its input is already bounded by the
 * fetch size limit and both parsers are linear (internal DTD entities are expanded
 * within count, depth and size bounds by xml-entities, external ones never);
 * cleaning, the costly part, is where the clock is read.
 *
 * It reads the same way as feed-document.ts (which local files use) and adds
 * only the bounds; it does not fetch or decode.
 */
import type { Item } from '../item.js';
import { cleanItem } from '../clean/clean-item.js';
import { SourceError } from '../errors.js';
import { readXmlFeed, type ReadFeedOptions } from './feed-xml.js';
import { isJsonFeedText, readJsonFeed } from './json-feed.js';

export interface ParseLimits {
  maxItems: number;
  maxParseMs: number;
  /** Clock in ms; Date.now unless a test drives it. */
  clock?: () => number;
}

export interface BoundedParse {
  items: Item[];
  /** What was cut, for the source's record; empty when nothing was. */
  warnings: string[];
}

/** `read.baseUrl`: Content-Location or the final URL, for relative links (see parseFeedDocument). */
export async function parseFeedWithinLimits(text: string, origin: string, limits: ParseLimits, read: ReadFeedOptions = {}): Promise<BoundedParse> {
  const clock = limits.clock ?? Date.now;
  const started = clock();
  const overTime = (done: number, total: number): SourceError =>
    new SourceError(
      origin,
      'timeout',
      `parsing and cleaning took longer than ${limits.maxParseMs} ms (stopped after ${done} of ${total} items; FEEDFOLD_MAX_PARSE_MS raises the bound)`,
    );

  const body = text.replace(/^\uFEFF/, '');
  const raws = isJsonFeedText(body) ? readJsonFeed(body, origin) : (await readXmlFeed(body, origin, read)).items;
  const warnings: string[] = [];
  const kept = raws.length > limits.maxItems ? raws.slice(0, limits.maxItems) : raws;
  if (kept.length < raws.length) {
    warnings.push(`feed has ${raws.length} items; kept the first ${limits.maxItems} (FEEDFOLD_MAX_ITEMS_PER_FEED)`);
  }
  const items: Item[] = [];
  for (const raw of kept) {
    if (clock() - started > limits.maxParseMs) throw overTime(items.length, kept.length);
    items.push(cleanItem(raw));
  }
  if (clock() - started > limits.maxParseMs) throw overTime(items.length, kept.length);
  return { items, warnings };
}
