/**
 * The SSRF guard: which addresses are refused (IPv4, IPv6, IPv4 hidden in
 * IPv6, the URL parser's decimal/octal/hex IPv4 forms), that the check runs
 * on what a name resolves to, and that a source added through the API is
 * refused on its first hop and on a redirect, against a fixture server on
 * 127.0.0.1 — while the operator's allow-list and CLI-added sources get
 * through.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { ConfigError, SourceError } from '../../src/errors.js';
import { assertPublicUrl, blockedReason, embeddedIpv4, parseAllowList } from '../../src/sources/address-guard.js';
import { fetchFeed } from '../../src/sources/fetch-feed.js';
import { readFetchState } from '../../src/sources/fetch-schedule.js';
import { refreshFeedSource } from '../../src/sources/source-feed.js';
import { newSourceRecord } from '../../src/sources/source-records.js';
import { feed, redirect, startFixtureServer, type FixtureServer } from '../fixtures/http/server.js';

const RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Guarded</title><link>https://guarded.example.org/</link>
<item><title>Through the guard</title><link>https://guarded.example.org/1</link><pubDate>Mon, 10 Jan 2022 08:00:00 GMT</pubDate></item></channel></rss>`;

describe('blockedReason', () => {
  it.each([
    ['127.0.0.1', /loopback/],
    ['127.255.255.254', /loopback/],
    ['0.0.0.0', /unspecified/],
    ['10.1.2.3', /private/],
    ['172.16.0.1', /private/],
    ['172.31.255.255', /private/],
    ['192.168.1.1', /private/],
    ['100.64.0.1', /carrier-grade NAT/],
    ['100.100.100.200', /carrier-grade NAT/],
    ['169.254.169.254', /link-local/],
    ['224.0.0.251', /multicast/],
    ['255.255.255.255', /reserved/],
    ['::1', /loopback/],
    ['::', /unspecified/],
    ['fe80::1', /link-local/],
    ['fd00:ec2::254', /unique local/],
    ['fc00::1', /unique local/],
    ['ff02::1', /multicast/],
    ['::ffff:127.0.0.1', /loopback/],
    ['::ffff:7f00:1', /loopback/],
    ['::ffff:169.254.169.254', /link-local/],
    ['64:ff9b::a9fe:a9fe', /link-local/],
    ['2002:7f00:1::', /loopback/],
    ['::127.0.0.1', /IPv4-compatible/],
  ])('refuses %s', (address, reason) => {
    expect(blockedReason(address)).toMatch(reason);
  });

  it.each(['8.8.8.8', '1.1.1.1', '93.184.216.34', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '2a00:1450:4001:82a::200e', '::ffff:8.8.8.8'])('lets public %s through', (address) => {
    expect(blockedReason(address)).toBeNull();
  });

  it('finds the IPv4 address inside mapped, NAT64 and 6to4 addresses', () => {
    expect(embeddedIpv4('::ffff:10.0.0.1')).toBe('10.0.0.1');
    expect(embeddedIpv4('64:ff9b::0a00:0001')).toBe('10.0.0.1');
    expect(embeddedIpv4('2002:0a00:0001::1')).toBe('10.0.0.1');
    expect(embeddedIpv4('2606:4700::1')).toBeNull();
  });
});

describe('assertPublicUrl', () => {
  const refuse = (url: string) => expect(assertPublicUrl(url, undefined, async () => ['93.184.216.34'])).rejects.toMatchObject({ kind: 'blocked' });

  it.each([
    'http://127.0.0.1/',
    'http://2130706433/',
    'http://0x7f000001/',
    'http://0x7f.0.0.1/',
    'http://0177.0.0.1/',
    'http://127.1/',
    'http://0/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:a9fe:a9fe]/',
    'http://169.254.169.254/latest/meta-data/',
    'http://[fd00:ec2::254]/',
    'https://10.0.0.1:8443/feed',
  ])('refuses %s whatever way the address is written', async (url) => {
    await refuse(url);
  });

  it('refuses other schemes', async () => {
    await expect(assertPublicUrl('file:///etc/passwd')).rejects.toMatchObject({ kind: 'blocked', message: expect.stringMatching(/only http and https/) });
    await expect(assertPublicUrl('gopher://example.org/')).rejects.toMatchObject({ kind: 'blocked' });
  });

  it('checks every address the name resolves to, after resolution', async () => {
    await expect(assertPublicUrl('http://feeds.example.com/rss', undefined, async () => ['93.184.216.34'])).resolves.toBeUndefined();
    await expect(assertPublicUrl('http://feeds.example.com/rss', undefined, async () => ['93.184.216.34', '10.0.0.5'])).rejects.toMatchObject({
      kind: 'blocked',
      message: expect.stringMatching(/feeds\.example\.com resolves to 10\.0\.0\.5.*private/),
    });
    await expect(assertPublicUrl('http://metadata.google.internal/', undefined, async () => ['169.254.169.254'])).rejects.toMatchObject({ kind: 'blocked' });
    await expect(assertPublicUrl('http://nowhere.invalid/', undefined, async () => Promise.reject(new Error('ENOTFOUND')))).rejects.toMatchObject({ kind: 'network' });
  });

  it('lets through what the operator allowed, by host name or network', async () => {
    const allow = parseAllowList('feeds.lan, 10.0.0.0/8, ::1, [fd00::]/8');
    await expect(assertPublicUrl('http://feeds.lan/rss', allow, async () => ['192.168.1.5'])).resolves.toBeUndefined();
    await expect(assertPublicUrl('http://10.20.30.40/rss', allow)).resolves.toBeUndefined();
    await expect(assertPublicUrl('http://[::ffff:10.1.1.1]/rss', allow)).resolves.toBeUndefined();
    await expect(assertPublicUrl('http://[::1]/rss', allow)).resolves.toBeUndefined();
    await expect(assertPublicUrl('http://[fd12::1]/rss', allow)).resolves.toBeUndefined();
    await expect(assertPublicUrl('http://192.168.1.5/rss', allow)).rejects.toMatchObject({ kind: 'blocked' });
    await expect(assertPublicUrl('http://127.0.0.1/rss', allow)).rejects.toMatchObject({ kind: 'blocked' });
  });
});

describe('the allow-list in config', () => {
  it('is read from FEEDFOLD_ALLOW_PRIVATE_HOSTS and refuses what is not a host, an address or a network', () => {
    expect(loadConfig({}, {}).allowPrivateHosts.entries).toEqual([]);
    expect(loadConfig({}, { FEEDFOLD_ALLOW_PRIVATE_HOSTS: 'feeds.lan,10.0.0.0/8' }).allowPrivateHosts.entries).toEqual(['feeds.lan', '10.0.0.0/8']);
    expect(() => loadConfig({}, { FEEDFOLD_ALLOW_PRIVATE_HOSTS: '10.0.0.0/33' })).toThrow(ConfigError);
    expect(() => loadConfig({}, { FEEDFOLD_ALLOW_PRIVATE_HOSTS: 'http://feeds.lan/' })).toThrow(/neither a host name/);
  });

  it('states the feed bounds, with defaults, from the environment', () => {
    expect(loadConfig({}, {}).limits).toEqual({ maxBodyBytes: 10 * 1024 * 1024, fetchTimeoutMs: 30_000, maxItemsPerFeed: 1000, maxParseMs: 20_000 });
    expect(loadConfig({}, { FEEDFOLD_MAX_BODY_BYTES: '2048', FEEDFOLD_MAX_ITEMS_PER_FEED: '10' }).limits).toMatchObject({ maxBodyBytes: 2048, maxItemsPerFeed: 10 });
    expect(() => loadConfig({}, { FEEDFOLD_MAX_BODY_BYTES: 'lots' })).toThrow(/FEEDFOLD_MAX_BODY_BYTES/);
  });
});

describe('sources added remotely, against a server on 127.0.0.1', () => {
  let server: FixtureServer;
  beforeAll(async () => {
    server = await startFixtureServer({ '/feed.xml': feed(RSS), '/to-v6-loopback': redirect('/feed.xml') });
    server.route('/to-v6-loopback', redirect(server.url('/feed.xml').replace('127.0.0.1', '[::1]')));
  });
  afterAll(() => server.close());

  it('an API-added source cannot reach loopback: refused before any request, the error recorded on the source', async () => {
    const before = server.requests.length;
    const record = newSourceRecord(server.url('/feed.xml'), { addedVia: 'api' });
    expect(record.state).toEqual({ addedVia: 'api' });
    const refreshed = await refreshFeedSource(record);
    expect(refreshed.status).toBe('error');
    expect(refreshed.error).toBeInstanceOf(SourceError);
    expect(readFetchState(refreshed.record.state).lastError).toMatchObject({ kind: 'blocked', message: expect.stringMatching(/127\.0\.0\.1.*loopback/) });
    expect(refreshed.record.state['addedVia']).toBe('api');
    expect(server.requests.length).toBe(before);
  });

  it('the same source is fetched when the operator allows loopback', async () => {
    const refreshed = await refreshFeedSource(newSourceRecord(server.url('/feed.xml'), { addedVia: 'reader' }), { allowPrivateHosts: parseAllowList('127.0.0.0/8') });
    expect(refreshed).toMatchObject({ status: 'ok', error: null });
    expect(refreshed.items.map((item) => item.title)).toEqual(['Through the guard']);
  });

  it('a redirect to an address the allow-list does not cover is refused at that hop', async () => {
    const refreshed = await refreshFeedSource(newSourceRecord(server.url('/to-v6-loopback'), { addedVia: 'api' }), { allowPrivateHosts: parseAllowList('127.0.0.1') });
    expect(refreshed.status).toBe('error');
    expect(readFetchState(refreshed.record.state).lastError).toMatchObject({ kind: 'blocked', message: expect.stringMatching(/^redirect to http:\/\/\[::1\].*loopback/) });
  });

  it('fetchFeed asks the guard about every hop', async () => {
    const hops: string[] = [];
    server.route('/hop', redirect('/feed.xml', 302));
    const result = await fetchFeed(server.url('/hop'), { guard: async (url) => void hops.push(url) });
    expect(result.status).toBe('ok');
    expect(hops).toEqual([server.url('/hop'), server.url('/feed.xml')]);
  });

  it('a CLI-added source is the operator\'s own and is not guarded', async () => {
    const refreshed = await refreshFeedSource(newSourceRecord(server.url('/feed.xml')));
    expect(refreshed.status).toBe('ok');
  });

  it('a folder path cannot be added remotely', () => {
    expect(() => newSourceRecord('/etc', { addedVia: 'api' })).toThrow(/only http\(s\) feed URLs can be added through the api/);
  });
});
