/**
 * Atom 1.0 (RFC 4287) from feed entries, written by the `feed` package and
 * completed where it cannot express what an event entry needs:
 * - `feed` builds an entry's links itself and ignores item extensions, so the
 *   members' originals (`rel="related"`) and the image and media enclosures
 *   are added after the entry's own link; its own enclosure writer would type a
 *   proxied image `image//` from the URL path, so it is not used;
 * - `xml:lang` goes on the root, which `feed` does not write for Atom.
 * Titles and summaries are declared `type="html"` by `feed`, so they are
 * passed HTML-escaped.
 */
import { Feed } from 'feed';
import { escapeHtml } from './escape-markup.js';
import type { FeedEntry } from './feed-entry.js';
import { feedUpdated, type FeedMeta } from './feed-meta.js';

export function renderAtom(entries: readonly FeedEntry[], meta: FeedMeta): string {
  const feed = new Feed({
    id: meta.id,
    title: meta.title,
    description: meta.description,
    link: meta.homePage,
    feedLinks: { atom: meta.links.atom },
    updated: new Date(feedUpdated(entries)),
    generator: meta.generator,
    language: meta.language,
    // RFC 4287 4.1.1: a feed without an author needs one on every entry; this keeps it valid whatever an entry has.
    author: { name: meta.title },
  });
  for (const entry of entries) {
    feed.addItem({
      title: escapeHtml(entry.title),
      id: entry.id,
      link: entry.link,
      date: new Date(entry.updated),
      published: new Date(entry.published),
      ...(entry.summary ? { description: escapeHtml(entry.summary) } : {}),
      content: entry.contentHtml,
      author: entry.outlets.map((name) => ({ name })),
      category: entry.categories.map((name) => ({ term: name, name })),
    });
  }
  let xml = feed.atom1();
  xml = xml.replace('<feed xmlns="http://www.w3.org/2005/Atom">', `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeHtml(meta.language)}">`);
  // Entries come out in order and each `<id>` text is ours (a tag URI), so the
  // n-th match of an entry's id element is that entry's; `feed` writes the
  // alternate link right after it. The extra links go after that one because
  // lenient readers (rss-parser) take an entry's first link as its link.
  let from = xml.indexOf('<entry>');
  for (const entry of entries) {
    const idElement = `<id>${entry.id}</id>`;
    const at = xml.indexOf(idElement, from);
    const alternate = at < 0 ? -1 : xml.indexOf('<link href="', at);
    const alternateEnd = alternate < 0 ? -1 : xml.indexOf('/>', alternate);
    if (alternateEnd < 0) throw new Error(`renderAtom: entry ${entry.id} or its link not found in the output of feed`);
    const insertAt = alternateEnd + 2;
    const links = extraLinks(entry).map((link) => `\n        ${link}`).join('');
    xml = xml.slice(0, insertAt) + links + xml.slice(insertAt);
    from = insertAt + links.length;
  }
  return xml;
}

function extraLinks(entry: FeedEntry): string[] {
  const links: string[] = [];
  const seen = new Set<string>([entry.link]);
  for (const source of entry.sources) {
    if (!source.url || seen.has(source.url)) continue;
    seen.add(source.url);
    links.push(`<link rel="related" href="${escapeHtml(source.url)}" title="${escapeHtml(`${source.outlet}: ${source.title}`)}"/>`);
  }
  const enclosures = new Set<string>();
  if (entry.image) {
    enclosures.add(entry.image.url);
    links.push(`<link rel="enclosure" href="${escapeHtml(entry.image.url)}"${entry.image.type ? ` type="${escapeHtml(entry.image.type)}"` : ''}/>`);
  }
  for (const media of entry.media) {
    if (enclosures.has(media.url)) continue;
    enclosures.add(media.url);
    const attributes = [
      `rel="enclosure"`,
      `href="${escapeHtml(media.url)}"`,
      media.type ? `type="${escapeHtml(media.type)}"` : null,
      media.title ? `title="${escapeHtml(media.title)}"` : null,
      media.length !== null && media.length > 0 ? `length="${media.length}"` : null,
    ].filter((attribute): attribute is string => attribute !== null);
    links.push(`<link ${attributes.join(' ')}/>`);
  }
  return links;
}
