/**
 * The server's one route table: every path feedfold answers (feeds, health,
 * the JSON API, the reader's pages and assets) is a `Route` in one list, with
 * the form it answers in. `mountRoutes` registers the list on a Hono app and
 * renders an `HttpError` thrown by any route in that route's form; an error of
 * any other type is a bug: it is reported and answered 500.
 *
 * It decides nothing about what a route does.
 */
import type { Context, Hono } from 'hono';
import { HttpError } from './http-error.js';

/** What a route answers with, and so how its errors are shown. */
export type Answers = 'page' | 'json' | 'text';

export interface Route {
  method: 'GET' | 'POST';
  path: string;
  answers: Answers;
  handler: (c: Context) => Response | Promise<Response>;
}

export interface RouteTableOptions {
  /** Renders an error as a reader page (the page frame, CSP, a way back). */
  errorPage: (c: Context, error: HttpError) => Response | Promise<Response>;
  /** Told of every unexpected error before the 500 goes out. */
  onBug?: (error: unknown, c: Context) => void;
}

export function mountRoutes(app: Hono, routes: readonly Route[], options: RouteTableOptions): void {
  const answering = new WeakMap<Request, Answers>();
  for (const route of routes) {
    const handler = (c: Context) => {
      answering.set(c.req.raw, route.answers);
      return route.handler(c);
    };
    if (route.method === 'GET') app.get(route.path, handler);
    else app.post(route.path, handler);
  }
  app.onError((error, c) => {
    const answers = answering.get(c.req.raw) ?? 'page';
    if (error instanceof HttpError) return renderError(c, error, answers, options);
    options.onBug?.(error, c);
    return renderError(c, new HttpError(500, 'Something went wrong', 'feedfold failed to answer this request; the error was logged.', { cause: error }), answers, options);
  });
}

function renderError(c: Context, error: HttpError, answers: Answers, options: RouteTableOptions): Response | Promise<Response> {
  for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
  c.header('cache-control', 'no-store');
  switch (answers) {
    case 'page':
      return options.errorPage(c, error);
    case 'json':
      return c.json({ error: error.message }, error.status);
    case 'text':
      return c.text(error.message, error.status);
  }
}
