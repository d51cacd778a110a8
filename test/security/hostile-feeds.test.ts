/**
 * Hostile feed servers and documents in one refresh cycle, served from
 * 127.0.0.1 into a real lowdb store: XML entity bombs, external entities
 * (a local file and a DTD on this very server), 100k-deep nesting, a 100 MB
 * body, a body that never ends, one byte a second, a feed of 1500 items.
 * Each broken source gets a clear error of its own within the configured
 * bounds, the process goes on, and the good feed in the same cycle is
 * stored.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedLimits } from '../../src/config.js';
import { runCycle, type CycleSummary, type SourceReport } from '../../src/use-cases/refresh-cycle.js';
import { readFetchState } from '../../src/sources/fetch-schedule.js';
import { parseFeedWithinLimits } from '../../src/sources/parse-within-limits.js';
import { newSourceRecord } from '../../src/sources/source-records.js';
import { openLowdbStore } from '../../src/store/lowdb-store.js';
import type { SourceRecord } from '../../src/store/store.js';
import { document, oversize, startFixtureServer, type Behaviour, type FixtureServer } from '../fixtures/http/server.js';

const LIMITS: FeedLimits = { maxBodyBytes: 1024 * 1024, fetchTimeoutMs: 1500, maxItemsPerFeed: 50, maxParseMs: 20_000 };

const rss = (items: string, doctype = '') =>
  `<?xml version="1.0" encoding="utf-8"?>${doctype}<rss version="2.0"><channel><title>Hostile</title><link>https://hostile.example.org/</link>${items}</channel></rss>`;
const item = (n: number | string, title: string, body = 'body') =>
  `<item><title>${title}</title><link>https://hostile.example.org/${n}</link><guid>https://hostile.example.org/${n}</guid><description>${body}</description><pubDate>Mon, 10 Jan 2022 08:00:00 GMT</pubDate></item>`;

function lol(levels: number): string {
  let entities = '<!ENTITY lol0 "lol">';
  for (let level = 1; level <= levels; level++) entities += `<!ENTITY lol${level} "${`&lol${level - 1};`.repeat(10)}">`;
  return `<!DOCTYPE rss [${entities}]>`;
}

/** Writes `body` forever at full speed: only the size bound stops it. */
const endless: Behaviour = (_request, response) => {
  response.writeHead(200, { 'content-type': 'application/rss+xml' });
  response.write('<rss version="2.0"><channel><title>endless</title>');
  const chunk = Buffer.alloc(16 * 1024, 0x20);
  const pump = () => {
    while (!response.destroyed && response.write(chunk));
    if (!response.destroyed) response.once('drain', pump);
  };
  pump();
};

/** One byte a second, forever. */
const oneBytePerSecond: Behaviour = (_request, response) => {
  response.writeHead(200, { 'content-type': 'application/rss+xml' });
  const text = rss(item('slow', 'slow'));
  let at = 0;
  const timer = setInterval(() => response.write(text[at++ % text.length]!), 1000);
  response.on('close', () => clearInterval(timer));
};

let server: FixtureServer;
let dataDir: string;
let summary: CycleSummary;
let records: Map<string, SourceRecord>;
const reports = new Map<string, SourceReport>();

const SOURCES = {
  good: () => document(rss(item('good-1', 'A good feed survives') + item('good-2', 'And its second item'))),
  billionLaughs: () => document(rss(item(1, '&lol9;'), lol(9))),
  quadratic: () => document(rss(item(1, '&big;'.repeat(20_000)), `<!DOCTYPE rss [<!ENTITY big "${'x'.repeat(50_000)}">]>`)),
  xxeFile: () => document(rss(item(1, 'leak &xxe;'), '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>')),
  xxeDtd: () => document(rss(item(1, 'leak &remote;'), `<!DOCTYPE rss SYSTEM "${server.url('/evil.dtd')}">`)),
  xxeParameter: () => document(rss(item('xxe-parameter', 'leak'), `<!DOCTYPE rss [<!ENTITY % ext SYSTEM "${server.url('/evil-parameter.dtd')}"> %ext;]>`)),
  deepXml: () => document(rss(`<item><title>deep</title><link>https://hostile.example.org/deep</link><description>${'<x>'.repeat(100_000)}${'</x>'.repeat(100_000)}</description></item>`)),
  deepHtml: () => document(rss(item('deep-html', 'deep body', '&lt;div&gt;'.repeat(100_000) + 'text' + '&lt;/div&gt;'.repeat(100_000)))),
  hundredMegabytes: () => oversize(100 * 1024 * 1024),
  declaredHundredMegabytes: () => (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/rss+xml', 'content-length': String(100 * 1024 * 1024) });
    response.write('<rss>');
  },
  endless: () => endless,
  oneBytePerSecond: () => oneBytePerSecond,
  manyItems: () => document(rss(Array.from({ length: 1500 }, (_, n) => item(n, `Item number ${n}`)).join(''))),
} satisfies Record<string, () => Behaviour>;
type Key = keyof typeof SOURCES;

beforeAll(async () => {
  server = await startFixtureServer({
    '/evil.dtd': document('<!ENTITY remote "leaked">'),
    '/evil-parameter.dtd': document('<!ENTITY leak "leaked">'),
  });
  for (const [key, behaviour] of Object.entries(SOURCES)) server.route(`/${key}`, behaviour());
  dataDir = await mkdtemp(join(tmpdir(), 'feedfold-hostile-'));
  const store = await openLowdbStore(dataDir);
  const ids = new Map<string, Key>();
  await store.saveSources(
    (Object.keys(SOURCES) as Key[]).map((key) => {
      const record = newSourceRecord(server.url(`/${key}`), { name: key });
      ids.set(record.id, key);
      return record;
    }),
  );
  summary = await runCycle(
    store,
    { foldEvents: async () => undefined, publish: async () => undefined },
    { jitterMs: 0, hostDelayMs: 0, limits: LIMITS, onSource: (report) => reports.set(ids.get(report.source)!, report) },
  );
  records = new Map((await store.listSources()).map((record) => [ids.get(record.id)!, record]));
  await store.close();
}, 180_000);

afterAll(async () => {
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
});

const report = (key: Key) => reports.get(key)!;
const lastError = (key: Key) => readFetchState(records.get(key)!.state).lastError;

describe('hostile feeds in one cycle', () => {
  it('fetches every source and stores the good feed and the truncated big one', async () => {
    expect(summary.due).toBe(Object.keys(SOURCES).length);
    expect(report('good')).toMatchObject({ status: 'ok', items: 2, error: null });
    expect(report('manyItems')).toMatchObject({ status: 'ok', items: LIMITS.maxItemsPerFeed });
    const stored = [...reports.values()].filter((entry) => entry.status === 'ok').reduce((sum, entry) => sum + entry.items, 0);
    expect(summary.added).toBe(stored);
  });

  it('item count per feed: a feed over the limit is kept truncated, with a warning on the source', () => {
    expect(records.get('manyItems')!.state['lastWarning']).toBe('feed has 1500 items; kept the first 50 (FEEDFOLD_MAX_ITEMS_PER_FEED)');
    expect(records.get('good')!.state['lastWarning']).toBeNull();
  });

  it('entity bombs (billion laughs, quadratic blow-up) are refused: no DTD entity is ever expanded', () => {
    for (const key of ['billionLaughs', 'quadratic'] as const) {
      expect(report(key).status, key).toBe('error');
      // Either the entity expander's bound or the XML parser's refusal of undeclared entities, never an expansion.
      expect(lastError(key), key).toMatchObject({ kind: 'parse', message: expect.stringMatching(/DOCTYPE entities refused|Invalid character entity/) });
    }
  });

  it('external entities (file:///etc/passwd, an http DTD, a parameter entity) are refused and the DTDs are never requested', () => {
    for (const key of ['xxeFile', 'xxeDtd'] as const) {
      expect(report(key).status, key).toBe('error');
      expect(lastError(key), key).toMatchObject({ kind: 'parse', message: expect.stringMatching(/Invalid character entity/) });
    }
    // The parameter-entity document has no entity reference in its body: it parses, and %ext; is never fetched.
    expect(JSON.stringify(records.get('xxeParameter')!.state)).not.toContain('leaked');
    expect(server.requests.map((request) => request.path)).not.toContain('/evil.dtd');
    expect(server.requests.map((request) => request.path)).not.toContain('/evil-parameter.dtd');
  });

  it('100k-deep nesting, in the XML or in the escaped HTML body, fails that source cleanly or is cleaned, never taking the process down', () => {
    for (const key of ['deepXml', 'deepHtml'] as const) {
      const deep = report(key);
      if (deep.status === 'error') expect(lastError(key)?.message, key).toMatch(/\w/);
      else expect(deep, key).toMatchObject({ status: 'ok', items: 1 });
    }
  });

  it('a 100 MB body, declared or not, and a body that never ends stop at the size bound', () => {
    for (const key of ['hundredMegabytes', 'declaredHundredMegabytes', 'endless'] as const) {
      expect(report(key).status, key).toBe('error');
      expect(lastError(key), key).toMatchObject({ kind: 'too-large', message: expect.stringContaining(String(LIMITS.maxBodyBytes)) });
    }
  });

  it('a server sending one byte a second is cut off at the fetch deadline', () => {
    expect(report('oneBytePerSecond').status).toBe('error');
    expect(lastError('oneBytePerSecond')).toMatchObject({ kind: 'timeout', message: 'no complete response within 1.5 s' });
    // The bound holds: the whole exchange ended within the deadline plus the time to tear the connection down.
    expect(report('oneBytePerSecond').durationMs).toBeLessThan(LIMITS.fetchTimeoutMs + 5000);
  });
});

describe('parse time bound', () => {
  it('refuses a document whose cleaning outlasts maxParseMs, naming the bound and how far it got', async () => {
    let now = 0;
    const clock = () => (now += 40);
    const text = rss(Array.from({ length: 10 }, (_, n) => item(n, `Item ${n}`)).join(''));
    await expect(parseFeedWithinLimits(text, 'https://hostile.example.org/feed', { maxItems: 100, maxParseMs: 100, clock })).rejects.toMatchObject({
      kind: 'timeout',
      message: expect.stringMatching(/longer than 100 ms \(stopped after [1-3] of 10 items; FEEDFOLD_MAX_PARSE_MS/),
    });
  });

  it('keeps every item when the clock stays within the bound', async () => {
    const text = rss(Array.from({ length: 10 }, (_, n) => item(n, `Item ${n}`)).join(''));
    const result = await parseFeedWithinLimits(text, 'https://hostile.example.org/feed', { maxItems: 100, maxParseMs: 100, clock: () => 0 });
    expect(result.items).toHaveLength(10);
    expect(result.warnings).toEqual([]);
  });
});
