import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { SourceError } from '../../src/errors.js';
import { parseOpml, renderOpml, type OpmlDocument } from '../../src/sources/opml.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../fixtures/opml', name), 'utf8');
// Folders are written after the feeds beside them, so compare feeds regardless of order.
const withoutSkipped = ({ title, feeds }: OpmlDocument) => ({
  title,
  feeds: [...feeds].sort((a, b) => a.xmlUrl.localeCompare(b.xmlUrl)),
});

describe('parseOpml', () => {
  it('reads a Miniflux export: folders become categories, entities are decoded', () => {
    const document = parseOpml(fixture('miniflux-export.opml'), 'miniflux-export.opml');
    expect(document.title).toBe('Miniflux');
    expect(document.feeds).toHaveLength(4);
    expect(document.feeds[0]).toEqual({
      xmlUrl: 'https://hnrss.org/frontpage',
      htmlUrl: 'https://news.ycombinator.com/',
      title: 'Hacker News: Front Page',
      categories: ['All'],
    });
    const google = document.feeds[3]!;
    expect(google.title).toBe('Search "Hong Kong" & Taiwan');
    expect(google.xmlUrl).toBe('https://news.google.com/rss/search?q=%22Hong+Kong%22+Taiwan&hl=zh-CN&gl=CN&ceid=CN:zh-Hans');
    expect(google.categories).toEqual(['中文新闻']);
  });

  it('reads a FreshRSS export and sets its XPath scraper outline aside', () => {
    const document = parseOpml(fixture('freshrss-export.opml'), 'freshrss-export.opml');
    expect(document.feeds.map((f) => [f.title, f.categories])).toEqual([
      ['FreshRSS releases', ['Uncategorized']],
      ['自由亞洲電台', ['新聞 & 評論']],
      ['端傳媒 Initium Media', ['新聞 & 評論']],
    ]);
    expect(document.skipped).toEqual([
      { xmlUrl: 'https://www.example.net/page.html', title: 'Example scraped page', reason: 'outline type "HTML+XPath" is not a feed' },
    ]);
  });

  it('reads OPML 1.0 with nested folders, xmlURL in upper case and a category attribute', () => {
    const document = parseOpml(fixture('opml1-nested.opml'), 'opml1-nested.opml');
    expect(document.feeds.map((f) => [f.xmlUrl, f.categories])).toEqual([
      ['http://news.com.com/2547-1_3-0-5.xml', ['News', 'World']],
      ['http://www.washingtonpost.com/wp-srv/politics/rssheadlines.xml', ['News']],
      ['http://www.scripting.com/rss.xml', ['Blogs', 'Weblogs']],
    ]);
  });

  it('rejects a document that is not OPML with a parse error naming the file', () => {
    expect(() => parseOpml('<rss version="2.0"><channel/></rss>', 'feeds.opml')).toThrow(SourceError);
    try {
      parseOpml('<html><body>hello</body></html>', 'feeds.opml');
    } catch (error) {
      expect((error as SourceError).kind).toBe('parse');
      expect((error as SourceError).source).toBe('feeds.opml');
    }
  });
});

describe('renderOpml', () => {
  for (const name of ['miniflux-export.opml', 'freshrss-export.opml', 'opml1-nested.opml']) {
    it(`round-trips ${name}: parse, write, parse again gives the same feeds`, () => {
      const first = parseOpml(fixture(name), name);
      const written = renderOpml(first);
      expect(written.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">')).toBe(true);
      expect(withoutSkipped(parseOpml(written, 'written.opml'))).toEqual(withoutSkipped(first));
    });
  }

  it('escapes markup, quotes, ampersands and newlines and drops characters XML forbids', () => {
    const written = renderOpml({
      title: 'A & B <feeds>',
      feeds: [
        {
          xmlUrl: 'https://example.com/feed?a=1&b="2"',
          htmlUrl: null,
          title: 'Tom & "Jerry" <script>\nline\u0001',
          categories: ['x<y', 'a"b'],
        },
      ],
    });
    expect(written).not.toContain('<script>');
    expect(written).not.toContain('\u0001');
    // Every outline must be well-formed: a strict parse keeps the exact values.
    const $ = cheerio.load(written, { xml: true });
    const feed = $('outline[xmlUrl]');
    expect(feed.attr('xmlUrl')).toBe('https://example.com/feed?a=1&b="2"');
    expect(feed.attr('text')).toBe('Tom & "Jerry" <script>\nline');
    expect($('head > title').text()).toBe('A & B <feeds>');
    expect($('body > outline').attr('text')).toBe('x<y');
    expect($('body > outline > outline').attr('text')).toBe('a"b');
  });

  it('writes a dateCreated in RFC 822 form when given', () => {
    expect(renderOpml({ title: null, feeds: [] }, { dateCreated: new Date('2022-01-08T09:00:00Z') })).toContain(
      '<dateCreated>Sat, 08 Jan 2022 09:00:00 GMT</dateCreated>',
    );
  });
});
