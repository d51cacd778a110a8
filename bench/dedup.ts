/**
 * Dedup throughput: clusters synthetic streams of 10k and 100k seed-like items
 * and prints items/s, peak memory, the 100k/10k time ratio, and the cost of
 * folding one new item into the 100k index. The items are generated
 * reproducibly (seeded PRNG) from the news-zh-2022 corpus copied into the
 * test fixtures (or the seeds when it is absent), spread over two years; see
 * `syntheticStream`. `node dist/bench/dedup.js --large 30000` swaps the 100k
 * stream for a smaller one when a full run takes too long.
 */
import { readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readArticleFile } from '../src/sources/article-file.js';
import { dedupItemOf } from '../src/dedup/dedup-item-of.js';
import type { DedupItem } from '../src/dedup/dedup-item.js';
import { DedupIndex } from '../src/dedup/dedup-index.js';
import { defaultDedupConfig } from '../src/dedup/config.js';
import { seededRandom } from './seeded-random.js';

async function baseArticles(): Promise<DedupItem[]> {
  const corpus = resolve('test/fixtures/corpus/news-zh-2022');
  const dir = existsSync(corpus) ? corpus : resolve('seeds');
  const names = (await readdir(dir)).filter((name) => name.endsWith('.txt')).sort();
  const items: DedupItem[] = [];
  for (const name of names) items.push(dedupItemOf(await readArticleFile(join(dir, name), name), { firstSeen: new Date(0).toISOString() }));
  return items;
}

function mutate(text: string, donor: string, rate: number, random: () => number): string {
  const chars = [...text];
  const donorChars = [...donor];
  for (let index = 0; index < chars.length; index += 1) {
    if (random() < rate && donorChars.length > 0) chars[index] = donorChars[Math.floor(random() * donorChars.length)] as string;
  }
  return chars.join('').replace(/\d+/g, (digits) => (random() < 0.3 ? String(Math.floor(random() * 10 ** digits.length)) : digits));
}

/**
 * A stream of stories, each reported by 1-6 items within three days. A story
 * is a fresh mix: the headline of one article with characters swapped in from
 * another, and sentences drawn from three articles. Its reports are further
 * edits of it (copies, rewrites with dropped sentences, changed numbers),
 * one in twenty undated. Re-using the 277 articles for thousands of stories
 * this way keeps each story distinct, as real news is.
 */
export function syntheticStream(bases: readonly DedupItem[], count: number, seed: number): DedupItem[] {
  const random = seededRandom(seed);
  const pick = () => bases[Math.floor(random() * bases.length)] as DedupItem;
  const start = Date.parse('2021-01-01T00:00:00Z');
  const span = 730 * 86_400_000;
  const items: DedupItem[] = [];
  while (items.length < count) {
    const headline = pick();
    const sentences = [pick(), pick(), pick()].flatMap((base) => base.lead.split(/(?<=[。！？\n])/u)).filter(() => random() < 0.5);
    const storyTitle = mutate(headline.title, pick().title, 0.25, random);
    const storyLead = mutate(sentences.join(''), pick().lead, 0.1, random);
    const storyTime = start + (items.length / count) * span;
    const reports = 1 + Math.floor(random() * 6);
    for (let report = 0; report < reports && items.length < count; report += 1) {
      const index = items.length;
      const id = `syn-${seed}-${index}`;
      const published = random() < 0.05 ? null : new Date(storyTime + random() * 3 * 86_400_000).toISOString();
      const kept = storyLead.split(/(?<=[。！？\n])/u).filter(() => random() > 0.2).join('');
      items.push({
        ...headline,
        id,
        origin: `${id}.txt`,
        url: `https://example.org/${id}`,
        guid: null,
        title: mutate(storyTitle, pick().title, 0.1, random),
        lead: mutate(kept, pick().lead, 0.08, random),
        published,
        firstSeen: published ?? new Date(storyTime).toISOString(),
        contentHash: id,
      });
    }
  }
  return items;
}

function clusterStream(items: readonly DedupItem[]): { ms: number; index: DedupIndex } {
  const index = new DedupIndex(defaultDedupConfig);
  const started = performance.now();
  for (let offset = 0; offset < items.length; offset += 1000) index.apply(items.slice(offset, offset + 1000), false);
  return { ms: performance.now() - started, index };
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

export async function runDedupBench(largeCount = 100_000): Promise<void> {
  const bases = await baseArticles();
  console.log(`dedup: synthetic streams from ${bases.length} base articles, ingest runs of 1000 items`);
  const small = clusterStream(syntheticStream(bases, 10_000, 1));
  console.log(`dedup 10k:  ${(small.ms / 1000).toFixed(2)} s  ${Math.round(10_000 / (small.ms / 1000))} items/s  ${small.index.events().length} events`);
  const largeItems = syntheticStream(bases, largeCount, 2);
  const label = largeCount % 1000 === 0 ? `${largeCount / 1000}k` : String(largeCount);
  const large = clusterStream(largeItems.slice(0, largeCount - 100));
  const rest = largeItems.slice(largeCount - 100);
  const perItem: number[] = [];
  for (const item of rest) {
    const started = performance.now();
    large.index.apply([item], false);
    perItem.push(performance.now() - started);
  }
  perItem.sort((a, b) => a - b);
  const largeMs = large.ms * (largeCount / (largeCount - 100));
  console.log(`dedup ${label}: ${(largeMs / 1000).toFixed(2)} s  ${Math.round(largeCount / (largeMs / 1000))} items/s  ${large.index.events().length} events`);
  console.log(`dedup ${label}/10k time ratio: ${(largeMs / small.ms).toFixed(2)} (target <= 12 at 100k)`);
  const median = perItem[Math.floor(perItem.length / 2)] ?? 0;
  const p95 = perItem[Math.floor(perItem.length * 0.95)] ?? 0;
  console.log(`dedup one new item into a ${label} index: median ${median.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms (target <= 2 ms)`);
  console.log(`dedup peak memory: maxRSS ${megabytes(process.resourceUsage().maxRSS * 1024)}, heap used now ${megabytes(process.memoryUsage().heapUsed)}`);
}

function largeCountArgument(argv: readonly string[]): number {
  const at = argv.indexOf('--large');
  if (at < 0) return 100_000;
  const value = Number(argv[at + 1]);
  if (!Number.isInteger(value) || value < 1000) throw new Error(`--large wants a whole number of items, at least 1000 (got ${argv[at + 1] ?? 'nothing'})`);
  return value;
}

if (process.argv[1] && import.meta.url === new URL(`file://${resolve(process.argv[1])}`).href) await runDedupBench(largeCountArgument(process.argv));
