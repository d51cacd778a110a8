/**
 * Which entries a feed URL asks for: a scope (everything, one outlet, one
 * tag), `?q=` words and `?limit=`. Words are matched on folded text
 * (simplified Chinese, NFKC, lower case) by substring, so `日内瓦` finds
 * `日內瓦` and Chinese needs no word segmentation.
 */
import type { FeedEntry } from '../publish/feed-entry.js';
import { normaliseCategory, slugOf } from '../publish/categories.js';
import { foldText } from '../dedup/fold-text.js';
import { DEFAULT_ENTRY_LIMIT } from '../publish/feed-documents.js';

export const DEFAULT_LIMIT = DEFAULT_ENTRY_LIMIT;
export const MAX_LIMIT = 500;

export type FeedScope = { kind: 'all' } | { kind: 'source'; outlet: string } | { kind: 'tag'; tag: string };

export interface FeedQuery {
  scope: FeedScope;
  /** Folded words, all of which must occur. */
  words: string[];
  limit: number;
}

export class BadQueryError extends Error {
  override readonly name = 'BadQueryError';
}

export function parseFeedQuery(scope: FeedScope, q: string | undefined, limit: string | undefined): FeedQuery {
  let parsedLimit = DEFAULT_LIMIT;
  if (limit !== undefined) {
    if (!/^\d+$/.test(limit) || Number(limit) < 1 || Number(limit) > MAX_LIMIT) {
      throw new BadQueryError(`limit must be a whole number from 1 to ${MAX_LIMIT}, got "${limit}"`);
    }
    parsedLimit = Number(limit);
  }
  const words = q === undefined ? [] : foldText(q).split(/\s+/).filter(Boolean);
  return { scope, words, limit: parsedLimit };
}

/** A cache key that is the same for the same question. */
export function queryKey(query: FeedQuery): string {
  const scope = query.scope.kind === 'all' ? 'all' : query.scope.kind === 'source' ? `source:${slugOf(query.scope.outlet)}` : `tag:${slugOf(query.scope.tag)}`;
  return `${scope}|${[...query.words].sort().join(' ')}|${query.limit}`;
}

/** Entries with their folded search text, computed once per snapshot. */
export interface SearchableEntry {
  entry: FeedEntry;
  text: string;
  outletSlugs: string[];
  tagSlugs: string[];
}

export function searchable(entry: FeedEntry): SearchableEntry {
  return {
    entry,
    text: foldText(
      [entry.title, entry.summary, ...entry.sources.map((source) => source.title), ...entry.outlets, ...entry.categories, entry.contentText].join('\n'),
    ),
    outletSlugs: entry.outlets.map(slugOf),
    tagSlugs: entry.categories.map((category) => slugOf(normaliseCategory(category))),
  };
}

export function selectEntries(entries: readonly SearchableEntry[], query: FeedQuery): FeedEntry[] {
  const scopeSlug = query.scope.kind === 'source' ? slugOf(query.scope.outlet) : query.scope.kind === 'tag' ? slugOf(query.scope.tag) : '';
  const selected: FeedEntry[] = [];
  for (const candidate of entries) {
    if (selected.length >= query.limit) break;
    if (query.scope.kind === 'source' && !candidate.outletSlugs.includes(scopeSlug)) continue;
    if (query.scope.kind === 'tag' && !candidate.tagSlugs.includes(scopeSlug)) continue;
    if (!query.words.every((word) => candidate.text.includes(word))) continue;
    selected.push(candidate.entry);
  }
  return selected;
}
