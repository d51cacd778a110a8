/** Reads the dedup fixture folders and the whole news-zh-2022 corpus copy through the real article reader, keyed by file name. */
import { fileURLToPath } from 'node:url';
import { readFolderItems } from '../../src/use-cases/evaluate-dedup.js';
import type { DedupItem } from '../../src/dedup/dedup-item.js';

export const fixtureDir = (name: string) => fileURLToPath(new URL(`../fixtures/dedup/${name}`, import.meta.url));

export async function loadFixtureItems(name: 'seeds' | 'corpus'): Promise<Map<string, DedupItem>> {
  const { items, failed } = await readFolderItems(fixtureDir(name));
  if (failed.length > 0) throw new Error(`fixtures failed to read: ${failed.join('; ')}`);
  return items;
}

/** All 277 files of test/fixtures/corpus/news-zh-2022: the term weights of a real store, not of fifteen files. */
export async function loadNewsCorpus(): Promise<Map<string, DedupItem>> {
  const { items, failed } = await readFolderItems(fileURLToPath(new URL('../fixtures/corpus/news-zh-2022', import.meta.url)));
  if (failed.length > 0) throw new Error(`corpus files failed to read: ${failed.join('; ')}`);
  return items;
}
