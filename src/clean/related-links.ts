/**
 * Takes "related reading" out of the body and keeps it as data: GNews'
 * `延展阅读` bullets, `相关新闻` / `延伸阅读` / `推荐阅读` headings with the
 * link lists under them. The reader shows them apart from the article, and
 * dedup must not compare their titles as if they were article text.
 *
 * It keeps only links with an http(s) URL after resolving against the
 * article URL; the rest of the block is dropped with it.
 */
import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import type { RelatedLink } from '../item.js';
import { normalizeInline } from './normalize-text.js';

const MARKER = /延展阅读|延伸阅读|延伸閱讀|相关阅读|相關閱讀|相关新闻|相關新聞|推荐阅读|推薦閱讀|相关文章|相關文章|Related (reading|articles|stories)/i;
const HEADING_ONLY = new RegExp(`^[\\s*_【\\[]*(${MARKER.source})[\\s*_】\\]:：]*$`, 'i');
/** The marker opens the block; a paragraph that merely mentions "相关新闻" is article text. */
const LEADING = new RegExp(`^[\\s*_【\\[]*(${MARKER.source})`, 'i');

function resolve(href: string | undefined, base: string | null): string | null {
  if (!href) return null;
  try {
    const url = base ? new URL(href, base) : new URL(href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

export function takeRelatedLinks($: CheerioAPI, base: string | null): RelatedLink[] {
  const related: RelatedLink[] = [];
  const collect = (element: Element): void => {
    $(element)
      .find('a')
      .each((_, link) => {
        const url = resolve($(link).attr('href'), base);
        const title = normalizeInline($(link).text()).trim();
        if (url && title && !related.some((known) => known.url === url)) related.push({ url, title });
      });
  };

  // A heading line ("**相关新闻**") owns the link-only blocks that follow it.
  $('p, h2, h3, h4, h5, h6, li').each((_, element) => {
    if (!element.parent) return;
    if (!HEADING_ONLY.test($(element).text().trim())) return;
    let next = $(element).next();
    while (next.length > 0 && next.find('a').length > 0 && isLinkOnly($, next[0] as Element)) {
      const following = next.next();
      collect(next[0] as Element);
      next.remove();
      next = following;
    }
    $(element).remove();
  });

  // An inline marker ("- ***延展阅读：***[title](url)") makes its smallest block related reading.
  $('li, p, blockquote').each((_, element) => {
    if (!element.parent) return;
    const block = $(element);
    if (block.children('li, p, blockquote').length > 0) return;
    if (!LEADING.test(block.text())) return;
    collect(element);
    const list = block.parent('ul, ol');
    block.remove();
    if (list.length > 0 && list.children().length === 0) list.remove();
  });
  return related;
}

function isLinkOnly($: CheerioAPI, element: Element): boolean {
  const clone = $(element).clone();
  clone.find('a').remove();
  return clone.text().replace(/[\s>*_•·\-|｜、，,;；]/g, '') === '';
}
