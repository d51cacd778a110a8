/**
 * JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1), read by hand:
 * the document is small and its shape is simple, and a hand check gives a
 * precise message ("items[3].title must be a string") where a schema
 * validator gives a path list. 1.0's `author` and 1.1's `authors` are both
 * read; `content_html` is preferred over `content_text`.
 *
 * It does not clean; unknown fields and extensions (`_name`) are ignored.
 */
import { SourceError } from '../errors.js';
import { formatIso, parseDate } from '../clean/dates.js';
import { outletForUrl } from '../clean/outlets.js';
import { normalizeTitle } from '../clean/normalize-text.js';
import { originName } from './feed-xml.js';
import type { Media } from '../item.js';
import type { RawItem } from '../clean/clean-item.js';

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

class Shape {
  constructor(
    private readonly origin: string,
    private readonly item?: string,
  ) {}

  fail(path: string, expected: string): never {
    throw new SourceError(this.origin, 'parse', `JSON Feed: ${path} must be ${expected}`, this.item ? { item: this.item } : undefined);
  }

  optionalString(object: JsonObject, key: string, path: string): string | null {
    const value = object[key];
    if (value === undefined || value === null) return null;
    if (typeof value !== 'string') this.fail(`${path}.${key}`, 'a string');
    return value;
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[char] ?? char);
}

/** content_text as paragraphs: blank lines split paragraphs, single newlines become `<br>`. */
function textToHtml(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => `<p>${escapeHtml(paragraph.trim()).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

function authorName(object: JsonObject): string | null {
  const authors = Array.isArray(object['authors']) ? object['authors'] : isObject(object['author']) ? [object['author']] : [];
  const names = authors.filter(isObject).map((author) => author['name']).filter((name): name is string => typeof name === 'string' && name.trim() !== '');
  return names.length > 0 ? names.join(', ') : null;
}

export function isJsonFeedText(text: string): boolean {
  return /^\s*\{/.test(text);
}

export function readJsonFeed(text: string, origin: string): RawItem[] {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (cause) {
    throw new SourceError(origin, 'parse', `not valid JSON: ${(cause as Error).message}`, { cause });
  }
  const shape = new Shape(origin);
  if (!isObject(document)) return shape.fail('the document', 'an object');
  const version = document['version'];
  if (typeof version !== 'string' || !/^https?:\/\/jsonfeed\.org\/version\/1(\.1)?\/?$/.test(version)) {
    throw new SourceError(origin, 'unrecognised', `not a JSON Feed: version is ${JSON.stringify(version)}, expected https://jsonfeed.org/version/1 or /1.1`);
  }
  const feedTitle = shape.optionalString(document, 'title', 'feed');
  const homePage = shape.optionalString(document, 'home_page_url', 'feed');
  const originUrl = /^https?:\/\//.test(origin) ? origin : null;
  const feedAuthor = authorName(document);
  const entries = document['items'];
  if (!Array.isArray(entries)) return shape.fail('feed.items', 'an array');
  const zone = outletForUrl(homePage ?? originUrl)?.zone ?? 'UTC';

  return (entries as unknown[]).map((entry, index): RawItem => {
    const path = `items[${index}]`;
    if (!isObject(entry)) return shape.fail(path, 'an object');
    const rawId = entry['id'];
    if (rawId !== undefined && rawId !== null && typeof rawId !== 'string' && typeof rawId !== 'number') shape.fail(`${path}.id`, 'a string');
    const id = rawId === undefined || rawId === null || String(rawId).trim() === '' ? null : String(rawId);
    const itemShape = new Shape(origin, id ?? path);
    const url = itemShape.optionalString(entry, 'url', path);
    const title = itemShape.optionalString(entry, 'title', path);
    const html = itemShape.optionalString(entry, 'content_html', path);
    const plain = itemShape.optionalString(entry, 'content_text', path);
    const summary = itemShape.optionalString(entry, 'summary', path);
    if (html === null && plain === null) itemShape.fail(path, 'have content_html or content_text');
    const written = itemShape.optionalString(entry, 'date_published', path) ?? itemShape.optionalString(entry, 'date_modified', path);
    const date = written ? parseDate(written, zone) : null;
    if (written && !date) itemShape.fail(`${path}.date_published`, `an RFC 3339 date (got ${JSON.stringify(written)})`);
    const tags = entry['tags'];
    if (tags !== undefined && !(Array.isArray(tags) && tags.every((tag) => typeof tag === 'string'))) itemShape.fail(`${path}.tags`, 'an array of strings');
    const attachments = entry['attachments'];
    if (attachments !== undefined && !Array.isArray(attachments)) itemShape.fail(`${path}.attachments`, 'an array');
    const media: Media[] = [];
    for (const [position, attachment] of ((attachments as unknown[] | undefined) ?? []).entries()) {
      if (!isObject(attachment) || typeof attachment['url'] !== 'string' || typeof attachment['mime_type'] !== 'string') {
        return itemShape.fail(`${path}.attachments[${position}]`, 'an object with string url and mime_type');
      }
      const size = attachment['size_in_bytes'];
      media.push({
        url: attachment['url'] as string,
        type: attachment['mime_type'] as string,
        poster: null,
        title: typeof attachment['title'] === 'string' ? attachment['title'] : null,
        length: typeof size === 'number' && size > 0 ? size : null,
      });
    }
    const body = html ?? textToHtml(plain ?? '');
    const fallbackTitle = (summary ?? plain ?? normalizeTitle(body)).replace(/\s+/g, ' ').trim().slice(0, 80);
    return {
      origin,
      format: 'json-feed',
      guid: id,
      url: url ?? itemShape.optionalString(entry, 'external_url', path),
      // JSON Feed items may omit the title (microblogs); the start of the text stands in.
      // The title is plain text by the spec: escaped, so cleaning shows `<b>` instead of reading it as a tag.
      title: escapeHtml(title ?? fallbackTitle),
      published: date ? formatIso(date) : null,
      dateFromText: false,
      author: authorName(entry) ?? feedAuthor,
      outletNames: [feedTitle, outletForUrl(url ?? homePage ?? originUrl)?.name, originName(origin)].filter((name): name is string => !!name),
      categories: (tags as string[] | undefined) ?? [],
      image: itemShape.optionalString(entry, 'image', path) ?? itemShape.optionalString(entry, 'banner_image', path),
      media,
      related: [],
      html: body,
      baseUrl: url ?? homePage ?? originUrl,
      fetchedAt: null,
      localKey: `feed:${origin}#${title ?? fallbackTitle}|${written ?? ''}`,
    };
  });
}
