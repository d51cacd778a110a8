/**
 * The slips that make a real feed not quite XML, mended so that the feed
 * still reads: HTML named entities that XML does not know (`&nbsp;`,
 * `&rsquo;`, written by hand-made RSS everywhere; the entities of the RSS
 * 0.91 DTD, which is never fetched), bare ampersands in URLs
 * (`?a=1&b=2`), and a document cut off in its last closing tag (`</rss`).
 * feedparser reads such feeds too (it calls them "bozo" but keeps the data).
 *
 * It is only tried after the strict parse failed, so well-formed documents
 * are never touched. It does not guess at broken structure (unclosed
 * elements, broken CDATA): those stay a parse error.
 */
import { load } from 'cheerio';

const PREDEFINED = new Set(['lt', 'gt', 'amp', 'quot', 'apos']);

/**
 * `&name;` as numeric references when HTML knows the name. Any other name is
 * left as written, so the parser refuses the document naming it: it may be
 * an entity of an external DTD, which is never fetched (no XXE), and a
 * reader should see that, not `&xxe;` as text.
 */
function namedReference(name: string, cache: Map<string, string>): string {
  const known = cache.get(name);
  if (known !== undefined) return known;
  const decoded = load(`&${name};`, null, false).text();
  const result =
    decoded === `&${name};` || decoded === ''
      ? `&${name};`
      : [...decoded].map((char) => `&#${char.codePointAt(0)};`).join('');
  cache.set(name, result);
  return result;
}

/** Repairs text content and attribute values; CDATA sections and comments are left as written. */
export function repairXml(text: string): string {
  const cache = new Map<string, string>();
  const parts = text.split(/(<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->)/);
  const repaired = parts.map((part, index) => {
    if (index % 2 === 1) return part;
    return part.replace(/&(#x[0-9a-fA-F]+;|#[0-9]+;|([A-Za-z][A-Za-z0-9]*);)?/g, (whole, reference: string | undefined, name: string | undefined) => {
      if (!reference) return '&amp;';
      if (!name || PREDEFINED.has(name)) return whole;
      return namedReference(name, cache);
    });
  });
  // A document cut off inside its final end tag (`</rss` at the very end).
  return repaired.join('').replace(/(<\/[A-Za-z_][\w.:-]*)\s*$/, '$1>');
}
