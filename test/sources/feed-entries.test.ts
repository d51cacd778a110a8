/**
 * What rss-parser alone got wrong, shown on feedparser's own test documents
 * (test/fixtures/feedparser): titles by their Atom type, script text kept
 * out of titles, every date element, RSS guid permalinks, Base64, and
 * relative links resolved against xml:base / Content-Location / the URL.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseFeedDocument } from '../../src/sources/feed-document.js';

const document = (path: string): Promise<string> => readFile(new URL(`../fixtures/feedparser/tests/${path}`, import.meta.url), 'utf8');
const first = async (path: string, options?: { baseUrl?: string }) => {
  const [item] = await parseFeedDocument(await document(path), `http://127.0.0.1:8097/tests/${path}`, options);
  if (!item) throw new Error(`${path}: no item`);
  return item;
};

describe('entry titles are the plain text of their markup', () => {
  it.each([
    ['wellformed/atom10/entry_title_inline_markup.xml', 'Example Atom'],
    ['wellformed/atom10/entry_title_inline_markup_2.xml', 'History of the <blink> tag'],
    ['wellformed/atom/entry_title_inline_markup.xml', 'Example Atom'],
    ['wellformed/atom/entry_title_naked_markup.xml', 'Example Atom'],
    ['wellformed/atom10/entry_title_escaped_markup.xml', 'Example Atom'],
    ['wellformed/atom10/entry_title_text_plain_brackets.xml', 'History of the <blink> tag'],
    ['wellformed/amp/amp59.xml', '&'],
    ['wellformed/amp/attr04.xml', '&'],
  ])('%s → %s', async (path, title) => {
    expect((await first(path)).title).toBe(title);
  });

  it.each([
    'wellformed/sanitize/entry_title_script.xml',
    'wellformed/sanitize/entry_title_script_cdata.xml',
    'wellformed/sanitize/entry_title_script_inline.xml',
  ])('keeps script text out of the title: %s', async (path) => {
    expect((await first(path)).title).toBe('safe description');
  });

  it.each([
    ['wellformed/atom/entry_title_base64.xml', 'Example Atom'],
    ['wellformed/atom10/entry_title_base64.xml', 'Example Atom'],
    ['wellformed/atom10/entry_title_base64_2.xml', 'History of the <blink> tag'],
  ])('decodes a Base64 title: %s', async (path, title) => {
    expect((await first(path)).title).toBe(title);
  });

  it('falls back to media:title for an item without a title', async () => {
    expect((await first('wellformed/media-rss/item_media_title1.xml')).title).toBe('bar');
  });
});

describe('entry dates from every element feeds use', () => {
  it.each([
    ['wellformed/atom/entry_created_parsed.xml', '2003-12-31T10:14:55Z'],
    ['wellformed/atom/entry_issued_parsed.xml', '2003-12-31T10:14:55Z'],
    ['wellformed/atom/entry_modified_map_updated_parsed.xml', '2004-01-01T19:48:21Z'],
    ['wellformed/rss/item_dcterms_created_parsed.xml', '2003-12-31T10:14:55Z'],
    ['wellformed/rss/item_dcterms_issued_parsed.xml', '2003-12-31T10:14:55Z'],
    ['wellformed/rss/item_dcterms_modified_parsed.xml', '2003-12-31T10:14:55Z'],
    // Repeated elements: the last one written holds, as feedparser reads them.
    ['wellformed/atom/entry_updated_multiple_values.xml', '2003-12-31T10:14:55Z'],
    // "Sat, 01 Jan 2010" was a Friday: the date is kept despite the wrong weekday.
    ['wellformed/atom/entry_published_parsed_date_overwriting.xml', '2010-01-01T19:48:21Z'],
  ])('%s → %s', async (path, published) => {
    expect(Date.parse((await first(path)).published ?? '')).toBe(Date.parse(published));
  });
});

describe('entry links', () => {
  it.each(['wellformed/rss/item_guid_map_link.xml', 'wellformed/rss/item_guid_isPermaLink_map_link.xml'])(
    'an RSS guid that is a permalink is the link when there is no <link>: %s',
    async (path) => {
      expect((await first(path)).url).toBe('http://guid.example.com/');
    },
  );

  it('a guid with isPermaLink="false" is never the link', async () => {
    const [item] = await parseFeedDocument(
      '<rss version="2.0"><channel><title>T</title><item><title>x</title><guid isPermaLink="false">http://guid.example.com/</guid></item></channel></rss>',
      'local.xml',
    );
    expect(item?.url).toBeNull();
  });

  it('Atom 0.3 links written as element text, alternate first', async () => {
    const items = await parseFeedDocument(await document('wellformed/atom/entry_link_no_href_link_priority.xml'), 'x.xml');
    expect(items.map((item) => item.url)).toEqual(['http://www.example.com/alternate', 'http://www.example.com/alternate']);
  });

  it('a relative link resolves against the Content-Location given as baseUrl, not the request URL', async () => {
    const item = await first('wellformed/base/http_item_link_base_content_location.xml', { baseUrl: 'http://example.com/' });
    expect(item.url).toBe('http://example.com/relative/uri');
    const byUrl = await first('wellformed/base/http_item_link_base_docuri.xml');
    expect(byUrl.url).toBe('http://127.0.0.1:8097/relative/uri');
  });
});

describe('xml:base for links in content', () => {
  it.each([
    'wellformed/base/entry_content_xml_base.xml',
    'wellformed/base/entry_content_xml_base_inherit.xml',
    'wellformed/base/entry_content_xml_base_inherit_2.xml',
    'wellformed/base/entry_summary_xml_base.xml',
  ])('%s: the link in the body resolves against the declared base', async (path) => {
    const item = await first(path);
    expect(item.contentHtml).toContain('href="http://example.com/test/test.html"');
  });

  it('inline XHTML content keeps its words in order', async () => {
    const item = await first('wellformed/base/entry_content_xml_base.xml');
    expect(item.contentText).toBe('Example test');
  });

  it('a declared base holds only on its own element and below (entry_content_xml_base_inherit_3/_4)', async () => {
    expect((await first('wellformed/base/entry_content_xml_base_inherit_3.xml')).contentHtml).toContain('href="http://example.com/test/test.html"');
    expect((await first('wellformed/base/entry_content_xml_base_inherit_4.xml')).contentHtml).toContain('href="http://example.com/parent/test.html"');
  });

  it('without xml:base, content links resolve against the Content-Location', async () => {
    const item = await first('wellformed/base/http_entry_content_base_content_location.xml', { baseUrl: 'http://example.com/' });
    expect(item.contentHtml).toContain('href="http://example.com/relative/uri"');
  });
});

describe('JSON Feed titles are plain text (jsonfeed.org/version/1.1: "title … plain text")', () => {
  it('keeps angle brackets and still decodes entities some feeds put in', async () => {
    const feed = {
      version: 'https://jsonfeed.org/version/1.1',
      title: 'T',
      items: [
        { id: '1', title: 'Use <b> for bold', content_text: 'x' },
        { id: '2', title: 'It&#8217;s here', content_text: 'y' },
      ],
    };
    const items = await parseFeedDocument(JSON.stringify(feed), 'https://example.com/feed.json');
    expect(items.map((item) => item.title)).toEqual(['Use <b> for bold', 'It’s here']);
  });
});

describe('an unclosed <script> in a title does not swallow the rest of the headline', () => {
  it('only a closed <script> element is dropped from a title', async () => {
    const [item] = await parseFeedDocument(
      '<rss version="2.0"><channel><title>T</title><item><title>Q&amp;A: &lt;script&gt; tags explained</title><link>https://example.com/a</link></item></channel></rss>',
      'https://example.com/rss.xml',
    );
    expect(item?.title).toBe('Q&A: tags explained');
  });
});
