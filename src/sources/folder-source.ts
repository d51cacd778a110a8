/**
 * A folder of scraped article files (and local feed documents) as a source
 * that is polled like a feed: each refresh reads only files that are new or
 * changed. A file whose size and mtime are unchanged is not even opened; one
 * whose bytes hash the same as last time is not parsed again (a scraper that
 * rewrites identical files should cost nothing).
 *
 * It does not store items; it returns them with the updated fingerprints for
 * the cycle to store in one write.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { SourceError, describeError } from '../errors.js';
import type { Item } from '../item.js';
import type { SourceRecord } from '../store/store.js';
import { readArticleFile } from './article-file.js';
import { decodeDocument } from './decode-charset.js';
import { parseFeedDocument } from './feed-document.js';
import { listLocalDocuments, type LocalDocument } from './local-paths.js';

export interface FileFingerprint {
  size: number;
  mtimeMs: number;
  sha256: string;
}

export interface FolderRefresh {
  items: Item[];
  /** Files read and parsed this time (new or changed). */
  read: number;
  /** Files skipped because they did not change. */
  unchanged: number;
  failed: { origin: string; reason: string }[];
  /** Fingerprints of every file that is there now and was read successfully. */
  files: Record<string, FileFingerprint>;
}

/** The fingerprints kept in SourceRecord.state.files by the last refresh. */
export function readFingerprints(state: Record<string, unknown>): Record<string, FileFingerprint> {
  const files = state['files'];
  if (!files || typeof files !== 'object') return {};
  const out: Record<string, FileFingerprint> = {};
  for (const [origin, value] of Object.entries(files as Record<string, unknown>)) {
    const f = value as Partial<FileFingerprint> | null;
    if (f && typeof f.size === 'number' && typeof f.mtimeMs === 'number' && typeof f.sha256 === 'string') {
      out[origin] = { size: f.size, mtimeMs: f.mtimeMs, sha256: f.sha256 };
    }
  }
  return out;
}

/** Throws a SourceError (`io`) only when the folder itself cannot be listed; bad files are reported in `failed`. */
export async function refreshFolderSource(record: SourceRecord): Promise<FolderRefresh> {
  const previous = readFingerprints(record.state);
  const documents = await listLocalDocuments([record.location]);
  const result: FolderRefresh = { items: [], read: 0, unchanged: 0, failed: [], files: {} };
  for (const document of documents) {
    try {
      const info = await stat(document.path);
      const known = previous[document.origin];
      if (known && known.size === info.size && known.mtimeMs === info.mtimeMs) {
        result.files[document.origin] = known;
        result.unchanged++;
        continue;
      }
      const bytes = await readFile(document.path);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const fingerprint = { size: info.size, mtimeMs: info.mtimeMs, sha256 };
      if (known && known.sha256 === sha256) {
        result.files[document.origin] = fingerprint;
        result.unchanged++;
        continue;
      }
      result.items.push(...(await readDocument(document, bytes)));
      result.files[document.origin] = fingerprint;
      result.read++;
    } catch (error) {
      // No fingerprint: a file that failed is tried again next time (it may be mid-write).
      result.failed.push({ origin: document.origin, reason: describeError(error) });
    }
  }
  return result;
}

async function readDocument(document: LocalDocument, bytes: Uint8Array): Promise<Item[]> {
  if (document.kind === 'article') return [await readArticleFile(document.path, document.origin)];
  // Local feed documents get the same charset handling as fetched ones: saved GBK/Big5 feeds are common.
  const { text } = decodeDocument(bytes, null, document.origin);
  try {
    return await parseFeedDocument(text, document.origin);
  } catch (error) {
    if (error instanceof SourceError) throw error;
    throw new SourceError(document.origin, 'parse', (error as Error).message, { cause: error });
  }
}
