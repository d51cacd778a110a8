/**
 * The reader in a real browser: Debian's chromium driven by playwright-core
 * (never a downloaded browser), against the real server on 127.0.0.1 after
 * ingesting the seeds. Every request the page makes is routed through the
 * test: anything not for 127.0.0.1 (the outlets' lead images and videos) is
 * aborted and recorded, so nothing leaves the machine.
 *
 * Screenshots of the timeline and an event page at desktop and phone width
 * go to test/artifacts/ for a person to look at.
 *
 * Without /usr/bin/chromium the tests are skipped locally and fail on CI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, chromiumFor } from './chromium.js';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { openLowdbStore, type LowdbStore } from '../../src/store/lowdb-store.js';
import { ingestPaths } from '../../src/use-cases/ingest-paths.js';
import { loadConfig } from '../../src/config.js';
import { loadFeedEntries } from '../../src/publish/load-entries.js';
import { FeedLibrary } from '../../src/server/feed-library.js';
import { createApp } from '../../src/server/app.js';

const haveChromium = chromiumFor('reader in a browser');
const root = fileURLToPath(new URL('../..', import.meta.url));
const artifacts = join(root, 'test', 'artifacts');

const GENEVA_SEEDS = ['002_72ee53b23b60c233.txt', '003_0594c77cbcb85587.txt'];
/** Seed files that mention Lavrov (拉夫罗夫 / 拉夫羅夫). */
const LAVROV_SEEDS = ['000_481a4a5cf64b5119.txt', '001_ce804001e456922b.txt'];

describe.runIf(haveChromium)('reader in a browser', () => {
  let dir: string;
  let store: LowdbStore;
  let server: ServerType;
  let base: string;
  let browser: Browser;
  let eventOf: Map<string, string>;
  /** Requests the pages tried to send off the machine. */
  const blocked: { url: string; type: string }[] = [];
  const consoleErrors: string[] = [];
  /** Pages a test asks for knowing they answer 404; the browser logs that as an error. */
  const expectedNotFound = new Set<string>();

  async function newPage(viewport: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1, colorScheme: 'light' });
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === '127.0.0.1') return route.continue();
      blocked.push({ url: url.href, type: route.request().resourceType() });
      return route.abort('failed');
    });
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      // The aborted outlet images report themselves as failed loads; those, and only those, are expected.
      const source = message.location().url;
      if (/net::ERR_FAILED/.test(message.text()) && blocked.some((request) => request.url === source)) return;
      if (/status of 404/.test(message.text()) && expectedNotFound.has(source)) return;
      consoleErrors.push(`${message.text()} (${source})`);
    });
    page.on('pageerror', (error) => consoleErrors.push(`page error: ${error.message}`));
    return { context, page };
  }

  function cardIds(page: Page): Promise<string[]> {
    return page.$$eval('.event-card', (cards) => cards.map((card) => card.getAttribute('data-event-id') ?? ''));
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'feedfold-reader-e2e-'));
    await mkdir(artifacts, { recursive: true });
    store = await openLowdbStore(dir);
    const summary = await ingestPaths(store, [join(root, 'seeds')], { retentionDays: 36500 });
    expect(summary.failed).toEqual([]);
    eventOf = new Map();
    for (const event of await store.listEvents()) for (const member of event.items) eventOf.set(member.origin, event.id);

    const config = loadConfig({ data: dir }, {});
    const library = new FeedLibrary({ baseUrl: config.baseUrl, title: config.title, language: config.language, load: () => loadFeedEntries(store, config.baseUrl) });
    await library.refresh();
    const app = createApp({ library, reader: { store, config } });
    await new Promise<void>((resolve) => {
      server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await store?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('shows the four seed events on the timeline (desktop screenshot)', async () => {
    const { context, page } = await newPage({ width: 1280, height: 800 });
    await page.goto(`${base}/`);
    expect(await page.locator('.event-card').count()).toBe(4);
    expect(new Set(await cardIds(page))).toEqual(new Set(eventOf.values()));
    await expect(page.title()).resolves.toContain('Events');
    await page.screenshot({ path: join(artifacts, 'reader-timeline-desktop.png'), fullPage: true });
    await context.close();
  });

  it('moves with j/k and opens with o', async () => {
    const { context, page } = await newPage({ width: 1280, height: 800 });
    await page.goto(`${base}/`);
    const ids = await cardIds(page);
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    const current = page.locator('.event-card.is-current');
    expect(await current.count()).toBe(1);
    expect(await current.getAttribute('data-event-id')).toBe(ids[0]);
    await page.keyboard.press('j');
    expect(await current.getAttribute('data-event-id')).toBe(ids[1]);
    expect(await page.evaluate(() => document.activeElement?.closest('.event-card')?.getAttribute('data-event-id'))).toBe(ids[1]);
    await Promise.all([page.waitForURL(`${base}/events/${ids[1]}`), page.keyboard.press('o')]);
    expect(await page.locator('h1#event-title').count()).toBe(1);
    await page.goBack();
    await page.keyboard.press('j');
    await Promise.all([page.waitForURL(`${base}/events/${ids[0]}`), page.keyboard.press('Enter')]);
    await context.close();
  });

  it('opens the Geneva event with both VOA and Al Jazeera, and keeps it read after a reload', async () => {
    const geneva = eventOf.get(GENEVA_SEEDS[0]!)!;
    expect(eventOf.get(GENEVA_SEEDS[1]!)).toBe(geneva);
    const { context, page } = await newPage({ width: 1280, height: 800 });
    await page.goto(`${base}/`);
    expect(await page.locator(`.event-card[data-event-id="${geneva}"]`).getAttribute('class')).toContain('is-unread');
    await Promise.all([page.waitForURL(`${base}/events/${geneva}`), page.locator(`.event-card[data-event-id="${geneva}"] .event-link`).click()]);
    const outlets = await page.locator('.coverage .source-outlet').allTextContents();
    expect(outlets.sort()).toEqual(['Al Jazeera (半岛网)', 'VOA (美国之音)']);
    expect(await page.locator('.article-body').first().isVisible()).toBe(true);
    expect(await page.locator('#reasons-title').textContent()).toBe('Why these were grouped');
    await page.screenshot({ path: join(artifacts, 'reader-event-desktop.png'), fullPage: true });

    await page.goto(`${base}/`);
    expect(await page.locator(`.event-card[data-event-id="${geneva}"]`).getAttribute('class')).toContain('is-read');
    await page.reload();
    expect(await page.locator(`.event-card[data-event-id="${geneva}"]`).getAttribute('class')).toContain('is-read');
    await context.close();
  });

  it('toggles read with m and star with s, and both survive a reload', async () => {
    const { context, page } = await newPage({ width: 1280, height: 800 });
    await page.goto(`${base}/?show=all`);
    const unread = page.locator('.event-card.is-unread').first();
    const id = (await unread.getAttribute('data-event-id'))!;
    const ids = await cardIds(page);
    for (let i = 0; i <= ids.indexOf(id); i++) await page.keyboard.press('j');
    const card = page.locator(`.event-card[data-event-id="${id}"]`);
    await Promise.all([page.waitForResponse((response) => response.url().endsWith(`/events/${id}/read`)), page.keyboard.press('m')]);
    await expect.poll(() => card.getAttribute('class')).toContain('is-read');
    await Promise.all([page.waitForResponse((response) => response.url().endsWith(`/events/${id}/star`)), page.keyboard.press('s')]);
    await expect.poll(() => card.getAttribute('class')).toContain('is-starred');
    await page.reload();
    expect(await card.getAttribute('class')).toMatch(/is-read.*is-starred/);
    expect(await card.locator('.star-badge').isVisible()).toBe(true);
    await context.close();
  });

  it('finds the events that mention 拉夫罗夫 from the search box opened with /', async () => {
    const { context, page } = await newPage({ width: 1280, height: 800 });
    await page.goto(`${base}/`);
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-input');
    await page.keyboard.type('拉夫罗夫');
    await Promise.all([page.waitForURL(/\?q=/), page.keyboard.press('Enter')]);
    expect(new Set(await cardIds(page))).toEqual(new Set(LAVROV_SEEDS.map((origin) => eventOf.get(origin)!)));
    await context.close();
  });

  it('shows the keyboard help with ?', async () => {
    const { context, page } = await newPage({ width: 1280, height: 800 });
    await page.goto(`${base}/`);
    expect(await page.locator('.shortcuts').isVisible()).toBe(false);
    await page.keyboard.press('Shift+Slash');
    expect(await page.locator('.shortcuts').isVisible()).toBe(true);
    await context.close();
  });

  it('advertises feeds that resolve to Atom, RSS and JSON Feed documents, for the whole stream and a search', async () => {
    const { context, page } = await newPage({ width: 1280, height: 800 });
    for (const path of ['/', `/?q=${encodeURIComponent('拉夫罗夫')}`, '/sources']) {
      await page.goto(`${base}${path}`);
      const links = await page.$$eval('link[rel="alternate"]', (elements) => elements.map((element) => ({ type: element.getAttribute('type')!, href: (element as HTMLLinkElement).href })));
      expect(links.map((link) => link.type).sort()).toEqual(['application/atom+xml', 'application/feed+json', 'application/rss+xml']);
      for (const link of links) {
        const response = await page.request.get(link.href);
        expect(response.status(), link.href).toBe(200);
        expect(response.headers()['content-type']).toContain(link.type);
        const text = await response.text();
        if (link.type === 'application/atom+xml') expect(text).toMatch(/<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/);
        if (link.type === 'application/rss+xml') expect(text).toMatch(/<rss [^>]*version="2\.0"/);
        if (link.type === 'application/feed+json') expect(JSON.parse(text).version).toBe('https://jsonfeed.org/version/1.1');
        if (path.includes('q=')) expect(text).toContain('拉夫罗夫');
      }
    }
    await context.close();
  });

  it('fits a phone screen (screenshots of the timeline and an event)', async () => {
    const { context, page } = await newPage({ width: 390, height: 844 });
    await page.goto(`${base}/`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(artifacts, 'reader-timeline-phone.png'), fullPage: true });
    const geneva = eventOf.get(GENEVA_SEEDS[0]!)!;
    await page.goto(`${base}/events/${geneva}`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(artifacts, 'reader-event-phone.png'), fullPage: true });
    await page.goto(`${base}/sources`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await context.close();
  });

  it('answers an unknown page with the reader 404 page', async () => {
    const { context, page } = await newPage({ width: 1280, height: 800 });
    expectedNotFound.add(`${base}/no/such/page`);
    const response = await page.goto(`${base}/no/such/page`);
    expect(response?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('Page not found');
    // The 404 is a page of the reader: its stylesheet applies, so it is not a bare error.
    expect(await page.evaluate(() => getComputedStyle(document.body).lineHeight)).not.toBe('normal');
    await context.close();
  });

  it('logged no console errors and sent nothing but images and media off 127.0.0.1 (all of it blocked)', () => {
    expect(consoleErrors).toEqual([]);
    expect(blocked.length).toBeGreaterThan(0);
    expect(blocked.filter((request) => request.type !== 'image' && request.type !== 'media')).toEqual([]);
  });
});
