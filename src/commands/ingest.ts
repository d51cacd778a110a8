/**
 * `feedfold ingest PATH…`: read article files and local feed documents into
 * clean items, store them in one write, and fold them into events.
 *
 * A file that cannot be read is reported and skipped; the good files are still
 * stored. Exit code 1 when any file failed.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { Item } from '../item.js';
import type { Store } from '../store/store.js';
import { SourceError, describeError } from '../errors.js';
import { listLocalDocuments, type LocalDocument } from '../sources/local-paths.js';
import { readArticleFile } from '../sources/article-file.js';
import { decodeDocument } from '../sources/decode-charset.js';
import { parseFeedDocument } from '../sources/feed-document.js';
import { withLock } from '../schedule/lock.js';
import { foldRun } from '../schedule/refold-events.js';
import type { CommandContext } from './context.js';

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

export function register(program: Command, ctx: CommandContext): void {
  program
    .command('ingest')
    .description('read article files, folders of them, and local feed documents (.xml, .json) into the store')
    .argument('<paths...>', 'files or folders (searched recursively)')
    .action(async (paths: string[]) => {
      // The lock keeps a cron `run` or a server cycle from writing the store at the same time.
      const summary = await withLock(
        ctx.config().dataDir,
        async () => {
          const store = await ctx.openStore();
          try {
            const progress = progressLine(process.stderr);
            const result = await ingestPaths(store, paths, {
              onProgress: progress.update,
              retentionDays: ctx.config().retentionDays,
            });
            progress.done();
            return result;
          } finally {
            await store.close();
          }
        },
        { wait: 60_000, purpose: 'ingest' },
      );
      for (const failure of summary.failed) console.error(`failed: ${failure.source}: ${failure.reason}`);
      console.log(
        `ingest: ${summary.read} files read — ${summary.added} added, ${summary.updated} updated, ` +
          `${summary.unchanged} unchanged, ${summary.failed.length} failed; ${summary.events} events`,
      );
      if (summary.failed.length > 0) process.exitCode = 1;
    });
}

/** A single rewritten status line on a terminal; silent when stderr is a pipe or file. */
function progressLine(stream: NodeJS.WriteStream) {
  let last = 0;
  let shown = false;
  return {
    update(done: number, total: number, document: LocalDocument) {
      if (!stream.isTTY || total < 50) return;
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      shown = true;
      const line = `ingest ${done}/${total} ${document.origin}`;
      stream.write(`\r${line.slice(0, (stream.columns ?? 80) - 1).padEnd((stream.columns ?? 80) - 1)}`);
    },
    done() {
      if (shown) stream.write('\n');
    },
  };
}
