/**
 * Ingest: read article files and local feed documents into clean items, store
 * them in one write, and fold them into events.
 *
 * A file that cannot be read is reported and skipped; the good files are
 * still stored.
 */
import { readFile } from 'node:fs/promises';
import type { Item } from '../item.js';
import type { Store } from '../store/store.js';
import { SourceError, describeError } from '../errors.js';
import { listLocalDocuments, type LocalDocument } from '../sources/local-paths.js';
import { readArticleFile } from '../sources/article-file.js';
import { decodeDocument } from '../sources/decode-charset.js';
import { parseFeedDocument } from '../sources/feed-document.js';
import { withLock } from '../schedule/lock.js';
import { foldRun } from './fold-events.js';
import { withStore, type Workspace } from './workspace.js';

export interface IngestFailure {
  source: string;
  reason: string;
}

export interface IngestSummary {
  read: number;
  added: number;
  updated: number;
  unchanged: number;
  failed: IngestFailure[];
  /** Events in the store after the run. */
  events: number;
}

export interface IngestOptions {
  /** Called after each document with the count done so far. */
  onProgress?: (done: number, total: number, document: LocalDocument) => void;
  now?: Date;
  /** Events whose items were all stored longer ago than this are dropped (default 90). */
  retentionDays?: number;
}

/** Reads one local document into items; a feed document yields many. */
export async function readLocalDocument(document: LocalDocument): Promise<Item[]> {
  if (document.kind === 'article') return [await readArticleFile(document.path, document.origin)];
  let bytes: Buffer;
  try {
    bytes = await readFile(document.path);
  } catch (cause) {
    throw new SourceError(document.origin, 'io', `cannot read file: ${(cause as Error).message}`, { cause });
  }
  // A saved feed keeps its own encoding (GBK, Big5…), declared in its XML prolog.
  return parseFeedDocument(decodeDocument(bytes, null, document.origin).text, document.origin);
}

export async function ingestPaths(store: Store, paths: readonly string[], options: IngestOptions = {}): Promise<IngestSummary> {
  const items = new Map<string, Item>();
  const failed: IngestFailure[] = [];
  const documents: LocalDocument[] = [];
  for (const path of paths) {
    try {
      documents.push(...(await listLocalDocuments([path])));
    } catch (error) {
      failed.push({ source: path, reason: describeError(error) });
    }
  }
  let done = 0;
  for (const document of documents) {
    try {
      for (const item of await readLocalDocument(document)) items.set(item.id, item);
    } catch (error) {
      failed.push({ source: document.origin, reason: describeError(error) });
    }
    done += 1;
    options.onProgress?.(done, documents.length, document);
  }
  // Items and the events they fold into are stored in one write.
  const { result, folded } = await store.batch(async () => {
    const result = await store.upsertItems([...items.values()], options.now);
    const changed = new Map([...result.added, ...result.updated].map((id) => [id, items.get(id)!]));
    const folded = await foldRun(store, changed, {
      days: options.retentionDays ?? 90,
      ...(options.now ? { now: options.now } : {}),
    });
    return { result, folded };
  });
  return {
    read: documents.length,
    added: result.added.length,
    updated: result.updated.length,
    unchanged: result.unchanged.length,
    failed,
    events: folded.events,
  };
}

/** `ingestPaths` on the workspace's store, under the data-directory lock, so it cannot race a cycle. */
export function ingestIntoWorkspace(workspace: Workspace, paths: readonly string[], options: IngestOptions = {}): Promise<IngestSummary> {
  const config = workspace.config();
  return withLock(
    config.dataDir,
    () => withStore(workspace, (store) => ingestPaths(store, paths, { retentionDays: config.retentionDays, ...options })),
    { wait: 60_000, purpose: 'ingest' },
  );
}
