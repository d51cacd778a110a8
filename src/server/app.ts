/**
 * The HTTP face of feedfold (Hono): the feeds, their outlet and tag variants,
 * the event pages the entries link to, a health check and a small JSON API.
 *
 * Feeds are answered from prepared bytes (feed-library.ts): the conditional
 * headers are checked before any body is touched, and the body sent is the
 * ready Buffer for the negotiated coding with that coding's strong ETag.
 * hono/compress is not used: it compresses per request and turns the ETag weak,
 * after which strict If-None-Match comparisons answer 200 again.
 *
 * No pipeline logic: the library loads and renders, this only routes.
 */
import { Hono, type Context, type NotFoundHandler } from 'hono';
import type { FeedFormat } from '../publish/feed-documents.js';
import { escapeHtml } from '../publish/escape-markup.js';
import type { FeedLibrary } from './feed-library.js';
import { BadQueryError, parseFeedQuery, type FeedScope } from './feed-query.js';
import { chooseCoding, isNotModified } from './http-negotiation.js';

export interface CycleStatus {
  /** When the last refresh cycle finished, ISO 8601. */
  finishedAt: string;
  ok: boolean;
  /** Short description of what failed, when it did. */
  error?: string;
}

export interface AppDeps {
  library: FeedLibrary;
  /** The last refresh cycle, null before the first one. */
  lastCycle?: () => CycleStatus | null;
  /** When the next refresh cycle will run; feeds may be cached until then. Null: no schedule, revalidate each time. */
  nextRefreshAt?: () => Date | null;
  now?: () => number;
  /**
   * The reader's pages (timeline, event pages, sources), mounted at `/` with
   * their 404 page. Without them, `/events/:id` answers a bare article page.
   */
  pages?: { app: Hono; notFound: NotFoundHandler };
}

const EXTENSIONS: Record<string, FeedFormat> = { 'feed.atom': 'atom', 'feed.rss': 'rss', 'feed.json': 'json' };

export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  const now = () => deps.now?.() ?? Date.now();

  const cacheControl = (): string => {
    const next = deps.nextRefreshAt?.() ?? null;
    if (!next) return 'public, no-cache';
    return `public, max-age=${Math.max(0, Math.floor((next.getTime() - now()) / 1000))}`;
  };

  const serveFeed = (c: Context, format: FeedFormat, scope: FeedScope): Response => {
    let query;
    try {
      query = parseFeedQuery(scope, c.req.query('q'), c.req.query('limit'));
    } catch (error) {
      if (error instanceof BadQueryError) return c.json({ error: error.message }, 400);
      throw error;
    }
    const document = deps.library.document(format, query);
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

  for (const [file, format] of Object.entries(EXTENSIONS)) {
    app.get(`/${file}`, (c) => serveFeed(c, format, { kind: 'all' }));
    app.get(`/sources/:outlet/${file}`, (c) => serveFeed(c, format, { kind: 'source', outlet: c.req.param('outlet') }));
    app.get(`/tags/:tag/${file}`, (c) => serveFeed(c, format, { kind: 'tag', tag: c.req.param('tag') }));
  }

  app.get('/healthz', (c) => {
    const snapshot = deps.library.snapshot;
    const lastCycle = deps.lastCycle?.() ?? null;
    const status = snapshot.loadedAt === null ? 'starting' : lastCycle && !lastCycle.ok ? 'degraded' : 'ok';
    c.header('cache-control', 'no-store');
    return c.json({ status, items: snapshot.itemCount, events: snapshot.eventCount, entries: snapshot.entries.length, loadedAt: snapshot.loadedAt, lastCycle }, snapshot.loadedAt === null ? 503 : 200);
  });

  app.get('/api/events', (c) => {
    let query;
    try {
      query = parseFeedQuery({ kind: 'all' }, c.req.query('q'), c.req.query('limit'));
    } catch (error) {
      if (error instanceof BadQueryError) return c.json({ error: error.message }, 400);
      throw error;
    }
    const entries = deps.library.select(query);
    return c.json({ events: entries.map(eventSummary), total: deps.library.snapshot.entries.length });
  });

  app.get('/api/events/:id', (c) => {
    const entry = deps.library.entry(c.req.param('id'));
    if (!entry) return c.json({ error: `no event "${c.req.param('id')}"` }, 404);
    if (entry.eventId !== c.req.param('id')) return c.redirect(`/api/events/${encodeURIComponent(entry.eventId)}`, 301);
    return c.json({ ...eventSummary(entry), summary: entry.summary, contentHtml: entry.contentHtml, image: entry.image, media: entry.media });
  });

  // Registered before the bare event page below, so the reader's page wins when it is there.
  if (deps.pages) {
    app.route('/', deps.pages.app);
    app.notFound(deps.pages.notFound);
  }

  app.get('/events/:id', (c) => {
    const entry = deps.library.entry(c.req.param('id'));
    if (!entry) return c.text(`No event "${c.req.param('id')}"`, 404);
    // An event merged into an older one: its old links lead to the one that absorbed it.
    if (entry.eventId !== c.req.param('id')) return c.redirect(`/events/${encodeURIComponent(entry.eventId)}`, 301);
    // Bodies are sanitised upstream; the policy stops whatever slipped through from running scripts.
    c.header('content-security-policy', "default-src 'none'; img-src * data:; media-src *; style-src 'unsafe-inline'");
    return c.html(
      `<!doctype html><html lang="${escapeHtml(entry.lang ?? 'und')}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(entry.title)}</title>` +
        `<style>body{max-width:42rem;margin:2rem auto;padding:0 1rem;font:1.05rem/1.7 system-ui,sans-serif}img,video{max-width:100%;height:auto}</style></head>` +
        `<body><article><h1>${escapeHtml(entry.title)}</h1>${entry.contentHtml}</article></body></html>`,
    );
  });

  return app;
}

function eventSummary(entry: import('../publish/feed-entry.js').FeedEntry) {
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
