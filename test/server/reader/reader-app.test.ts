import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import { openLowdbStore, type LowdbStore } from '../../../src/store/lowdb-store.js';
import { ingestPaths } from '../../../src/use-cases/ingest-paths.js';
import { loadConfig } from '../../../src/config.js';
import type { Item } from '../../../src/item.js';
import type { Store } from '../../../src/store/store.js';
import type { ReaderDeps } from '../../../src/server/reader/reader-app.js';
import { createApp } from '../../../src/server/app.js';
import { FeedLibrary } from '../../../src/server/feed-library.js';
import { READER_STATE } from '../../../src/server/reader/reader-state.js';
import { LockHeldError } from '../../../src/schedule/lock.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const seeds = join(root, 'seeds');
const NOW = new Date('2022-01-20T06:00:00Z');
const ORIGIN = 'http://localhost:8080';

/** Seed files that mention Lavrov (拉夫罗夫 / 拉夫羅夫) in their title or body. */
const LAVROV_SEEDS = ['000_481a4a5cf64b5119.txt', '001_ce804001e456922b.txt'];

let dir: string;
let store: LowdbStore;
let local: Hono;
let remote: Hono;
let eventIds: Map<string, string>;

/** The server's app with the reader's pages; the feeds are not what these tests look at, so their library is empty. */
function readerApp(deps: ReaderDeps): Hono {
  const library = new FeedLibrary({ load: async () => ({ entries: [], itemCount: 0, eventCount: 0 }), baseUrl: ORIGIN, title: 'feedfold', language: 'zh-Hans' });
  return createApp({ library, reader: deps });
}

function app(overrides: Partial<ReaderDeps> = {}): Hono {
  return readerApp({
    store,
    config: loadConfig({ data: dir }, {}),
    now: () => NOW,
    remoteAddress: () => '127.0.0.1',
    ...overrides,
  });
}

/** The event ids a timeline page lists, in order. */
function listedEvents(body: string): string[] {
  return [...body.matchAll(/<article class="event-card[^"]*" data-event-id="([^"]+)"/g)].map((match) => match[1]!);
}

function post(path: string, fields: Record<string, string>, headers: Record<string, string> = { origin: ORIGIN }): RequestInit {
  return { method: 'POST', body: new URLSearchParams(fields), headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'feedfold-reader-'));
  store = await openLowdbStore(dir);
  const summary = await ingestPaths(store, [seeds], { now: NOW, retentionDays: 36500 });
  expect(summary.failed).toEqual([]);
  // Event id by seed file, so tests name events by the document they hold.
  eventIds = new Map();
  for (const event of await store.listEvents()) for (const member of event.items) eventIds.set(member.origin, event.id);
  local = app();
  remote = app({ remoteAddress: () => '203.0.113.7', adminToken: 'secret-token-1234' });
});

afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('timeline', () => {
  it('lists the four seed events newest first, with outlets, times and the feeds of the view', async () => {
    const response = await local.request('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const body = await response.text();
    const listed = listedEvents(body);
    expect(listed).toHaveLength(4);
    expect(new Set(listed)).toEqual(new Set(eventIds.values()));
    // The Geneva event (VOA 002 + Al Jazeera 003) is one card naming both outlets.
    const geneva = eventIds.get('002_72ee53b23b60c233.txt')!;
    expect(eventIds.get('003_0594c77cbcb85587.txt')).toBe(geneva);
    const card = body.slice(body.indexOf(`data-event-id="${geneva}"`), body.indexOf('</article>', body.indexOf(`data-event-id="${geneva}"`)));
    expect(card).toContain('2 outlets');
    expect(card).toContain('VOA (美国之音)');
    expect(card).toContain('Al Jazeera (半岛网)');
    expect(card).toMatch(/<time datetime="2022-01-12T01:43:14\.000Z" title="2022-01-12 01:43 UTC">8 days ago<\/time>/);
    expect(body).toContain('<link rel="alternate" type="application/atom+xml"');
    expect(body).toMatch(/<link rel="alternate" type="application\/rss\+xml"[^>]*href="\/feed\.rss"/);
    expect(body).toMatch(/<link rel="alternate" type="application\/feed\+json"[^>]*href="\/feed\.json"/);
    expect(body).toContain('href="/opml"');
  });

  it('sends a strict Content-Security-Policy and has no inline script', async () => {
    const response = await local.request('/');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    const body = await response.text();
    expect(body.match(/<script\b[^>]*>/g)).toEqual(['<script src="/reader/reader.js" defer>']);
    expect(body).not.toMatch(/\son[a-z]+="/);
    expect(body).not.toMatch(/https?:\/\/(?!localhost)[^"]*\.(?:css|js)"/);
  });

  it('finds the events that mention 拉夫罗夫 in titles or bodies, in either script', async () => {
    const expected = new Set(LAVROV_SEEDS.map((origin) => eventIds.get(origin)!));
    expect(expected.size).toBe(2);
    for (const q of ['拉夫罗夫', '拉夫羅夫']) {
      const response = await local.request(`/?q=${encodeURIComponent(q)}`);
      expect(response.status).toBe(200);
      const body = await response.text();
      expect(new Set(listedEvents(body))).toEqual(expected);
      // The feeds of this view carry the search.
      expect(body).toContain(`href="/feed.atom?q=${encodeURIComponent(q)}"`);
    }
  });

  it('filters by outlet, and points autodiscovery at that outlet\'s feeds', async () => {
    const voa = await (await local.request(`/?outlet=${encodeURIComponent('voa-美国之音')}`)).text();
    expect(listedEvents(voa)).toEqual([eventIds.get('002_72ee53b23b60c233.txt')]);
    expect(voa).toContain(`href="/sources/${encodeURIComponent('voa-美国之音')}/feed.atom"`);
    const aljazeera = await (await local.request(`/?outlet=${encodeURIComponent('al-jazeera-半岛网')}`)).text();
    expect(new Set(listedEvents(aljazeera))).toEqual(new Set([eventIds.get('001_ce804001e456922b.txt'), eventIds.get('003_0594c77cbcb85587.txt')]));
  });

  it('answers a bad page number with 400 and a page past the end with 404', async () => {
    expect((await local.request('/?page=zero')).status).toBe(400);
    expect((await local.request('/?show=everything')).status).toBe(400);
    expect((await local.request('/?page=2')).status).toBe(404);
  });
});

describe('event page', () => {
  it('shows every source of the Geneva event, the most complete body, the other version and why they were grouped', async () => {
    const geneva = eventIds.get('002_72ee53b23b60c233.txt')!;
    const response = await remote.request(`/events/${geneva}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const body = await response.text();
    expect(body).toContain('<h1 id="event-title" lang="zh-Hans">美俄会谈在日内瓦落幕与北约警告莫斯科不要入侵乌克兰</h1>');
    expect(body).toContain('<span class="source-outlet">VOA (美国之音)</span>');
    expect(body).toContain('<span class="source-outlet">Al Jazeera (半岛网)</span>');
    expect(body).toContain('href="https://www.voachinese.com/a/us-Russia-talks-20220111/6393207.html"');
    expect(body).toContain('<h2 id="others-title">Other versions</h2>');
    expect(body).toMatch(/<details class="version">\s*<summary><span class="source-outlet">VOA/);
    expect(body).toContain('Why these were grouped');
    expect(body).toContain('both name the same day: <strong>2022-01-10</strong>');
    expect(body).toContain('<mark lang="zh-Hans">常务副国务卿</mark>');
  });

  it('shows another member\'s body with ?item=', async () => {
    const geneva = eventIds.get('002_72ee53b23b60c233.txt')!;
    const voaItem = (await store.listItems()).find((item) => item.origin === '002_72ee53b23b60c233.txt')!;
    const body = await (await remote.request(`/events/${geneva}?item=${voaItem.id}`)).text();
    expect(body).toMatch(/<h2 id="article-title">VOA \(美国之音\): /);
  });

  it('answers an unknown event with the 404 page', async () => {
    const response = await local.request('/events/ev-000000000000');
    expect(response.status).toBe(404);
    const body = await response.text();
    expect(body).toContain('Event not found');
    expect(body).toContain('<main id="main"');
  });
});

describe('hostile titles', () => {
  let hostileDir: string;
  let hostileStore: LowdbStore;
  let hostile: Hono;
  const TITLE = '<script>alert("x")</script> & <b>bold</b>';

  beforeAll(async () => {
    hostileDir = await mkdtemp(join(tmpdir(), 'feedfold-reader-hostile-'));
    hostileStore = await openLowdbStore(hostileDir);
    const item: Item = {
      id: 'it_hostile',
      origin: 'hostile.md',
      format: 'hexo-front-matter',
      guid: null,
      url: 'https://example.com/a?x=1&y="2"',
      title: TITLE,
      published: '2022-01-19T06:00:00Z',
      author: '<img src=x onerror=alert(1)>',
      outlet: 'Outlet <i>',
      categories: ['<tag>'],
      image: null,
      media: [],
      related: [],
      contentHtml: '<p>sanitised body</p>',
      contentText: 'sanitised body',
      lang: 'en',
      contentHash: 'h',
      fetchedAt: null,
    };
    await hostileStore.upsertItems([item], NOW);
    await hostileStore.saveEvents([
      { id: 'ev-live', aliases: ['ev-old'], title: TITLE, published: item.published, updated: item.published, items: [{ id: item.id, origin: item.origin, url: item.url, outlet: item.outlet, title: item.title, published: item.published }] },
    ]);
    hostile = readerApp({ store: hostileStore, config: loadConfig({ data: hostileDir }, {}), now: () => NOW, remoteAddress: () => '127.0.0.1' });
  });

  afterAll(async () => {
    await rm(hostileDir, { recursive: true, force: true });
  });

  it('shows a title containing <script> as text on the timeline and the event page', async () => {
    for (const path of ['/', '/events/ev-live']) {
      const body = await (await hostile.request(path)).text();
      expect(body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;');
      expect(body).not.toContain('<script>alert');
      expect(body).not.toContain('<b>bold');
      expect(body).not.toContain('<img src=x');
      expect(body).not.toContain('Outlet <i>');
    }
    const event = await (await hostile.request('/events/ev-live')).text();
    expect(event).toContain('<title>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(event).toContain('href="https://example.com/a?x=1&amp;y=&quot;2&quot;"');
    expect(event).toContain('<p>sanitised body</p>');
  });

  it('escapes the search words it echoes', async () => {
    const body = await (await hostile.request(`/?q=${encodeURIComponent('"><script>alert(1)</script>')}`)).text();
    expect(body).not.toContain('<script>alert(1)');
    expect(body).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
  });

  it('filters by tag, and points autodiscovery at that tag\'s feeds', async () => {
    const tagged = await (await hostile.request('/?tag=tag')).text();
    expect(listedEvents(tagged)).toEqual(['ev-live']);
    expect(tagged).toContain('<option value="tag" selected>tag (1)</option>');
    expect(tagged).toMatch(/<link rel="alternate" type="application\/rss\+xml"[^>]*href="\/tags\/tag\/feed\.rss"/);
    expect(listedEvents(await (await hostile.request('/?tag=other')).text())).toEqual([]);
  });

  it('reads through a store getter, so a server can swap its store, and changes sources through exclusive', async () => {
    let current: Store = hostileStore;
    const locked: string[] = [];
    const swapping = readerApp({
      store: () => current,
      config: loadConfig({ data: hostileDir }, {}),
      now: () => NOW,
      remoteAddress: () => '127.0.0.1',
      exclusive: async (change) => {
        locked.push('lock taken');
        return change(hostileStore);
      },
    });
    expect(listedEvents(await (await swapping.request('/')).text())).toEqual(['ev-live']);
    current = store;
    expect(listedEvents(await (await swapping.request('/')).text())).toHaveLength(4);
    expect((await swapping.request('/sources', post('', { location: 'https://example.net/feed', every: '1h' }))).status).toBe(303);
    expect(locked).toEqual(['lock taken']);
    expect((await hostileStore.listSources()).map((source) => source.location)).toEqual(['https://example.net/feed']);
    expect((await store.listSources()).some((source) => source.location === 'https://example.net/feed')).toBe(false);
  });

  it('answers 503 with a retry message, and changes nothing, while a refresh cycle holds the store', async () => {
    const busy = readerApp({
      store: () => hostileStore,
      config: loadConfig({ data: hostileDir }, {}),
      now: () => NOW,
      remoteAddress: () => '127.0.0.1',
      exclusive: async () => {
        throw new LockHeldError(join(hostileDir, 'feedfold.lock'), null);
      },
    });
    const before = await hostileStore.listSources();
    const response = await busy.request('/sources', post('', { location: 'https://example.org/busy.xml', every: '1h' }));
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('Try again in a minute');
    expect(await hostileStore.listSources()).toEqual(before);
  });

  it('redirects an absorbed event id to the live event', async () => {
    const response = await hostile.request('/events/ev-old');
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/events/ev-live');
  });
});

describe('read and starred marks', () => {
  it('marks an event read when a loopback reader opens it, and keeps it in the store', async () => {
    const id = eventIds.get('004_d748690ec3cdfd2e.txt')!;
    const before = await (await local.request('/?show=unread')).text();
    expect(listedEvents(before)).toContain(id);
    expect((await local.request(`/events/${id}`)).status).toBe(200);
    const after = await (await local.request('/?show=unread')).text();
    expect(listedEvents(after)).not.toContain(id);
    expect(await (await local.request('/')).text()).toMatch(new RegExp(`class="event-card is-read" data-event-id="${id}"`));
    expect(await store.loadState<{ read: string[] }>(READER_STATE)).toMatchObject({ read: expect.arrayContaining([id]) });
    // A fresh app on the same store (a restarted server) still knows.
    expect(listedEvents(await (await app().request('/?show=unread')).text())).not.toContain(id);
  });

  it('leaves no mark when a visitor who may not write opens an event', async () => {
    const id = eventIds.get('000_481a4a5cf64b5119.txt')!;
    await remote.request(`/events/${id}`);
    expect(listedEvents(await (await local.request('/?show=unread')).text())).toContain(id);
  });

  it('toggles read and star with same-origin POSTs, answering JSON to scripts and a redirect to forms', async () => {
    const id = eventIds.get('001_ce804001e456922b.txt')!;
    const json = await local.request(`/events/${id}/star`, post('', { value: '1' }, { origin: ORIGIN, accept: 'application/json' }));
    expect(json.status).toBe(200);
    expect(await json.json()).toEqual({ read: false, starred: true });
    expect(listedEvents(await (await local.request('/?show=starred')).text())).toEqual([id]);
    const form = await local.request(`/events/${id}/read`, post('', { value: '1', back: '/?show=all' }));
    expect(form.status).toBe(303);
    expect(form.headers.get('location')).toBe('/?show=all');
    const unread = await local.request(`/events/${id}/read`, post('', { value: '0', back: 'https://evil.example/' }));
    expect(unread.headers.get('location')).toBe(`/events/${id}`);
    expect((await local.request(`/events/${id}/read`, post('', { value: 'yes' }))).status).toBe(400);
  });

  it('refuses cross-site and anonymous changes, and accepts the admin token', async () => {
    const id = eventIds.get('001_ce804001e456922b.txt')!;
    expect((await local.request(`/events/${id}/read`, post('', { value: '1' }, { origin: 'https://evil.example' }))).status).toBe(403);
    expect((await local.request(`/events/${id}/read`, post('', { value: '1' }, { 'sec-fetch-site': 'cross-site' }))).status).toBe(403);
    expect((await remote.request(`/events/${id}/read`, post('', { value: '1' }))).status).toBe(403);
    // A proxy on the same machine does not make everyone local.
    expect((await local.request(`/events/${id}/read`, post('', { value: '1' }, { origin: ORIGIN, 'x-forwarded-for': '203.0.113.9' }))).status).toBe(403);
    expect(listedEvents(await (await local.request('/?show=unread')).text())).toContain(id);
    const withToken = await remote.request(`/events/${id}/read`, post('', { value: '1' }, { origin: ORIGIN, authorization: 'Bearer secret-token-1234' }));
    expect(withToken.status).toBe(303);
    expect(listedEvents(await (await remote.request('/?show=unread')).text())).not.toContain(id);
  });

  it('marks every event of the view read with "mark all read"', async () => {
    const response = await local.request('/mark-all-read', post('', { q: '', outlet: '', tag: '', back: '/' }));
    expect(response.status).toBe(303);
    const body = await (await local.request('/?show=unread')).text();
    expect(listedEvents(body)).toEqual([]);
    expect(body).toContain('No events match this view.');
  });
});

describe('sources page', () => {
  it('lists the sources with their fetch status and offers the add form on loopback only', async () => {
    const response = await local.request('/sources');
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(body).toContain('<h1 class="page-title">Sources</h1>');
    expect(body).toContain('action="/sources"');
    const anonymous = await (await remote.request('/sources')).text();
    expect(anonymous).not.toContain('action="/sources"');
    expect(anonymous).toContain('action="/session"');
  });

  it('adds and removes a source, and shows a refused one with its reason', async () => {
    const added = await local.request('/sources', post('', { location: 'https://example.com/feed.xml', name: 'Example <feed>', every: '2h' }));
    expect(added.status).toBe(303);
    const list = await store.listSources();
    const record = list.find((source) => source.location === 'https://example.com/feed.xml')!;
    expect(record).toMatchObject({ kind: 'feed', name: 'Example <feed>', every: 7200, state: { addedVia: 'reader' } });
    const page = await (await local.request('/sources')).text();
    expect(page).toContain('Example &lt;feed&gt;');
    expect(page).toContain('never fetched');
    const opml = await local.request('/opml');
    expect(opml.status).toBe(200);
    expect(opml.headers.get('content-type')).toBe('text/x-opml; charset=utf-8');
    expect(await opml.text()).toContain('xmlUrl="https://example.com/feed.xml"');

    const refused = await local.request('/sources', post('', { location: 'ftp://example.com/x', every: '30m' }));
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('only http(s) feed URLs can be added through the reader');
    // A folder on the server's disk is the operator's to add, from the command line.
    const folder = await local.request('/sources', post('', { location: root, every: '30m' }));
    expect(folder.status).toBe(400);
    expect(await folder.text()).toContain('only http(s) feed URLs can be added through the reader');

    expect((await remote.request('/sources', post('', { location: 'https://example.org/rss' }))).status).toBe(403);
    expect((await local.request(`/sources/${record.id}/remove`, post('', {}, { origin: 'https://evil.example' }))).status).toBe(403);
    const removed = await local.request(`/sources/${record.id}/remove`, post('', {}));
    expect(removed.status).toBe(303);
    expect((await store.listSources()).some((source) => source.id === record.id)).toBe(false);
    expect((await local.request('/sources/s_00000000/remove', post('', {}))).status).toBe(404);
  });

  it('unlocks a browser with the admin token as a strict, http-only cookie', async () => {
    expect((await remote.request('/session', post('', { token: 'wrong' }))).status).toBe(403);
    const response = await remote.request('/session', post('', { token: 'secret-token-1234' }));
    expect(response.status).toBe(303);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^feedfold_token=secret-token-1234;/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const page = await (await remote.request('/sources', { headers: { cookie: 'feedfold_token=secret-token-1234' } })).text();
    expect(page).toContain('action="/sources"');
  });
});

describe('assets and unknown pages', () => {
  it('serves its own stylesheet, script and icon with ETags', async () => {
    for (const [path, type] of [
      ['/reader/reader.css', 'text/css; charset=utf-8'],
      ['/reader/reader.js', 'text/javascript; charset=utf-8'],
      ['/reader/icon.svg', 'image/svg+xml'],
    ] as const) {
      const response = await local.request(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(type);
      const etag = response.headers.get('etag')!;
      expect((await local.request(path, { headers: { 'if-none-match': etag } })).status).toBe(304);
    }
    const css = await (await local.request('/reader/reader.css')).text();
    expect(css).toContain('prefers-color-scheme: dark');
    expect(css).toContain('"Noto Sans CJK SC"');
    expect(css).toContain('@media print');
  });

  it('answers any other path with the 404 page', async () => {
    const response = await local.request('/no/such/page');
    expect(response.status).toBe(404);
    const body = await response.text();
    expect(body).toContain('Page not found');
    expect(body).toContain('Nothing lives at /no/such/page.');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
  });
});
