/**
 * Epoch Times articles mirrored by the gfw-breaker family of repositories
 * (easy2view/epoch-news; seed 000): `### title`, `---`, a line of relative nav
 * links, a prettified HTML body with `<ok href>` pseudo-links and the dateline
 * `【大纪元2022年02月02日讯】`, and the footer `原文链接（需翻墙）：URL`, which
 * is the article's URL.
 *
 * The date is the dateline's day (Beijing time, like the dateline itself),
 * else the day in the URL path (`/gb/22/2/1/`). Chrome (nav line, ad block,
 * footer, credit line) is left to cleaning.
 */
import { SourceError } from '../../errors.js';
import { DEFAULT_ZONE, datelineDate, formatIso, urlPathDate } from '../../clean/dates.js';
import { renderMarkdown } from '../markdown.js';
import type { ArticleFormat, RawArticle } from './article-format.js';

const FOOTER = /原文链接（需翻墙）[：:]\s*(\S+)\s*$/;
const TITLE = /^###\s+(.+?)\s*$/m;

export const epochTimesMirror: ArticleFormat = {
  name: 'epoch-times-mirror',

  detect(text) {
    return /^###\s/.test(text) && FOOTER.test(text) && /epochtimes\.com/.test(text);
  },

  parse(text, origin): RawArticle {
    const title = TITLE.exec(text)?.[1];
    if (!title) throw new SourceError(origin, 'parse', 'Epoch Times mirror file without a `### title` line');
    const url = FOOTER.exec(text)?.[1] ?? null;
    const body = text
      .replace(TITLE, '')
      .replace(FOOTER, '')
      .replace(/^\s*---\s*$/gm, '');
    const dated = datelineDate(body, DEFAULT_ZONE) ?? (url ? urlPathDate(url, DEFAULT_ZONE) : null);
    const image = /<img[^>]*\bsrc="([^"]+)"[^>]*class="[^"]*wp-post-image|<img[^>]*class="[^"]*wp-post-image[^"]*"[^>]*\bsrc="([^"]+)"/.exec(body);
    return {
      url,
      title,
      published: dated ? formatIso(dated) : null,
      dateFromText: true,
      author: /（大纪元记者([^）]{1,20}?)(?:综合)?报导）/.exec(body)?.[1] ?? null,
      outletNames: ['大纪元 (Epoch Times)'],
      categories: [],
      image: image?.[1] ?? image?.[2] ?? null,
      media: [],
      related: [],
      html: renderMarkdown(body),
      baseUrl: url,
      fetchedAt: null,
    };
  },
};
