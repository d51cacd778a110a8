/**
 * Fallback reader for any other markdown or HTML article: a whole HTML page
 * (`<title>`, `og:` and `article:` meta, `<article>`/`<main>`/`<body>`), or
 * markdown with optional YAML front matter (title, link/url, date, author,
 * source, categories/tags) and a first heading as the title.
 *
 * It refuses, with the reason, a document in which it finds no title or no
 * body text; it never returns an empty item.
 */
import { load } from 'cheerio';
import { SourceError } from '../../errors.js';
import { formatIso, parseDate } from '../../clean/dates.js';
import { outletForUrl, resolveOutlet } from '../../clean/outlets.js';
import { listField, splitFrontMatter, stringField } from '../front-matter.js';
import { renderMarkdown } from '../markdown.js';
import type { ArticleFormat, RawArticle } from './article-format.js';

function looksLikeHtmlPage(text: string): boolean {
  return /^\s*(<!doctype html|<html[\s>]|<head[\s>])/i.test(text);
}

function requireBody(origin: string, html: string): void {
  if (load(html, null, false).text().trim() === '' && !/<(img|video)\b/i.test(html)) {
    throw new SourceError(origin, 'parse', 'article has a title but no body text');
  }
}

function parseHtmlPage(text: string, origin: string): RawArticle {
  const $ = load(text);
  const meta = (selector: string): string | null => $(selector).attr('content')?.trim() || null;
  const title = meta('meta[property="og:title"]') ?? ($('title').first().text().trim() || $('h1').first().text().trim());
  if (!title) throw new SourceError(origin, 'unrecognised', 'HTML page without <title>, og:title or <h1>');
  const url = $('link[rel="canonical"]').attr('href') ?? meta('meta[property="og:url"]');
  const absoluteUrl = url && /^https?:\/\//.test(url) ? url : null;
  const outletHint = outletForUrl(absoluteUrl);
  const dateValue = meta('meta[property="article:published_time"]') ?? meta('meta[name="date"]') ?? meta('meta[name="pubdate"]') ?? $('time[datetime]').first().attr('datetime') ?? null;
  const date = dateValue ? parseDate(dateValue, outletHint?.zone) : null;
  const author = meta('meta[name="author"]') ?? meta('meta[property="article:author"]');
  const container = ['article', '[itemprop="articleBody"]', 'main', 'body'].map((selector) => $(selector).first()).find((found) => found.length > 0);
  const body = container ?? $.root();
  body.find('h1').first().remove();
  const html = body.html() ?? '';
  requireBody(origin, html);
  return {
    url: absoluteUrl,
    title,
    published: date ? formatIso(date) : null,
    dateFromText: date === null,
    author,
    outletNames: [meta('meta[property="og:site_name"]'), meta('meta[name="application-name"]')].filter((name): name is string => name !== null),
    categories: $('meta[property="article:tag"]').toArray().map((tag) => $(tag).attr('content') ?? '').filter((tag) => tag !== ''),
    image: meta('meta[property="og:image"]'),
    media: [],
    related: [],
    html,
    baseUrl: absoluteUrl,
    fetchedAt: null,
  };
}

function parseMarkdown(text: string, origin: string): RawArticle {
  const front = splitFrontMatter(text, origin);
  const data = front?.data ?? {};
  let body = front?.body ?? text;
  let title = stringField(data, 'title');
  if (!title) {
    const heading = /^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$/m.exec(body) ?? /^(.+)\r?\n[=-]{3,}\s*$/m.exec(body);
    if (heading?.[1]) {
      title = heading[1];
      body = body.replace(heading[0], '');
    } else {
      const htmlTitle = /<(?:title|h1)[^>]*>([\s\S]*?)<\/(?:title|h1)>/i.exec(body);
      if (htmlTitle?.[1]) {
        title = htmlTitle[1];
        body = body.replace(htmlTitle[0], '');
      }
    }
  }
  if (!title || title.trim() === '') throw new SourceError(origin, 'unrecognised', 'no title: no front-matter title, heading or <title>');
  const urlValue = stringField(data, 'link') ?? stringField(data, 'url') ?? stringField(data, 'source_url') ?? stringField(data, 'canonical');
  const url = urlValue && /^https?:\/\//.test(urlValue) ? urlValue : null;
  const author = stringField(data, 'author');
  const outletNames = [stringField(data, 'source'), stringField(data, 'outlet'), stringField(data, 'site'), stringField(data, 'publisher')].filter((name): name is string => name !== null);
  const outlet = resolveOutlet([...outletNames, author], url);
  const dateValue = stringField(data, 'date') ?? stringField(data, 'published') ?? stringField(data, 'pubDate');
  const date = dateValue ? parseDate(dateValue, outlet?.zone) : null;
  const html = renderMarkdown(body);
  requireBody(origin, html);
  return {
    url,
    title,
    published: date ? formatIso(date) : null,
    dateFromText: date === null,
    author,
    outletNames,
    categories: [...listField(data, 'categories'), ...listField(data, 'tags')],
    image: stringField(data, 'image') ?? stringField(data, 'cover') ?? stringField(data, 'headimg') ?? stringField(data, 'thumbnail'),
    media: [],
    related: [],
    html,
    baseUrl: url,
    fetchedAt: null,
  };
}

export const generic: ArticleFormat = {
  name: 'generic',

  detect(text) {
    return text.trim() !== '';
  },

  parse(text, origin) {
    return looksLikeHtmlPage(text) ? parseHtmlPage(text, origin) : parseMarkdown(text, origin);
  },
};
