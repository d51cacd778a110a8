import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { SourceError } from '../../src/errors.js';
import { charsetFromContentType, decodeDocument, detectCharset } from '../../src/sources/decode-charset.js';

const http = join(import.meta.dirname, '../fixtures/http');
const feedparser = join(import.meta.dirname, '../fixtures/feedparser/tests');
const expected = JSON.parse(readFileSync(join(http, 'charset-feeds.expected.json'), 'utf8')) as Record<
  'gbk' | 'big5',
  { title: string; paragraph: string }[]
>;
const bytes = (name: string) => new Uint8Array(readFileSync(join(http, name)));

describe('decodeDocument on corpus feeds in legacy Chinese encodings', () => {
  for (const [file, key, contentType, evidence] of [
    ['gbk-feed.xml', 'gbk', 'application/rss+xml', 'xml-declaration'],
    ['gbk-feed.xml', 'gbk', 'text/xml; charset=GB2312', 'http'],
    ['gbk-undeclared-feed.xml', 'gbk', 'text/xml', 'sniffed'],
    ['big5-feed.xml', 'big5', null, 'xml-declaration'],
    ['big5-feed.xml', 'big5', 'application/xml; charset="big5"', 'http'],
    ['big5-undeclared-feed.xml', 'big5', null, 'sniffed'],
  ] as const) {
    it(`${file} with ${contentType ?? 'no Content-Type'} decodes to the corpus text (charset from ${evidence})`, () => {
      const decoded = decodeDocument(bytes(file), contentType, file);
      expect(decoded.evidence).toBe(evidence);
      for (const item of expected[key]) {
        expect(decoded.text).toContain(item.title);
        expect(decoded.text).toContain(item.paragraph);
      }
      expect(decoded.text).not.toContain('\ufffd');
    });
  }

  it('a GBK document mislabelled as UTF-8 by the server is still read as GBK', () => {
    const decoded = decodeDocument(bytes('gbk-undeclared-feed.xml'), 'text/xml; charset=utf-8', 'x');
    expect(decoded.charset).toBe('gb18030');
    expect(decoded.text).toContain(expected.gbk[0]!.title);
  });
});

describe('decodeDocument on other encodings', () => {
  it('reads Shift_JIS and windows-1251 from the XML declaration', () => {
    const ja = '<?xml version="1.0" encoding="Shift_JIS"?><rss><channel><title>日本語のニュース</title></channel></rss>';
    expect(decodeDocument(iconv.encode(ja, 'shift_jis'), null, 'ja').text).toBe(ja);
    const ru = '<?xml version="1.0" encoding="windows-1251"?><rss><channel><title>Новости дня</title></channel></rss>';
    expect(decodeDocument(iconv.encode(ru, 'windows-1251'), null, 'ru').text).toBe(ru);
  });

  for (const file of ['utf-16le-bom.xml', 'utf-16be-bom.xml', 'utf-32le-bom.xml', 'utf-32be-bom.xml', 'utf-8-bom.xml']) {
    it(`feedparser encoding/${file}: the byte order mark decides and is removed`, () => {
      const decoded = decodeDocument(new Uint8Array(readFileSync(join(feedparser, 'encoding', file))), null, file);
      expect(decoded.evidence).toBe('bom');
      expect(decoded.text).toMatch(/^<\?xml version="1.0"/);
    });
  }

  for (const file of ['utf-16le-autodetect.xml', 'utf-16be-autodetect.xml', 'utf-32le-autodetect.xml', 'utf-32be-autodetect.xml']) {
    it(`feedparser encoding/${file}: BOM-less UTF-16/32 is recognised by its zero bytes`, () => {
      const decoded = decodeDocument(new Uint8Array(readFileSync(join(feedparser, 'encoding', file))), null, file);
      expect(decoded.evidence).toBe('byte-pattern');
      expect(decoded.text).toMatch(/^<\?xml version="1.0"/);
    });
  }

  it('feedparser encoding/big5.xml: the declared Big5 decodes the title', () => {
    const decoded = decodeDocument(new Uint8Array(readFileSync(join(feedparser, 'encoding', 'big5.xml'))), null, 'big5.xml');
    expect(decoded.charset).toBe('big5hkscs');
    expect(decoded.text).not.toContain('\ufffd');
  });

  it('reads the charset of an HTML page from its meta element', () => {
    const html = '<!doctype html><html><head><meta charset="gbk"><title>新闻</title></head></html>';
    expect(detectCharset(iconv.encode(html, 'gbk'), 'text/html')).toEqual({ charset: 'gb18030', evidence: 'meta' });
  });

  it('ignores a charset label it does not know and falls back to the next evidence', () => {
    expect(detectCharset(Buffer.from('<?xml version="1.0" encoding="utf-8"?><a/>'), 'text/xml; charset=klingon')).toEqual({
      charset: 'utf-8',
      evidence: 'xml-declaration',
    });
  });

  it('parses quoted and spaced charset parameters', () => {
    expect(charsetFromContentType("application/atom+xml; charset='gb2312'")).toBe('gb2312');
    expect(charsetFromContentType('text/xml;charset = us-ascii')).toBe('us-ascii');
    expect(charsetFromContentType('text/xml; qs=0.9')).toBeNull();
  });

  it('throws an encoding SourceError when a UTF-8 byte order mark sits on GBK bytes', () => {
    const gbk = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes('gbk-undeclared-feed.xml')]);
    let thrown: unknown;
    try {
      decodeDocument(gbk, null, 'http://example.test/feed');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SourceError);
    expect((thrown as SourceError).kind).toBe('encoding');
    expect((thrown as SourceError).source).toBe('http://example.test/feed');
  });
});
