import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchFeed, USER_AGENT } from '../../src/sources/fetch-feed.js';
import { document, feed, fetchFailure, oversize, redirect, startFixtureServer, status, trickle, type FixtureServer } from '../fixtures/http/server.js';

const gbk = readFileSync(join(import.meta.dirname, '../fixtures/http/gbk-feed.xml'));
let server: FixtureServer;

beforeAll(async () => {
  server = await startFixtureServer({
    '/feed.xml': feed(gbk, { etag: '"abc"', lastModified: 'Fri, 07 Jan 2022 10:00:00 GMT', headers: { 'cache-control': 'public, max-age=3600' } }),
    '/500': status(500),
    '/429': status(429, { 'retry-after': '120' }),
    '/503-date': status(503, { 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' }),
    '/slow': trickle(),
    '/huge': oversize(3 * 1024 * 1024),
    '/loop-a': redirect('/loop-b', 302),
    '/loop-b': redirect('/loop-a', 302),
    '/moved': redirect('/feed.xml', 301),
    '/moved-twice': redirect('/moved', 308),
    '/temporary': redirect('/moved', 302),
    '/chain-1': redirect('/chain-2'),
    '/chain-2': redirect('/chain-3'),
    '/chain-3': redirect('/feed.xml'),
    '/located': document('<rss/>', { 'content-location': '/elsewhere/feed' }),
  });
});
afterAll(() => server.close());

describe('fetchFeed', () => {
  it('returns the bytes untouched with the validators and says who it is', async () => {
    const result = await fetchFeed(server.url('/feed.xml'));
    expect(result.status).toBe('ok');
    if (result.status !== 'ok') return;
    expect(Buffer.from(result.bytes).equals(gbk)).toBe(true);
    expect(result.etag).toBe('"abc"');
    expect(result.lastModified).toBe('Fri, 07 Jan 2022 10:00:00 GMT');
    expect(result.maxAgeSeconds).toBe(3600);
    expect(result.permanentUrl).toBeNull();
    expect(server.requests.at(-1)!.headers['user-agent']).toBe(USER_AGENT);
  });

  it('sends the validators it is given and reports a 304 as not modified', async () => {
    const result = await fetchFeed(server.url('/feed.xml'), { etag: '"abc"', lastModified: 'Fri, 07 Jan 2022 10:00:00 GMT' });
    expect(result.status).toBe('not-modified');
    const sent = server.requests.at(-1)!;
    expect(sent.headers['if-none-match']).toBe('"abc"');
    expect(sent.headers['if-modified-since']).toBe('Fri, 07 Jan 2022 10:00:00 GMT');
    expect(sent.status).toBe(304);
  });

  it('reports a 500 as an http error with the status', async () => {
    const error = await fetchFailure(fetchFeed(server.url('/500')));
    expect(error.kind).toBe('http');
    expect(error.status).toBe(500);
    expect(error.message).toContain('HTTP 500');
    expect(error.source).toBe(server.url('/500'));
  });

  it('reads Retry-After as seconds or as an HTTP date', async () => {
    const now = new Date('2022-01-07T10:00:00Z');
    const seconds = await fetchFailure(fetchFeed(server.url('/429'), { now: () => now }));
    expect(seconds.retryAfter?.toISOString()).toBe('2022-01-07T10:02:00.000Z');
    const date = await fetchFailure(fetchFeed(server.url('/503-date')));
    expect(date.retryAfter?.toISOString()).toBe('2015-10-21T07:28:00.000Z');
  });

  it('gives up on a body that trickles past the deadline', async () => {
    const error = await fetchFailure(fetchFeed(server.url('/slow'), { timeoutMs: 300 }));
    expect(error.kind).toBe('timeout');
  });

  it('aborts a body over the size limit while it streams', async () => {
    const error = await fetchFailure(fetchFeed(server.url('/huge'), { maxBytes: 1024 * 1024 }));
    expect(error.kind).toBe('too-large');
  });

  it('stops at a redirect loop', async () => {
    const error = await fetchFailure(fetchFeed(server.url('/loop-a')));
    expect(error.kind).toBe('http');
    expect(error.message).toContain('redirect loop');
  });

  it('stops after the redirect limit', async () => {
    const error = await fetchFailure(fetchFeed(server.url('/chain-1'), { maxRedirects: 2 }));
    expect(error.message).toContain('more than 2 redirects');
  });

  it('reports where a feed moved permanently, through 301 and 308 only', async () => {
    const moved = await fetchFeed(server.url('/moved-twice'));
    expect(moved.finalUrl).toBe(server.url('/feed.xml'));
    expect(moved.permanentUrl).toBe(server.url('/feed.xml'));
    const temporary = await fetchFeed(server.url('/temporary'));
    expect(temporary.finalUrl).toBe(server.url('/feed.xml'));
    expect(temporary.permanentUrl).toBeNull();
  });

  it('resolves Content-Location against the URL', async () => {
    const result = await fetchFeed(server.url('/located'));
    expect(result.status === 'ok' && result.contentLocation).toBe(server.url('/elsewhere/feed'));
  });

  it('reports a refused connection as a network error', async () => {
    const closed = await startFixtureServer();
    const url = closed.url('/feed.xml');
    await closed.close();
    const error = await fetchFailure(fetchFeed(url));
    expect(error.kind).toBe('network');
    expect(error.message).toContain('ECONNREFUSED');
  });
});
