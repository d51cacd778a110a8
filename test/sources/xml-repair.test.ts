/**
 * Feeds that are not quite XML still read once mended, on feedparser's own
 * documents: HTML entities, bare ampersands in URLs, a cut-off end tag.
 * Broken structure stays a clear parse error.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseFeedDocument } from '../../src/sources/feed-document.js';
import { repairXml } from '../../src/sources/xml-repair.js';

const document = (path: string): Promise<string> => readFile(new URL(`../fixtures/feedparser/tests/${path}`, import.meta.url), 'utf8');
const parse = async (path: string) => parseFeedDocument(await document(path), `http://127.0.0.1/tests/${path}`);

describe('feeds that are nearly XML', () => {
  it('a bare ampersand in a link (entities/query_variable_entry.xml)', async () => {
    const [item] = await parse('entities/query_variable_entry.xml');
    expect(item?.url).toBe('http://example/?a=1&b=2&c');
  });

  it('a document cut off in its last end tag (illformed/rss_item_link_corrupted_ampersands.xml)', async () => {
    const [item] = await parse('illformed/rss_item_link_corrupted_ampersands.xml');
    expect(item?.url).toBe('http://link/get?a=1&b=2');
  });

  it('a character reference in inline XML (entities/hex_entity_x_lowercase.xml)', async () => {
    const [item] = await parse('entities/hex_entity_x_lowercase.xml');
    expect(item?.title).toBe('A');
  });

  it('HTML named entities become their characters; unknown ones stay as written for the parser to refuse', () => {
    const repaired = repairXml('<rss><channel><title>a&nbsp;b &rsquo; &doesnotexist; &amp; x&y</title></channel></rss>');
    expect(repaired).toBe('<rss><channel><title>a&#160;b &#8217; &doesnotexist; &amp; x&amp;y</title></channel></rss>');
  });

  it('an entity no one declared is a clear parse error (entities/doesnotexist.xml)', async () => {
    await expect(parse('entities/doesnotexist.xml')).rejects.toMatchObject({ kind: 'parse', message: expect.stringMatching(/entity/i) });
  });

  it('leaves CDATA and comments alone', () => {
    expect(repairXml('<a><![CDATA[&nbsp; & x]]><!-- & --></a>')).toBe('<a><![CDATA[&nbsp; & x]]><!-- & --></a>');
  });

  it('an unfinished CDATA section is still a parse error (illformed/rss_incomplete_cdata.xml)', async () => {
    await expect(parse('illformed/rss_incomplete_cdata.xml')).rejects.toMatchObject({ kind: 'parse' });
  });
});
