/**
 * Reads and writes OPML subscription lists, the format every feed reader
 * imports and exports. Reading accepts OPML 1.0 and 2.0 as Miniflux,
 * FreshRSS and others write them: feeds in nested folder outlines, the title
 * in `title` or `text`, attribute names in any case. A feed's categories are
 * the path of folder titles above it (plus an OPML 2.0 `category` attribute).
 * Writing produces OPML 2.0 with one nested outline per folder.
 *
 * It does not touch the store or fetch anything; opml-import/export commands
 * turn these records into sources and back.
 */
import * as cheerio from 'cheerio';
import { SourceError } from '../errors.js';

export interface OpmlFeed {
  xmlUrl: string;
  htmlUrl: string | null;
  title: string | null;
  /** Folder path from the outermost folder inwards, e.g. `['新闻', '香港']`. */
  categories: string[];
}

export interface OpmlDocument {
  title: string | null;
  feeds: OpmlFeed[];
  /** Outlines with a URL that are not feeds (FreshRSS `HTML+XPath` scrapers, `link`, `include`), with why. */
  skipped?: { xmlUrl: string; title: string | null; reason: string }[];
}

/** `type` values readers write on feed outlines; absent is a feed too. */
const FEED_TYPES = new Set(['rss', 'atom', 'feed', 'json', 'jsonfeed']);

/** Throws a `parse` SourceError when the text is not an OPML document. */
export function parseOpml(text: string, origin: string): OpmlDocument {
  const $ = cheerio.load(text.replace(/^\uFEFF/, ''), { xml: true });
  const root = $.root().children('opml').first();
  if (root.length === 0) {
    throw new SourceError(origin, 'parse', 'not an OPML document: no <opml> root element');
  }
  const body = root.children('body').first();
  if (body.length === 0) throw new SourceError(origin, 'parse', 'OPML document has no <body>');

  const feeds: OpmlFeed[] = [];
  const skipped: NonNullable<OpmlDocument['skipped']> = [];
  const seen = new Set<string>();
  const walk = (outlines: ReturnType<typeof body.children>, path: string[]) => {
    for (const outline of outlines.toArray()) {
      const attrs = lowerCaseKeys(outline.attribs);
      const label = clean(attrs['title']) ?? clean(attrs['text']);
      const children = $(outline).children('outline');
      const xmlUrl = clean(attrs['xmlurl']);
      const type = clean(attrs['type'])?.toLowerCase();
      if (xmlUrl && type && !FEED_TYPES.has(type)) {
        skipped.push({ xmlUrl, title: label, reason: `outline type "${attrs['type']}" is not a feed` });
      } else if (xmlUrl) {
        const categories = [...path, ...categoryAttribute(attrs['category'])].filter(
          (c, i, all) => all.indexOf(c) === i,
        );
        if (!seen.has(xmlUrl)) {
          seen.add(xmlUrl);
          feeds.push({ xmlUrl, htmlUrl: clean(attrs['htmlurl']), title: label, categories });
        }
        // Some exporters nest feeds under a feed; they belong to the same folder.
        walk(children, path);
      } else {
        walk(children, label ? [...path, label] : path);
      }
    }
  };
  walk(body.children('outline'), []);
  return { title: clean(root.children('head').children('title').first().text()), feeds, skipped };
}

/** OPML 2.0 `category`: comma-separated slash paths (`/News/Asia,tech`); each path's last segment is the category. */
function categoryAttribute(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(',')
    .map((path) => path.split('/').filter((segment) => segment.trim() !== '').at(-1)?.trim() ?? '')
    .filter((category) => category !== '');
}

function lowerCaseKeys(attribs: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(attribs)) out[key.toLowerCase()] ??= value;
  return out;
}

function clean(value: string | undefined): string | null {
  const trimmed = value?.replace(/\s+/g, ' ').trim();
  return trimmed ? trimmed : null;
}

interface Folder {
  feeds: OpmlFeed[];
  folders: Map<string, Folder>;
}

/** OPML 2.0 text: feeds grouped into nested folders by their category path, folders and feeds in the order given. */
export function renderOpml(document: OpmlDocument, options: { dateCreated?: Date } = {}): string {
  const top: Folder = { feeds: [], folders: new Map() };
  for (const feed of document.feeds) {
    let folder = top;
    for (const category of feed.categories) {
      let next = folder.folders.get(category);
      if (!next) {
        next = { feeds: [], folders: new Map() };
        folder.folders.set(category, next);
      }
      folder = next;
    }
    folder.feeds.push(feed);
  }

  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<opml version="2.0">', '  <head>'];
  if (document.title) lines.push(`    <title>${escapeText(document.title)}</title>`);
  if (options.dateCreated) lines.push(`    <dateCreated>${options.dateCreated.toUTCString()}</dateCreated>`);
  lines.push('  </head>', '  <body>');
  const write = (folder: Folder, depth: number) => {
    const indent = '  '.repeat(depth);
    for (const feed of folder.feeds) {
      const title = feed.title ?? feed.xmlUrl;
      const attributes: [string, string][] = [
        ['type', 'rss'],
        ['text', title],
        ['title', title],
        ['xmlUrl', feed.xmlUrl],
      ];
      if (feed.htmlUrl) attributes.push(['htmlUrl', feed.htmlUrl]);
      lines.push(`${indent}<outline ${attributes.map(([k, v]) => `${k}="${escapeAttribute(v)}"`).join(' ')}/>`);
    }
    for (const [name, child] of folder.folders) {
      const label = escapeAttribute(name);
      lines.push(`${indent}<outline text="${label}" title="${label}">`);
      write(child, depth + 1);
      lines.push(`${indent}</outline>`);
    }
  };
  write(top, 2);
  lines.push('  </body>', '</opml>', '');
  return lines.join('\n');
}

/** Characters XML 1.0 forbids anywhere; a feed title copied from a broken page can carry them. */
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function escapeText(value: string): string {
  return value.replace(INVALID_XML_CHARS, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Tabs and newlines are written as references because attribute-value normalisation would turn them into spaces. */
function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}
