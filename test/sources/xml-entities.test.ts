import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { expandInternalEntities } from '../../src/sources/xml-entities.js';
import { parseFeedDocument } from '../../src/sources/feed-document.js';
import { SourceError } from '../../src/errors.js';

const feedparser = (path: string): Promise<string> => readFile(new URL(`../fixtures/feedparser/tests/${path}`, import.meta.url), 'utf8');

const rss = (doctype: string, guid: string) =>
  `<?xml version="1.0"?>\n<!DOCTYPE rss [\n${doctype}\n]>\n<rss version="2.0"><channel><title>T</title><item><title>x</title><guid isPermaLink="false">${guid}</guid></item></channel></rss>`;

describe('entities declared in the document DOCTYPE', () => {
  it('expands them in feedparser wellformed/rss/entity_in_doctype.xml', async () => {
    const [item] = await parseFeedDocument(await feedparser('wellformed/rss/entity_in_doctype.xml'), 'http://127.0.0.1/entity_in_doctype.xml');
    expect(item?.guid).toBe('tag:example.com,2006-05-04:/blog/');
  });

  it('expands nested entities and leaves CDATA, comments and the predefined ones alone', () => {
    const out = expandInternalEntities(rss('<!ENTITY a "A"><!ENTITY ab "&a;B &amp;">', '&ab;<![CDATA[&a;]]><!-- &a; -->&lt;'), 'x');
    expect(out).not.toContain('DOCTYPE');
    expect(out).toContain('AB &amp;<![CDATA[&a;]]><!-- &a; -->&lt;');
  });

  const laughs = (levels: number) => {
    const lol = ['<!ENTITY lol "lol">'];
    for (let i = 1; i <= levels; i++) lol.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
    return rss(lol.join('\n'), `&lol${levels};`);
  };

  it('refuses the classic billion-laughs document (lol9) with a clear parse error', async () => {
    expect(() => expandInternalEntities(laughs(9), 'bomb.xml')).toThrow(/DOCTYPE entities refused/);
    await expect(parseFeedDocument(laughs(9), 'bomb.xml')).rejects.toMatchObject({ kind: 'parse', source: 'bomb.xml' });
  });

  it('refuses a shallower bomb by the size it would expand to', () => {
    expect(() => expandInternalEntities(laughs(6), 'bomb.xml')).toThrow(/expands to more than 1000000 characters/);
    expect(expandInternalEntities(laughs(4), 'small.xml')).toContain('lol'.repeat(10_000));
  });

  it('refuses many small references that add up past the limit', () => {
    const document = rss(`<!ENTITY k "${'x'.repeat(1000)}">`, '&k;'.repeat(1001));
    expect(() => expandInternalEntities(document, 'wide.xml')).toThrow(SourceError);
  });

  it('refuses self-reference', () => {
    expect(() => expandInternalEntities(rss('<!ENTITY a "&b;"><!ENTITY b "&a;">', '&a;'), 'loop.xml')).toThrow(/refers to itself/);
  });

  it('never resolves external entities: the reference stays and the parser refuses it', async () => {
    const document = rss('<!ENTITY secret SYSTEM "file:///etc/passwd">', '&secret;');
    expect(expandInternalEntities(document, 'x')).toContain('&secret;');
    await expect(parseFeedDocument(document, 'xxe.xml')).rejects.toMatchObject({ kind: 'parse', message: expect.stringMatching(/Invalid character entity/) });
  });
});
