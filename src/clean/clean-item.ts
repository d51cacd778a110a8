/**
 * One raw item in, one clean Item out. Every source (article files of every
 * format, feed documents) ends here, so every item gets the same treatment:
 * related reading taken out, site chrome removed, pseudo-links and captions
 * repaired, URLs made absolute, markup sanitised, white space collapsed the
 * CJK way, plain text, language, a checked date, a stable id and a content
 * hash.
 *
 * It reads no files and fetches nothing. It does not invent a title or an
 * outlet: a raw item without them is refused with a SourceError.
 */
import { load } from 'cheerio';
import { DateTime } from 'luxon';
import type { Item, Media, RelatedLink } from '../item.js';
import { SourceError } from '../errors.js';
import { contentHashOf, itemIdFor, itemKeyFor } from '../sources/item-id.js';
import { absolutizeLinks, absoluteUrl } from './absolutize-links.js';
import { collapseWhitespace } from './collapse-whitespace.js';
import { announcesLaterDay, fromIso, findDatesInText, plausibleIso } from './dates.js';
import { extractText } from './extract-text.js';
import { keepFigures } from './figures.js';
import { flattenLayout } from './flatten-layout.js';
import { detectLanguage } from './language.js';
import { normalizeInline, normalizeTitle } from './normalize-text.js';
import { resolveOutlet } from './outlets.js';
import { rewritePseudoLinks } from './pseudo-links.js';
import { takeRelatedLinks } from './related-links.js';
import { plainText, sanitizeBody, strictUri, truncateWithMark, xmlSafeText } from './sanitize.js';
import { stripSiteChrome } from './strip-site-chrome.js';

/** What a format reader or feed parser hands to cleaning. */
export interface RawItem {
  origin: string;
  format: string;
  guid: string | null;
  url: string | null;
  title: string;
  /** ISO 8601 with offset when the reader found the publication date, else null. */
  published: string | null;
  /**
   * When `published` is null: may cleaning take the latest full date written
   * in the text? Readers say no when the document has a date field that was
   * simply empty or broken, yes when the format puts dates in running text.
   */
  dateFromText: boolean;
  author: string | null;
  /** Names that may identify the outlet, best first (author, category, feed title). */
  outletNames: string[];
  categories: string[];
  image: string | null;
  media: Media[];
  related: RelatedLink[];
  /** Body HTML as the document has it (markdown already rendered). */
  html: string;
  /** Base for relative links when there is no article URL (a feed's link). */
  baseUrl: string | null;
  /**
   * Base the document itself declares for the body (a feed's `xml:base`):
   * it wins over the article URL for links in the body. Readers without one leave it out.
   */
  contentBase?: string | null;
  fetchedAt: string | null;
  /**
   * Identity when the item has neither GUID nor URL. Article files leave it
   * out (`file:` + origin is used); feed items give one built from their
   * title and date, since one feed document holds many items.
   */
  localKey?: string;
}

/** The cleaned body: sanitised HTML, its text, and the related links taken out of it. */
export interface CleanBody {
  html: string;
  text: string;
  related: RelatedLink[];
}

export function cleanBody(html: string, base: string | null): CleanBody {
  const $ = load(html, null, false);
  rewritePseudoLinks($);
  const related = takeRelatedLinks($, base);
  stripSiteChrome($);
  keepFigures($);
  absolutizeLinks($, base);
  flattenLayout($);
  collapseWhitespace($);
  const sanitized = sanitizeBody($.html());
  const tidy = removeEmptyBlocks(sanitized);
  return { html: tidy, text: extractText(tidy), related };
}

function removeEmptyBlocks(html: string): string {
  const $ = load(html, null, false);
  let removed = true;
  while (removed) {
    removed = false;
    $('p, li, ul, ol, blockquote, figure, figcaption, h2, h3, h4, h5, h6, em, strong, b, i, small, a').each((_, element) => {
      const block = $(element);
      if (block.text().trim() === '' && block.find('img, video, audio, br').length === 0 && !block.is('a:has(img)')) {
        block.remove();
        removed = true;
      }
    });
    // A trailing rule or line break separated the article from chrome that is gone now.
    const last = $.root().children().last();
    if (last.is('hr, br')) {
      last.remove();
      removed = true;
    }
  }
  $('p').each((_, element) => {
    const paragraph = $(element);
    while (paragraph.contents().last().is('br')) paragraph.contents().last().remove();
    while (paragraph.contents().first().is('br')) paragraph.contents().first().remove();
  });
  return $.html().trim();
}

function cleanMedia(media: readonly Media[], base: string | null): Media[] {
  const kept: Media[] = [];
  for (const entry of media) {
    const found = absoluteUrl(entry.url, base, new Set(['http:', 'https:']));
    const url = found ? strictUri(found) : null;
    if (!url || kept.some((known) => known.url === url)) continue;
    const poster = absoluteUrl(entry.poster ?? undefined, base, new Set(['http:', 'https:']));
    // Feeds write anything in `type`; only a real MIME type is worth passing on (Atom and JSON Feed require one).
    const type = entry.type && /^[a-z0-9][\w.+-]*\/[a-z0-9][\w.+-]*$/i.test(entry.type.trim()) ? entry.type.trim().toLowerCase() : null;
    kept.push({
      ...entry,
      url,
      type,
      poster: poster ? strictUri(poster) : null,
      title: entry.title === null ? null : plainText(entry.title) || null,
    });
  }
  return kept;
}

/** A headline longer than this is not a headline; it is cut with a mark rather than refused. */
export const MAX_TITLE_CHARS = 1000;

/** Every string of the raw item without the characters no XML feed can carry. */
function xmlSafeRaw(raw: RawItem): RawItem {
  const text = (value: string | null): string | null => (value === null ? null : xmlSafeText(value));
  return {
    ...raw,
    guid: text(raw.guid),
    url: text(raw.url),
    title: xmlSafeText(raw.title),
    published: text(raw.published),
    author: text(raw.author),
    outletNames: raw.outletNames.map(xmlSafeText),
    categories: raw.categories.map(xmlSafeText),
    image: text(raw.image),
    media: raw.media.map((entry) => ({ ...entry, url: xmlSafeText(entry.url), type: text(entry.type), poster: text(entry.poster), title: text(entry.title) })),
    related: raw.related.map((link) => ({ url: xmlSafeText(link.url), title: xmlSafeText(link.title) })),
    html: xmlSafeText(raw.html),
    baseUrl: text(raw.baseUrl),
    fetchedAt: text(raw.fetchedAt),
  };
}

export function cleanItem(input: RawItem): Item {
  const raw = xmlSafeRaw(input);
  const title = truncateWithMark(normalizeTitle(raw.title), MAX_TITLE_CHARS);
  if (title === '') throw new SourceError(raw.origin, 'parse', 'document has no title', { item: raw.guid ?? raw.url ?? undefined });
  const found = absoluteUrl(raw.url ?? undefined, raw.baseUrl, new Set(['http:', 'https:']));
  const url = found ? strictUri(found) : null;
  const base = url ?? raw.baseUrl;
  const body = cleanBody(raw.html, raw.contentBase ?? base);
  const outlet = resolveOutlet([...raw.outletNames, raw.author].map((name) => (name ? plainText(name) : name)), url ?? raw.baseUrl);
  if (!outlet) throw new SourceError(raw.origin, 'parse', 'cannot tell which outlet published this document', { item: raw.guid ?? url ?? undefined });

  // A fetch time is ours or the scraper's; one that is not a real recent instant (year 0, 9999) is dropped, not published.
  const fetchedAt = plausibleIso(raw.fetchedAt ? fromIso(raw.fetchedAt) : null, DateTime.now());
  const reference = (fetchedAt ? fromIso(fetchedAt) : null) ?? DateTime.now();
  let published = plausibleIso(raw.published ? fromIso(raw.published) : null, reference);
  if (published === null && raw.dateFromText) published = latestTextDate(`${title}\n${body.text}`, outlet.zone, reference);

  const image = absoluteUrl(raw.image ?? undefined, base, new Set(['http:', 'https:']));
  const related = [...raw.related, ...body.related].filter((link, index, all) => all.findIndex((other) => other.url === link.url) === index);
  return {
    id: itemIdFor(itemKeyFor(raw.guid, url, raw.localKey ?? `file:${raw.origin}`, raw.origin)),
    origin: raw.origin,
    format: raw.format,
    guid: raw.guid,
    url,
    title,
    published,
    author: raw.author ? plainText(raw.author) || null : null,
    outlet: outlet.name,
    categories: [...new Set(raw.categories.map((category) => plainText(category)).filter((category) => category !== ''))],
    image: image ? strictUri(image) : null,
    media: cleanMedia(raw.media, base),
    related,
    contentHtml: body.html,
    contentText: body.text,
    lang: detectLanguage(title, body.text),
    contentHash: contentHashOf(title, body.text),
    fetchedAt,
  };
}

/**
 * Last resort for documents that carry their date only in running text: the
 * latest full date written there. An article mentions the days before it was
 * written, rarely the days after, so the latest plausible one is the closest.
 */
function latestTextDate(text: string, zone: string, reference: DateTime): string | null {
  let latest: DateTime | null = null;
  for (const { date, index } of findDatesInText(text, zone)) {
    if (plausibleIso(date, reference) === null) continue;
    if (announcesLaterDay(text, index)) continue;
    if (!latest || date > latest) latest = date;
  }
  return latest ? plausibleIso(latest, reference) : null;
}
