/**
 * Every feedparser `sanitize` document (745 hostile feeds: scripts, on*
 * handlers, javascript:/vbscript:/data: URLs, CSS expressions, <base>,
 * <meta refresh>, SVG/MathML, entity-encoded payloads, comments, CDATA)
 * read by the real feed reader and cleaner, each item made an event, and
 * every output feedfold produces from it checked: the Atom, RSS and JSON
 * feeds, the event page and the JSON API of the server. Nothing executable
 * may come out, and titles and summaries must be plain text.
 *
 * Items without a title are refused by cleaning (correctly), but then their
 * payload would never reach an output and the test would prove nothing about
 * it; those are cleaned again with the file name as title so their bodies do
 * go all the way through. Documents whose payload is in the feed's own
 * fields (feed title, subtitle, image) and that have no item get one plain
 * probe item added, so the feed's fields reach the outputs the way feedfold
 * uses them (the feed title may name the outlet).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { load } from 'cheerio';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Event } from '../../src/event.js';
import type { Item } from '../../src/item.js';
import { cleanItem } from '../../src/clean/clean-item.js';
import { SourceError } from '../../src/errors.js';
import { buildFeedEntries, type FeedEntry } from '../../src/publish/feed-entry.js';
import { feedMeta } from '../../src/publish/feed-meta.js';
import { renderAtom } from '../../src/publish/render-atom.js';
import { renderJsonFeed } from '../../src/publish/render-json-feed.js';
import { renderRss } from '../../src/publish/render-rss.js';
import { createApp } from '../../src/server/app.js';
import { FeedLibrary } from '../../src/server/feed-library.js';
import { decodeDocument } from '../../src/sources/decode-charset.js';
import { parseFeedDocument } from '../../src/sources/feed-document.js';
import { readXmlFeed } from '../../src/sources/feed-xml.js';
import { readJsonFeed, isJsonFeedText } from '../../src/sources/json-feed.js';
import { elementsIn, executableConstructs } from './executable-markup.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const FEEDPARSER = join(ROOT, 'test/fixtures/feedparser/tests');
const BASE_URL = 'http://localhost:8080';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const FILES = filesUnder(FEEDPARSER)
  .filter((path) => relative(FEEDPARSER, path).includes('sanitize'))
  .sort();

interface Case {
  file: string;
  items: Item[];
  /** Why the document gave no item at all, when it gave none. */
  refused: string | null;
  /** A probe item was added because the document had none. */
  probed?: boolean;
}

/** The document with one harmless item appended inside its channel / feed / RDF root. */
function withProbeItem(text: string): string {
  const probe = (tag: string) =>
    tag === 'entry'
      ? '<entry><title>probe</title><link rel="alternate" href="https://feeds.example.org/probe"/><summary>probe body</summary></entry>'
      : '<item><title>probe</title><link>https://feeds.example.org/probe</link><description>probe body</description></item>';
  for (const [close, tag] of [['</channel>', 'item'], ['</rdf:RDF>', 'item'], ['</feed>', 'entry']] as const) {
    const at = text.lastIndexOf(close);
    if (at >= 0) return text.slice(0, at) + probe(tag) + text.slice(at);
  }
  return text;
}

async function readCase(path: string): Promise<Case> {
  const file = relative(FEEDPARSER, path);
  const origin = `https://feeds.example.org/${file}`;
  const { text } = decodeDocument(readFileSync(path), null, origin);
  const first = await readDocument(file, origin, text);
  if (first.items.length > 0 || first.refused !== null) return first;
  const probed = await readDocument(file, origin, withProbeItem(text));
  return { ...probed, probed: true };
}

async function readDocument(file: string, origin: string, text: string): Promise<Case> {
  try {
    return { file, items: await parseFeedDocument(text, origin), refused: null };
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    if (!/no title/.test(error.message)) return { file, items: [], refused: error.message };
    const body = text.replace(/^\uFEFF/, '');
    const raws = isJsonFeedText(body) ? readJsonFeed(body, origin) : (await readXmlFeed(body, origin)).items;
    const items: Item[] = [];
    for (const raw of raws) {
      try {
        items.push(cleanItem({ ...raw, title: raw.title.trim() || file }));
      } catch (second) {
        if (!(second instanceof SourceError)) throw second;
      }
    }
    return { file, items, refused: items.length === 0 ? error.message : null };
  }
}

/** One event per item; the member id is made unique because several fixtures share GUIDs. */
function eventFor(id: string, memberId: string, item: Item): Event {
  return {
    id,
    aliases: [],
    title: item.title,
    published: item.published,
    updated: item.published,
    items: [{ id: memberId, origin: item.origin, url: item.url, outlet: item.outlet, title: item.title, published: item.published }],
  };
}

let cases: Case[] = [];
let entries: FeedEntry[] = [];
/** Event id → fixture file, to name the culprit. */
const fileOf = new Map<string, string>();

beforeAll(async () => {
  cases = await Promise.all(FILES.map(readCase));
  const events: Event[] = [];
  const items = new Map<string, Item>();
  cases.forEach((entry, index) =>
    entry.items.forEach((item, position) => {
      const id = `e${index}-${position}`;
      fileOf.set(id, entry.file);
      const memberId = `${item.id}/${id}`;
      events.push(eventFor(id, memberId, item));
      items.set(memberId, item);
    }),
  );
  entries = buildFeedEntries(events, items, { baseUrl: BASE_URL });
}, 120_000);

/** `file: construct` for every executable construct in the HTML fragments. */
function leaks(fragments: readonly { file: string; html: string }[]): string[] {
  return fragments.flatMap(({ file, html }) => executableConstructs(html).map((construct) => `${file}: ${construct}`));
}

function markupIn(fragments: readonly { file: string; text: string }[]): string[] {
  return fragments.flatMap(({ file, text }) => (elementsIn(text).length > 0 ? [`${file}: ${text.slice(0, 80)}`] : []));
}

const meta = feedMeta({ baseUrl: BASE_URL, title: 'feedfold', language: 'en' });

describe('sanitising end to end: the feedparser sanitize documents', () => {
  it('reads all 745 documents and takes nearly every one to an output', () => {
    expect(FILES).toHaveLength(745);
    const refused = cases.filter((entry) => entry.refused !== null);
    // Refusals are allowed (a document with nothing to publish) but each says why.
    for (const entry of refused) expect(entry.refused, entry.file).toMatch(/\w/);
    expect(cases.filter((entry) => entry.items.length === 0)).toEqual([]);
    expect(cases.filter((entry) => entry.probed).length).toBeLessThan(200);
  });

  it('Atom: content, summary and title hold nothing executable; title and summary are plain text', () => {
    const $ = load(renderAtom(entries, meta), { xml: true });
    const entryElements = $('entry').toArray();
    expect(entryElements).toHaveLength(entries.length);
    const html = entryElements.map((element) => ({ file: fileOf.get(entries[entryElements.indexOf(element)]!.eventId)!, html: $(element).children('content').text() }));
    expect(leaks(html)).toEqual([]);
    const plain = entryElements.flatMap((element, index) => {
      const file = fileOf.get(entries[index]!.eventId)!;
      return [
        { file, text: $(element).children('title').text() },
        { file, text: $(element).children('summary').text() },
        ...$(element).find('author > name, category').toArray().map((node) => ({ file, text: $(node).text() + ($(node).attr('term') ?? '') })),
      ];
    });
    expect(markupIn(plain)).toEqual([]);
    // Attribute values feedfold writes (related links, enclosures) carry no script URL either.
    const links = $('link').toArray().map((link) => ({ file: 'atom <link>', html: `<a href="${($(link).attr('href') ?? '').replace(/"/g, '&quot;')}"></a>` }));
    expect(leaks(links)).toEqual([]);
  });

  it('RSS: content:encoded, description and title hold nothing executable; title and description are plain text', () => {
    const $ = load(renderRss(entries, meta), { xml: true });
    const items = $('item').toArray();
    expect(items).toHaveLength(entries.length);
    const html = items.map((element, index) => ({ file: fileOf.get(entries[index]!.eventId)!, html: $(element).children('content\\:encoded').text() }));
    expect(html.every((fragment) => fragment.html.length > 0)).toBe(true);
    expect(leaks(html)).toEqual([]);
    const plain = items.flatMap((element, index) => {
      const file = fileOf.get(entries[index]!.eventId)!;
      return [{ file, text: $(element).children('title').text() }, { file, text: $(element).children('description').text() }];
    });
    expect(markupIn(plain)).toEqual([]);
  });

  it('JSON Feed: content_html, titles, summaries, authors and tags hold nothing executable', () => {
    const feed = JSON.parse(renderJsonFeed(entries, meta)) as { items: { id: string; title: string; content_html: string; summary?: string; authors: { name: string }[]; tags?: string[] }[] };
    expect(feed.items).toHaveLength(entries.length);
    const files = entries.map((entry) => fileOf.get(entry.eventId)!);
    expect(leaks(feed.items.map((item, index) => ({ file: files[index]!, html: item.content_html })))).toEqual([]);
    // JSON Feed titles are plain text, so a feed that escaped twice may leave text such as "<b>" in one
    // legitimately; even a reader that wrongly renders it as HTML must find nothing executable there.
    const plain = feed.items.flatMap((item, index) => [item.title, item.summary ?? '', ...item.authors.map((author) => author.name), ...(item.tags ?? [])].map((html) => ({ file: files[index]!, html })));
    expect(leaks(plain)).toEqual([]);
  });

  it('server: the event pages and the JSON API hold nothing executable beyond feedfold\'s own page', async () => {
    const library = new FeedLibrary({ load: async () => ({ entries, itemCount: entries.length, eventCount: entries.length }), baseUrl: BASE_URL, title: 'feedfold', language: 'en' });
    await library.refresh();
    const app = createApp({ library });
    const pageLeaks: string[] = [];
    const apiFragments: { file: string; html: string }[] = [];
    const apiPlain: { file: string; html: string }[] = [];
    for (const entry of entries) {
      const file = fileOf.get(entry.eventId)!;
      const page = await app.request(`/events/${encodeURIComponent(entry.eventId)}`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
      const $ = load(await page.text());
      // The page's own <head> (meta charset, viewport, its style) is feedfold's; the article is the foreign part.
      const head = $('head > *').toArray().map((element) => element.tagName);
      expect(head, file).toEqual(['meta', 'meta', 'title', 'style']);
      pageLeaks.push(...executableConstructs($('body').html() ?? '').map((construct) => `${file}: ${construct}`));
      expect(executableConstructs($('title').text()), file).toEqual([]);
      expect($('h1').children().length, file).toBe(0);

      const api = (await (await app.request(`/api/events/${encodeURIComponent(entry.eventId)}`)).json()) as { title: string; summary: string; contentHtml: string };
      apiFragments.push({ file, html: api.contentHtml });
      apiPlain.push({ file, html: api.title }, { file, html: api.summary });
    }
    expect(pageLeaks).toEqual([]);
    expect(leaks(apiFragments)).toEqual([]);
    expect(leaks(apiPlain)).toEqual([]);
  });
});
