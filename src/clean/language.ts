/**
 * The language of an item from its title and text: `ja` when kana are
 * present, `zh-Hant` or `zh-Hans` for Chinese (by which conversion changes more
 * characters: a traditional text is changed by t→s, a simplified one by s→t),
 * `ru` for Cyrillic, `en` for Latin-script text.
 *
 * It tells apart only the languages our outlets write in; anything else that
 * is mostly Latin script is reported as `en`, which is the useful default for
 * the feeds' `xml:lang`.
 */
import * as OpenCC from 'opencc-js';

const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });
const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });

const SAMPLE_CHARS = 2000;

function countChanged(text: string, converted: string): number {
  let changed = 0;
  const limit = Math.min(text.length, converted.length);
  for (let i = 0; i < limit; i += 1) if (text[i] !== converted[i]) changed += 1;
  return changed;
}

export function detectLanguage(title: string, text: string): string {
  const sample = `${title}\n${text}`.slice(0, SAMPLE_CHARS);
  // GNews re-posts quote Japanese sources in the text; the title decides when it has kana.
  const kana = (value: string): number => (value.match(/[\u3040-\u309F\u30A0-\u30FF]/g) ?? []).length;
  const han = (value: string): number => (value.match(/[\u4E00-\u9FFF\u3400-\u4DBF]/g) ?? []).length;
  const latin = (sample.match(/[A-Za-z]/g) ?? []).length;
  const hanCount = han(sample);
  const kanaCount = kana(sample);

  if (kana(title) >= 2 || (kanaCount > 0 && kanaCount >= hanCount * 0.15)) return 'ja';
  const cyrillic = (sample.match(/[\u0400-\u04FF]/g) ?? []).length;
  if (hanCount === 0 && cyrillic > latin) return 'ru';
  if (hanCount === 0 || latin > hanCount * 3) return 'en';
  const hanOnly = (sample.match(/[\u4E00-\u9FFF\u3400-\u4DBF]/g) ?? []).join('');
  const traditionalMarks = countChanged(hanOnly, toSimplified(hanOnly));
  const simplifiedMarks = countChanged(hanOnly, toTraditional(hanOnly));
  return traditionalMarks > simplifiedMarks ? 'zh-Hant' : 'zh-Hans';
}
