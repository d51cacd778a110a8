/**
 * A refresh cycle against a fixture server on 127.0.0.1 and a real lowdb
 * store: good feeds are stored while every kind of broken source gets its own
 * clear error; the next cycle (also after a restart) sends the validators,
 * gets 304 and parses nothing; Retry-After and backoff move the next fetch.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCycle, type CycleStages, type SourceReport } from '../../src/use-cases/refresh-cycle.js';
import { parseFeedDocument } from '../../src/sources/feed-document.js';
import { readFetchState } from '../../src/sources/fetch-schedule.js';
import { newSourceRecord } from '../../src/sources/source-records.js';
import { openLowdbStore } from '../../src/store/lowdb-store.js';
import type { SourceRecord, Store } from '../../src/store/store.js';
import { document, feed, oversize, redirect, startFixtureServer, status, trickle, type FixtureServer } from '../fixtures/http/server.js';

const fixtures = join(import.meta.dirname, '../fixtures');
const read = (path: string) => readFileSync(join(fixtures, path));

let server: FixtureServer;
let dataDir: string;
let clock = new Date('2022-01-10T00:00:00Z');
let parsed: string[] = [];
const folded: string[][] = [];
let published = 0;

const stages: CycleStages = {
  async foldEvents(_store, changed) {
    folded.push([...changed.keys()]);
  },
  async publish() {
    published++;
  },
};

const paths = {
  gbk: '/gbk.xml',
  big5: '/big5.xml',
  atom: '/atom.xml',
  error500: '/broken-500',
  slow: '/slow',
  huge: '/huge',
  loop: '/loop-a',
  malformed: '/malformed.xml',
  html: '/homepage',
  busy: '/busy',
} as const;
const ids = {} as Record<keyof typeof paths, string>;

async function cycle(store: Store) {
  const reports: SourceReport[] = [];
  const summary = await runCycle(store, stages, {
    now: () => clock,
    jitterMs: 0,
    hostDelayMs: 0,
    fetch: { timeoutMs: 400, maxBytes: 256 * 1024 },
    onSource: (report) => reports.push(report),
    parse: (text, origin) => {
      parsed.push(origin);
      return parseFeedDocument(text, origin);
    },
  });
  const byPath = (key: keyof typeof paths) => reports.find((r) => r.source === ids[key]);
  return { summary, byPath };
}

async function sourceState(store: Store, key: keyof typeof paths) {
  const record = (await store.listSources()).find((s) => s.id === ids[key]) as SourceRecord;
  return readFetchState(record.state);
}

beforeAll(async () => {
  server = await startFixtureServer({
    [paths.gbk]: feed(read('http/gbk-feed.xml'), { etag: '"gbk-1"', lastModified: 'Mon, 10 Jan 2022 00:00:00 GMT' }),
    [paths.big5]: feed(read('http/big5-feed.xml'), { etag: '"big5-1"', contentType: 'application/rss+xml; charset=big5' }),
    // No ETag: only Last-Modified, to check If-Modified-Since on its own.
    [paths.atom]: (request, response) => {
      const lastModified = 'Sun, 09 Jan 2022 12:00:00 GMT';
      if (request.headers['if-modified-since'] === lastModified) return void response.writeHead(304).end();
      response.writeHead(200, { 'content-type': 'application/atom+xml', 'last-modified': lastModified }).end(read('http/utf8-atom-feed.xml'));
    },
    [paths.error500]: status(500),
    [paths.slow]: trickle(),
    [paths.huge]: oversize(2 * 1024 * 1024),
    '/loop-a': redirect('/loop-b', 302),
    '/loop-b': redirect('/loop-a', 302),
    [paths.malformed]: document(read('feedparser/tests/illformed/rss_incomplete_cdata.xml')),
    [paths.html]: document(read('http/html-page-not-a-feed.html'), { 'content-type': 'text/html; charset=utf-8' }),
    [paths.busy]: status(503, { 'retry-after': '7200' }),
  });
  dataDir = await mkdtemp(join(tmpdir(), 'feedfold-cycle-'));
  const store = await openLowdbStore(dataDir);
  const records = (Object.keys(paths) as (keyof typeof paths)[]).map((key) => {
    const record = newSourceRecord(server.url(paths[key]), { name: key }, clock);
    ids[key] = record.id;
    return record;
  });
  await store.saveSources(records);
  await store.close();
});

afterAll(async () => {
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('runCycle', () => {
  it('stores the good feeds and records a clear error on each broken source', async () => {
    const store = await openLowdbStore(dataDir);
    const { summary, byPath } = await cycle(store);
    expect(summary.due).toBe(10);

    for (const key of ['gbk', 'big5', 'atom'] as const) expect(byPath(key)).toMatchObject({ status: 'ok', items: 2 });
    const items = await store.listItems();
    expect(items).toHaveLength(6);
    const expected = JSON.parse(read('http/charset-feeds.expected.json').toString('utf8')) as Record<string, { title: string }[]>;
    expect(items.map((i) => i.title).sort()).toEqual(
      [...expected['gbk']!, ...expected['big5']!, ...expected['atom']!].map((i) => i.title).sort(),
    );

    const errors: Record<string, [string, RegExp]> = {
      error500: ['http', /HTTP 500/],
      slow: ['timeout', /no complete response within 0.4 s/],
      huge: ['too-large', /over the limit of 262144 bytes/],
      loop: ['http', /redirect loop/],
      malformed: ['parse', /./],
      html: ['parse', /got an HTML page \(text\/html; charset=utf-8\), not a feed/],
      busy: ['http', /HTTP 503/],
    };
    for (const [key, [kind, message]] of Object.entries(errors)) {
      const k = key as keyof typeof paths;
      expect(byPath(k)?.status, key).toBe('error');
      const state = await sourceState(store, k);
      expect(state.lastStatus, key).toBe('error');
      expect(state.lastError?.kind, key).toBe(kind);
      expect(state.lastError?.message, key).toMatch(message);
    }
    expect(folded.at(-1)?.length).toBe(6);
    expect(published).toBe(1);
    await store.close();
  });

  it('moves the next fetch by Retry-After and by backoff, and skips sources not yet due', async () => {
    const store = await openLowdbStore(dataDir);
    const start = clock.getTime();
    expect((await sourceState(store, 'busy')).nextFetchAt).toBe(new Date(start + 2 * 3600_000).toISOString());
    expect((await sourceState(store, 'error500')).nextFetchAt).toBe(new Date(start + 30 * 60_000).toISOString());
    expect((await sourceState(store, 'gbk')).nextFetchAt).toBe(new Date(start + 30 * 60_000).toISOString());

    clock = new Date(start + 10 * 60_000);
    const early = await cycle(store);
    expect(early.summary.due).toBe(0);
    await store.close();
  });

  it('after a restart, sends the stored validators, gets 304 and parses nothing; a second failure doubles the wait', async () => {
    clock = new Date(Date.parse('2022-01-10T00:00:00Z') + 31 * 60_000);
    parsed = [];
    const before = server.requests.length;
    const store = await openLowdbStore(dataDir); // a fresh store object: state comes from disk
    const { summary, byPath } = await cycle(store);
    expect(summary.due).toBe(9); // all but the 503 (Retry-After two hours)

    const sent = server.requests.slice(before);
    const gbk = sent.find((r) => r.path === paths.gbk)!;
    expect(gbk.headers['if-none-match']).toBe('"gbk-1"');
    expect(gbk.headers['if-modified-since']).toBe('Mon, 10 Jan 2022 00:00:00 GMT');
    expect(gbk.status).toBe(304);
    expect(sent.find((r) => r.path === paths.atom)!.headers['if-modified-since']).toBe('Sun, 09 Jan 2022 12:00:00 GMT');
    for (const key of ['gbk', 'big5', 'atom'] as const) expect(byPath(key)?.status).toBe('not-modified');
    expect(parsed.filter((origin) => !origin.includes('malformed'))).toEqual([]);
    expect(summary.added + summary.updated).toBe(0);
    expect(await store.listItems()).toHaveLength(6);

    const broken = await sourceState(store, 'error500');
    expect(broken.failures).toBe(2);
    expect(broken.nextFetchAt).toBe(new Date(clock.getTime() + 60 * 60_000).toISOString());
    await store.close();
  });
});

describe('runCycle stopped mid-cycle (SIGTERM)', () => {
  it('abandons the fetch in flight, keeps that source as it was, and still stores what was fetched', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'feedfold-cycle-stop-'));
    try {
      const store = await openLowdbStore(dir);
      const good = newSourceRecord(server.url(paths.atom), { name: 'good' });
      const slow = newSourceRecord(server.url(paths.slow), { name: 'slow' });
      await store.saveSources([good, slow]);
      const controller = new AbortController();
      const reports: SourceReport[] = [];
      const summary = await runCycle(store, stages, {
        jitterMs: 0,
        hostDelayMs: 0,
        signal: controller.signal,
        fetch: { timeoutMs: 60_000 },
        onSource: (report) => {
          reports.push(report);
          // The slow source is fetched next (same host, one at a time); stop while it trickles.
          if (report.source === good.id) setTimeout(() => controller.abort(), 100);
        },
      });
      expect(summary.abandoned).toBe(true);
      expect(reports.map((r) => [r.source, r.status])).toEqual([
        [good.id, 'ok'],
        [slow.id, 'abandoned'],
      ]);
      expect(await store.listItems()).toHaveLength(2);
      const [storedGood, storedSlow] = await store.listSources();
      expect(readFetchState(storedGood!.state).lastStatus).toBe('ok');
      expect(storedSlow!.state).toEqual({});
      await store.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
