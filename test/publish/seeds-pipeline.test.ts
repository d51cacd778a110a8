/**
 * The real pipeline on the seeds: the article reader, the lowdb store, the
 * dedup stage, then `publishFeeds` writing the three files. What a user sees
 * after `feedfold ingest seeds && feedfold publish`.
 */
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../src/use-cases/ingest-paths.js';
import { publishFeeds, writeIfChanged } from '../../src/use-cases/publish-feeds.js';
import { openLowdbStore } from '../../src/store/lowdb-store.js';
import type { Store } from '../../src/store/store.js';
import { SEEDS_DIR, SEED_FILES, foldStoreEvents } from './seed-events.js';

const CONFIG = { baseUrl: 'http://localhost:8080', title: 'feedfold', language: 'zh-Hans' };
const stores: Store[] = [];

async function freshStore(): Promise<{ store: Store; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'feedfold-pipeline-'));
  const store = await openLowdbStore(join(dir, 'data'));
  stores.push(store);
  return { store, dir };
}

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

interface JsonFeedFile {
  items: { id: string; title: string; date_published: string; date_modified: string; _feedfold: { sources: { outlet: string; title: string }[] } }[];
}

function readFeeds(dir: string) {
  return {
    atom: readFileSync(join(dir, 'atom.xml'), 'utf8'),
    rss: readFileSync(join(dir, 'rss.xml'), 'utf8'),
    json: JSON.parse(readFileSync(join(dir, 'feed.json'), 'utf8')) as JsonFeedFile,
  };
}

describe('ingest the seeds, fold, publish', () => {
  it('writes three documents of 4 entries each; the Geneva entry lists VOA and Al Jazeera with their headlines', async () => {
    const { store, dir } = await freshStore();
    await ingestPaths(store, SEED_FILES.map((file) => join(SEEDS_DIR, file)));
    await foldStoreEvents(store);
    const out = join(dir, 'feeds');
    const summary = await publishFeeds(store, CONFIG, out);
    expect(summary.written.sort()).toEqual(['atom.xml', 'feed.json', 'rss.xml']);
    const feeds = readFeeds(out);
    expect(feeds.atom.match(/<entry>/g)).toHaveLength(4);
    expect(feeds.rss.match(/<item>/g)).toHaveLength(4);
    expect(feeds.json.items).toHaveLength(4);
    const geneva = feeds.json.items.filter((item) => item._feedfold.sources.length > 1);
    expect(geneva).toHaveLength(1);
    expect(geneva[0]!._feedfold.sources.map((source) => [source.outlet, source.title]).sort()).toEqual([
      ['Al Jazeera (半岛网)', '美俄会谈在日内瓦落幕与北约警告莫斯科不要入侵乌克兰'],
      ['VOA (美国之音)', '俄罗斯和美国就乌克兰和安全问题再次争吵'],
    ]);
  });

  it('keeps every entry id when the other sources join later', async () => {
    const { store, dir } = await freshStore();
    const first = ['000_481a4a5cf64b5119.txt', '003_0594c77cbcb85587.txt', '004_d748690ec3cdfd2e.txt'];
    const later = SEED_FILES.filter((file) => !first.includes(file));
    const out = join(dir, 'feeds');
    await ingestPaths(store, first.map((file) => join(SEEDS_DIR, file)));
    await foldStoreEvents(store);
    await publishFeeds(store, CONFIG, out);
    const before = readFeeds(out).json.items;
    expect(before).toHaveLength(3);

    await ingestPaths(store, later.map((file) => join(SEEDS_DIR, file)));
    await foldStoreEvents(store);
    await publishFeeds(store, CONFIG, out);
    const after = readFeeds(out).json.items;
    expect(after).toHaveLength(4);
    for (const old of before) {
      const same = after.find((item) => item.id === old.id);
      expect(same, `entry ${old.id} (${old.title}) lost its id`).toBeDefined();
      expect(same!.date_published).toBe(old.date_published);
    }
    // The Al Jazeera Geneva report was alone; VOA joined it: same id, two sources, updated moved.
    const geneva = after.find((item) => item._feedfold.sources.some((source) => source.outlet.startsWith('VOA')))!;
    const wasAlone = before.find((item) => item.id === geneva.id);
    expect(wasAlone?._feedfold.sources).toHaveLength(1);
    expect(geneva._feedfold.sources).toHaveLength(2);
    expect(geneva.date_modified > wasAlone!.date_modified).toBe(true);
  });
});

describe('writing the files', () => {
  it('rewrites only files whose bytes changed, and leaves no temporary files', async () => {
    const { store, dir } = await freshStore();
    await ingestPaths(store, [join(SEEDS_DIR, SEED_FILES[0]!)]);
    await foldStoreEvents(store);
    const out = join(dir, 'feeds');
    await publishFeeds(store, CONFIG, out);
    const mtime = statSync(join(out, 'atom.xml')).mtimeMs;
    const again = await publishFeeds(store, CONFIG, out);
    expect(again.written).toEqual([]);
    expect(again.unchanged.sort()).toEqual(['atom.xml', 'feed.json', 'rss.xml']);
    expect(statSync(join(out, 'atom.xml')).mtimeMs).toBe(mtime);

    await ingestPaths(store, [join(SEEDS_DIR, SEED_FILES[1]!)]);
    await foldStoreEvents(store);
    expect((await publishFeeds(store, CONFIG, out)).written.sort()).toEqual(['atom.xml', 'feed.json', 'rss.xml']);
    expect(readFeeds(out).json.items).toHaveLength(2);
    // Like the server's main feed, the files hold the newest changes only.
    await publishFeeds(store, CONFIG, out, { limit: 1 });
    expect(readFeeds(out).json.items.map((item) => item.date_modified)).toEqual(['2022-02-01T16:00:00.000Z']);
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(out).sort()).toEqual(['atom.xml', 'feed.json', 'rss.xml']);
  });

  it('reports a folder it cannot write with the path', async () => {
    const { dir } = await freshStore();
    await expect(writeIfChanged(join(dir, 'missing-folder', 'atom.xml'), Buffer.from('x'))).rejects.toThrow(/missing-folder\/atom\.xml/);
  });
});
