/**
 * Two writers never interleave: in every round a cron `feedfold run` (a child
 * process of the built CLI), the server's own refresh cycle
 * (runCycleUnderLock, as `serve`'s scheduler runs it) and source changes
 * POSTed to the reader of the running server (startServer) all write the same
 * data directory at the same time.
 *
 * The proof is the outcome, checked after every round. The store keeps one
 * JSON document in memory and writes it whole, so a writer that is not
 * serialised with the others writes back a stale copy and erases what they
 * did in the meantime (a lost update). A feed that answers slowly keeps every
 * cycle open for a while, and the POSTs land inside that window. After each
 * round: the store opens, every source the reader accepted is still there
 * (only the reader adds them, so nothing else could put one back), every
 * item seen after an earlier round is still there, every article file copied
 * into the folder source so far has its item, and events name only stored
 * items. With the reader's lock bypassed this test fails (the sources POSTed
 * during a cycle are gone after it).
 */
import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import { workspaceOf, type Workspace } from '../../src/use-cases/workspace.js';
import { runCycleUnderLock, pipelineStages } from '../../src/use-cases/refresh-cycle.js';
import { SILENT_CYCLE_LOG } from '../../src/use-cases/cycle-log.js';
import { startServer, type RunningServer } from '../../src/use-cases/serve.js';
import { newSourceRecord } from '../../src/sources/source-records.js';
import { openLowdbStore } from '../../src/store/lowdb-store.js';
import { document, startFixtureServer, type FixtureServer } from '../fixtures/http/server.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(root, 'dist/src/cli.js');
const CORPUS = join(root, 'test/fixtures/corpus/news-zh-2022');
const FEED = join(root, 'test/fixtures/http/utf8-atom-feed.xml');
const ROUNDS = 10;
const FILES_PER_ROUND = 3;
/** When, after the cron run is started, each reader POST is sent (ms): early, while cycles run, late. */
const POST_AT = [150, 600, 1300];
/** How long the slow feed takes to answer: each cycle stays open at least this long. */
const SLOW_MS = 900;

let dir: string;
let config: Config;
let ctx: Workspace;
let server: RunningServer;
let feeds: FixtureServer;
/** One server per reader-added feed: a cycle pauses between requests to one host, not between hosts. */
const feedServers: FixtureServer[] = [];
let body: Buffer;
let base: string;
let corpus: string[];
const env = { FEEDFOLD_ALLOW_PRIVATE_HOSTS: '127.0.0.1' };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'feedfold-concurrent-'));
  const articles = join(dir, 'articles');
  await mkdir(articles);
  config = loadConfig({ data: join(dir, 'data'), out: join(dir, 'feeds') }, env, dir);
  ctx = workspaceOf(config);
  corpus = (await readdir(CORPUS)).filter((name) => name.endsWith('.txt')).sort();
  expect(corpus.length).toBeGreaterThanOrEqual(ROUNDS * FILES_PER_ROUND);

  body = await readFile(FEED);
  feeds = await startFixtureServer({
    '/slow.xml': (request, response) => void setTimeout(() => document(body, { 'content-type': 'application/atom+xml' })(request, response), SLOW_MS),
  });
  const store = await ctx.openStore();
  try {
    await store.saveSources([newSourceRecord(articles, { name: 'articles' }), newSourceRecord(feeds.url('/slow.xml'), { name: 'slow' })]);
  } finally {
    await store.close();
  }
  server = await startServer(ctx, { port: 0, host: '127.0.0.1', schedule: false, watchMs: 1000 });
  base = `http://127.0.0.1:${server.port}`;
}, 60_000);

afterAll(async () => {
  await server?.close();
  await feeds?.close();
  await Promise.all(feedServers.map((one) => one.close()));
  if (dir) await rm(dir, { recursive: true, force: true });
});

/**
 * A new feed for the reader to add. Every one serves the same real document;
 * items are scoped to their feed URL, so each adds items of its own.
 */
async function feedServer(): Promise<string> {
  const one = await startFixtureServer({ '/feed.xml': document(body, { 'content-type': 'application/atom+xml' }) });
  feedServers.push(one);
  return one.url('/feed.xml');
}

/** `feedfold run` as cron starts it: its own process, waiting for the lock rather than skipping. */
function cronRun(): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, '--data', config.dataDir, 'run', '--force', '--wait', '120', '--jitter', '0', '--log', 'json'], {
      cwd: dir,
      env: { ...process.env, ...env, FEEDFOLD_FEEDS: config.feedsDir },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

/** A source added through the reader's form, from this machine and this origin. */
async function addThroughReader(location: string): Promise<number> {
  const response = await fetch(`${base}/sources`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ location, name: '', every: '30m' }),
  });
  await response.body?.cancel();
  return response.status;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('concurrent writers: a cron run, the server cycle and reader writes', () => {
  it(`lose nothing over ${ROUNDS} rounds`, async () => {
    const added: string[] = [];
    const copied: string[] = [];
    let seenItems = new Set<string>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const name of corpus.slice(round * FILES_PER_ROUND, (round + 1) * FILES_PER_ROUND)) {
        await copyFile(join(CORPUS, name), join(dir, 'articles', name));
        copied.push(name);
      }
      const locations = await Promise.all(POST_AT.map(() => feedServer()));
      const run = cronRun();
      // The server's tick starts a little after cron in even rounds and before it in odd ones.
      const cycle = delay(round % 2 === 0 ? 100 : 0).then(() =>
        runCycleUnderLock(ctx, pipelineStages(config), { log: SILENT_CYCLE_LOG, wait: 120_000, force: true, jitterMs: 0, purpose: 'serve' }),
      );
      const posts = POST_AT.map((at, k) => delay(at).then(() => addThroughReader(locations[k]!)));
      const [ran, , statuses] = await Promise.all([run, cycle, Promise.all(posts)]);
      expect(ran, `round ${round}: cron run`).toMatchObject({ code: 0 });
      expect(statuses, `round ${round}: reader POSTs`).toEqual(POST_AT.map(() => 303));
      added.push(...locations);

      const store = await ctx.openStore();
      try {
        const sources = new Set((await store.listSources()).map((source) => source.location));
        expect(added.filter((location) => !sources.has(location)), `round ${round}: sources the reader accepted and lost`).toEqual([]);
        const items = await store.listItems();
        const ids = new Set(items.map((item) => item.id));
        expect([...seenItems].filter((id) => !ids.has(id)), `round ${round}: items stored earlier and lost`).toEqual([]);
        const origins = new Set(items.map((item) => item.origin));
        expect(copied.filter((name) => !origins.has(name)), `round ${round}: article files without their item`).toEqual([]);
        const dangling = (await store.listEvents()).flatMap((event) => event.items.filter((member) => !ids.has(member.id)).map((member) => `${event.id} -> ${member.id}`));
        expect(dangling, `round ${round}: events naming items that are not stored`).toEqual([]);
        seenItems = ids;
      } finally {
        await store.close();
      }
    }
    // The reader-added feeds were fetched (through the allow-list) and their items are stored too.
    expect(seenItems.size).toBeGreaterThan(copied.length);
  }, 240_000);
});
