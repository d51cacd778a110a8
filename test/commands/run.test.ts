/**
 * `feedfold opml import` + `feedfold run` end to end: the built CLI (dist/),
 * a temporary data directory, and three feeds served from 127.0.0.1.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feed, startFixtureServer, type FixtureServer } from '../fixtures/http/server.js';

const root = join(import.meta.dirname, '../..');
const cli = join(root, 'dist/src/cli.js');
const fixtures = join(root, 'test/fixtures');
const expected = JSON.parse(readFileSync(join(fixtures, 'http/charset-feeds.expected.json'), 'utf8')) as Record<
  string,
  { title: string; link: string }[]
>;

let server: FixtureServer;
let dir: string;
let holdSlowFeed = false;

function feedfold(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, '--data', join(dir, 'data'), ...args], {
      cwd: dir,
      env: { ...process.env, FEEDFOLD_DATA: undefined, FEEDFOLD_FEEDS: join(dir, 'feeds'), FEEDFOLD_RETENTION_DAYS: '36500' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  const gbk = feed(readFileSync(join(fixtures, 'http/gbk-feed.xml')), { etag: '"gbk"' });
  server = await startFixtureServer({
    '/zh/gbk.xml': (request, response) => {
      // Held open while a test needs a run that lasts; released by the test.
      const answer = () => gbk(request, response);
      if (!holdSlowFeed) return answer();
      const timer = setInterval(() => {
        if (!holdSlowFeed) {
          clearInterval(timer);
          answer();
        }
      }, 20);
    },
    '/zh/big5.xml': feed(readFileSync(join(fixtures, 'http/big5-feed.xml')), { etag: '"big5"' }),
    '/zh/atom.xml': feed(readFileSync(join(fixtures, 'http/utf8-atom-feed.xml')), { etag: '"atom"', contentType: 'application/atom+xml' }),
  });
  dir = await mkdtemp(join(tmpdir(), 'feedfold-run-'));
  // The shape Miniflux exports (test/fixtures/opml/miniflux-export.opml), pointing at the local server.
  await writeFile(
    join(dir, 'subscriptions.opml'),
    `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0" xmlns:miniflux="https://miniflux.app/opml">
    <head>
        <title>Miniflux</title>
    </head>
    <body>
        <outline text="中文新闻">
            <outline title="大纪元 GBK" text="大纪元 GBK" xmlUrl="${server.url('/zh/gbk.xml')}" htmlUrl="https://www.epochtimes.com/gb/"></outline>
            <outline title="大紀元 Big5" text="大紀元 Big5" xmlUrl="${server.url('/zh/big5.xml')}" htmlUrl="https://www.epochtimes.com/b5/"></outline>
        </outline>
        <outline text="Atom">
            <outline title="大纪元 Atom" text="大纪元 Atom" xmlUrl="${server.url('/zh/atom.xml')}"></outline>
        </outline>
    </body>
</opml>
`,
  );
});

afterAll(async () => {
  holdSlowFeed = false;
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('feedfold opml import + run', () => {
  it('imports three feeds, and one run publishes their items as events in feeds/atom.xml', async () => {
    const imported = await feedfold('opml', 'import', join(dir, 'subscriptions.opml'));
    expect(imported.stderr).toBe(`feedfold: created a new store at ${join(dir, 'data')}\n`);
    expect(imported.stdout).toContain('opml import: 3 added, 0 already subscribed, 0 skipped');

    const run = await feedfold('run', '--log', 'json', '--jitter', '0');
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const sources = lines.filter((line) => line['event'] === 'source');
    // seeds/ (the default source of a new store) and the three feeds.
    expect(sources.map((s) => [s['kind'], s['status']]).sort()).toEqual([
      ['feed', 'ok'],
      ['feed', 'ok'],
      ['feed', 'ok'],
      ['folder', 'ok'],
    ]);

    const atom = await readFile(join(dir, 'feeds/atom.xml'), 'utf8');
    for (const item of [...expected['gbk']!, ...expected['big5']!, ...expected['atom']!]) {
      expect(atom, item.title).toContain(item.link);
    }
    const entries = atom.match(/<entry>/g) ?? [];
    expect(entries.length).toBeGreaterThanOrEqual(1);
  });

  it('two runs at once: one runs, the other exits with a clear message, and the store stays intact', async () => {
    const before = await feedfold('items', '--json');
    const itemCount = (JSON.parse(before.stdout) as unknown[]).length;

    holdSlowFeed = true;
    let firstDone: Awaited<ReturnType<typeof feedfold>> | null = null;
    const first = feedfold('run', '--force', '--log', 'json', '--jitter', '0').then((result) => (firstDone = result));
    while (!existsSync(join(dir, 'data/feedfold.lock'))) {
      if (firstDone) throw new Error(`the first run ended before taking the lock: ${(firstDone as { stderr: string }).stderr}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const second = await feedfold('run', '--force');
    holdSlowFeed = false;
    const firstResult = await first;

    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/another feedfold \(run, pid \d+ on .+\) has held the lock since .+; try again when it has finished/);
    expect(firstResult.code, firstResult.stderr).toBe(0);

    const after = await feedfold('items', '--json');
    expect(after.code).toBe(0);
    expect((JSON.parse(after.stdout) as unknown[]).length).toBe(itemCount);
    const list = await feedfold('sources', 'list');
    expect(list.stdout).toContain('4 sources');
    expect(existsSync(join(dir, 'data/feedfold.lock'))).toBe(false);
  });
});
