/**
 * Feed items saved by feedx.net-based archivers (duty-machine/news; seed 002):
 * `<!--epoch ms-->` (when the archiver fetched the item — not the publication
 * date), `[title](url)` underlined with `------`, `<div><i>RFC 822 date</i></div>`
 * (the publication date), then the item's one-line HTML body, optionally
 * ending in feedx's "获取更多RSS" footer (removed by cleaning).
 *
 * A leading `<video poster src>` becomes a Media entry with the caption of the
 * `<small>` after it; a leading `<img>` becomes the lead image. The outlet is
 * the article URL's host.
 */
import { DateTime } from 'luxon';
import { SourceError } from '../../errors.js';
import { formatIso, parseDate } from '../../clean/dates.js';
import { outletForUrl } from '../../clean/outlets.js';
import type { Media } from '../../item.js';
import type { ArticleFormat, RawArticle } from './article-format.js';

const HEAD = /^\s*<!--\s*(\d{10,13})\s*-->\s*\r?\n\s*\[([^\]\n]+)\]\((\S+?)\)\s*\r?\n-{3,}\s*\r?\n/;
const DATE = /^\s*<div>\s*<i>([^<]+)<\/i>\s*<\/div>/;

function attribute(tag: string, name: string): string | null {
  return new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1] ?? null;
}

export const feedxMarkdown: ArticleFormat = {
  name: 'feedx-markdown',

  detect(text) {
    return HEAD.test(text);
  },

  parse(text, origin): RawArticle {
    const head = HEAD.exec(text);
    if (!head) throw new SourceError(origin, 'parse', 'feedx item without the `<!--ms-->`, `[title](url)`, `------` header');
    const [, stamp = '', title = '', url = ''] = head;
    const millis = stamp.length === 10 ? Number(stamp) * 1000 : Number(stamp);
    const fetched = DateTime.fromMillis(millis, { zone: 'utc' });
    let body = text.slice(head[0].length);

    const dateMatch = DATE.exec(body);
    const outlet = outletForUrl(url);
    const date = dateMatch?.[1] ? parseDate(dateMatch[1], outlet?.zone) : null;
    if (dateMatch) body = body.slice(dateMatch[0].length);

    const media: Media[] = [];
    let image: string | null = null;
    const video = /^\s*<video\b[^>]*>/.exec(body);
    if (video) {
      const src = attribute(video[0], 'src');
      const caption = /^\s*<video\b[^>]*>[\s\S]*?<\/video>\s*<div>\s*<small[^>]*>([^<]*)<\/small>/.exec(body)?.[1]?.trim();
      if (src) {
        media.push({ url: src, type: /\.mp4(\?|$)/i.test(src) ? 'video/mp4' : null, poster: attribute(video[0], 'poster'), title: caption || null, length: null });
      }
    }
    const lead = /^\s*<img\b[^>]*>/.exec(body);
    if (lead) image = attribute(lead[0], 'src');
    if (!image && media[0]?.poster) image = media[0].poster;

    return {
      url,
      title,
      published: date ? formatIso(date) : null,
      dateFromText: !dateMatch,
      author: null,
      outletNames: outlet ? [outlet.name] : [],
      categories: [],
      image,
      media,
      related: [],
      html: body,
      baseUrl: url,
      fetchedAt: fetched.isValid ? formatIso(fetched) : null,
    };
  },
};
