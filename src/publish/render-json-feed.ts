/**
 * JSON Feed 1.1 from feed entries, serialised here: the `feed` package writes
 * version 1 (single `author`, no `language`). Members travel in the
 * `_feedfold` extension (JSON Feed §"Extensions": keys starting with `_`).
 * Attachments need a MIME type, so media whose type cannot be told are only
 * linked in the content.
 */
import type { FeedEntry } from './feed-entry.js';
import type { FeedMeta } from './feed-meta.js';

export const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1';

interface JsonFeedAuthor {
  name: string;
}

interface JsonFeedAttachment {
  url: string;
  mime_type: string;
  title?: string;
  size_in_bytes?: number;
}

interface JsonFeedItem {
  id: string;
  url: string;
  title: string;
  content_html: string;
  summary?: string;
  image?: string;
  date_published: string;
  date_modified: string;
  authors: JsonFeedAuthor[];
  tags?: string[];
  language?: string;
  attachments?: JsonFeedAttachment[];
  _feedfold: { sources: FeedEntry['sources'] };
}

export interface JsonFeed {
  version: typeof JSON_FEED_VERSION;
  title: string;
  home_page_url: string;
  feed_url: string;
  description: string;
  language: string;
  authors: JsonFeedAuthor[];
  items: JsonFeedItem[];
}

export function renderJsonFeed(entries: readonly FeedEntry[], meta: FeedMeta): string {
  const feed: JsonFeed = {
    version: JSON_FEED_VERSION,
    title: meta.title,
    home_page_url: meta.homePage,
    feed_url: meta.links.json,
    description: meta.description,
    language: meta.language,
    authors: [{ name: meta.title }],
    items: entries.map(jsonFeedItem),
  };
  return `${JSON.stringify(feed, null, 2)}\n`;
}

function jsonFeedItem(entry: FeedEntry): JsonFeedItem {
  const attachments = entry.media.flatMap((media): JsonFeedAttachment[] =>
    media.type
      ? [
          {
            url: media.url,
            mime_type: media.type,
            ...(media.title ? { title: media.title } : {}),
            ...(media.length !== null && media.length > 0 ? { size_in_bytes: media.length } : {}),
          },
        ]
      : [],
  );
  return {
    id: entry.id,
    url: entry.link,
    title: entry.title,
    content_html: entry.contentHtml,
    ...(entry.summary ? { summary: entry.summary } : {}),
    ...(entry.image ? { image: entry.image.url } : {}),
    date_published: entry.published,
    date_modified: entry.updated,
    authors: entry.outlets.map((name) => ({ name })),
    ...(entry.categories.length > 0 ? { tags: entry.categories } : {}),
    ...(entry.lang ? { language: entry.lang } : {}),
    ...(attachments.length > 0 ? { attachments } : {}),
    _feedfold: { sources: entry.sources },
  };
}
