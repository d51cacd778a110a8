/**
 * Bad values over the item → feed path, as properties (fast-check): whatever
 * a feed puts in an item (any Unicode including control characters, lone
 * surrogates and U+FFFE, absurd dates, 100k-character titles, junk URLs,
 * empty bodies, GUIDs shared between feeds), cleaning either refuses it with
 * a SourceError or gives an item whose Atom output is well-formed (xmllint)
 * and valid RFC 4287 (jing), and whose JSON Feed is valid against the 1.1
 * schema (ajv). The Atom documents of a run are checked in one batch, one
 * jing and one xmllint call, to keep the run short.
 *
 * jing and xmllint are Debian packages; under CI=true a missing one fails the
 * test (conformance-tools.ts).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Event } from '../../src/event.js';
import type { Item } from '../../src/item.js';
import { cleanItem, type RawItem } from '../../src/clean/clean-item.js';
import { SourceError } from '../../src/errors.js';
import { buildFeedEntries } from '../../src/publish/feed-entry.js';
import { feedMeta } from '../../src/publish/feed-meta.js';
import { renderAtom } from '../../src/publish/render-atom.js';
import { renderJsonFeed } from '../../src/publish/render-json-feed.js';
import { requireTool, run } from '../publish/conformance-tools.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const RNC = join(ROOT, 'test/fixtures/conformance/atom-rfc4287.rnc');
const SCHEMA = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/conformance/jsonfeed-schema-v1.1.json'), 'utf8')) as object;
const ajv = new Ajv.default({ strict: false, allErrors: true });
addFormats.default(ajv);
const validateJsonFeed = ajv.compile(SCHEMA);

const RUNS = 80;
const SEED = 20220110;

/** The nastiest characters for XML and JSON writers, mixed into ordinary text. */
const hostileChar = fc.constantFrom('\u0000', '\u0001', '\u0008', '\u000b', '\u000c', '\u001b', '\u007f', '\u0085', '\ud800', '\udfff', '\ufffe', '\uffff', '\u2028', '\u202e', '\ufeff', ']]>', '<', '&', '&#0;', '&#xD800;', '"', '\r\n');
const text = fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), hostileChar, fc.constantFrom('新闻', 'News', ' ')), { maxLength: 12 }).map((parts) => parts.join(''));
const longTitle = fc.integer({ min: 20_000, max: 100_000 }).map((length) => '长'.repeat(length));
const date = fc.oneof(
  fc.constant(null),
  fc.constantFrom('0000-01-01T00:00:00Z', '9999-12-31T23:59:59+14:00', 'yesterday', '2022-02-30T10:00:00+08:00', '2022-01-10T10:00:00+25:00', '2022-01-10T10:00:00 CEST', '', '-000001-01-01T00:00:00Z'),
  fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true }).map((value) => value.toISOString()),
);
const url = fc.oneof(fc.constant(null), fc.webUrl(), text, fc.constantFrom('javascript:alert(1)', 'http://', 'https://exa mple.org/', 'http://[::1', '//evil.example/', 'data:text/html,x'));
const html = fc.oneof(text, fc.constantFrom('', '<p></p>', '<script>alert(1)</script>', '<p>body\u0000with nul</p>', '<![CDATA[x]]>', '<img src=x onerror=alert(1)>'), text.map((body) => `<p>${body}</p>`));

const rawItem: fc.Arbitrary<RawItem> = fc.record({
  origin: fc.constant('https://hostile.example.org/feed.xml'),
  format: fc.constant('rss'),
  guid: fc.oneof(fc.constant(null), fc.constantFrom('shared-guid', 'https://hostile.example.org/1'), text),
  url,
  title: fc.oneof(text, longTitle, fc.constant('')),
  published: date,
  dateFromText: fc.boolean(),
  author: fc.oneof(fc.constant(null), text),
  outletNames: fc.array(text, { maxLength: 2 }),
  categories: fc.array(text, { maxLength: 3 }),
  image: url,
  media: fc.array(fc.record({ url: fc.oneof(fc.webUrl(), text), type: fc.oneof(fc.constant(null), text), poster: url, title: fc.oneof(fc.constant(null), text), length: fc.oneof(fc.constant(null), fc.integer()) }), { maxLength: 2 }),
  related: fc.constant([]),
  html,
  baseUrl: fc.constantFrom(null, 'https://hostile.example.org/'),
  fetchedAt: fc.oneof(fc.constant(null), date),
});

const dir = mkdtempSync(join(tmpdir(), 'feedfold-property-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const meta = feedMeta({ baseUrl: 'http://localhost:8080', title: 'feedfold', language: 'zh-Hans' });

function eventOf(index: number, items: readonly Item[]): Event {
  return {
    id: `p${index}`,
    aliases: [],
    title: items[0]!.title,
    published: items[0]!.published,
    updated: items.at(-1)!.published,
    items: items.map((item) => ({ id: item.id, origin: item.origin, url: item.url, outlet: item.outlet, title: item.title, published: item.published })),
  };
}

describe('item → feed properties', () => {
  it(`${RUNS} runs of hostile items: refused with a SourceError, or published as valid Atom and JSON Feed`, async () => {
    const atomFiles: string[] = [];
    let refused = 0;
    let published = 0;
    fc.assert(
      fc.property(fc.array(rawItem, { minLength: 1, maxLength: 4 }), (raws) => {
        const items: Item[] = [];
        for (const raw of raws) {
          try {
            items.push(cleanItem(raw));
          } catch (error) {
            // Rejected with a reason is an allowed outcome; anything else (a TypeError, a RangeError) is a crash.
            if (!(error instanceof SourceError)) throw error;
            expect(error.message).toMatch(/\w/);
            refused++;
          }
        }
        if (items.length === 0) return;
        published += items.length;
        for (const item of items) {
          expect(item.title.length).toBeLessThanOrEqual(1000);
          if (item.published !== null) expect(Number.isNaN(Date.parse(item.published)), item.published).toBe(false);
        }
        // Shared GUIDs give shared ids: one event per distinct item, like the store would keep them.
        const unique = [...new Map(items.map((item) => [item.id, item])).values()];
        const events = unique.map((item, index) => eventOf(index, [item]));
        const entries = buildFeedEntries(events, new Map(unique.map((item) => [item.id, item])), { baseUrl: 'http://localhost:8080' });
        const json = JSON.parse(renderJsonFeed(entries, meta)) as unknown;
        expect(validateJsonFeed(json), JSON.stringify(validateJsonFeed.errors)).toBe(true);
        const file = join(dir, `atom-${atomFiles.length}.xml`);
        writeFileSync(file, renderAtom(entries, meta));
        atomFiles.push(file);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    expect(published).toBeGreaterThan(RUNS);
    expect(refused).toBeGreaterThan(0);

    if (requireTool('jing')) {
      const jing = await run('jing', ['-c', RNC, ...atomFiles]);
      // Debian's jing wrapper warns about optional jars on stderr; errors come as file:line:col: error.
      expect((jing.stdout + jing.stderr).replaceAll(dir, '').split('\n').filter((line) => / error: /.test(line)).slice(0, 20)).toEqual([]);
      expect(jing.status).toBe(0);
    }
    if (requireTool('xmllint')) {
      const xmllint = await run('xmllint', ['--noout', ...atomFiles]);
      expect(xmllint.stderr).toBe('');
      expect(xmllint.status).toBe(0);
    }
  }, 120_000);
});
