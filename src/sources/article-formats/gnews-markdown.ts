/**
 * GNews articles as kept by ourhimalayas/txt (seed 004): a `返回首頁` header
 * line, `## title`, the author farm in backticks with `[轉載自GNews](url)`
 * (the article URL), a markdown body with raw HTML fragments, then the
 * scraper's tail: date line (`2021年12月31日`), 校对/发布 credits, a QR code,
 * the `免责声明` disclaimer and the ROL Foundation / Terms of use link list.
 *
 * The tail is cut here, at the markdown level, because it is the layout's own
 * (farm promo links, credit lines, sign-off images); the date line is read as
 * the publication date. A leading `02/17/2022 …` (translation-team posts) is
 * the date when there is no date line. 延展阅读 bullets and captions are left
 * to cleaning.
 */
import { SourceError } from '../../errors.js';
import { DateTime } from 'luxon';
import { announcesLaterDay, dateLineValue, datesNearMonth, formatIso } from '../../clean/dates.js';
import { outletForUrl } from '../../clean/outlets.js';
import { renderMarkdown } from '../markdown.js';
import type { ArticleFormat, RawArticle } from './article-format.js';

const HEADER = /^#{1,6}\s+\[:house:返回首[頁页]\]\([^)]*\)\s*\r?\n/;
const TITLE = /^##\s+(.+?)\s*$/m;
const SOURCE_LINE = /^`\s*([^`]*?)\s*`\s*\[轉載自GNews\]\((\S+?)\)\s*$/m;
const AUTHOR_LINE = /^\s*作者[：:]\s*(.+?)\s*$/m;
const BY_LINE = /^\s*By\s*[：:]\s*【?([^】\n]+?)】?\s*$/m;
const LEADING_US_DATE = /^\s*(\d{2}\/\d{2}\/\d{4})\s/;

/** Lines of the sign-off that are never article text. */
const TAIL_LINE = [
  /^\s*$/,
  /^[-*_\s]{3,}$/, // `* * *`, `---`
  /^\s*!\[[^\]]*\]\([^)]*\)\s*(!\[[^\]]*\]\([^)]*\)\s*)*$/, // images only: QR codes, farm logos
  /^\s*\[!\[[^\]]*\]\([^)]*\)\]\([^)]*\)\s*$/, // linked logo
  /^[*_\s]*(校对|校對|发布|發佈|编辑|編輯|审核|審核|审阅|審閱|撰稿|上传|上傳|素材采编|发稿|發稿|编辑发布|编辑&发布|翻译|翻譯|排版|责任编辑)\s*[：:]/,
  /^[*_\s]*(更多资讯|更多資訊|欢迎加入|歡迎加入|请关注|請關注|点击观看|點擊觀看)/,
  // Farm channel pages (a user page, an invite), not single posts: a gettr post can be the source.
  /(gettr\.com\/user\/|gtv\.org\/(user|web)|discord\.gg|youtube\.com\/(channel|c)\/|twitter\.com\/\w+\)|t\.me\/)/i,
  /^[*_\s]*By\s*[：:]/,
];

/** Image paths of the post's own uploads: the month it was written in. */
const UPLOAD_PATH = /gnews\.org\/wp-content\/uploads\/(20\d{2})\/(\d{2})\//;

/** "最后一次通话是在2月12日" recalls an earlier day; it is not the day the post reports. */
const RECALL_MARKER = /最后一次|上一次|上次|此前|早在|曾于|曾在|曾经|回顾|回放/;

/**
 * Most GNews posts carry no date line, only "2月23日" in the text. The
 * article's own images were uploaded in the month of posting
 * (`assets.gnews.org/wp-content/uploads/2022/02/…`), which places such
 * mentions in a year; the latest one in that window is the posting day. The
 * sign-off images are not used: farms reuse their logos and QR codes for months.
 */
function dateNearUploads(text: string, zone: string | undefined): DateTime | null {
  const uploads = [...text.matchAll(new RegExp(UPLOAD_PATH, 'g'))].map((match) => Number(match[1]) * 100 + Number(match[2]));
  if (uploads.length === 0) return null;
  const latest = Math.max(...uploads);
  const year = Math.floor(latest / 100);
  const month = latest % 100;
  // Source links often carry their own date (`…-2022-02-16/`); a translation is posted on or after it.
  const linkDates = [...text.matchAll(/\]\((https?:[^)\s]+)\)/g)]
    .map((match) => match[1] ?? '')
    .filter((url) => !/wp-content\/uploads/.test(url))
    .map((url) => /(20\d{2})[-/](\d{2})[-/](\d{2})(?!\d)/.exec(url)?.slice(1, 4).join('-'))
    .filter((date): date is string => date !== undefined)
    .join('\n');
  let best: DateTime | null = null;
  for (const { date, index } of datesNearMonth(`${text}\n${linkDates}`, year, month, zone)) {
    if (index < text.length && announcesLaterDay(text, index)) continue;
    if (index < text.length && RECALL_MARKER.test(text.slice(Math.max(0, index - 10), index))) continue;
    if (!best || date > best) best = date;
  }
  if (best) return best;
  // Last: a bare day ("于23日宣布", "31日消息称") read in the upload month.
  for (const match of text.matchAll(/(?<![\d月/-])(\d{1,2})\s*日(?!本)/g)) {
    const date = DateTime.fromObject({ year, month, day: Number(match[1]) }, { zone });
    if (date.isValid && (!best || date > best)) best = date;
  }
  return best;
}

function isTailLine(line: string): boolean {
  return TAIL_LINE.some((pattern) => pattern.test(line));
}

export const gnewsMarkdown: ArticleFormat = {
  name: 'gnews-markdown',

  detect(text) {
    return HEADER.test(text) && SOURCE_LINE.test(text);
  },

  parse(text, origin): RawArticle {
    const title = TITLE.exec(text)?.[1];
    const source = SOURCE_LINE.exec(text);
    if (!title || !source) throw new SourceError(origin, 'parse', 'GNews file without `## title` or `[轉載自GNews](url)` line');
    const [sourceLine, farm = '', url = ''] = source;
    const outlet = outletForUrl(url);
    const zone = outlet?.zone;

    let body = text.slice(text.indexOf(sourceLine) + sourceLine.length);
    const disclaimer = body.search(/^.*免责声明|^.*免責聲明/m);
    if (disclaimer >= 0) body = body.slice(0, disclaimer);

    const author = AUTHOR_LINE.exec(body)?.[1] ?? BY_LINE.exec(body)?.[1] ?? (farm || null);
    body = body.replace(AUTHOR_LINE, '');

    // Walk back over the sign-off; the first date-only line met is the publication date.
    const lines = body.split(/\r?\n/);
    let end = lines.length;
    let dated = null;
    while (end > 0) {
      const line = lines[end - 1] ?? '';
      const asDate = dateLineValue(line, zone);
      if (asDate && !dated) dated = asDate;
      else if (!asDate && !isTailLine(line)) break;
      end -= 1;
    }
    body = lines.slice(0, end).join('\n');
    if (!dated) {
      const leading = LEADING_US_DATE.exec(body.trimStart())?.[1];
      if (leading) dated = dateLineValue(leading, zone);
    }
    if (!dated) dated = dateNearUploads(`${title}\n${body}`, zone);
    if (body.trim() === '') throw new SourceError(origin, 'parse', 'GNews file with an empty body');

    return {
      url,
      title,
      published: dated ? formatIso(dated) : null,
      // With an upload month the text was searched in its window already; a date outside it
      // (a caption's "2021年6月16日" in a February post) is background, so the cleaner must not guess.
      dateFromText: !UPLOAD_PATH.test(`${title}\n${body}`),
      author: author ? author.replace(/[*_]/g, '').trim() || null : null,
      outletNames: ['GNews'],
      categories: [],
      image: /!\[[^\]]*\]\((https?:[^)\s]+)\)/.exec(body)?.[1] ?? null,
      media: [],
      related: [],
      html: renderMarkdown(body),
      baseUrl: url,
      fetchedAt: null,
    };
  },
};
