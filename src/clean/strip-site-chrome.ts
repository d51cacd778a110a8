/**
 * Removes what the site and the scraper wrapped around the article: nav link
 * lines, "返回首頁" and "翻墙" links, ad containers (`below_article_ad`), the
 * feedx "获取更多RSS" footer, QR-code images, "免责声明" disclaimers, footer
 * link lists (ROL Foundation / Terms of use / Privacy Policy), "责任编辑" and
 * other credit lines, "原文链接" footers.
 *
 * It works on the smallest block that carries the marker, so a paragraph of
 * article text is never removed because a later sibling is chrome. It does not
 * handle "related reading" (related-links keeps those as data).
 */
import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';

const BLOCKS = 'p, li, h1, h2, h3, h4, h5, h6, blockquote, div, section, small, figcaption, td';

/** Text that marks a whole block as chrome wherever it appears in it. */
const CHROME_TEXT = [/返回首[頁页]/, /获取更多RSS/i, /免责声明|免責聲明/, /原文链接|原文鏈接/, /需翻墙|翻墙软件/];

/** Short credit lines: editor, proof-reader, publisher. */
const CREDIT_LINE = /^[*_\s]*(责任编辑|責任編輯|校对|校對|发布|發佈|编辑|編輯|审核|審核|审阅|撰稿|上传|素材采编|发稿|编辑发布|编辑&发布|翻译|翻譯)\s*[：:]/;
const CREDIT_MAX_CHARS = 80;

const AD_CONTAINER = /(^|[\s_-])(ad|ads|advert|advertisement|adsbygoogle|sponsor)([\s_-]|$)|below_article_ad|google_ad/i;

const QR_IMAGE = /二维码|二維碼|qr-?code|%E4%BA%8C%E7%BB%B4%E7%A0%81/i;

const FOOTER_LINK = /rolfoundation\.org|rolsociety\.org|terms-of-use|privacy-policy|\/privacy\b|\/terms\b/i;
const FOOTER_TEXT = /^(ROL Foundation|ROL Society|Terms of use|Privacy Policy|Terms of Service|About us|Contact us)$/i;

const NAV_SEPARATOR = /^[\s|｜·•\u00A0/-]*$/;
const NAV_MIN_LINKS = 3;

function hasBlockChild($: CheerioAPI, element: Element): boolean {
  return $(element).children(BLOCKS).length > 0;
}

/** Text of the block, or '' for blocks that contain other blocks (their children are judged instead). */
function leafText($: CheerioAPI, element: Element): string | null {
  if (hasBlockChild($, element)) return null;
  return $(element).text().replace(/\s+/g, ' ').trim();
}

function isNavLine($: CheerioAPI, block: Cheerio<Element>): boolean {
  const links = block.find('a');
  if (links.length < NAV_MIN_LINKS) return false;
  const rest = block.clone();
  rest.find('a').remove();
  return NAV_SEPARATOR.test(rest.text().replace(/&nbsp;/g, ''));
}

function isFooterList($: CheerioAPI, list: Cheerio<Element>): boolean {
  const items = list.children('li');
  if (items.length === 0) return false;
  return items.toArray().every((li) => {
    const link = $(li).find('a');
    if (link.length !== 1) return false;
    return FOOTER_LINK.test(link.attr('href') ?? '') || FOOTER_TEXT.test(link.text().trim());
  });
}

export function stripSiteChrome($: CheerioAPI): void {
  $('*')
    .contents()
    .filter((_, node: AnyNode) => node.type === 'comment')
    .remove();
  $('script, style, noscript').remove();

  $('[id], [class]').each((_, element) => {
    const marks = `${$(element).attr('id') ?? ''} ${$(element).attr('class') ?? ''}`;
    if (AD_CONTAINER.test(marks)) $(element).remove();
  });

  $('img').each((_, element) => {
    const img = $(element);
    if (QR_IMAGE.test(`${img.attr('src') ?? ''} ${img.attr('alt') ?? ''}`)) img.remove();
  });

  // Before single links go: a nav line is recognised by how many links it holds.
  $(BLOCKS).each((_, element) => {
    if (!element.parent || leafText($, element) === null) return;
    if (isNavLine($, $(element))) $(element).remove();
  });

  $('a').each((_, element) => {
    const link = $(element);
    const marks = `${link.attr('href') ?? ''} ${link.text()}`;
    if (/翻墙|nogfw|gfw-breaker|返回首[頁页]|feedx\.(net|top)/i.test(marks)) link.remove();
  });

  $('ul, ol').each((_, element) => {
    if (isFooterList($, $(element))) $(element).remove();
  });

  $(BLOCKS).each((_, element) => {
    if (!element.parent) return;
    const block = $(element);
    const text = leafText($, element);
    if (text === null) return;
    if (CHROME_TEXT.some((pattern) => pattern.test(text))) {
      block.remove();
      return;
    }
    if (text.length <= CREDIT_MAX_CHARS && CREDIT_LINE.test(text)) {
      block.remove();
    }
  });
}
