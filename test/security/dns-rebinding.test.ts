/**
 * DNS rebinding against the SSRF guard: a name that resolves to a public
 * address when the guard asks and to loopback when the connection is made.
 * The resolver is injected (no DNS server is needed), the target is a fixture
 * server on 127.0.0.1, and the proof is that it received no request: the
 * connect-time check (guardedDispatcher) refuses the address even when the
 * check before the request passed or was skipped, and lets the allow-list
 * through.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertPublicUrl, EMPTY_ALLOW_LIST, guardedDispatcher, parseAllowList, type Resolver } from '../../src/sources/address-guard.js';
import { fetchFeed } from '../../src/sources/fetch-feed.js';
import { feed, fetchFailure, startFixtureServer, type FixtureServer } from '../fixtures/http/server.js';

const RSS = '<?xml version="1.0"?><rss version="2.0"><channel><title>Rebound</title><link>https://rebind.example.org/</link></channel></rss>';

let server: FixtureServer;
let port: string;

beforeAll(async () => {
  server = await startFixtureServer({ '/feed.xml': feed(RSS) });
  port = new URL(server.origin).port;
});
afterAll(() => server.close());

/** Answers a public address the first time it is asked and loopback after that, as a rebinding DNS server does. */
function rebinding(): Resolver & { asked: string[] } {
  const asked: string[] = [];
  const resolve = async (host: string) => {
    asked.push(host);
    return asked.length === 1 ? ['93.184.216.34'] : ['127.0.0.1'];
  };
  return Object.assign(resolve, { asked });
}

describe('the connect-time address check', () => {
  it('refuses a name that was public for the pre-check and is loopback when connecting', async () => {
    const resolve = rebinding();
    const before = server.requests.length;
    const url = `http://rebind.example.org:${port}/feed.xml`;
    const error = await fetchFailure(
      fetchFeed(url, { guard: (hop) => assertPublicUrl(hop, EMPTY_ALLOW_LIST, resolve), dispatcher: guardedDispatcher(EMPTY_ALLOW_LIST, resolve) }),
    );
    // The pre-check was asked first and passed; the second answer is the one the connection would have used.
    expect(resolve.asked).toEqual(['rebind.example.org', 'rebind.example.org']);
    expect(error).toMatchObject({ kind: 'blocked', message: expect.stringMatching(/rebind\.example\.org resolves to 127\.0\.0\.1.*loopback/) });
    expect(server.requests.length).toBe(before);
  });

  it('refuses loopback names and addresses with no pre-check at all', async () => {
    const before = server.requests.length;
    const dispatcher = guardedDispatcher();
    // `localhost` through the system resolver, and an IP address, which Node connects to without any lookup.
    for (const url of [`http://localhost:${port}/feed.xml`, `http://127.0.0.1:${port}/feed.xml`, `http://[::ffff:127.0.0.1]:${port}/feed.xml`]) {
      expect(await fetchFailure(fetchFeed(url, { dispatcher })), url).toMatchObject({ kind: 'blocked', message: expect.stringMatching(/loopback/) });
    }
    expect(server.requests.length).toBe(before);
  });

  it('reaches the same server when the operator allows the network or the host name', async () => {
    for (const allow of [parseAllowList('127.0.0.0/8'), parseAllowList('rebind.example.org')]) {
      const before = server.requests.length;
      // Always loopback: an allowed host name skips the pre-check, so a public first answer would be dialled.
      const resolve: Resolver = async () => ['127.0.0.1'];
      const result = await fetchFeed(`http://rebind.example.org:${port}/feed.xml`, {
        guard: (hop) => assertPublicUrl(hop, allow, resolve),
        dispatcher: guardedDispatcher(allow, resolve),
      });
      expect(result.status, allow.entries.join()).toBe('ok');
      expect(server.requests.length).toBe(before + 1);
    }
  });

  it('shares one connection pool per allow-list', () => {
    const allow = parseAllowList('10.0.0.0/8');
    expect(guardedDispatcher(allow)).toBe(guardedDispatcher(allow));
    expect(guardedDispatcher(allow)).not.toBe(guardedDispatcher(EMPTY_ALLOW_LIST));
  });
});
