/**
 * Store benchmark: for synthetic stores of 10k and 50k items, the time of one
 * ingest run's write (a batch of new items into the full store) and the peak
 * memory of the process. Each size runs in its own child process so that peak
 * RSS belongs to that size alone.
 *
 * Targets (issue 2): at 50k stored items one run's write < 0.5 s, process < 500 MB.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Item } from '../src/item.js';
import { openLowdbStore } from '../src/store/lowdb-store.js';
import { seededRandom } from './seeded-random.js';

const RUN_BATCH = 100;

function syntheticItem(n: number, paragraphs: string[], random: () => number): Item {
  const pick = () => paragraphs[Math.floor(random() * paragraphs.length)] ?? '';
  const text = [pick(), pick(), pick(), pick()].join('\n\n');
  const id = `it_${n.toString(16).padStart(16, '0')}`;
  return {
    id,
    origin: `synthetic/${n}.txt`,
    format: 'generic',
    guid: null,
    url: `https://news.example.org/a/${n}.html`,
    title: `${pick().slice(0, 24)} ${n}`,
    published: new Date(Date.UTC(2022, 0, 1) + n * 60_000).toISOString(),
    author: null,
    outlet: ['大纪元 (Epoch Times)', 'GNews', 'VOA (美国之音)', 'Al Jazeera (半岛网)'][n % 4] ?? 'GNews',
    categories: ['新闻'],
    image: null,
    media: [],
    related: [],
    contentHtml: text
      .split('\n\n')
      .map((p) => `<p>${p}</p>`)
      .join(''),
    contentText: text,
    lang: 'zh-Hans',
    contentHash: id,
    fetchedAt: null,
  };
}

async function seedParagraphs(): Promise<string[]> {
  const seeds = join(fileURLToPath(new URL('../../seeds/', import.meta.url)));
  const text = await readFile(join(seeds, '003_0594c77cbcb85587.txt'), 'utf8');
  return [...text.matchAll(/<p>([^<]{20,})<\/p>/g)].map((m) => m[1] ?? '');
}

/** Runs in a child: fill a store with `size` synthetic items. */
async function buildStore(dir: string, size: number): Promise<void> {
  const paragraphs = await seedParagraphs();
  const random = seededRandom(size);
  const store = await openLowdbStore(dir);
  const chunk = 10_000;
  for (let start = 0; start < size; start += chunk) {
    const items = [];
    for (let n = start; n < Math.min(size, start + chunk); n += 1) items.push(syntheticItem(n, paragraphs, random));
    await store.upsertItems(items);
  }
}

/**
 * Runs in a second child, like a real `feedfold ingest` on an existing store:
 * open it, write one run of RUN_BATCH new items, report time and peak memory.
 */
async function measureRun(dir: string, size: number): Promise<Record<string, number>> {
  const paragraphs = await seedParagraphs();
  const random = seededRandom(size + 1);
  const openStarted = performance.now();
  const store = await openLowdbStore(dir);
  const openMs = performance.now() - openStarted;
  const batch = [];
    for (let n = size; n < size + RUN_BATCH; n += 1) batch.push(syntheticItem(n, paragraphs, random));
  const started = performance.now();
  await store.upsertItems(batch);
  const runWriteMs = performance.now() - started;
  const fileBytes = (await stat(join(dir, 'db.json'))).size;
  return {
    size,
    runWriteMs,
    openMs,
    documentMB: fileBytes / 1e6,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
  };
}

export async function runStoreBench(): Promise<void> {
  console.log(`\n## Store: one ingest run (${RUN_BATCH} new items) written into a store of N items`);
  console.log('| items | run write (ms) | open (ms) | db.json (MB) | peak RSS (MB) |');
  console.log('|---:|---:|---:|---:|---:|');
  for (const size of [10_000, 50_000]) {
    const dir = await mkdtemp(join(tmpdir(), 'feedfold-bench-store-'));
    let r: Record<string, number>;
    try {
      const child = (step: string) =>
        execFileSync(process.execPath, [fileURLToPath(import.meta.url), step, dir, String(size)], { encoding: 'utf8' });
      child('build');
      r = JSON.parse(child('measure')) as Record<string, number>;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    console.log(
      `| ${size} | ${r.runWriteMs!.toFixed(0)} | ${r.openMs!.toFixed(0)} | ${r.documentMB!.toFixed(1)} | ${r.peakRssMB!.toFixed(0)} |`,
    );
  }
  console.log('Targets: run write < 500 ms and peak RSS < 500 MB at 50k items.');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [step, dir, size] = process.argv.slice(2);
  if (step === 'build') await buildStore(dir!, Number(size));
  if (step === 'measure') process.stdout.write(JSON.stringify(await measureRun(dir!, Number(size))));
}
