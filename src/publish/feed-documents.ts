/**
 * The three documents of one feed, rendered together from the same entries so
 * they never disagree. Pure: what to write where, and when, is the caller's.
 */
import type { FeedEntry } from './feed-entry.js';
import type { FeedMeta } from './feed-meta.js';
import { renderAtom } from './render-atom.js';
import { renderJsonFeed } from './render-json-feed.js';
import { renderRss } from './render-rss.js';

export type FeedFormat = 'atom' | 'rss' | 'json';

export { DEFAULT_ENTRY_LIMIT } from './entry-limit.js';

export const FEED_FORMATS: readonly FeedFormat[] = ['atom', 'rss', 'json'];

export const CONTENT_TYPES: Record<FeedFormat, string> = {
  atom: 'application/atom+xml; charset=utf-8',
  rss: 'application/rss+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

export function renderFeed(format: FeedFormat, entries: readonly FeedEntry[], meta: FeedMeta): string {
  switch (format) {
    case 'atom':
      return renderAtom(entries, meta);
    case 'rss':
      return renderRss(entries, meta);
    case 'json':
      return renderJsonFeed(entries, meta);
  }
}

export function renderFeeds(entries: readonly FeedEntry[], meta: FeedMeta): Record<FeedFormat, string> {
  return { atom: renderAtom(entries, meta), rss: renderRss(entries, meta), json: renderJsonFeed(entries, meta) };
}
