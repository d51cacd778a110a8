/**
 * The HTTP face of feedfold (Hono): one route table (route-table.ts) holding
 * the feeds, the health check and the JSON API (feed-routes.ts) and the
 * reader's pages (reader/reader-app.ts), with one error type (`HttpError`)
 * shown in each route's own form.
 *
 * No pipeline logic: the library and the store are read, the use cases write.
 */
import { Hono, type Context } from 'hono';
import { bareEventRoute, feedRoutes, type FeedRouteDeps } from './feed-routes.js';
import type { HttpError } from './http-error.js';
import { readerRoutes, type ReaderDeps } from './reader/reader-app.js';
import { mountRoutes } from './route-table.js';

export type { CycleStatus } from './feed-routes.js';

export interface AppDeps extends FeedRouteDeps {
  /**
   * The reader's pages (timeline, event pages, sources). Without them,
   * `/events/:id` answers a bare article page and errors are plain text.
   */
  reader?: ReaderDeps;
  /** Told of every unexpected error (a bug) before the 500 goes out. */
  onBug?: (error: unknown, c: Context) => void;
}

export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  const reader = deps.reader ? readerRoutes(deps.reader) : null;
  const routes = [...feedRoutes(deps), ...(reader ? reader.routes : [bareEventRoute(deps.library)])];
  mountRoutes(app, routes, {
    errorPage: reader?.errorPage ?? ((c: Context, error: HttpError) => c.text(error.message, error.status)),
    ...(deps.onBug ? { onBug: deps.onBug } : {}),
  });
  app.notFound(reader?.notFound ?? ((c) => c.text(`Nothing lives at ${new URL(c.req.url).pathname}.`, 404)));
  return app;
}
