/**
 * Dedup throughput: clusters synthetic streams of 10k and 100k seed-like items
 * and prints items/s, peak memory, the 100k/10k time ratio, the cost of
 * folding one new item into the 100k index (median and p95), and the events'
 * pairwise precision and recall against the stories the generator made, so a
 * speed-up that loses links shows. The items are generated reproducibly
 * (seeded PRNG) from the news-zh-2022 corpus copied into the test fixtures
 * (or the seeds when it is absent), spread over two years; see
 * bench/synthetic-news.ts. `node dist/bench/dedup.js --large 30000` swaps the 100k
 * stream for a smaller one when a full run takes too long.
 */
import { readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readArticleFile } from '../src/sources/article-file.js';
import { dedupItemOf } from '../src/dedup/dedup-item-of.js';
import type { DedupItem } from '../src/dedup/dedup-item.js';
import type { Event } from '../src/event.js';
import { DedupIndex } from '../src/dedup/dedup-index.js';
import { DedupSession } from '../src/dedup/dedup-session.js';
import { defaultDedupConfig } from '../src/dedup/config.js';
import { syntheticStream, type SyntheticStream } from './synthetic-news.js';

async function baseArticles(): Promise<DedupItem[]> {
  const corpus = resolve('test/fixtures/corpus/news-zh-2022');
  const dir = existsSync(corpus) ? corpus : resolve('seeds');
  const names = (await readdir(dir)).filter((name) => name.endsWith('.txt')).sort();
  const items: DedupItem[] = [];
  for (const name of names) items.push(dedupItemOf(await readArticleFile(join(dir, name), name), { firstSeen: new Date(0).toISOString() }));
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

function pairs(size: number): number {
  return (size * (size - 1)) / 2;
}

/**
 * Pairwise precision and recall of the events against the generator's
 * stories, from cluster sizes (linear; score-clustering.ts lists every pair,
 * which is quadratic at 100k items).
 */
function quality(index: DedupIndex, events: readonly Event[], stream: SyntheticStream): string {
  const storyOf = new Map(stream.items.map((item, at) => [item.id, stream.stories[at] as number]));
  const storySizes = new Map<number, number>();
  for (const item of stream.items) {
    if (index.eventOf(item.id) === null) continue;
    const story = storyOf.get(item.id) as number;
    storySizes.set(story, (storySizes.get(story) ?? 0) + 1);
  }
  let truePairs = 0;
  for (const size of storySizes.values()) truePairs += pairs(size);
  let predictedPairs = 0;
  let correctPairs = 0;
  // Wrong pairs by how the two stories are related: a follow-up and its parent, one base article reused, or neither.
  const wrong = { followUp: 0, sameBase: 0, other: 0 };
  for (const event of events) {
    predictedPairs += pairs(event.items.length);
    const perStory = new Map<number, number>();
    for (const member of event.items) {
      const story = storyOf.get(member.id) as number;
      perStory.set(story, (perStory.get(story) ?? 0) + 1);
    }
    for (const size of perStory.values()) correctPairs += pairs(size);
    const sizes = [...perStory];
    for (let i = 0; i < sizes.length; i += 1) {
      for (let j = i + 1; j < sizes.length; j += 1) {
        const [a, sizeA] = sizes[i] as [number, number];
        const [b, sizeB] = sizes[j] as [number, number];
        const kind = stream.followUpOf[a] === b || stream.followUpOf[b] === a ? 'followUp' : stream.storyBase[a] === stream.storyBase[b] ? 'sameBase' : 'other';
        wrong[kind] += sizeA * sizeB;
      }
    }
  }
  const precision = predictedPairs === 0 ? 1 : correctPairs / predictedPairs;
  const recall = truePairs === 0 ? 1 : correctPairs / truePairs;
  const share = (count: number) => (predictedPairs - correctPairs === 0 ? '0' : ((100 * count) / (predictedPairs - correctPairs)).toFixed(0));
  return `pairwise P ${precision.toFixed(3)} R ${recall.toFixed(3)} against ${storySizes.size} stories (wrong pairs: ${share(wrong.followUp)}% follow-up, ${share(wrong.sameBase)}% same base, ${share(wrong.other)}% unrelated)`;
}

function label(count: number): string {
  return count % 1000 === 0 ? `${count / 1000}k` : String(count);
}

export async function runDedupBench(largeCount = 100_000): Promise<void> {
  const bases = await baseArticles();
  console.log(`dedup: synthetic streams from ${bases.length} base articles (bench/synthetic-news.ts), ingest runs of 1000 items, one core`);
  const smallStream = syntheticStream(bases, 10_000, 1);
  const small = clusterStream(smallStream.items);
  const smallEvents = small.index.events();
  console.log(`dedup 10k:  ${(small.ms / 1000).toFixed(2)} s  ${Math.round(10_000 / (small.ms / 1000))} items/s  ${smallEvents.length} events  ${quality(small.index, smallEvents, smallStream)}`);
  sessionCycles(smallStream.items);
  const largeStream = syntheticStream(bases, largeCount, 2);
  const large = clusterStream(largeStream.items.slice(0, largeCount - 100));
  const perItem: number[] = [];
  for (const item of largeStream.items.slice(largeCount - 100)) {
    const started = performance.now();
    large.index.apply([item], false);
    perItem.push(performance.now() - started);
  }
  perItem.sort((a, b) => a - b);
  const largeMs = large.ms * (largeCount / (largeCount - 100));
  const name = label(largeCount);
  const largeEvents = large.index.events();
  console.log(`dedup ${name}: ${(largeMs / 1000).toFixed(2)} s  ${Math.round(largeCount / (largeMs / 1000))} items/s  ${largeEvents.length} events  ${quality(large.index, largeEvents, largeStream)}`);
  console.log(`dedup ${name}/10k time ratio: ${(largeMs / small.ms).toFixed(2)} (target <= 12 at 100k)`);
  const median = perItem[Math.floor(perItem.length / 2)] ?? 0;
  const p95 = perItem[Math.floor(perItem.length * 0.95)] ?? 0;
  console.log(`dedup one new item into a ${name} index: median ${median.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms (target <= 2 ms)`);
  console.log(`dedup peak memory: maxRSS ${megabytes(process.resourceUsage().maxRSS * 1024)}, heap used now ${megabytes(process.memoryUsage().heapUsed)}`);
}

/**
 * What a server cycle costs: a DedupSession (src/dedup/dedup-session.ts)
 * folding a cycle's new items into the index it holds, with the complete
 * fold a cron run would do, but without reading or profiling stored items.
 * The figures above are the stream mode (`apply(items, false)`), which no
 * cycle uses.
 */
function sessionCycles(items: readonly DedupItem[]): void {
  const held = items.slice(0, items.length - 101);
  const session = new DedupSession();
  const started = performance.now();
  session.rebuild({ events: [], index: null }, held);
  const rebuildMs = performance.now() - started;
  const timed = (batch: readonly DedupItem[]) => {
    const at = performance.now();
    session.update(batch, []);
    return performance.now() - at;
  };
  const one = timed(items.slice(held.length, held.length + 1));
  const hundred = timed(items.slice(held.length + 1));
  console.log(
    `dedup server cycle at ${label(items.length)}: fold from memory ${(one / 1000).toFixed(2)} s for 1 new item, ${(hundred / 1000).toFixed(2)} s for 100 ` +
      `(a cron run re-reads and profiles everything: ${(rebuildMs / 1000).toFixed(2)} s here without the reads)`,
  );
}

function largeCountArgument(argv: readonly string[]): number {
  const at = argv.indexOf('--large');
  if (at < 0) return 100_000;
  const value = Number(argv[at + 1]);
  if (!Number.isInteger(value) || value < 1000) throw new Error(`--large wants a whole number of items, at least 1000 (got ${argv[at + 1] ?? 'nothing'})`);
  return value;
}

if (process.argv[1] && import.meta.url === new URL(`file://${resolve(process.argv[1])}`).href) await runDedupBench(largeCountArgument(process.argv));
