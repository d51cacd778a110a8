/**
 * What a feed says about itself: title, description, language, its own URLs
 * and the page it belongs to. The same metadata serves the three formats;
 * `updated` is not stored here but derived from the entries, so unchanged
 * events give byte-identical documents (and the same ETag).
 */
import { feedTagUri } from './entry-id.js';
import type { FeedEntry } from './feed-entry.js';

export interface FeedLinks {
  atom: string;
  rss: string;
  json: string;
}

export interface FeedMeta {
  /** `tag:` URI of this feed. */
  id: string;
  title: string;
  description: string;
  /** The HTML page this feed belongs to (Atom alternate, RSS link, JSON Feed home_page_url). */
  homePage: string;
  /** Where each format of this feed is published (the `self` links). */
  links: FeedLinks;
  /** BCP 47 tag. */
  language: string;
  generator: string;
}

export const GENERATOR = 'feedfold';

export interface FeedMetaOptions {
  baseUrl: string;
  title: string;
  language: string;
  /** Filter path below the base URL (`sources/voa-美国之音`), empty for the main feed. */
  scope?: string;
  /** Human description of the filter, appended to the title. */
  scopeLabel?: string;
  /** File names of the three documents below `{baseUrl}/{scope}/`. */
  fileNames?: FeedLinks;
}

/** The names the server answers on. */
export const SERVED_FILE_NAMES: FeedLinks = { atom: 'feed.atom', rss: 'feed.rss', json: 'feed.json' };
/** The names `feedfold publish` writes. */
export const STATIC_FILE_NAMES: FeedLinks = { atom: 'atom.xml', rss: 'rss.xml', json: 'feed.json' };

export function feedMeta(options: FeedMetaOptions): FeedMeta {
  const scope = options.scope ?? '';
  const names = options.fileNames ?? SERVED_FILE_NAMES;
  const dir = scope ? `${options.baseUrl}/${scope.split('/').map(encodeURIComponent).join('/')}` : options.baseUrl;
  return {
    id: feedTagUri(scope),
    title: options.scopeLabel ? `${options.title}: ${options.scopeLabel}` : options.title,
    description: options.scopeLabel
      ? `News events about ${options.scopeLabel}, each story folded from every outlet that reported it`
      : 'News events, each story folded from every outlet that reported it',
    homePage: `${options.baseUrl}/`,
    links: { atom: `${dir}/${names.atom}`, rss: `${dir}/${names.rss}`, json: `${dir}/${names.json}` },
    language: options.language,
    generator: GENERATOR,
  };
}

/** The feed's `updated`: its newest entry change; the epoch for an empty feed, so that too is stable. */
export function feedUpdated(entries: readonly FeedEntry[]): string {
  let latest = new Date(0).toISOString();
  for (const entry of entries) if (entry.updated > latest) latest = entry.updated;
  return latest;
}
