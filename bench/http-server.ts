/**
 * One side of the HTTP benchmark, run in its own process (pinned to a core by
 * bench/http.ts): either feedfold's Hono app on @hono/node-server, or bare
 * node:http sending the very same prepared Buffers with the same ETag. Both
 * build the same ~200 KB Atom document from the seed articles, print
 * `ready <port>` and serve until killed.
 *
 * Usage: node dist/bench/http-server.js hono|bare
 */
import { createServer } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import type { Event } from '../src/event.js';
import type { Item } from '../src/item.js';
import { buildFeedEntries } from '../src/publish/feed-entry.js';
import { readArticleFile } from '../src/sources/article-file.js';
import { FeedLibrary } from '../src/server/feed-library.js';
import { createApp } from '../src/server/app.js';
import { DEFAULT_LIMIT } from '../src/server/feed-query.js';
import { chooseCoding, isNotModified } from '../src/server/http-negotiation.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SEEDS = ['000_481a4a5cf64b5119.txt', '001_ce804001e456922b.txt', '002_72ee53b23b60c233.txt', '003_0594c77cbcb85587.txt', '004_d748690ec3cdfd2e.txt'];
/** 32 events of seed-sized articles make a ~200 KB document (under the main feed's default limit, so all are in it). */
const EVENTS = 32;

/** Single-member events, each a copy of a seed article under its own id and date. */
export async function benchEntries(baseUrl: string) {
  const seeds = await Promise.all(SEEDS.map((file) => readArticleFile(join(ROOT, 'seeds', file), file)));
  const items = new Map<string, Item>();
  const events: Event[] = [];
  for (let index = 0; index < EVENTS; index += 1) {
    const seed = seeds[index % seeds.length]!;
    const published = new Date(Date.parse('2022-01-01T00:00:00Z') + index * 3_600_000).toISOString();
    const item: Item = { ...seed, id: `${seed.id}-${index}`, published };
    items.set(item.id, item);
    events.push({
      id: `ev-bench-${index}`,
      aliases: [],
      title: `${item.title} (${index})`,
      published,
      updated: published,
      items: [{ id: item.id, origin: item.origin, url: item.url, outlet: item.outlet, title: item.title, published }],
    });
  }
  return { entries: buildFeedEntries(events, items, { baseUrl }), itemCount: items.size, eventCount: events.length };
}

async function main(): Promise<void> {
  const mode = process.argv[2];
  if (mode !== 'hono' && mode !== 'bare') throw new Error('usage: http-server.js hono|bare');
  const loaded = await benchEntries('http://localhost:8080');
  const library = new FeedLibrary({ load: async () => loaded, baseUrl: 'http://localhost:8080', title: 'feedfold', language: 'zh-Hans' });
  await library.refresh();
  let port: number;
  if (mode === 'hono') {
    const app = createApp({ library, nextRefreshAt: () => new Date(Date.now() + 900_000) });
    port = await new Promise<number>((resolve) => {
      serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port));
    });
  } else {
    const document = library.document('atom', { scope: { kind: 'all' }, words: [], limit: DEFAULT_LIMIT });
    const server = createServer((request, response) => {
      const coding = chooseCoding(request.headers['accept-encoding']);
      const representation = document.representation(coding);
      const headers: Record<string, string> = {
        'content-type': document.contentType,
        etag: representation.etag,
        'last-modified': document.lastModifiedHttp,
        'cache-control': 'public, max-age=900',
        vary: 'Accept-Encoding',
      };
      if (isNotModified({ ifNoneMatch: request.headers['if-none-match'], ifModifiedSince: request.headers['if-modified-since'] }, { etags: document.etags, lastModified: document.lastModified })) {
        response.writeHead(304, headers).end();
        return;
      }
      if (coding !== 'identity') headers['content-encoding'] = coding;
      headers['content-length'] = String(representation.body.length);
      response.writeHead(200, headers).end(representation.body);
    });
    port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
  }
  const atom = library.document('atom', { scope: { kind: 'all' }, words: [], limit: DEFAULT_LIMIT });
  console.log(`ready ${port} ${atom.identity.body.length} ${atom.representation('gzip').body.length} ${atom.representation('gzip').etag}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
