/**
 * RSS 2.0 from feed entries, written by the `feed` package, shaped so the W3C
 * validator finds no error in it:
 * - outlets go in `dc:creator`, because RSS `<author>` must be an e-mail
 *   address (and `feed` writes a bare name there);
 * - one `<guid isPermaLink="false">` per item: the event's tag URI;
 * - `pubDate` is the earliest report (RFC 822, from `toUTCString`); RSS has no
 *   per-item update date, readers see changes through the content;
 * - one enclosure per item (the RSS Best Practices Profile): the lead image,
 *   only when its type can be told; media are linked in the content instead.
 * Titles and descriptions are HTML-escaped text, which RSS readers decode.
 */
import { Feed } from 'feed';
import { escapeHtml } from './escape-markup.js';
import type { FeedEntry } from './feed-entry.js';
import { feedUpdated, type FeedMeta } from './feed-meta.js';

export function renderRss(entries: readonly FeedEntry[], meta: FeedMeta): string {
  const feed = new Feed({
    id: meta.id,
    title: meta.title,
    description: meta.description,
    link: meta.homePage,
    feedLinks: { rss: meta.links.rss },
    updated: new Date(feedUpdated(entries)),
    generator: meta.generator,
    language: meta.language,
  });
  for (const entry of entries) {
    feed.addItem({
      title: escapeHtml(entry.title),
      guid: entry.id,
      link: entry.link,
      date: new Date(entry.updated),
      published: new Date(entry.published),
      ...(entry.summary ? { description: escapeHtml(entry.summary) } : {}),
      // Always present (the "Reported by" list at least), which is also what makes `feed` declare the dc namespace.
      content: entry.contentHtml,
      category: entry.categories.map((name) => ({ name })),
      ...(entry.image?.type ? { enclosure: { url: entry.image.url, type: entry.image.type, length: 0 } } : {}),
      extensions: [{ name: 'dc:creator', objects: { _text: entry.outlets.join(', ') } }],
    });
  }
  return feed.rss2();
}
