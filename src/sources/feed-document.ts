/**
 * A whole feed document (a fetched feed, or a local `.xml` / `.json` file)
 * into clean items: RSS/RDF/Atom through feed-xml, JSON Feed through
 * json-feed, chosen by content. Every item passes the same cleaning as
 * article files. Item.origin is the origin given (feed URL or file path).
 *
 * An item that cannot be cleaned (no title, no outlet) fails the whole
 * document with a SourceError naming the item, rather than being dropped
 * unseen.
 */
import type { Item } from '../item.js';
import { cleanItem } from '../clean/clean-item.js';
import { readJsonFeed, isJsonFeedText } from './json-feed.js';
import { readXmlFeed, type ReadFeedOptions } from './feed-xml.js';

/** `options.baseUrl`: the fetched document's Content-Location or final URL, for relative links. */
export async function parseFeedDocument(text: string, origin: string, options: ReadFeedOptions = {}): Promise<Item[]> {
  const body = text.replace(/^\uFEFF/, '');
  const raws = isJsonFeedText(body) ? readJsonFeed(body, origin) : (await readXmlFeed(body, origin, options)).items;
  return raws.map((raw) => cleanItem(raw));
}
