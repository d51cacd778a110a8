/**
 * The feedparser `sanitize` documents (745 hostile feeds) ingested into a real
 * store, served by `feedfold serve`'s server on 127.0.0.1, and every reader
 * page that shows them loaded in Debian's chromium (playwright-core): no
 * script from a feed may run. The static checks in
 * test/security/sanitize-end-to-end.test.ts read markup; this one asks a
 * browser, which is what finally decides.
 *
 * Before any page script, traps are installed: alert/confirm/prompt/print/open
 * record a hit, as do reads of the globals the payloads call (`executeMe`,
 * `bogus`, `__xss`); any uncaught page error counts (a stripped script whose
 * handler survived would throw), any navigation or document request away from
 * 127.0.0.1 counts (the payloads mostly do `location.href = …`), and every
 * `securitypolicyviolation` is recorded. The bodies are then loaded a second
 * time in a page WITHOUT a Content-Security-Policy, with every common event
 * dispatched on every element, so it is the sanitiser, not only the reader's
 * CSP, that stops them. A control page with real payloads proves the traps
 * fire at all.
 *
 * Without /usr/bin/chromium the tests are skipped locally and fail on CI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, chromiumFor } from './chromium.js';
import { readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { loadConfig } from '../../src/config.js';
import { ingestPaths } from '../../src/use-cases/ingest-paths.js';
import { startServer, type RunningServer } from '../../src/use-cases/serve.js';
import { workspaceOf, type Workspace } from '../../src/use-cases/workspace.js';
import { openLowdbStore } from '../../src/store/lowdb-store.js';
import { PAGE_SIZE } from '../../src/server/reader/timeline-page.js';

const haveChromium = chromiumFor('sanitised feeds in a browser');
const root = fileURLToPath(new URL('../..', import.meta.url));
const FEEDPARSER = join(root, 'test/fixtures/feedparser');

/** Events a payload could be bound to; dispatched on every element of a body loaded without CSP. */
const EVENT_TYPES = [
  'load', 'error', 'abort', 'mouseover', 'mouseout', 'mousedown', 'mouseup', 'mousemove', 'dblclick', 'keydown',
  'keyup', 'keypress', 'focus', 'blur', 'change', 'input', 'select', 'submit', 'reset', 'resize', 'scroll', 'unload',
  'toggle', 'animationstart', 'transitionend', 'pointerover', 'wheel',
];
/** Bodies per page in the no-CSP pass; a batch with a hit is loaded again body by body to name the culprit. */
const BATCH = 100;
/** Tabs visiting the event pages at once. */
const TABS = 3;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * Runs in every document before its own scripts. Hits go to the `__trap`
 * binding (exposed by the test, so it survives navigation and
 * document.write); the trap functions keep working if a page replaces them.
 */
function installTraps(globals: readonly string[]): void {
  const report = (kind: string) => {
    try {
      (window as unknown as { __trap: (kind: string) => void }).__trap(`${kind} at ${location.href}`);
    } catch {
      // The binding is not there yet only in a document the test never looks at.
    }
  };
  for (const name of ['alert', 'confirm', 'prompt', 'print', 'open'] as const) {
    Object.defineProperty(window, name, { configurable: true, value: () => report(`${name}()`) });
  }
  for (const name of globals) {
    Object.defineProperty(window, name, {
      configurable: true,
      get() {
        report(`read of window.${name}`);
        return () => report(`call of ${name}()`);
      },
      set() {
        report(`write of window.${name}`);
      },
    });
  }
  document.addEventListener('securitypolicyviolation', (event) => {
    const violation = event as SecurityPolicyViolationEvent;
    report(`csp ${violation.effectiveDirective} blocked ${violation.blockedURI || 'inline'} (${violation.sample})`);
  });
}

describe.runIf(haveChromium)('sanitised feeds in a browser: no script from a feed runs', () => {
  let dir: string;
  let server: RunningServer;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let eventIds: string[] = [];
  let itemCount = 0;
  /** Trap hits, CSP violations, page errors and off-machine document requests, each with where it happened. */
  const hits: string[] = [];
  /** Images and media the reader's CSP refused (plain-http outlet images): reported, not failures. */
  const mediaRefusals: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'feedfold-sanitize-browser-'));
    const config = loadConfig({ data: join(dir, 'data'), out: join(dir, 'feeds') }, {}, dir);
    const ctx: Workspace = workspaceOf(config);
    const paths = filesUnder(FEEDPARSER).filter((path) => relative(FEEDPARSER, path).includes('sanitize') && path.endsWith('.xml'));
    expect(paths).toHaveLength(745);
    const store = await ctx.openStore();
    try {
      // Documents whose only entry has no title are refused by cleaning; the rest must get through.
      const summary = await ingestPaths(store, paths, { retentionDays: 36500 });
      expect(summary.added).toBeGreaterThan(500);
      itemCount = (await store.listItems()).length;
      eventIds = (await store.listEvents()).map((event) => event.id);
    } finally {
      await store.close();
    }
    server = await startServer(ctx, { port: 0, host: '127.0.0.1', schedule: false, watchMs: 60_000 });
    base = `http://127.0.0.1:${server.port}`;

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    context = await browser.newContext({ javaScriptEnabled: true });
    // Looking is not reading: a request that may not write leaves no read marks, so 700 page views write nothing.
    await context.setExtraHTTPHeaders({ 'x-forwarded-for': '203.0.113.7' });
    await context.exposeBinding('__trap', ({ frame }, kind: string) => {
      // An outlet's plain-http image refused by img-src is the policy doing its job, not a script.
      if (/^csp (img-src|media-src) /.test(kind)) mediaRefusals.push(kind);
      else hits.push(`${kind} (frame ${frame.url()})`);
    });
    await context.addInitScript(installTraps, ['executeMe', 'bogus', '__xss']);
    await context.route('**/*', (route) => {
      const request = route.request();
      const url = new URL(request.url());
      if (url.hostname === '127.0.0.1') return route.continue();
      if (request.resourceType() === 'document') hits.push(`navigation to ${url.href} from ${request.frame().url()}`);
      return route.abort('blockedbyclient');
    });
    page = await newTab();
  }, 120_000);

  afterAll(async () => {
    if (mediaRefusals.length > 0) console.info(`reader CSP refused ${mediaRefusals.length} non-https images or media (expected: img-src allows https only)`);
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function newTab(): Promise<Page> {
    const tab = await context.newPage();
    tab.setDefaultNavigationTimeout(10_000);
    tab.setDefaultTimeout(10_000);
    tab.on('pageerror', (error) => hits.push(`page error at ${tab.url()}: ${error.message}`));
    tab.on('dialog', (dialog) => {
      hits.push(`dialog ${dialog.type()} at ${tab.url()}`);
      void dialog.dismiss();
    });
    return tab;
  }

  /** Loads bodies into a page with no CSP at all and pokes every element with every event. */
  async function runWithoutCsp(bodies: readonly string[]): Promise<string[]> {
    const before = hits.length;
    const markup = bodies.map((body, index) => `<div data-body="${index}">${body}</div>`).join('\n');
    await page.setContent(`<!doctype html><html><head><meta charset="utf-8"></head><body>${markup}</body></html>`, { waitUntil: 'load' });
    await page.evaluate((types) => {
      for (const element of Array.from(document.querySelectorAll('body *'))) {
        for (const type of types) element.dispatchEvent(new Event(type, { bubbles: false }));
      }
    }, EVENT_TYPES);
    // Handlers bound to failed image loads and timers fire after load.
    await page.waitForTimeout(150);
    return hits.slice(before);
  }

  it('the traps fire for real payloads (control, outside any CSP)', async () => {
    const payloads = [
      '<script>alert(1)</script>',
      '<img src="http://127.0.0.1:1/missing.png" onerror="confirm(1)">',
      '<p onmouseover="executeMe()">x</p>',
      '<script>window.__xss = 1</script>',
      '<b onfocus="bogus()">y</b>',
    ];
    for (const payload of payloads) {
      const caught = await runWithoutCsp([payload]);
      expect(caught.length, payload).toBeGreaterThan(0);
    }
    hits.length = 0;
  });

  it('ingested the documents into several hundred events', () => {
    expect(itemCount).toBeGreaterThan(500);
    expect(eventIds.length).toBeGreaterThan(300);
  });

  it('every timeline page and every event page runs no feed script, and no article holds a <script', async () => {
    const visited: string[] = [];
    const pages = Math.ceil(eventIds.length / PAGE_SIZE);
    for (let n = 1; n <= pages; n++) {
      const response = await page.goto(`${base}/?page=${n}`, { waitUntil: 'load' });
      expect(response?.status(), `timeline page ${n}`).toBe(200);
      visited.push(`/?page=${n}`);
    }
    const scriptInArticles: string[] = [];
    let articles = 0;
    // A few tabs at once: a navigation mostly waits on the browser, not on the server.
    const queue = [...eventIds];
    const visit = async (tab: Page) => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        const response = await tab.goto(`${base}/events/${encodeURIComponent(id)}`, { waitUntil: 'load' });
        expect(response?.status(), id).toBe(200);
        expect(response?.headers()['content-security-policy'], id).toMatch(/script-src 'self'/);
        const bodies = await tab.$$eval('.article-body', (elements) => elements.map((element) => element.innerHTML));
        articles += bodies.length;
        for (const body of bodies) if (/<script/i.test(body)) scriptInArticles.push(`${id}: ${body.slice(0, 120)}`);
        visited.push(id);
      }
    };
    const tabs = [page, ...(await Promise.all(Array.from({ length: TABS - 1 }, () => newTab())))];
    await Promise.all(tabs.map(visit));
    await Promise.all(tabs.slice(1).map((tab) => tab.close()));
    expect(visited.length).toBe(pages + eventIds.length);
    // Every stored item appears on its event's page, shown or under "Other versions".
    expect(articles).toBe(itemCount);
    expect(scriptInArticles).toEqual([]);
    expect(hits).toEqual([]);
  }, 300_000);

  it('the same bodies loaded without any CSP run nothing: the sanitiser stops them, not only the policy', async () => {
    const bodies = new Set<string>();
    // What every output is built from: the stored items' bodies, as the JSON API serves them per event.
    for (const id of eventIds) {
      const response = await page.request.get(`${base}/api/events/${encodeURIComponent(id)}`);
      expect(response.status(), id).toBe(200);
      bodies.add(((await response.json()) as { contentHtml: string }).contentHtml);
    }
    const store = await openLowdbStore(join(dir, 'data'));
    try {
      for (const item of await store.listItems()) bodies.add(item.contentHtml);
    } finally {
      await store.close();
    }
    const all = [...bodies];
    expect(all.length).toBeGreaterThan(100);
    const culprits: string[] = [];
    for (let start = 0; start < all.length; start += BATCH) {
      const batch = all.slice(start, start + BATCH);
      if ((await runWithoutCsp(batch)).length === 0) continue;
      for (const body of batch) {
        const caught = await runWithoutCsp([body]);
        if (caught.length > 0) culprits.push(`${body.slice(0, 160)} → ${caught.join('; ')}`);
      }
    }
    expect(culprits).toEqual([]);
    expect(hits).toEqual([]);
  }, 120_000);
});
