/**
 * The one route table: an `HttpError` thrown by any route is shown in that
 * route's form, and an error of any other type is a bug: reported, answered 500.
 */
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { HttpError } from '../../src/server/http-error.js';
import { mountRoutes, type Route } from '../../src/server/route-table.js';

function appWith(routes: Route[], bugs: unknown[] = []): Hono {
  const app = new Hono();
  mountRoutes(app, routes, {
    errorPage: (c, error) => c.html(`<h1>${error.title}</h1><p>${error.message}</p>`, error.status),
    onBug: (error) => void bugs.push(error),
  });
  return app;
}

const refuse = () => {
  throw new HttpError(404, 'Event not found', 'There is no event “x”.', { headers: { 'x-reason': 'gone' } });
};

describe('route table', () => {
  it('shows an HttpError as a page, JSON or text, by the route that threw it, with its status and headers', async () => {
    const app = appWith([
      { method: 'GET', path: '/page', answers: 'page', handler: refuse },
      { method: 'GET', path: '/api', answers: 'json', handler: refuse },
      { method: 'POST', path: '/text', answers: 'text', handler: refuse },
    ]);
    const page = await app.request('/page');
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toBe('<h1>Event not found</h1><p>There is no event “x”.</p>');
    expect(page.headers.get('x-reason')).toBe('gone');
    expect(page.headers.get('cache-control')).toBe('no-store');

    const json = await app.request('/api');
    expect(json.status).toBe(404);
    expect(await json.json()).toEqual({ error: 'There is no event “x”.' });

    const text = await app.request('/text', { method: 'POST' });
    expect(text.status).toBe(404);
    expect(await text.text()).toBe('There is no event “x”.');
  });

  it('answers 500 in the route\'s form for any other error, and reports it', async () => {
    const bugs: unknown[] = [];
    const app = appWith(
      [
        { method: 'GET', path: '/api', answers: 'json', handler: () => Promise.reject(new TypeError('x is undefined')) },
        {
          method: 'GET',
          path: '/page',
          answers: 'page',
          handler: () => {
            throw new Error('store closed');
          },
        },
      ],
      bugs,
    );
    const json = await app.request('/api');
    expect(json.status).toBe(500);
    expect(await json.json()).toEqual({ error: 'feedfold failed to answer this request; the error was logged.' });
    expect(bugs).toHaveLength(1);
    expect((bugs[0] as Error).message).toBe('x is undefined');
    const page = await app.request('/page');
    expect(page.status).toBe(500);
    expect(await page.text()).toBe('<h1>Something went wrong</h1><p>feedfold failed to answer this request; the error was logged.</p>');
    expect(bugs).toHaveLength(2);
  });
});
