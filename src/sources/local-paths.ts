/**
 * Expands the paths given to `feedfold ingest` into the documents to read:
 * article files and local feed documents, each with its origin (the path
 * relative to the folder that was given, or the file name when a file was
 * given). It reads directory listings only, never file contents.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, join, relative, resolve, sep } from 'node:path';
import { SourceError } from '../errors.js';

export interface LocalDocument {
  /** Absolute path on disk. */
  path: string;
  /** Relative to the folder given, with `/` separators; or the file name. */
  origin: string;
  kind: 'article' | 'feed';
}

/** `.xml` (RSS/Atom/RDF) and `.json` (JSON Feed) files are feed documents; everything else is an article file. */
export function documentKind(path: string): LocalDocument['kind'] {
  return /\.(xml|rss|atom|rdf|json)$/i.test(path) ? 'feed' : 'article';
}

/**
 * Every document under the given paths, sorted by origin so runs are
 * reproducible. Hidden files and folders (`.git`, editor temp files) are
 * skipped. README.md files are not: some scrapers (ourhimalayas/txt) store each
 * article as a README.md.
 */
export async function listLocalDocuments(paths: readonly string[]): Promise<LocalDocument[]> {
  const documents: LocalDocument[] = [];
  const seen = new Set<string>();
  for (const given of paths) {
    const root = resolve(given);
    let info;
    try {
      info = await stat(root);
    } catch (cause) {
      throw new SourceError(given, 'io', `cannot read: ${(cause as NodeJS.ErrnoException).code ?? String(cause)}`, {
        cause,
      });
    }
    const found: LocalDocument[] = [];
    if (info.isDirectory()) {
      for (const path of await walk(root)) {
        found.push({ path, origin: relative(root, path).split(sep).join('/'), kind: documentKind(path) });
      }
      found.sort((a, b) => a.origin.localeCompare(b.origin));
    } else {
      found.push({ path: root, origin: basename(root), kind: documentKind(root) });
    }
    for (const document of found) {
      if (seen.has(document.path)) continue;
      seen.add(document.path);
      documents.push(document);
    }
  }
  return documents;
}

async function walk(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await walk(path)));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}
