/**
 * White space and invisible characters, with Chinese and Japanese in mind.
 *
 * Scrapers that pretty-print HTML (BeautifulSoup `prettify()`) put a newline
 * and indentation around every inline tag, so `国务卿<ok>布林肯</ok>周二`
 * arrives as `国务卿\n  布林肯\n  周二`. In Latin text such a break is a word
 * space; between CJK characters it is nothing. A space typed on one line
 * (`布林肯与俄外长通话 敦促普京撤军`, `4.5 亿`) is the author's and is kept.
 *
 * It does not touch the DOM structure: block boundaries are the caller's.
 */
import { load } from 'cheerio';

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;

/** Han, kana, hangul, CJK punctuation and full-width forms. */
const CJK = /[\u2E80-\u2FFF\u3000-\u30FF\u3100-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF]/u;

export function isCjk(char: string | undefined): boolean {
  return char !== undefined && CJK.test(char);
}

export function stripZeroWidth(text: string): string {
  return text.replace(ZERO_WIDTH, '');
}

/**
 * What one run of white space becomes, given the visible characters on each
 * side (undefined at a block boundary).
 */
export function joinSpace(run: string, before: string | undefined, after: string | undefined): string {
  if (before === undefined || after === undefined) return '';
  if (/[\n\r]/.test(run) && (isCjk(before) || isCjk(after))) return '';
  return ' ';
}

/** Collapses white space in a single-block string (a title, a caption, a feed field). */
export function normalizeInline(text: string): string {
  return stripZeroWidth(text).replace(/\s+/g, (run, offset: number, whole: string) =>
    joinSpace(run, whole[offset - 1], whole[offset + run.length]),
  );
}

/** A title as it should be shown: entities decoded (`&amp;`, `&#8220;`), invisible characters gone, one line. */
export function normalizeTitle(text: string): string {
  // Some feeds escape twice (`&amp;quot;`); decoding twice is harmless for text without `&`.
  let value = htmlToPlain(text);
  if (/&(?:[a-z]+|#\d+|#x[0-9a-f]+);/i.test(value)) value = htmlToPlain(value);
  return normalizeInline(value)
    .replace(/^\s*#+\s*/, '')
    .trim();
}

/**
 * Entities decoded and tags dropped, by a real HTML parser rather than a
 * regular expression. Script and style bodies are code, not words of the
 * title (`safe<script>location.href=…</script> description`), so they go.
 */
function htmlToPlain(html: string): string {
  const $ = load(html, null, false);
  // Only a closed element is code: an unclosed `<script>` is a headline about the tag ("&lt;script&gt; explained").
  if (/<\/script/i.test(html)) $('script').remove();
  if (/<\/style/i.test(html)) $('style').remove();
  return $.text();
}

/**
 * Plain text with paragraphs: lines trimmed and collapsed, at most one blank
 * line between paragraphs, none at the ends.
 */
export function normalizeParagraphs(text: string): string {
  return stripZeroWidth(text)
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((paragraph) =>
      paragraph
        .split('\n')
        .map((line) => line.replace(/[ \t\u00A0]+/g, ' ').trim())
        .filter((line) => line !== '')
        .join('\n'),
    )
    .filter((paragraph) => paragraph !== '')
    .join('\n\n');
}
