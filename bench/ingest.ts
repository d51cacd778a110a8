/**
 * Ingest throughput: read and clean every file of the news-zh-2022 corpus
 * (parse + clean only, no store), a few rounds, and report items/s.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArticle } from '../src/sources/article-file.js';

const ROUNDS = 5;

export async function runIngestBench(): Promise<void> {
  const corpus = fileURLToPath(new URL('../../test/fixtures/corpus/news-zh-2022/', import.meta.url));
  const names = (await readdir(corpus)).filter((name) => name.endsWith('.txt')).sort();
  const texts = await Promise.all(names.map(async (name) => [name, await readFile(join(corpus, name), 'utf8')] as const));
  const bytes = texts.reduce((sum, [, text]) => sum + Buffer.byteLength(text), 0);

  for (const [name, text] of texts) parseArticle(text, name); // warm-up: JIT, lazy dictionaries
  const started = performance.now();
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [name, text] of texts) parseArticle(text, name);
  }
  const seconds = (performance.now() - started) / 1000;
  const count = names.length * ROUNDS;

  console.log('\n## Ingest: parse + clean the news-zh-2022 corpus (no store)');
  console.log('| files | rounds | items/s | MB/s |');
  console.log('|---:|---:|---:|---:|');
  console.log(`| ${names.length} | ${ROUNDS} | ${(count / seconds).toFixed(0)} | ${((bytes * ROUNDS) / 1e6 / seconds).toFixed(2)} |`);
}
