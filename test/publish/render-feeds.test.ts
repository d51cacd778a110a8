/**
 * The three renderers on the seed events (grouped by hand, see
 * test/fixtures/publish/README.md), checked by the validators and readers a
 * subscriber would use: jing with the RFC 4287 grammar, python3-feedparser,
 * the JSON Feed 1.1 schema, rss-parser.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import Parser from 'rss-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Event } from '../../src/event.js';
import type { Item } from '../../src/item.js';
import { buildFeedEntries, buildFeedEntry, type FeedEntry } from '../../src/publish/feed-entry.js';
import { feedMeta, type FeedMeta } from '../../src/publish/feed-meta.js';
import { renderFeeds } from '../../src/publish/feed-documents.js';
import { eventTagUri } from '../../src/publish/entry-id.js';
import { feedparser, requireTool, run } from './conformance-tools.js';
import { ROOT, eventOf, goldSeedEvents } from './seed-events.js';

const BASE = 'http://localhost:8080';
const RNC = join(ROOT, 'test/fixtures/conformance/atom-rfc4287.rnc');
const GENEVA = 'us-russia-geneva-talks-2022-01-10';

let events: Event[];
let items: Map<string, Item>;
let entries: FeedEntry[];
let meta: FeedMeta;
let docs: Record<'atom' | 'rss' | 'json', string>;
let dir: string;

beforeAll(async () => {
  ({ events, items } = await goldSeedEvents());
  entries = buildFeedEntries(events, items, { baseUrl: BASE });
  meta = feedMeta({ baseUrl: BASE, title: 'feedfold', language: 'zh-Hans' });
  docs = renderFeeds(entries, meta);
  dir = mkdtempSync(join(tmpdir(), 'feedfold-publish-'));
  writeFileSync(join(dir, 'atom.xml'), docs.atom);
  writeFileSync(join(dir, 'rss.xml'), docs.rss);
  writeFileSync(join(dir, 'feed.json'), docs.json);
});

describe('merged entries', () => {
  it('makes one entry per event, the Geneva one naming both outlets and their headlines', () => {
    expect(entries).toHaveLength(4);
    const geneva = entries.find((entry) => entry.eventId === GENEVA)!;
    expect(geneva.outlets).toEqual(['Al Jazeera (半岛网)', 'VOA (美国之音)']);
    expect(geneva.contentHtml).toContain('美俄会谈在日内瓦落幕与北约警告莫斯科不要入侵乌克兰');
    expect(geneva.contentHtml).toContain('俄罗斯和美国就乌克兰和安全问题再次争吵');
    expect(geneva.contentHtml).toContain('href="https://www.voachinese.com/a/us-Russia-talks-20220111/6393207.html"');
    // The longer Al Jazeera body is the one shown, its lead paragraph the summary (not a figure caption).
    expect(geneva.summary).toMatch(/^周一，美国与俄罗斯就乌克兰危机进行的会谈在日内瓦落下帷幕/);
    expect(geneva.published).toBe('2022-01-11T02:11:30.000Z');
    expect(geneva.updated).toBe('2022-01-12T01:43:14.000Z');
    expect(geneva.media.map((media) => [media.url, media.type])).toEqual([
      ['https://av.voanews.com/Videoroot/Pangeavideo/2022/01/3/3c/3c95d1e6-4614-423a-a287-3b2fb8dadcc8_240p.mp4', 'video/mp4'],
    ]);
    expect(geneva.id).toBe(`tag:feedfold,2022:event/${GENEVA}`);
    expect(geneva.link).toBe(`${BASE}/events/${GENEVA}`);
  });

  it('keeps the entry id and publication date when a source joins, and moves updated', () => {
    const [voa, aljazeera] = ['002_72ee53b23b60c233.txt', '003_0594c77cbcb85587.txt'].map((origin) => [...items.values()].find((item) => item.origin === origin)!);
    const before = buildFeedEntry(eventOf(GENEVA, [aljazeera!]), items, { baseUrl: BASE });
    const after = buildFeedEntry(eventOf(GENEVA, [aljazeera!, voa!]), items, { baseUrl: BASE });
    expect(after.id).toBe(before.id);
    expect(after.published).toBe(before.published);
    expect(after.updated > before.updated).toBe(true);
    expect(after.outlets).toHaveLength(2);
  });

  it('does not put a host in the id, so a new base URL keeps every id', () => {
    const moved = buildFeedEntries(events, items, { baseUrl: 'https://news.example.org' });
    expect(moved.map((entry) => entry.id)).toEqual(entries.map((entry) => entry.id));
    expect(eventTagUri("a b'c")).toBe('tag:feedfold,2022:event/a%20b%27c');
  });

  it('escapes what feedfold writes itself: headlines, outlet names', async () => {
    const item = [...items.values()][0]!;
    const hostile: Item = {
      ...item,
      id: 'x1',
      title: '<script>alert(1)</script> & "quotes" ]]>',
      outlet: 'Evil <b>Outlet</b> & Co',
      // Text that would end a CDATA section twice over: the XML writer under feed splits only the first.
      contentHtml: '<p>a ]]> b ]]> c</p><p><a href="https://example.org/?a=1&amp;b=]]>">x</a></p>',
    };
    const event: Event = { ...eventOf('evil', [hostile]), title: hostile.title };
    const entry = buildFeedEntry(event, new Map([[hostile.id, hostile]]), { baseUrl: BASE });
    expect(entry.contentHtml).not.toContain('<script>');
    expect(entry.contentHtml).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; ]]&gt;');
    expect(entry.contentHtml).toContain('Evil &lt;b&gt;Outlet&lt;/b&gt; &amp; Co');
    const hostileDocs = renderFeeds([entry], meta);
    for (const xml of [hostileDocs.atom, hostileDocs.rss]) {
      expect(xml).not.toContain('<script>');
      if (requireTool('xmllint')) expect((await run('xmllint', ['--noout', '-'], xml)).status).toBe(0);
    }
    expect(JSON.parse(hostileDocs.json).items[0].title).toBe(hostile.title);
    const parsed = await new Parser().parseString(hostileDocs.rss);
    expect(parsed.items[0]!['content:encoded']).toContain('<p>a ]]&gt; b ]]&gt; c</p>');
  });
});

describe('documents', () => {
  it('gives the same bytes for the same events (updated comes from the data, not the clock)', () => {
    expect(renderFeeds(buildFeedEntries(events, items, { baseUrl: BASE }), meta)).toEqual(docs);
    expect(docs.atom).toContain('<updated>2022-02-01T16:00:00.000Z</updated>');
  });

  it('Atom: valid against the RFC 4287 grammar (jing)', async () => {
    if (!requireTool('jing')) return;
    const result = await run('jing', ['-c', RNC, join(dir, 'atom.xml')]);
    expect(result.stdout + result.stderr.replace(/^\[warning\].*\n/gm, '')).toBe('');
    expect(result.status).toBe(0);
  });

  it('Atom: related links to every original, enclosures for the image and the VOA video', () => {
    const geneva = docs.atom.slice(docs.atom.indexOf(`event/${GENEVA}</id>`));
    const entry = geneva.slice(0, geneva.indexOf('</entry>'));
    expect(entry).toContain('<link rel="related" href="https://www.voachinese.com/a/us-Russia-talks-20220111/6393207.html"');
    expect(entry).toContain('rel="enclosure" href="https://av.voanews.com/Videoroot/Pangeavideo/2022/01/3/3c/3c95d1e6-4614-423a-a287-3b2fb8dadcc8_240p.mp4" type="video/mp4"');
    expect(entry.match(/<link href=/g)).toHaveLength(1);
  });

  it('RSS: what the W3C validator requires (no <author> names, one non-permalink guid, RFC 822 dates, self link)', () => {
    const itemsXml = docs.rss.split('<item>').slice(1);
    expect(itemsXml).toHaveLength(4);
    for (const item of itemsXml) {
      expect(item).not.toContain('<author>');
      expect(item.match(/<guid isPermaLink="false">tag:feedfold,2022:event\/[^<]+<\/guid>/g)).toHaveLength(1);
      expect(item).toMatch(/<pubDate>(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT<\/pubDate>/);
      expect(item.match(/<enclosure /g)?.length ?? 0).toBeLessThanOrEqual(1);
      expect(item).toMatch(/<dc:creator>[^<]+<\/dc:creator>/);
    }
    expect(docs.rss).toContain('xmlns:dc="http://purl.org/dc/elements/1.1/"');
    expect(docs.rss).toContain('<atom:link href="http://localhost:8080/feed.rss" rel="self" type="application/rss+xml"/>');
    expect(docs.rss).toContain('<dc:creator>Al Jazeera (半岛网), VOA (美国之音)</dc:creator>');
  });

  it.each(['atom', 'rss'] as const)('%s: python3-feedparser reads it cleanly, with the titles and links', async (format) => {
    if (!requireTool('feedparser')) return;
    const parsed = await feedparser(join(dir, format === 'atom' ? 'atom.xml' : 'rss.xml'));
    expect(parsed.bozo, parsed.bozoException).toBe(0);
    expect(parsed.version).toBe(format === 'atom' ? 'atom10' : 'rss20');
    expect(parsed.entries.map((entry) => [entry.id, entry.title, entry.link])).toEqual(entries.map((entry) => [entry.id, entry.title, entry.link]));
    const geneva = parsed.entries.find((entry) => entry.id === `tag:feedfold,2022:event/${GENEVA}`)!;
    if (format === 'atom') {
      expect(geneva.authors).toEqual(['Al Jazeera (半岛网)', 'VOA (美国之音)']);
      expect(geneva.links.filter((link) => link.rel === 'related').map((link) => link.href)).toEqual([
        'https://www.voachinese.com/a/us-Russia-talks-20220111/6393207.html',
      ]);
    }
  });

  it('JSON Feed: valid against the JSON Feed 1.1 schema, version 1.1 with authors arrays, language and the sources extension', async () => {
    const schema = JSON.parse(await readFile(join(ROOT, 'test/fixtures/conformance/jsonfeed-schema-v1.1.json'), 'utf8')) as object;
    const ajv = new Ajv.default({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    const feed = JSON.parse(docs.json);
    expect(validate(feed), JSON.stringify(validate.errors)).toBe(true);
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.language).toBe('zh-Hans');
    expect(feed.items).toHaveLength(4);
    for (const item of feed.items) {
      expect(item.author).toBeUndefined();
      expect(Array.isArray(item.authors)).toBe(true);
    }
    const geneva = feed.items.find((item: { id: string }) => item.id.endsWith(GENEVA));
    expect(geneva._feedfold.sources.map((source: { outlet: string; title: string }) => [source.outlet, source.title])).toEqual([
      ['Al Jazeera (半岛网)', '美俄会谈在日内瓦落幕与北约警告莫斯科不要入侵乌克兰'],
      ['VOA (美国之音)', '俄罗斯和美国就乌克兰和安全问题再次争吵'],
    ]);
    expect(Object.keys(geneva._feedfold.sources[0]).sort()).toEqual(['id', 'origin', 'outlet', 'published', 'title', 'url']);
    expect(geneva.attachments).toEqual([
      {
        url: 'https://av.voanews.com/Videoroot/Pangeavideo/2022/01/3/3c/3c95d1e6-4614-423a-a287-3b2fb8dadcc8_240p.mp4',
        mime_type: 'video/mp4',
        title: 'VOA连线(张蓉湘): 美呼吁俄走外交道路 从乌克兰边境撤军',
      },
    ]);
  });

  it.each(['atom', 'rss'] as const)('%s: round-trips through rss-parser', async (format) => {
    const feed = await new Parser().parseString(docs[format]);
    expect(feed.title).toBe('feedfold');
    expect(feed.items.map((item) => [item.title, item.link, item.guid ?? item.id])).toEqual(
      entries.map((entry) => [entry.title, entry.link, entry.id]),
    );
  });
});
