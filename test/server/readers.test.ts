/**
 * End to end: the seeds ingested into a real store, `feedfold serve`'s server
 * on 127.0.0.1, and real feed readers subscribed to it: newsboat (its cache
 * read with sqlite3, per CLIENTS.md) and python3-feedparser over HTTP.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { ingestPaths } from '../../src/use-cases/ingest-paths.js';
import { startServer, type RunningServer } from '../../src/use-cases/serve.js';
import { workspaceOf, type Workspace } from '../../src/use-cases/workspace.js';
import { openLowdbStore } from '../../src/store/lowdb-store.js';
import { PYTHON, feedparser, requireTool, run } from '../publish/conformance-tools.js';
import { SEEDS_DIR, SEED_FILES } from '../publish/seed-events.js';

let server: RunningServer;
let base: string;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'feedfold-serve-'));
  const config = loadConfig({ data: join(dir, 'data'), out: join(dir, 'feeds') }, {}, dir);
  const ctx: Workspace = workspaceOf(config);
  const store = await ctx.openStore();
  await ingestPaths(store, SEED_FILES.map((file) => join(SEEDS_DIR, file)));
  await store.close();
  server = await startServer(ctx, { port: 0, host: '127.0.0.1', schedule: false });
  base = `http://127.0.0.1:${server.port}`;
});

afterAll(async () => {
  await server?.close();
});

describe('readers subscribed to the running server', () => {
  it.each(['feed.atom', 'feed.rss'])('newsboat shows the 4 entries of /%s', async (path) => {
    if (!requireTool('newsboat') || !requireTool('feedparser')) return;
    // One cache per feed: newsboat keeps one row per guid across its whole cache, and both formats share ids.
    const scratch = mkdtempSync(join(dir, 'newsboat-'));
    writeFileSync(join(scratch, 'urls'), `${base}/${path}\n`);
    writeFileSync(join(scratch, 'config'), `error-log "${join(scratch, 'errors.log')}"\n`);
    const result = await run('newsboat', ['-u', join(scratch, 'urls'), '-c', join(scratch, 'cache.db'), '-C', join(scratch, 'config'), '-x', 'reload', 'print-unread']);
    expect(result.stdout).toMatch(/^4 unread articles/m);
    // Its cache read with the sqlite3 module of Debian's python3 (already there for feedparser).
    const query = 'import sqlite3, sys\nfor row in sqlite3.connect(sys.argv[1]).execute("select guid, title, url from rss_item order by title"): print("\\t".join(row))';
    const rows = (await run(PYTHON, ['-c', query, join(scratch, 'cache.db')])).stdout.trim().split('\n');
    expect(rows).toHaveLength(4);
    expect(rows.join('\n')).toContain('日内瓦');
    for (const row of rows) expect(row).toMatch(/^tag:feedfold,2022:event\/ev-[0-9a-f]+\t.+\thttp:\/\/localhost:8080\/events\/ev-[0-9a-f]+$/);
    let errors = '';
    try {
      errors = readFileSync(join(scratch, 'errors.log'), 'utf8');
    } catch {
      errors = '';
    }
    expect(errors).toBe('');
  });

  it.each(['feed.atom', 'feed.rss'])('python3-feedparser reads /%s over HTTP with bozo 0', async (path) => {
    if (!requireTool('feedparser')) return;
    const parsed = await feedparser(`${base}/${path}`);
    expect(parsed.bozo, parsed.bozoException).toBe(0);
    expect(parsed.entries).toHaveLength(4);
  });

  it('serves filtered Atom feeds that are as valid as the main one (jing, feedparser)', async () => {
    if (!requireTool('jing') || !requireTool('feedparser')) return;
    const url = `${base}/sources/${encodeURIComponent('voa-美国之音')}/feed.atom?q=${encodeURIComponent('日内瓦')}&limit=10`;
    const file = join(dir, 'filtered.atom');
    writeFileSync(file, await (await fetch(url)).text());
    const rnc = join(SEEDS_DIR, '../conformance/atom-rfc4287.rnc');
    const jing = await run('jing', ['-c', rnc, file]);
    expect(jing.stdout, jing.stdout).toBe('');
    expect(jing.status).toBe(0);
    const parsed = await feedparser(url);
    expect(parsed.bozo, parsed.bozoException).toBe(0);
    expect(parsed.entries).toHaveLength(1);
  });

  it('serves the Geneva event with both outlets', async () => {
    const feed = (await (await fetch(`${base}/feed.json`)).json()) as { items: { _feedfold: { sources: { outlet: string }[] } }[] };
    const merged = feed.items.filter((item) => item._feedfold.sources.length === 2);
    expect(merged.map((item) => item._feedfold.sources.map((source) => source.outlet).sort())).toEqual([['Al Jazeera (半岛网)', 'VOA (美国之音)']]);
  });

  it('reloads when another process changes the store', async () => {
    const before = server.library.snapshot.entries.length;
    const store = await openLowdbStore(join(dir, 'data'));
    await store.saveEvents((await store.listEvents()).slice(1));
    await store.close();
    expect(await server.library.refresh()).toBe(true);
    expect(server.library.snapshot.entries.length).toBe(before - 1);
  });
});

describe('the reader mounted on the running server', () => {
  it('answers / with the timeline of the 4 events, their pages, and its own 404 page', async () => {
    const home = await fetch(`${base}/`);
    expect(home.status).toBe(200);
    const html = await home.text();
    const links = [...html.matchAll(/href="(\/events\/ev-[0-9a-f]+)"/g)].map((match) => match[1]!);
    expect(new Set(links).size).toBe(4);
    expect(html).toContain('rel="alternate"');
    const event = await fetch(`${base}${links[0]}`);
    expect(event.status).toBe(200);
    expect(event.headers.get('content-security-policy')).toContain("script-src 'self'");
    const missing = await fetch(`${base}/events/ev-000000000000`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('text/html');
  });
});
