import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseFeedDocument } from '../../src/sources/feed-document.js';
import { SourceError } from '../../src/errors.js';

const fixture = (name: string): Promise<string> => readFile(new URL(`../fixtures/feeds/${name}`, import.meta.url), 'utf8');

describe('parseFeedDocument', () => {
  it('reads the RSS 2.0 spec sample: GUIDs, dates with Z, outlet from the channel title', async () => {
    const items = await parseFeedDocument(await fixture('rss2-spec-sample.xml'), 'https://www.scripting.com/rss.xml');
    expect(items.length).toBe(9);
    const [first] = items;
    expect(first?.format).toBe('rss');
    expect(first?.guid).toBe('http://scriptingnews.userland.com/backissues/2002/09/29#When:6:56:02PM');
    expect(first?.published).toBe('2002-09-30T01:56:02Z');
    expect(first?.outlet).toBe('Scripting News');
    expect(first?.origin).toBe('https://www.scripting.com/rss.xml');
    expect(first?.contentHtml).toContain('<a href="http://www.digitalidworld.com/conference/2002/index.php" rel="noopener noreferrer">Digital ID World</a>');
    expect(new Set(items.map((item) => item.id)).size).toBe(9);
  });

  it('reads RSS 1.0 (RDF) with dc:creator and a date-only dc:date', async () => {
    const [item] = await parseFeedDocument(await fixture('rss1-rdf-dc-all.xml'), 'feeds/dc.rdf');
    expect(item?.title).toBe('Bar');
    expect(item?.url).toBe('http://example.org/1');
    expect(item?.author).toBe('Bob Jones');
    expect(item?.published).toBe('2005-07-04T00:00:00Z');
  });

  it('reads a real Atom feed: ids, categories, authors, and sanitises its markup', async () => {
    const items = await parseFeedDocument(await fixture('atom-large-needs-sanitising.xml'), 'touchnokia.xml');
    expect(items.length).toBeGreaterThan(10);
    const first = items[0];
    expect(first?.format).toBe('atom');
    expect(first?.guid).toBe('tag:touchnokia.ru,2009://1.666');
    expect(first?.published).toBe('2009-09-09T14:19:45Z');
    expect(first?.categories).toContain('Nokia');
    expect(first?.lang).toBe('ru');
    for (const item of items) {
      expect(item.contentHtml).not.toMatch(/<script|<style|style=|on\w+=/i);
    }
  });

  it('drops event handlers from content:encoded', async () => {
    const [item] = await parseFeedDocument(await fixture('rss2-content-encoded-onmouseover.xml'), 'x.xml');
    expect(item?.contentHtml).toBe('<p><img src="http://www.ragingplatypus.com/i/cam-full.jpg"></p>');
  });

  it('reads JSON Feed 1.1 with attachments and 1.0', async () => {
    const [podcast] = await parseFeedDocument(await fixture('jsonfeed-1.1-podcast.json'), 'podcast.json');
    expect(podcast?.format).toBe('json-feed');
    expect(podcast?.published).toBe('2014-05-09T14:04:00-07:00');
    expect(podcast?.outlet).toBe('The Record');
    expect(podcast?.media).toEqual([
      { url: 'http://therecord.co/downloads/The-Record-sp1e1-ChrisParrish.m4a', type: 'audio/x-m4a', poster: null, title: null, length: 89970236 },
    ]);
    expect(podcast?.contentText).toContain('Chris has worked at Adobe');
    const simple = await parseFeedDocument(await fixture('jsonfeed-1.0-simple.json'), 'simple.json');
    expect(simple.map((item) => item.guid)).toEqual(['2', '1']);
  });

  it('gives a JSON Feed item without a title one from its text', async () => {
    const [post] = await parseFeedDocument(await fixture('jsonfeed-1.1-microblog.json'), 'micro.json');
    expect(post?.title).toMatch(/^Cats are neat/);
  });

  it('keeps ids stable across reads for items without GUID or link', async () => {
    const text = '<rss version="2.0"><channel><title>T</title><item><title>One</title><description>a</description></item><item><title>Two</title><description>b</description></item></channel></rss>';
    const first = await parseFeedDocument(text, 'local.xml');
    const second = await parseFeedDocument(text, 'local.xml');
    expect(first.map((item) => item.id)).toEqual(second.map((item) => item.id));
    expect(first[0]?.id).not.toBe(first[1]?.id);
  });

  it('refuses bad input with a SourceError that says what is wrong', async () => {
    await expect(parseFeedDocument('{"version": "https://jsonfeed.org/version/1.1", "items": {}}', 'bad.json')).rejects.toThrow(/items must be an array/);
    await expect(parseFeedDocument('{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "1", "title": 3, "content_text": "x"}]}', 'bad.json')).rejects.toThrow(/items\[0\]\.title must be a string/);
    await expect(parseFeedDocument('{"version": "2"}', 'bad.json')).rejects.toMatchObject({ kind: 'unrecognised', source: 'bad.json' });
    await expect(parseFeedDocument('{not json', 'bad.json')).rejects.toBeInstanceOf(SourceError);
    await expect(parseFeedDocument('<html><body>hi</body></html>', 'page.xml')).rejects.toMatchObject({ kind: 'unrecognised' });
    await expect(parseFeedDocument('<rss version="2.0"><channel><item><title>x</item></channel></rss>', 'broken.xml')).rejects.toMatchObject({ kind: 'parse' });
  });
});
