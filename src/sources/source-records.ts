/**
 * The list of sources a user subscribes to, as SourceRecords: creating one
 * from a URL or a folder (with a stable id, a name and a poll interval),
 * adding and removing them in the list, and the default `seeds/` source a new
 * store starts with.
 *
 * It does not fetch anything and does not talk to the store except through
 * the list it is given (the commands load and save it).
 */
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../errors.js';
import type { SourceRecord } from '../store/store.js';
import type { AddedVia } from './address-guard.js';

/** 30 minutes: polite for news sites, fresh enough for an aggregator. */
export const DEFAULT_EVERY_SECONDS = 30 * 60;
/** Polling more often than this is rude to the publisher and gains nothing. */
const MIN_EVERY_SECONDS = 60;

/** `30m`, `2h`, `1d`, `90s` or plain seconds → seconds. */
export function parseEvery(text: string): number {
  const match = /^\s*(\d+)\s*(s|m|h|d)?\s*$/i.exec(text);
  if (!match?.[1]) throw new ConfigError(`--every must look like 30m, 2h, 1d or 90s, got "${text}"`);
  const unit = (match[2] ?? 's').toLowerCase();
  const seconds = Number(match[1]) * { s: 1, m: 60, h: 3600, d: 86_400 }[unit as 's' | 'm' | 'h' | 'd'];
  if (seconds < MIN_EVERY_SECONDS) throw new ConfigError(`--every must be at least 1m, got "${text}"`);
  return seconds;
}

/** `1800` → `30m`, for listings. */
export function formatEvery(seconds: number): string {
  if (seconds % 86_400 === 0) return `${seconds / 86_400}d`;
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

/** Stable short id: the same location always gets the same id, so adding it twice is caught. */
export function sourceIdFor(kind: SourceRecord['kind'], location: string): string {
  return `s_${createHash('sha256').update(`${kind}\n${location}`).digest('hex').slice(0, 8)}`;
}

export interface NewSourceOptions {
  name?: string | null;
  every?: number;
  categories?: string[];
  /** Folder paths are resolved against this. */
  cwd?: string;
  /**
   * Who added it. `api` and `reader` sources are fetched through the address
   * guard on every fetch (SSRF); the CLI is the operator and is trusted.
   */
  addedVia?: AddedVia;
}

/**
 * A record for an http(s) feed URL or an existing folder. Anything else is a
 * clear error: a typo in a URL should not become a folder source that never
 * yields anything.
 */
export function newSourceRecord(location: string, options: NewSourceOptions = {}, now = new Date()): SourceRecord {
  const base = {
    name: options.name ?? null,
    every: options.every ?? DEFAULT_EVERY_SECONDS,
    categories: options.categories ?? [],
    addedAt: now.toISOString(),
    state: options.addedVia && options.addedVia !== 'cli' ? { addedVia: options.addedVia } : {},
  };
  if (/^https?:\/\//i.test(location)) {
    let url: URL;
    try {
      url = new URL(location);
    } catch {
      throw new ConfigError(`not a valid feed URL: "${location}"`);
    }
    return { id: sourceIdFor('feed', url.href), kind: 'feed', location: url.href, ...base };
  }
  // A folder is a path on this machine: only the operator may point feedfold at one.
  if (options.addedVia && options.addedVia !== 'cli') throw new ConfigError(`only http(s) feed URLs can be added through the ${options.addedVia}, got "${location}"`);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) {
    throw new ConfigError(`only http and https feed URLs are supported, got "${location}"`);
  }
  const path = resolve(options.cwd ?? process.cwd(), location);
  let isDirectory = false;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    throw new ConfigError(`"${location}" is neither an http(s) URL nor an existing folder`);
  }
  if (!isDirectory) throw new ConfigError(`"${location}" is a file; a source is a feed URL or a folder of article files`);
  return { id: sourceIdFor('folder', path), kind: 'folder', location: path, ...base };
}

/** The list with the record added; a source already there (same kind and location) is an error. */
export function addSource(sources: readonly SourceRecord[], record: SourceRecord): SourceRecord[] {
  const existing = sources.find((s) => s.id === record.id || (s.kind === record.kind && s.location === record.location));
  if (existing) throw new ConfigError(`${record.location} is already a source (${existing.id})`);
  return [...sources, record];
}

/** The list without the source whose id (or location) is given. */
export function removeSource(sources: readonly SourceRecord[], idOrLocation: string): { sources: SourceRecord[]; removed: SourceRecord } {
  const removed = sources.find((s) => s.id === idOrLocation || s.location === idOrLocation);
  if (!removed) throw new ConfigError(`no source "${idOrLocation}"; \`feedfold sources list\` shows the ids`);
  return { sources: sources.filter((s) => s !== removed), removed };
}

/** The `seeds/` folder shipped with feedfold (next to package.json), when present. */
export function bundledSeedsDir(from = fileURLToPath(import.meta.url)): string | null {
  let dir = dirname(from);
  for (let depth = 0; depth < 5; depth++) {
    if (existsSync(join(dir, 'package.json'))) {
      const seeds = join(dir, 'seeds');
      return existsSync(seeds) ? seeds : null;
    }
    dir = dirname(dir);
  }
  return null;
}

/** Name of the store state document that records the default sources were set up once. */
export const SOURCES_INITIALISED_STATE = 'sources-initialised';
