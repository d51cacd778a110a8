/**
 * The Hono app through `app.request()`: what a feed reader, a cache and a
 * curl user see. Entries are the hand-grouped seed events
 * (test/fixtures/publish/README.md).
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFeedEntries } from '../../src/publish/feed-entry.js';
import { FeedLibrary } from '../../src/server/feed-library.js';
import { createApp } from '../../src/server/app.js';
import { goldSeedEvents } from '../publish/seed-events.js';

const NOW = Date.parse('2022-03-01T10:00:00Z');
let app: ReturnType<typeof createApp>;
let library: FeedLibrary;

beforeAll(async () => {
  const { events, items } = await goldSeedEvents();
  // As if dedup had merged an earlier event into the Geneva one.
  events.find((event) => event.id === 'us-russia-geneva-talks-2022-01-10')!.aliases.push('ev-absorbed');
  library = new FeedLibrary({
    load: async () => ({ entries: buildFeedEntries(events, items, { baseUrl: 'http://localhost:8080' }), itemCount: items.size, eventCount: events.length }),
    baseUrl: 'http://localhost:8080',
    title: 'feedfold',
    language: 'zh-Hans',
    now: () => NOW,
  });
  await library.refresh();
  app = createApp({
    library,
    now: () => NOW,
    nextRefreshAt: () => new Date(NOW + 600_000),
    lastCycle: () => ({ finishedAt: '2022-03-01T09:55:00.000Z', ok: true }),
  });
});

const count = (text: string, needle: string) => text.split(needle).length - 1;

describe('feeds', () => {
  it.each([
    ['/feed.atom', 'application/atom+xml; charset=utf-8', '<entry>'],
    ['/feed.rss', 'application/rss+xml; charset=utf-8', '<item>'],
    ['/feed.json', 'application/feed+json; charset=utf-8', '"_feedfold"'],
  ])('%s: content type, strong ETag, Last-Modified, Vary, Cache-Control from the schedule, 4 entries', async (path, type, marker) => {
    const response = await app.request(path);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(response.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(response.headers.get('last-modified')).toBe(new Date(NOW).toUTCString());
    expect(response.headers.get('vary')).toBe('Accept-Encoding');
    expect(response.headers.get('cache-control')).toBe('public, max-age=600');
    const body = await response.text();
    expect(count(body, marker)).toBe(4);
    expect(Number(response.headers.get('content-length'))).toBe(Buffer.byteLength(body));
  });

  it('answers 304 to If-None-Match (strong, weak, list, *) and to If-Modified-Since, with no body', async () => {
    const first = await app.request('/feed.atom');
    const etag = first.headers.get('etag')!;
    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const response = await app.request('/feed.atom', { headers: { 'if-none-match': ifNoneMatch } });
      expect(response.status, ifNoneMatch).toBe(304);
      expect(response.headers.get('etag')).toBe(etag);
      expect(await response.text()).toBe('');
    }
    expect((await app.request('/feed.atom', { headers: { 'if-none-match': '"stale"' } })).status).toBe(200);
    expect((await app.request('/feed.atom', { headers: { 'if-modified-since': new Date(NOW).toUTCString() } })).status).toBe(304);
    expect((await app.request('/feed.atom', { headers: { 'if-modified-since': new Date(NOW - 1000).toUTCString() } })).status).toBe(200);
    // If-None-Match decides when both are sent.
    expect((await app.request('/feed.atom', { headers: { 'if-none-match': '"stale"', 'if-modified-since': new Date(NOW).toUTCString() } })).status).toBe(200);
  });

  it('answers HEAD with the headers and no body', async () => {
    const get = await app.request('/feed.rss');
    const head = await app.request('/feed.rss', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBe(get.headers.get('etag'));
    expect(head.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    expect(await head.text()).toBe('');
  });

  it('sends gzip and br when asked, each with its own strong ETag, that revalidates too', async () => {
    const plain = await (await app.request('/feed.atom')).text();
    const gzip = await app.request('/feed.atom', { headers: { 'accept-encoding': 'gzip, deflate' } });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    const gzipBytes = Buffer.from(await gzip.arrayBuffer());
    expect(gunzipSync(gzipBytes).toString('utf8')).toBe(plain);
    expect(Number(gzip.headers.get('content-length'))).toBe(gzipBytes.length);
    expect(gzipBytes.length).toBeLessThan(Buffer.byteLength(plain) / 2);
    const br = await app.request('/feed.atom', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString('utf8')).toBe(plain);
    expect(br.headers.get('etag')).toMatch(/^"[^"]+-br"$/);
    expect(new Set([gzip.headers.get('etag'), br.headers.get('etag')]).size).toBe(2);
    const revalidated = await app.request('/feed.atom', { headers: { 'accept-encoding': 'br', 'if-none-match': br.headers.get('etag')! } });
    expect(revalidated.status).toBe(304);
    const refused = await app.request('/feed.atom', { headers: { 'accept-encoding': 'br;q=0, gzip' } });
    expect(refused.headers.get('content-encoding')).toBe('gzip');
  });

  it('serves the same bytes (same ETag) until the data changes', async () => {
    const a = await app.request('/feed.json');
    const b = await app.request('/feed.json');
    expect(b.headers.get('etag')).toBe(a.headers.get('etag'));
    expect(await library.refresh()).toBe(false);
    expect((await app.request('/feed.json')).headers.get('etag')).toBe(a.headers.get('etag'));
  });
});

describe('filters', () => {
  it('filters by outlet under /sources/:outlet/ (name or slug) and by words with ?q=, Chinese included', async () => {
    const voa = await (await app.request('/sources/voa-美国之音/feed.json')).json();
    expect(voa.items.map((item: { title: string }) => item.title)).toEqual(['美俄会谈在日内瓦落幕与北约警告莫斯科不要入侵乌克兰']);
    expect(voa.title).toBe('feedfold: VOA (美国之音)');
    const byName = await (await app.request(`/sources/${encodeURIComponent('Al Jazeera (半岛网)')}/feed.json`)).json();
    expect(byName.items).toHaveLength(2);
    const geneva = await (await app.request(`/feed.json?q=${encodeURIComponent('日內瓦 會談')}`)).json();
    // Traditional characters find the simplified text; every event that mentions both words.
    expect(geneva.items.length).toBeGreaterThanOrEqual(1);
    for (const item of geneva.items) expect(item.content_html).toMatch(/日内瓦/);
    const none = await (await app.request(`/feed.atom?q=${encodeURIComponent('不存在的词语xyz')}`)).text();
    expect(count(none, '<entry>')).toBe(0);
    const atom = await (await app.request(`/feed.atom?q=${encodeURIComponent('拜登')}`)).text();
    expect(count(atom, '<entry>')).toBeGreaterThan(0);
    expect(count(atom, '<entry>')).toBeLessThan(4);
  });

  it('filters by tag under /tags/:tag/ (no seed has categories: an empty, valid feed)', async () => {
    const response = await app.request('/tags/ukraine/feed.rss');
    expect(response.status).toBe(200);
    expect(count(await response.text(), '<item>')).toBe(0);
  });

  it('limits with ?limit= and refuses a bad limit with 400', async () => {
    expect((await (await app.request('/feed.json?limit=2')).json()).items).toHaveLength(2);
    expect((await (await app.request('/feed.json?limit=500')).json()).items).toHaveLength(4);
    // The self link names the filtered document itself (escaped in XML).
    expect((await (await app.request('/feed.json?limit=2&q=%E6%97%A5%E5%86%85%E7%93%A6')).json()).feed_url).toBe(
      'http://localhost:8080/feed.json?q=%E6%97%A5%E5%86%85%E7%93%A6&limit=2',
    );
    expect(await (await app.request('/feed.atom?limit=2&q=x')).text()).toContain('<link rel="self" href="http://localhost:8080/feed.atom?q=x&amp;limit=2"/>');
    for (const limit of ['0', '-1', 'abc', '501', '2.5', '']) {
      const response = await app.request(`/feed.atom?limit=${limit}`);
      expect(response.status, limit).toBe(400);
      expect((await response.json()).error).toMatch(/limit/);
    }
  });
});

describe('events API and health', () => {
  it('lists events, shows one, 404 for an unknown id', async () => {
    const list = await (await app.request('/api/events')).json();
    expect(list.events).toHaveLength(4);
    const geneva = list.events.find((event: { id: string }) => event.id === 'us-russia-geneva-talks-2022-01-10');
    expect(geneva.outlets).toEqual(['Al Jazeera (半岛网)', 'VOA (美国之音)']);
    const one = await app.request('/api/events/us-russia-geneva-talks-2022-01-10');
    expect(one.status).toBe(200);
    expect((await one.json()).sources).toHaveLength(2);
    const missing = await app.request('/api/events/no-such-event');
    expect(missing.status).toBe(404);
    expect((await app.request('/events/no-such-event')).status).toBe(404);
  });

  it('sends the links of an absorbed event to the event that absorbed it', async () => {
    const page = await app.request('/events/ev-absorbed');
    expect(page.status).toBe(301);
    expect(page.headers.get('location')).toBe('/events/us-russia-geneva-talks-2022-01-10');
    const api = await app.request('/api/events/ev-absorbed');
    expect(api.status).toBe(301);
    expect(api.headers.get('location')).toBe('/api/events/us-russia-geneva-talks-2022-01-10');
  });

  it('serves the event page the entries link to', async () => {
    const page = await app.request('/events/us-russia-geneva-talks-2022-01-10');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('<h3>Reported by</h3>');
  });

  it('reports status, items, events and the last cycle', async () => {
    const health = await (await app.request('/healthz')).json();
    expect(health).toMatchObject({ status: 'ok', items: 5, events: 4, lastCycle: { ok: true, finishedAt: '2022-03-01T09:55:00.000Z' } });
  });
});
