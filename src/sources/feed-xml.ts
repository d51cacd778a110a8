/**
 * RSS 0.9x, RSS 1.0 (RDF), RSS 2.0 and Atom documents read with rss-parser,
 * turned into raw items for cleaning. Kept from the feed: GUID / Atom id,
 * link, the date as written (so its offset survives), dc:creator / author,
 * categories (RSS `<category>`, Atom `term`), content:encoded over
 * description, enclosures and Media RSS content/thumbnails.
 *
 * It does not fetch or decode bytes (fetch-feed, decode-charset) and does not
 * clean; a document rss-parser cannot read is a SourceError('parse').
 */
import Parser from 'rss-parser';
import { SourceError } from '../errors.js';
import { formatIso, parseDate } from '../clean/dates.js';
import { outletForUrl } from '../clean/outlets.js';
import type { Media } from '../item.js';
import type { RawItem } from '../clean/clean-item.js';
import { normalizeTitle } from '../clean/normalize-text.js';
import { expandInternalEntities } from './xml-entities.js';
import { repairXml } from './xml-repair.js';
import { escapeHtml, readEntryDetails, type EntryDetails } from './feed-entries.js';

type XmlValue = string | { _?: string; $?: Record<string, string> } | undefined;

interface ExtraItemFields {
  'content:encoded'?: string;
  published?: string;
  updated?: string;
  date?: string;
  id?: string;
  author?: string;
  mediaContent?: Array<{ $?: Record<string, string>; 'media:title'?: XmlValue[]; 'media:thumbnail'?: Array<{ $?: Record<string, string> }> }>;
  mediaThumbnail?: Array<{ $?: Record<string, string> }>;
  mediaGroup?: Array<{ 'media:content'?: ExtraItemFields['mediaContent']; 'media:thumbnail'?: Array<{ $?: Record<string, string> }> }>;
  atomCategories?: Array<{ $?: Record<string, string> }>;
}

const parser = new Parser<Record<string, unknown>, ExtraItemFields>({
  // `<rss>` without a version attribute is common in the wild and reads as RSS 2.0.
  defaultRSS: 2,
  customFields: {
    item: [
      'published',
      'updated',
      ['media:content', 'mediaContent', { keepArray: true }],
      ['media:thumbnail', 'mediaThumbnail', { keepArray: true }],
      ['media:group', 'mediaGroup', { keepArray: true }],
      ['category', 'atomCategories', { keepArray: true }],
    ] as never,
  },
});

export type XmlFeedKind = 'rss' | 'atom';

/** Which family the document's root element belongs to, or null when it is neither. */
export function xmlFeedKind(text: string): XmlFeedKind | null {
  const root = /<(?!\?|!)([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/.exec(text.replace(/<!--[\s\S]*?-->/g, ''));
  const name = root?.[2]?.toLowerCase();
  if (name === 'feed') return 'atom';
  if (name === 'rss' || name === 'rdf') return 'rss';
  return null;
}

function textOf(value: XmlValue): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (value && typeof value === 'object') return (value._ ?? '').trim() || null;
  return null;
}

function categoriesOf(item: Parser.Item & ExtraItemFields): string[] {
  const names: string[] = [];
  for (const category of (item.categories ?? []) as XmlValue[]) {
    const name = textOf(category) ?? (typeof category === 'object' ? category.$?.['term'] ?? null : null);
    if (name) names.push(name);
  }
  for (const category of item.atomCategories ?? []) {
    const name = category.$?.['label'] ?? category.$?.['term'];
    if (name) names.push(name);
  }
  return names;
}

function mediaOf(item: Parser.Item & ExtraItemFields): { media: Media[]; image: string | null } {
  const media: Media[] = [];
  let image: string | null = null;
  const add = (url: string | undefined, type: string | null, title: string | null, length: number | null, poster: string | null): void => {
    if (!url) return;
    if ((type ?? '').startsWith('image/') || (type === null && /\.(jpe?g|png|gif|webp)(\?|$)/i.test(url))) {
      image ??= url;
      return;
    }
    media.push({ url, type, poster, title, length });
  };
  const enclosure = item.enclosure;
  if (enclosure?.url) {
    const length = Number(enclosure.length);
    add(enclosure.url, enclosure.type ?? null, null, Number.isFinite(length) && length > 0 ? length : null, null);
  }
  const contents = [...(item.mediaContent ?? []), ...(item.mediaGroup ?? []).flatMap((group) => group['media:content'] ?? [])];
  const thumbnails = [...(item.mediaThumbnail ?? []), ...(item.mediaGroup ?? []).flatMap((group) => group['media:thumbnail'] ?? [])];
  const thumbnail = thumbnails[0]?.$?.['url'] ?? null;
  for (const content of contents) {
    const attributes = content.$ ?? {};
    const medium = attributes['medium'];
    const type = attributes['type'] ?? (medium === 'image' ? 'image/*' : null);
    const length = Number(attributes['fileSize']);
    add(attributes['url'], type === 'image/*' ? 'image/jpeg' : type, textOf(content['media:title']?.[0]), Number.isFinite(length) && length > 0 ? length : null, content['media:thumbnail']?.[0]?.$?.['url'] ?? thumbnail);
  }
  image ??= thumbnail;
  return { media, image };
}

/**
 * What to call the publisher when the feed names none: the feed URL's host,
 * or the file name of a local document. Only used after the feed title and
 * known hosts; resolveOutlet still prefers the link's host over it.
 */
export function originName(origin: string): string | null {
  try {
    return new URL(origin).hostname.replace(/^www\./, '');
  } catch {
    const file = origin.split('/').pop() ?? '';
    return file.replace(/\.[^.]+$/, '') || null;
  }
}

/**
 * RSS allows items without a title (RSS 2.0: "all elements of an item are
 * optional"); like other readers we show the start of the text, else the link,
 * the enclosure's file name, or the feed's name and the item's position.
 */
function standInTitle(html: string, link: string | null, index: number, media: Media[], feedTitle: string | null): string {
  const snippet = normalizeTitle(html).slice(0, 80);
  if (snippet) return escapeHtml(snippet);
  if (link) return escapeHtml(link);
  const file = media[0]?.url.split('/').pop();
  if (file) return escapeHtml(safeDecode(file));
  return escapeHtml(`${feedTitle ?? 'Untitled feed'} #${index + 1}`);
}

function safeDecode(component: string): string {
  try {
    return decodeURIComponent(component);
  } catch {
    return component;
  }
}

const RSS_NAMESPACES = ['http://purl.org/rss/1.0/', 'http://backend.userland.com/rss2', 'http://blogs.law.harvard.edu/tech/rss', 'http://my.netscape.com/rdf/simple/0.9/'];

/**
 * rss-parser matches element names literally, so `<rss:channel>` (RSS bound
 * to a prefix instead of the default namespace) is invisible to it. Such
 * prefixes are dropped; the names then mean what they meant.
 */
function unprefixRssElements(text: string): string {
  let result = text;
  for (const match of text.matchAll(/xmlns:([\w.-]+)\s*=\s*["']([^"']+)["']/g)) {
    const [, prefix, uri] = match;
    if (!prefix || !uri || !RSS_NAMESPACES.includes(uri)) continue;
    result = result.replace(new RegExp(`<(/?)${prefix}:`, 'g'), '<$1');
  }
  return result;
}

export interface ReadFeedOptions {
  /**
   * Where the document came from, for relative links: the fetch's
   * Content-Location or final URL. Defaults to the origin when it is an
   * http(s) URL; the feed's own link stands in when neither is known.
   */
  baseUrl?: string;
}

export async function readXmlFeed(document: string, origin: string, options: ReadFeedOptions = {}): Promise<{ kind: XmlFeedKind; items: RawItem[] }> {
  let text = unprefixRssElements(expandInternalEntities(document, origin));
  const kind = xmlFeedKind(text);
  if (!kind) throw new SourceError(origin, 'unrecognised', 'XML document is not RSS, RDF or Atom (root element is not rss, rdf:RDF or feed)');
  // An RSS document without a channel is an empty feed, not a broken one (rss-parser trips over it).
  if (kind === 'rss' && !/<([\w-]+:)?channel[\s>/]/.test(text)) return { kind, items: [] };
  let feed;
  try {
    feed = await parser.parseString(text);
  } catch (cause) {
    // Feeds with `&nbsp;` or a bare `&` in a URL are everywhere; mended, they read (see xml-repair).
    const repaired = repairXml(text);
    feed = repaired === text ? null : await parser.parseString(repaired).catch(() => null);
    if (!feed) throw new SourceError(origin, 'parse', `cannot read ${kind === 'atom' ? 'Atom' : 'RSS'} document: ${(cause as Error).message}`, { cause });
    text = repaired;
  }
  const feedLink = typeof feed.link === 'string' ? feed.link : null;
  const originUrl = /^https?:\/\//.test(origin) ? origin : null;
  const documentBase = options.baseUrl ?? originUrl;
  const feedTitle = typeof feed.title === 'string' ? normalizeTitle(feed.title) || null : null;
  // A feed outside our known outlets has no reason to be read in Beijing time; UTC is the neutral reading.
  const zone = outletForUrl(feedLink ?? documentBase)?.zone ?? 'UTC';
  // Paired with rss-parser's items by position; when the counts disagree the tree is not trusted.
  const allDetails = readEntryDetails(text, documentBase ?? feedLink);
  const details = allDetails?.length === feed.items.length ? allDetails : null;
  const items = feed.items.map((item, index): RawItem => {
    const extra: EntryDetails | undefined = details?.[index];
    const guid = textOf(item.guid as XmlValue) ?? textOf(item.id as XmlValue);
    const link = extra ? extra.link : textOf(item.link as XmlValue);
    const written = extra
      ? (extra.published ?? extra.updated)
      : (item.published ?? item.pubDate ?? item.date ?? item.updated ?? null);
    const date = (written ? parseDate(written, zone) : null) ?? (!extra && item.isoDate ? parseDate(item.isoDate, zone) : null);
    const { media, image } = mediaOf(item);
    const html = extra?.contentHtml ?? item['content:encoded'] ?? item.content ?? item.summary ?? '';
    // A title may be nothing but markup (`<img onerror=…>`); what is left after cleaning decides.
    const title = extra?.titleHtml != null ? normalizeTitle(extra.titleHtml) : normalizeTitle(textOf(item.title as XmlValue) ?? '');
    const standIn = extra?.mediaTitle ? normalizeTitle(extra.mediaTitle) : '';
    return {
      origin,
      format: kind,
      guid,
      url: link,
      title: title ? escapeHtml(title) : standIn ? escapeHtml(standIn) : standInTitle(html, link, index, media, feedTitle),
      published: date ? formatIso(date) : null,
      dateFromText: false,
      author: textOf(item.creator as XmlValue) ?? textOf(item.author as XmlValue),
      outletNames: [feedTitle, outletForUrl(link)?.name, originName(origin)].filter((name): name is string => !!name),
      categories: categoriesOf(item),
      image,
      media,
      related: [],
      html,
      baseUrl: documentBase ?? feedLink,
      contentBase: extra?.contentBase ?? null,
      fetchedAt: null,
      localKey: `feed:${origin}#${link ?? ''}|${title}|${written ?? ''}`,
    };
  });
  return { kind, items };
}
