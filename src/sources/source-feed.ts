/**
 * One refresh of a feed-URL source: fetch (conditional GET with the stored
 * validators) → decode the charset → parse into items, and the source's fetch
 * state updated for the next time (validators, error, backoff, next fetch
 * time, a permanent redirect's new URL).
 *
 * It never throws for a broken source: the failure is recorded on the source
 * and returned, so a cycle goes on with the others. It does not store items.
 *
 * Bounds (config `limits`): body size and deadline go to the fetch, item
 * count and parse time to parse-within-limits; a truncated feed is stored
 * with `lastWarning` on its state. A source added through the API or the
 * reader (`state.addedVia`) is fetched through the address guard on every
 * hop.
 */
import { SourceError } from '../errors.js';
import type { Item } from '../item.js';
import type { SourceRecord } from '../store/store.js';
import { DEFAULT_LIMITS, type FeedLimits } from '../config.js';
import { assertPublicUrl, guardedDispatcher, isRemotelyAdded, type AllowList } from './address-guard.js';
import { decodeDocument } from './decode-charset.js';
import { parseFeedWithinLimits } from './parse-within-limits.js';
import type { ReadFeedOptions } from './feed-xml.js';
import { FetchError, fetchFeed, type FetchFeedOptions } from './fetch-feed.js';
import { feedTtlMinutes, nextFetchAt, readFetchState, withFetchState, type FetchState } from './fetch-schedule.js';

export interface FeedRefresh {
  /** The record with its new state (and new location after a permanent redirect). */
  record: SourceRecord;
  status: 'ok' | 'not-modified' | 'error';
  items: Item[];
  error: SourceError | null;
}

/** `options.baseUrl`: Content-Location or the final URL, for relative links in the document. */
export type FeedParser = (text: string, origin: string, options?: ReadFeedOptions) => Promise<Item[]>;

export interface RefreshFeedOptions {
  now?: () => Date;
  fetch?: Omit<FetchFeedOptions, 'etag' | 'lastModified' | 'now'>;
  /** The parser; parseFeedWithinLimits unless a test counts calls (item truncation still applies). */
  parse?: FeedParser;
  /** Item count and parse time bounds; body size and deadline come from `fetch` (or these when it has none). */
  limits?: Partial<FeedLimits>;
  /** What the address guard lets through for remotely added sources. */
  allowPrivateHosts?: AllowList;
}

export async function refreshFeedSource(record: SourceRecord, options: RefreshFeedOptions = {}): Promise<FeedRefresh> {
  const now = options.now ?? (() => new Date());
  const limits: FeedLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const parse = async (text: string, origin: string, read: ReadFeedOptions) => {
    if (!options.parse) return parseFeedWithinLimits(text, origin, { maxItems: limits.maxItemsPerFeed, maxParseMs: limits.maxParseMs }, read);
    const items = await options.parse(text, origin, read);
    if (items.length <= limits.maxItemsPerFeed) return { items, warnings: [] };
    return { items: items.slice(0, limits.maxItemsPerFeed), warnings: [`feed has ${items.length} items; kept the first ${limits.maxItemsPerFeed} (FEEDFOLD_MAX_ITEMS_PER_FEED)`] };
  };
  const previous = readFetchState(record.state);
  let location = record.location;
  let warnings: string[] = [];
  try {
    const allow = options.allowPrivateHosts;
    const result = await fetchFeed(record.location, {
      timeoutMs: limits.fetchTimeoutMs,
      maxBytes: limits.maxBodyBytes,
      ...options.fetch,
      ...(isRemotelyAdded(record.state) ? { guard: (url: string) => assertPublicUrl(url, allow), dispatcher: guardedDispatcher(allow) } : {}),
      etag: previous.etag,
      lastModified: previous.lastModified,
      now,
    });
    if (result.permanentUrl) location = result.permanentUrl;
    const finished = now();
    if (result.status === 'not-modified') {
      const next = nextFetchAt(previous, { kind: 'not-modified', maxAgeSeconds: result.maxAgeSeconds, ttlMinutes: null }, finished, record.every);
      const state: FetchState = {
        ...previous,
        etag: result.etag,
        lastModified: result.lastModified,
        lastFetchAt: finished.toISOString(),
        lastSuccessAt: finished.toISOString(),
        lastStatus: 'not-modified',
        lastError: null,
        failures: next.failures,
        nextFetchAt: next.nextFetchAt.toISOString(),
      };
      return { record: updated(record, location, state, record.state['lastWarning'] ?? null), status: 'not-modified', items: [], error: null };
    }

    const { text } = decodeDocument(result.bytes, result.contentType, record.location);
    if (looksLikeHtmlPage(text)) {
      throw new SourceError(
        record.location,
        'parse',
        `got an HTML page (${result.contentType ?? 'no Content-Type'}), not a feed; use the feed's own URL`,
      );
    }
    let items: Item[];
    try {
      // Items keep the subscribed URL as their origin (GUIDs are scoped to it, so a temporary redirect must
      // not re-key them); relative links resolve against Content-Location when sent, else the URL fetched.
      ({ items, warnings } = await parse(text, record.location, { baseUrl: result.contentLocation ?? result.finalUrl }));
    } catch (error) {
      if (error instanceof SourceError) throw error;
      throw new SourceError(record.location, 'parse', (error as Error).message, { cause: error });
    }
    const next = nextFetchAt(
      previous,
      { kind: 'ok', maxAgeSeconds: result.maxAgeSeconds, ttlMinutes: feedTtlMinutes(text) },
      finished,
      record.every,
    );
    const state: FetchState = {
      ...previous,
      etag: result.etag,
      lastModified: result.lastModified,
      lastFetchAt: finished.toISOString(),
      lastSuccessAt: finished.toISOString(),
      lastStatus: 'ok',
      lastError: null,
      failures: next.failures,
      nextFetchAt: next.nextFetchAt.toISOString(),
      itemCount: items.length,
    };
    return { record: updated(record, location, state, warnings[0] ?? null), status: 'ok', items, error: null };
  } catch (caught) {
    const error =
      caught instanceof SourceError
        ? caught
        : new SourceError(record.location, 'network', (caught as Error)?.message ?? String(caught), { cause: caught });
    const finished = now();
    const retryAfter = error instanceof FetchError ? error.retryAfter : null;
    const next = nextFetchAt(previous, { kind: 'error', retryAfter }, finished, record.every);
    const state: FetchState = {
      ...previous,
      lastFetchAt: finished.toISOString(),
      lastStatus: 'error',
      lastError: { kind: error.kind, message: error.message },
      failures: next.failures,
      nextFetchAt: next.nextFetchAt.toISOString(),
    };
    return { record: updated(record, location, state, record.state['lastWarning'] ?? null), status: 'error', items: [], error };
  }
}

/** `lastWarning`: what the last successful parse had to cut (items over the limit), or null. */
function updated(record: SourceRecord, location: string, state: FetchState, lastWarning: unknown): SourceRecord {
  const moved = location !== record.location ? { movedFrom: record.location } : {};
  return { ...record, location, state: { ...withFetchState(record.state, state), ...moved, lastWarning: lastWarning ?? null } };
}

/**
 * A site's home page where the feed URL should be: the first element is
 * `<html>` (or `<head>`/`<body>` of a page that omits it). The doctype alone
 * proves nothing: feeds sometimes carry an XHTML doctype by mistake.
 */
export function looksLikeHtmlPage(text: string): boolean {
  const head = text
    .slice(0, 8192)
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<\?[\s\S]*?\?>/g, '')
    .replace(/<!DOCTYPE[^[>]*(\[[\s\S]*?\])?\s*>/i, '')
    .trimStart();
  return /^<(html|head|body)[\s>]/i.test(head);
}
