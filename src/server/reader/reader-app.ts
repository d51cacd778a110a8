/**
 * The web reader's routes: the timeline (`/`), event pages (`/events/:id`),
 * the sources page (`/sources`), read/star marks, the OPML export and the
 * reader's own assets under `/reader/`. They go into the server's one route
 * table (../app.ts) with the page that shows an `HttpError` and the 404 page.
 *
 * Pages are rendered on the server and carry a strict Content-Security-Policy
 * (scripts and styles only from this server; no inline script). Writes are
 * POSTs from this installation's own pages, from loopback or with the admin
 * token (write-access.ts). It does not serve the feeds themselves, and runs
 * no pipeline stage: it reads the store and changes only reader marks and the
 * source list.
 */
import type { Context, NotFoundHandler } from 'hono';
import { setCookie } from 'hono/cookie';
import type { Config } from '../../config.js';
import type { Item } from '../../item.js';
import type { Store } from '../../store/store.js';
import { ConfigError } from '../../errors.js';
import { LockHeldError } from '../../schedule/lock.js';
import { addSource, newSourceRecord, parseEvery, removeSource } from '../../sources/source-records.js';
import { renderOpml } from '../../sources/opml.js';
import { opmlFromSources } from '../../sources/opml-subscriptions.js';
import { READER_ASSETS, serveAsset } from './reader-assets.js';
import { ReaderData, filterEvents, type ReaderSnapshot } from './reader-view.js';
import { ReaderMarks } from './reader-state.js';
import { TOKEN_COOKIE, isSameOrigin, mayWrite, sameSecret } from './write-access.js';
import { PAGE_SIZE, renderTimelinePage, type TimelineQuery } from './timeline-page.js';
import { renderEventPage } from './event-page.js';
import { renderSourcesPage, type SourcesPageModel } from './sources-page.js';
import { renderMessagePage } from './message-page.js';
import { groupingReasons } from './grouping-reasons.js';
import type { Markup } from './page-layout.js';
import { HttpError } from '../http-error.js';
import type { Route } from '../route-table.js';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export interface ReaderDeps {
  /**
   * The store to read; a function when the server swaps its store instance
   * (reopened after a refresh cycle wrote through another one).
   */
  store: Store | (() => Store);
  config: Config;
  /** Lets a browser that is not on loopback change things (FEEDFOLD_ADMIN_TOKEN); unset: loopback only. */
  adminToken?: string | undefined;
  /**
   * Runs a change of the source list on a store that cannot race a refresh
   * cycle (in `serve`: a freshly opened store under the data-directory lock).
   * Default: runs it on `store` as it is.
   */
  exclusive?: <T>(change: (store: Store) => Promise<T>) => Promise<T>;
  now?: () => Date;
  /** Remote address of a request; default: the socket's address under @hono/node-server, else unknown. */
  remoteAddress?: (c: Context) => string | null;
}

/**
 * Scripts and styles only from this server, no inline script; images and
 * media of the outlets' articles come from their own https hosts.
 */
export const READER_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; media-src 'self' https:; " +
  "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

export interface ReaderRoutes {
  routes: Route[];
  /** An `HttpError` as a reader page. */
  errorPage: (c: Context, error: HttpError) => Promise<Response>;
  notFound: NotFoundHandler;
}

export function readerRoutes(deps: ReaderDeps): ReaderRoutes {
  const routes: Route[] = [];
  const get = (path: string, handler: Route['handler']) => routes.push({ method: 'GET', path, answers: 'page', handler });
  const post = (path: string, handler: Route['handler']) => routes.push({ method: 'POST', path, answers: 'page', handler });
  const { config } = deps;
  const given = deps.store;
  const store = typeof given === 'function' ? given : () => given;
  const now = () => deps.now?.() ?? new Date();
  const exclusive = deps.exclusive ?? (<T>(change: (store: Store) => Promise<T>) => change(store()));
  const data = new ReaderData(store, config.baseUrl);
  const marks = new ReaderMarks(store);
  const access = { adminToken: deps.adminToken, baseUrl: config.baseUrl, remoteAddress: deps.remoteAddress ?? nodeRemoteAddress };
  const siteTitle = config.title;

  const page = async (c: Context, markup: Markup, status: ContentfulStatusCode = 200): Promise<Response> => {
    c.header('content-security-policy', READER_CSP);
    c.header('x-content-type-options', 'nosniff');
    // Outlets' image hosts learn nothing about what is being read; our own POSTs keep their Origin.
    c.header('referrer-policy', 'same-origin');
    c.header('cache-control', 'private, no-cache');
    return c.html(await markup, status);
  };
  const errorPage = (c: Context, error: HttpError) => page(c, renderMessagePage({ siteTitle, title: error.title, text: error.message }), error.status);

  /** Refuses cross-site and anonymous writes. */
  const assertMayWrite = (c: Context): void => {
    if (!isSameOrigin(c, config.baseUrl)) throw new HttpError(403, 'Refused', 'This change was sent from another site, so it was not made.');
    if (!mayWrite(c, access)) {
      throw new HttpError(403, 'Not allowed', 'Changes need a connection from this machine or the admin token (the token form is on the Sources page).');
    }
  };

  for (const path of READER_ASSETS.keys()) get(path, (c) => serveAsset(c, path));

  get('/', async (c) => {
    const query = timelineQuery(c);
    if (typeof query === 'string') throw new HttpError(400, 'Bad request', query);
    const snapshot = await data.snapshot();
    const state = await marks.all();
    let matching = filterEvents(snapshot, query);
    if (query.show === 'unread') matching = matching.filter((event) => !state.read.has(event.entry.eventId));
    if (query.show === 'starred') matching = matching.filter((event) => state.starred.has(event.entry.eventId));
    const start = (query.page - 1) * PAGE_SIZE;
    if (query.page > 1 && start >= matching.length) throw new HttpError(404, 'No such page', `There are ${matching.length} events in this view; page ${query.page} is past the last one.`);
    return page(
      c,
      renderTimelinePage({
        siteTitle,
        query,
        events: matching.slice(start, start + PAGE_SIZE),
        total: matching.length,
        marks: (id) => ({ read: state.read.has(id), starred: state.starred.has(id) }),
        outlets: snapshot.outlets,
        tags: snapshot.tags,
        canWrite: mayWrite(c, access),
        now: now(),
      }),
    );
  });

  get('/events/:id', async (c) => {
    const snapshot = await data.snapshot();
    const id = c.req.param('id') ?? '';
    const live = snapshot.aliases.get(id);
    if (!snapshot.byId.has(id) && live !== undefined && snapshot.byId.has(live)) {
      const search = new URL(c.req.url).search;
      return c.redirect(`/events/${encodeURIComponent(live)}${search}`, 301);
    }
    const event = snapshot.byId.get(id);
    if (!event) throw new HttpError(404, 'Event not found', `There is no event “${id}”. It may have been dropped after the retention period.`);
    const canWrite = mayWrite(c, access);
    // Opening an event is reading it; visitors who may not write leave no mark.
    if (canWrite && !(await marks.of(id)).read) await marks.update(liveIds(snapshot), (state) => state.read.add(id));
    const byId = new Map((await store().getItems(event.entry.sources.map((source) => source.id))).map((item) => [item.id, item]));
    const items = event.entry.sources.flatMap((source) => byId.get(source.id) ?? []);
    const chosen = c.req.query('item');
    const shown = (chosen ? items.find((item) => item.id === chosen) : undefined) ?? mostComplete(items);
    return page(
      c,
      renderEventPage({ siteTitle, event, items, shown, reasons: groupingReasons(items, phraseFrequency(snapshot)), marks: await marks.of(id), canWrite, now: now() }),
    );
  });

  const markRoute = (kind: 'read' | 'starred') => async (c: Context) => {
    assertMayWrite(c);
    const snapshot = await data.snapshot();
    const id = snapshot.aliases.get(c.req.param('id') ?? '') ?? c.req.param('id') ?? '';
    if (!snapshot.byId.has(id)) throw new HttpError(404, 'Event not found', `There is no event “${id}”.`);
    const form = await c.req.parseBody();
    const value = form['value'];
    if (value !== '1' && value !== '0') throw new HttpError(400, 'Bad request', 'The mark must be given as value=1 (set) or value=0 (clear).');
    await marks.update(liveIds(snapshot), (state) => {
      if (value === '1') state[kind].add(id);
      else state[kind].delete(id);
    });
    const current = await marks.of(id);
    if (wantsJson(c)) return c.json(current);
    return c.redirect(safeBack(form['back'], `/events/${encodeURIComponent(id)}`), 303);
  };
  post('/events/:id/read', markRoute('read'));
  post('/events/:id/star', markRoute('starred'));

  post('/mark-all-read', async (c) => {
    assertMayWrite(c);
    const form = await c.req.parseBody();
    const snapshot = await data.snapshot();
    const matching = filterEvents(snapshot, { q: text(form['q']), outlet: text(form['outlet']) || null, tag: text(form['tag']) || null });
    await marks.update(liveIds(snapshot), (state) => {
      for (const event of matching) state.read.add(event.entry.eventId);
    });
    if (wantsJson(c)) return c.json({ marked: matching.length });
    return c.redirect(safeBack(form['back'], '/'), 303);
  });

  const sourcesPage = async (c: Context, notice: SourcesPageModel['notice'], draft: SourcesPageModel['draft'], status: 200 | 400 | 503 = 200) =>
    page(
      c,
      renderSourcesPage({
        siteTitle,
        sources: await store().listSources(),
        canWrite: mayWrite(c, access),
        tokenConfigured: Boolean(deps.adminToken),
        notice,
        draft,
        now: now(),
      }),
      status,
    );
  const emptyDraft = { location: '', name: '', every: '30m' };
  // A long refresh cycle holds the store: the change is not made, and the person is told to retry.
  const BUSY = 'A refresh is writing the store right now, so nothing was changed. Try again in a minute.';

  get('/sources', (c) => {
    const done = c.req.query('done');
    const notice = done ? { kind: 'ok' as const, text: done === 'added' ? 'Source added; it is fetched at the next refresh cycle.' : done === 'removed' ? 'Source removed; its stored items stay.' : done === 'unlocked' ? 'Unlocked: this browser may now change sources and marks.' : '' } : null;
    return sourcesPage(c, notice?.text ? notice : null, emptyDraft);
  });

  post('/sources', async (c) => {
    assertMayWrite(c);
    const form = await c.req.parseBody();
    const draft = { location: text(form['location']).trim(), name: text(form['name']).trim(), every: text(form['every']).trim() || '30m' };
    try {
      // Marked as added through the reader: folders are refused and the SSRF guard applies to every fetch.
      const record = newSourceRecord(draft.location, { name: draft.name || null, every: parseEvery(draft.every), addedVia: 'reader' }, now());
      await exclusive(async (target) => target.saveSources(addSource(await target.listSources(), record)));
    } catch (error) {
      if (error instanceof ConfigError) return sourcesPage(c, { kind: 'error', text: error.message }, draft, 400);
      if (error instanceof LockHeldError) return sourcesPage(c, { kind: 'error', text: BUSY }, draft, 503);
      throw error;
    }
    return c.redirect('/sources?done=added', 303);
  });

  post('/sources/:id/remove', async (c) => {
    assertMayWrite(c);
    const id = c.req.param('id') ?? '';
    try {
      await exclusive(async (target) => target.saveSources(removeSource(await target.listSources(), id).sources));
    } catch (error) {
      if (error instanceof ConfigError) throw new HttpError(404, 'Source not found', error.message);
      if (error instanceof LockHeldError) return sourcesPage(c, { kind: 'error', text: BUSY }, emptyDraft, 503);
      throw error;
    }
    return c.redirect('/sources?done=removed', 303);
  });

  post('/session', async (c) => {
    if (!isSameOrigin(c, config.baseUrl)) throw new HttpError(403, 'Refused', 'This request was sent from another site.');
    const form = await c.req.parseBody();
    const token = text(form['token']);
    if (!deps.adminToken || !sameSecret(token, deps.adminToken)) throw new HttpError(403, 'Wrong token', 'That is not the admin token of this installation.');
    setCookie(c, TOKEN_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
      secure: new URL(c.req.url).protocol === 'https:',
      maxAge: 90 * 86_400,
    });
    return c.redirect('/sources?done=unlocked', 303);
  });

  get('/opml', async (c) => {
    const body = renderOpml(opmlFromSources(await store().listSources(), siteTitle), { dateCreated: now() });
    c.header('cache-control', 'private, no-cache');
    c.header('content-disposition', 'inline; filename="feedfold.opml"');
    return c.body(body, 200, { 'content-type': 'text/x-opml; charset=utf-8' });
  });

  return { routes, errorPage, notFound: readerNotFound(config) };
}

/** The reader's 404 page for anything no route answered. */
export function readerNotFound(config: Pick<Config, 'title'>): NotFoundHandler {
  return async (c) => {
    c.header('content-security-policy', READER_CSP);
    c.header('x-content-type-options', 'nosniff');
    return c.html(await renderMessagePage({ siteTitle: config.title, title: 'Page not found', text: `Nothing lives at ${new URL(c.req.url).pathname}.` }), 404);
  };
}

/** Ids and aliases of the live events, which marks are kept for. */
function liveIds(snapshot: ReaderSnapshot) {
  return { ids: snapshot.byId.keys(), aliases: snapshot.aliases };
}

/** Events sampled to rank shared phrases: enough to tell common words from names, cheap on a big store. */
const FREQUENCY_SAMPLE = 2000;

function phraseFrequency(snapshot: ReaderSnapshot): (phrase: string) => number {
  const sample = snapshot.events.slice(0, FREQUENCY_SAMPLE);
  return (phrase) => sample.reduce((count, event) => count + (event.searchText.includes(phrase) ? 1 : 0), 0);
}

/** The member with the longest text, as publishing picks it. */
function mostComplete(items: readonly Item[]): Item | null {
  let best: Item | null = null;
  for (const item of items) if (!best || item.contentText.length > best.contentText.length) best = item;
  return best;
}

function timelineQuery(c: Context): TimelineQuery | string {
  const pageText = c.req.query('page') ?? '1';
  if (!/^\d{1,6}$/.test(pageText) || Number(pageText) < 1) return `page must be a whole number from 1, got “${pageText}”.`;
  const show = c.req.query('show') ?? 'all';
  if (show !== 'all' && show !== 'unread' && show !== 'starred') return `show must be all, unread or starred, got “${show}”.`;
  return { q: c.req.query('q') ?? '', outlet: c.req.query('outlet') || null, tag: c.req.query('tag') || null, show, page: Number(pageText) };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function wantsJson(c: Context): boolean {
  return (c.req.header('accept') ?? '').includes('application/json');
}

/** Only paths on this server: a `back` field must not turn the reader into an open redirect. */
function safeBack(value: unknown, fallback: string): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.includes('\\') ? value : fallback;
}

function nodeRemoteAddress(c: Context): string | null {
  type Bindings = { incoming?: { socket?: { remoteAddress?: string } } };
  const env = c.env as (Bindings & { server?: Bindings }) | undefined;
  return (env?.server ?? env)?.incoming?.socket?.remoteAddress ?? null;
}
