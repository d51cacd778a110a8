/**
 * Named things and figures an article mentions, as comparable tokens: parts of
 * transliterated names (`谢尔盖‧拉夫罗夫` → `拉夫罗夫`), titles in book marks
 * (`《立场新闻》`), short quoted terms (`“二加二”`), Latin-script names and
 * acronyms (`Nord Stream`, `SWIFT`), and counts (`8500名`, `585票`). Two
 * reports of one occurrence share these far more than two reports on the same
 * topic do.
 *
 * Foreign names also give their sound (name-sound.ts), so `Sergey Lavrov`,
 * `谢尔盖‧拉夫罗夫` and a bare `拉夫罗夫` meet, and so do `舒尔茨` and `肖尔茨`:
 * the sound is read from names after a joiner, from runs of transliteration
 * characters, from capitalised Latin words in a han text, and from katakana
 * words (`ショルツ`).
 *
 * No dictionary and no segmentation: a Chinese name that is neither
 * transliterated nor joined nor quoted (`习近平`) is left to the n-gram
 * similarity.
 */
import { foldText } from './fold-text.js';
import { hanCharSound, hanPrefixSounds, katakanaNameSound, latinNameSound, MIN_SOUND_LENGTH } from './name-sound.js';

// `.` too: scrapers and translators write `奥拉夫.舒尔茨` (NFKC turns `．` into it); a joiner only counts between han characters.
const JOINERS = new Set([...'\u00B7\u2027\u2022\u30FB\uFF65\u2219\u22C5\u0387-‐－.']);
const HAN_CHAR = /^\p{Script=Han}$/u;
const HAN_ANYWHERE = /\p{Script=Han}/u;
/** Longest transliterated name read (`斯托尔滕贝格` is six). */
const MAX_NAME_CHARS = 8;
const BOOK_TITLE = /[《〈]([^》〉\n]{2,20})[》〉]/gu;
const QUOTED = /[“「『"]([^”」』"\n]{2,8})[”」』"]/gu;
const LATIN_WORD = /[A-Za-z][A-Za-z0-9]*(?:[-'][A-Za-z0-9]+)*/g;
/** A katakana word; `・` between the parts of a name ends it (`ジョー・バイデン`). */
const KATAKANA_WORD = /[\u30A1-\u30FA\u30FC]{3,}/gu;
const COUNT = /(?<![\d.年月])(\d[\d,]*(?:\.\d+)?)\s*(万|亿)?\s*([名人票架枚辆艘位个国%％美元亿万吨公里岁]?)/gu;

/** Function words and photo credits, which every English snippet shares. */
const LATIN_STOP = new Set([
  'the', 'a', 'an', 'and', 'or', 'of', 'in', 'on', 'at', 'to', 'for', 'by', 'with', 'from', 'as', 'is', 'are', 'was', 'be',
  'it', 'its', 'that', 'this', 'via', 'getty', 'images', 'image', 'photo', 'afp', 'reuters', 'ap', 'pool', 'epa', 'http', 'https',
  'www', 'com', 'html', 'jpg', 'png', 'mp4', 'gnews', 'org', 'jr',
]);

/** @param folded `foldText(rawText)`, when the caller has it already */
export function extractEntities(rawText: string, folded = foldText(rawText)): string[] {
  const text = rawText.normalize('NFKC');
  const found = new Set<string>();
  // Scanning for the joiners and walking out over han characters is linear; a regex over every han run backtracks.
  for (let at = 0; at < text.length; at += 1) {
    if (!JOINERS.has(text[at] as string)) continue;
    let end = at + 1;
    while (end < text.length && text[end] === ' ') end += 1;
    const partStart = end;
    while (end < text.length && end - partStart < 8 && HAN_CHAR.test(text[end] as string)) end += 1;
    const previous = text[at - 1] ?? '';
    if (end === partStart || !HAN_CHAR.test(previous)) continue;
    // Only the last part (the surname) is kept: it is what other reports keep when they shorten the name.
    if (end < text.length && JOINERS.has(text[end] as string)) continue;
    // Without segmentation the text after it runs on (`拉夫罗夫定于本周`), so its 2-4 character prefixes stand in for it.
    const last = foldText(text.slice(partStart, end));
    for (let length = 2; length <= Math.min(4, last.length); length += 1) found.add(`n:${last.slice(0, length)}`);
    addHanSounds(found, last);
  }
  addTransliterationRuns(found, folded);
  for (const match of text.matchAll(BOOK_TITLE)) found.add(`b:${foldText(match[1] ?? '')}`);
  for (const match of text.matchAll(QUOTED)) found.add(`q:${foldText(match[1] ?? '')}`);
  // Sounds of Latin names are for meeting han names: an English text has its words already.
  const withHan = HAN_ANYWHERE.test(text);
  for (const match of text.matchAll(LATIN_WORD)) {
    const word = match[0].toLowerCase();
    if (word.length < 2 || LATIN_STOP.has(word)) continue;
    found.add(`w:${word}`);
    // Capitalised: a name (a gloss, an English headline), not a word of an English caption.
    if (withHan && match[0].length >= 4 && /^[A-Z][a-z]/.test(match[0])) addSound(found, latinNameSound(match[0]));
  }
  // A Japanese headline over a Chinese report (GNews quotes its source's) names people in katakana.
  for (const match of text.matchAll(KATAKANA_WORD)) addSound(found, katakanaNameSound(match[0]));
  for (const match of text.matchAll(COUNT)) {
    const digits = (match[1] ?? '').replace(/,/g, '');
    const unit = match[3] ?? '';
    const scale = match[2] ?? '';
    const value = Number(digits);
    // Bare one-digit numbers are everywhere; a year or a day is a date, not a count.
    if (!unit && !scale && (digits.length < 3 || (value >= 1900 && value <= 2100))) continue;
    if (digits.length < 2 && !scale && unit !== '%' && unit !== '％') continue;
    found.add(`c:${digits}${scale}`);
  }
  return [...found].sort();
}

function addSound(found: Set<string>, sound: string | null): void {
  if (sound !== null && sound.length >= MIN_SOUND_LENGTH) found.add(`s:${sound}`);
}

/** The name runs on into the sentence (`拉夫罗夫表示`, `布林肯本周`): each prefix with a sound long enough stands in for it. */
function addHanSounds(found: Set<string>, name: string): void {
  for (const sound of hanPrefixSounds(name)) addSound(found, sound);
}

/**
 * Names written without a joiner (`外长拉夫罗夫表示`, `舒尔茨在赴美前`): a run of
 * three or more characters that only transliteration uses is taken for one.
 * The titles before a name (`外长`, `总理`) and most words after it are written
 * with other characters, which is what ends the run.
 */
function addTransliterationRuns(found: Set<string>, folded: string): void {
  let start = -1;
  for (let at = 0; at <= folded.length; at += 1) {
    const inRun = at < folded.length && hanCharSound(folded[at] as string) !== undefined;
    if (inRun && start < 0) start = at;
    if (inRun || start < 0) continue;
    // A character gives at most one sound class, so a shorter run has no sound long enough.
    if (at - start >= MIN_SOUND_LENGTH) addHanSounds(found, folded.slice(start, Math.min(at, start + MAX_NAME_CHARS)));
    start = -1;
  }
}
