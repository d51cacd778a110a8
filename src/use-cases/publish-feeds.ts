/**
 * Publish: write atom.xml, rss.xml and feed.json from the stored events, for
 * a static host fed by cron (`feedfold publish`) and as the last stage of the
 * refresh cycle. Each file is written to a temporary name and renamed over
 * the old one, so a web server never sends a half-written feed, and a file
 * whose bytes did not change is left alone (its mtime and the host's ETag
 * stay put).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config.js';
import { StoreError } from '../errors.js';
import type { Store } from '../store/store.js';
import { DEFAULT_ENTRY_LIMIT, FEED_FORMATS, renderFeeds } from '../publish/feed-documents.js';
import { STATIC_FILE_NAMES, feedMeta } from '../publish/feed-meta.js';
import { loadFeedEntries } from '../publish/load-entries.js';
import { withStore, type Workspace } from './workspace.js';

export interface PublishSummary {
  dir: string;
  entries: number;
  written: string[];
  unchanged: string[];
}

export async function publishFeeds(
  store: Store,
  config: Pick<Config, 'baseUrl' | 'title' | 'language'>,
  dir: string,
  options: { limit?: number } = {},
): Promise<PublishSummary> {
  // The newest changes first, as many as the server's main feed shows, so the files and /feed.atom agree.
  const entries = (await loadFeedEntries(store, config.baseUrl)).entries.slice(0, options.limit ?? DEFAULT_ENTRY_LIMIT);
  const meta = feedMeta({ baseUrl: config.baseUrl, title: config.title, language: config.language, fileNames: STATIC_FILE_NAMES });
  const documents = renderFeeds(entries, meta);
  try {
    await mkdir(dir, { recursive: true });
  } catch (cause) {
    throw new StoreError(dir, `cannot create the feeds folder: ${(cause as Error).message}`, { cause });
  }
  const summary: PublishSummary = { dir, entries: entries.length, written: [], unchanged: [] };
  for (const format of FEED_FORMATS) {
    const name = STATIC_FILE_NAMES[format];
    const changed = await writeIfChanged(join(dir, name), Buffer.from(documents[format], 'utf8'));
    (changed ? summary.written : summary.unchanged).push(name);
  }
  return summary;
}

/** Writes `bytes` to `path` through a temporary file and a rename, unless the file already holds exactly these bytes. */
export async function writeIfChanged(path: string, bytes: Buffer): Promise<boolean> {
  let current: Buffer | null = null;
  try {
    current = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new StoreError(path, `cannot read: ${(error as Error).message}`, { cause: error });
  }
  if (current?.equals(bytes)) return false;
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, bytes);
    await rename(temporary, path);
  } catch (cause) {
    await rm(temporary, { force: true });
    throw new StoreError(path, `cannot write: ${(cause as Error).message}`, { cause });
  }
  return true;
}

/** `publishFeeds` from the workspace's store to `dir` (default: the configured feeds folder). */
export function publishWorkspace(workspace: Workspace, options: { dir?: string; limit?: number } = {}): Promise<PublishSummary> {
  const config = workspace.config();
  return withStore(workspace, (store) => publishFeeds(store, config, options.dir ?? config.feedsDir, options.limit === undefined ? {} : { limit: options.limit }));
}
