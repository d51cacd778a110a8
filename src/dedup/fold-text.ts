/**
 * Text folding for matching: the same name written in traditional or
 * simplified Chinese, with full-width letters, or with any of the middle dots
 * used between the parts of a transliterated name (`謝爾蓋‧拉夫羅夫`,
 * `谢尔盖·拉夫罗夫`) folds to one string. Also strips the labels outlets put in
 * front of a headline (`樱花FM┃`, `【速报】`, `组图：`) because they say how an
 * item is presented, not what it reports.
 *
 * Folding is for comparison only; nothing here changes what a reader sees.
 */
import { Converter } from 'opencc-js';

const toSimplified = Converter({ from: 't', to: 'cn' });
/** Japanese forms (`団`, `対`) appear in GNews farm names and Japanese headlines. */
const japaneseToSimplified = Converter({ from: 'jp', to: 'cn' });
/**
 * Converting character by character through a cache is ~10x faster than
 * phrase-level OpenCC on long text, and phrase-level differences (`瞭解`/`了解`
 * conversions that depend on context) barely move n-gram overlap.
 */
const simplifiedChar = new Map<number, string>();

function foldChar(code: number, char: string): string {
  if (code < 0x3400) return char;
  const cached = simplifiedChar.get(code);
  if (cached !== undefined) return cached;
  let converted = toSimplified(char);
  if (converted === char) converted = japaneseToSimplified(char);
  const folded = [...converted].length === 1 ? converted : char;
  simplifiedChar.set(code, folded);
  return folded;
}

/** Middle dots and hyphen-like joiners inside transliterated names. */
const NAME_JOINERS = /[\u00B7\u2027\u2022\u30FB\uFF65\u2219\u22C5\u0387\u16EB\u2E31]/g;

/**
 * Simplified Chinese, NFKC (full-width ASCII to ASCII), lower case, name
 * joiners removed. Length may differ from the input.
 */
export function foldText(text: string): string {
  const normalised = text.normalize('NFKC').replace(NAME_JOINERS, '').toLowerCase();
  let out = '';
  for (const char of normalised) {
    const code = char.codePointAt(0) ?? 0;
    out += foldChar(code, char);
  }
  return out;
}

/** Words that only say what kind of post an item is. */
const KIND_LABEL = /^(?:组图|組圖|图集|圖集|视频|視頻|音频|音頻|直播|快讯|快訊|速报|速報|更新|独家|獨家|最新)\s*[：:｜|┃]\s*/u;
/** `樱花FM┃…`, `中日财经爆|…`, `秘翻在线：【速报】…`: a short column name before a bar. */
const COLUMN_BEFORE_BAR = /^[^\s┃｜|]{1,10}\s*[┃｜|]\s*/u;
const BRACKET_LABEL = /^\s*[【\[][^】\]]{1,12}[】\]]\s*/u;
const COLUMN_BEFORE_BRACKET = /^[^\s：:【]{1,8}[：:]\s*(?=[【\[])/u;

/** The headline without outlet column names and post-kind labels in front. */
export function stripTitleLabels(title: string): string {
  let current = title.trim();
  for (let round = 0; round < 3; round += 1) {
    const next = current
      .replace(COLUMN_BEFORE_BRACKET, '')
      .replace(BRACKET_LABEL, '')
      .replace(KIND_LABEL, '')
      .replace(COLUMN_BEFORE_BAR, '')
      .trim();
    if (next === current || next.length === 0) break;
    current = next;
  }
  return current;
}

/** True for the characters of CJK ideographic scripts (han; kana count as letters of their own). */
export function isHan(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0x20000 && code <= 0x2ebef) || (code >= 0xf900 && code <= 0xfaff);
}

export function isKana(code: number): boolean {
  return code >= 0x3040 && code <= 0x30ff;
}
