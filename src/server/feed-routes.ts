/**
 * The feeds, their outlet and tag variants, the health check and the JSON
 * API, as routes of the server's table (route-table.ts).
 *
 * Feeds are answered from prepared bytes (feed-library.ts): the conditional
 * headers are checked before any body is touched, and the body sent is the
 * ready Buffer for the negotiated coding with that coding's strong ETag.
 * hono/compress is not used: it compresses per request and turns the ETag weak,
 * after which strict If-None-Match comparisons answer 200 again.
 *
 * No pipeline logic: the library loads and renders, this only routes.
 */
import type { Context } from 'hono';
import type { FeedEntry } from '../publish/feed-entry.js';
import type { FeedFormat } from '../publish/feed-documents.js';
import { escapeHtml } from '../publish/escape-markup.js';
import type { FeedLibrary } from './feed-library.js';
import { BadQueryError, parseFeedQuery, type FeedQuery, type FeedScope } from './feed-query.js';
import { HttpError } from './http-error.js';
import { chooseCoding, isNotModified } from './http-negotiation.js';
import type { Route } from './route-table.js';

export interface CycleStatus {
  /** When the last refresh cycle finished, ISO 8601. */
  finishedAt: string;
  ok: boolean;
  /** Short description of what failed, when it did. */
  error?: string;
}

export interface FeedRouteDeps {
  library: FeedLibrary;
  /** The last refresh cycle, null before the first one. */
  lastCycle?: () => CycleStatus | null;
  /** When the next refresh cycle will run; feeds may be cached until then. Null: no schedule, revalidate each time. */
  nextRefreshAt?: () => Date | null;
  now?: () => number;
}

const EXTENSIONS: Record<string, FeedFormat> = { 'feed.atom': 'atom', 'feed.rss': 'rss', 'feed.json': 'json' };

export function feedRoutes(deps: FeedRouteDeps): Route[] {
  const now = () => deps.now?.() ?? Date.now();

  const cacheControl = (): string => {
    const next = deps.nextRefreshAt?.() ?? null;
    if (!next) return 'public, no-cache';
    return `public, max-age=${Math.max(0, Math.floor((next.getTime() - now()) / 1000))}`;
  };

  const serveFeed = (c: Context, format: FeedFormat, scope: FeedScope): Response => {
    const document = deps.library.document(format, feedQuery(c, scope));
    const coding = chooseCoding(c.req.header('accept-encoding'));
    const representation = document.representation(coding);
    const headers: Record<string, string> = {
      'content-type': document.contentType,
      etag: representation.etag,
      'last-modified': document.lastModifiedHttp,
      'cache-control': cacheControl(),
      vary: 'Accept-Encoding',
    };
    if (isNotModified({ ifNoneMatch: c.req.header('if-none-match'), ifModifiedSince: c.req.header('if-modified-since') }, { etags: document.etags, lastModified: document.lastModified })) {
      return new Response(null, { status: 304, headers });
    }
    if (coding !== 'identity') headers['content-encoding'] = coding;
    headers['content-length'] = String(representation.body.length);
    return new Response(representation.body, { status: 200, headers });
  };

  const routes: Route[] = [];
  for (const [file, format] of Object.entries(EXTENSIONS)) {
    routes.push(
      { method: 'GET', path: `/${file}`, answers: 'json', handler: (c) => serveFeed(c, format, { kind: 'all' }) },
      { method: 'GET', path: `/sources/:outlet/${file}`, answers: 'json', handler: (c) => serveFeed(c, format, { kind: 'source', outlet: c.req.param('outlet') ?? '' }) },
      { method: 'GET', path: `/tags/:tag/${file}`, answers: 'json', handler: (c) => serveFeed(c, format, { kind: 'tag', tag: c.req.param('tag') ?? '' }) },
    );
  }

  routes.push({
    method: 'GET',
    path: '/healthz',
    answers: 'json',
    handler: (c) => {
      const snapshot = deps.library.snapshot;
      const lastCycle = deps.lastCycle?.() ?? null;
      const status = snapshot.loadedAt === null ? 'starting' : lastCycle && !lastCycle.ok ? 'degraded' : 'ok';
      c.header('cache-control', 'no-store');
      return c.json({ status, items: snapshot.itemCount, events: snapshot.eventCount, entries: snapshot.entries.length, loadedAt: snapshot.loadedAt, lastCycle }, snapshot.loadedAt === null ? 503 : 200);
    },
  });

  routes.push({
    method: 'GET',
    path: '/api/events',
    answers: 'json',
    handler: (c) => {
      const entries = deps.library.select(feedQuery(c, { kind: 'all' }));
      return c.json({ events: entries.map(eventSummary), total: deps.library.snapshot.entries.length });
    },
  });

  routes.push({
    method: 'GET',
    path: '/api/events/:id',
    answers: 'json',
    handler: (c) => {
      const id = c.req.param('id') ?? '';
      const entry = deps.library.entry(id);
      if (!entry) throw new HttpError(404, 'Event not found', `no event "${id}"`);
      if (entry.eventId !== id) return c.redirect(`/api/events/${encodeURIComponent(entry.eventId)}`, 301);
      return c.json({ ...eventSummary(entry), summary: entry.summary, contentHtml: entry.contentHtml, image: entry.image, media: entry.media });
    },
  });
  return routes;
}

/**
 * `/events/:id` as a bare article page, for a server that runs without the
 * reader (tests, the HTTP bench): the page every feed entry links to.
 */
export function bareEventRoute(library: FeedLibrary): Route {
  return {
    method: 'GET',
    path: '/events/:id',
    answers: 'text',
    handler: (c) => {
      const id = c.req.param('id') ?? '';
      const entry = library.entry(id);
      if (!entry) throw new HttpError(404, 'Event not found', `No event "${id}"`);
      // An event merged into an older one: its old links lead to the one that absorbed it.
      if (entry.eventId !== id) return c.redirect(`/events/${encodeURIComponent(entry.eventId)}`, 301);
      // Bodies are sanitised upstream; the policy stops whatever slipped through from running scripts.
      c.header('content-security-policy', "default-src 'none'; img-src * data:; media-src *; style-src 'unsafe-inline'");
      return c.html(
        `<!doctype html><html lang="${escapeHtml(entry.lang ?? 'und')}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(entry.title)}</title>` +
          `<style>body{max-width:42rem;margin:2rem auto;padding:0 1rem;font:1.05rem/1.7 system-ui,sans-serif}img,video{max-width:100%;height:auto}</style></head>` +
          `<body><article><h1>${escapeHtml(entry.title)}</h1>${entry.contentHtml}</article></body></html>`,
      );
    },
  };
}

function feedQuery(c: Context, scope: FeedScope): FeedQuery {
  try {
    return parseFeedQuery(scope, c.req.query('q'), c.req.query('limit'));
  } catch (error) {
    if (error instanceof BadQueryError) throw new HttpError(400, 'Bad request', error.message, { cause: error });
    throw error;
  }
}

function eventSummary(entry: FeedEntry) {
  return {
    id: entry.eventId,
    entryId: entry.id,
    aliases: entry.aliases,
    title: entry.title,
    link: entry.link,
    published: entry.published,
    updated: entry.updated,
    outlets: entry.outlets,
    categories: entry.categories,
    sources: entry.sources,
  };
}
