/**
 * A cheap "did the store change?" check for a server that did not make the
 * change itself (a cron `feedfold run`, a manual `feedfold ingest`): the
 * names, sizes and mtimes of the files at the top of the data directory,
 * where the store keeps its main document. It reads no content and does not
 * know the store's format; the lock file is left out because taking a lock is
 * not a change.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export async function dataFingerprint(dataDir: string, ignore: readonly string[] = []): Promise<string> {
  let names: string[];
  try {
    names = (await readdir(dataDir)).filter((name) => !ignore.includes(name)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
  const parts: string[] = [];
  for (const name of names) {
    try {
      const info = await stat(join(dataDir, name));
      if (info.isFile()) parts.push(`${name}:${info.size}:${info.mtimeMs}`);
    } catch (error) {
      // A temporary file renamed away between readdir and stat is not a change to report.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return parts.join('|');
}
