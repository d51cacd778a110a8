/**
 * A coarse sound of a transliterated name, the same whichever script or
 * spelling wrote it: `Lavrov`, `拉夫罗夫` → `LFLF`; `Scholz`, `肖尔茨`, `舒尔茨`, `ショルツ`
 * → `SLC`. Reports of one occurrence write a foreign name in Latin letters (an
 * English headline, a gloss `拉夫罗夫（Sergey Lavrov）`) or in whichever
 * characters their translator chose, and the name is often the rarest thing
 * two such reports share.
 *
 * The sound is the name's consonants in classes that Chinese transliteration
 * keeps apart (b/p, d/t, g/k, f/v/w, h, l/r, m, n, s/sh/x, z/ts/ch/j); vowels,
 * glides and the nasal endings Chinese syllables add or drop are left out.
 * Only characters that transliteration uses are known; a run with any other
 * character has no sound (`普京` has none: `京` is not read here).
 *
 * Sounds match exactly, so `Stoltenberg` and `斯托尔滕贝格` (the r the
 * characters drop) do not meet. Matching one class apart (every sound also
 * giving its one-class deletions) was measured: 3 more dev pairs at the same
 * precision, but one name then counts as several shared entities and adds as
 * many index keys, which is noise the entity feature's weight does not expect.
 */

/** Pinyin initial classes of characters used to write foreign names ('' : a vowel or glide). */
const HAN_SOUND = soundsOf({
  B: '巴拜班邦保堡鲍贝本比彼毕宾波伯博布帕派潘庞佩彭皮普珀蒲朴柏白宝培裴蓬浦',
  D: '达代戴丹当道得德登邓迪狄蒂丁东杜多敦顿铎塔泰坦唐汤陶特滕提廷图托佗汀',
  // 基 吉 加 季 居 write ki/gi/ga in Russian and German names (泽连斯基 Zelensky).
  G: '盖冈高戈格根贡古瓜圭郭果卡凯坎康考柯科克肯库奎昆夸阔基吉加季居',
  F: '法范菲费芬丰弗福富夫伏瓦万旺威韦维温文沃',
  H: '哈海汉豪赫亨胡华霍惠洪荷黑',
  L: '拉腊莱兰朗劳勒雷蕾里利莉丽林琳列连廉良隆龙卢鲁露伦罗洛吕尔',
  M: '马玛迈麦曼毛梅美门蒙孟米明敏莫默姆穆缪',
  N: '纳娜乃内南尼妮涅宁努诺',
  S: '萨塞赛桑瑟森沙莎珊尚绍舍圣施什舒斯思丝司松苏索西希锡谢辛欣休修肖萧夏逊',
  C: '扎泽曾詹朱卓兹佐祖赞采策茨楚查恰乔切丘奇契齐琴钦杰贾金久济',
  '': '阿埃艾安昂奥欧厄恩伊因英乌亚雅娅耶叶约尤延扬杨',
});

/** Each character of a class table to its class. */
function soundsOf(classes: Record<string, string>): Map<string, string> {
  const sounds = new Map<string, string>();
  for (const [sound, chars] of Object.entries(classes)) for (const char of chars) sounds.set(char, sound);
  return sounds;
}

/** Sounds shorter than this match too many unrelated names (`BD`: 拜登, 拜德, Biden, Boyd…). */
export const MIN_SOUND_LENGTH = 3;

function collapse(sound: string): string {
  return sound.replace(/(.)\1+/g, '$1');
}

/** Sound class of one character transliteration uses ('' : a vowel or glide), or undefined for any other character. */
export function hanCharSound(char: string): string | undefined {
  return HAN_SOUND.get(char);
}

/** Sound of a name written in (simplified) transliteration characters, or null when a character is not one of them. */
export function hanNameSound(name: string): string | null {
  const sounds = hanPrefixSounds(name);
  return sounds.length === name.length ? (sounds.at(-1) ?? '') : null;
}

/**
 * Sounds of the name at the start of `text`, one per prefix, up to the first
 * character transliteration does not use: without segmentation a name runs
 * on into the sentence (`拉夫罗夫表示`), so each prefix stands in for it.
 */
export function hanPrefixSounds(text: string): string[] {
  const sounds: string[] = [];
  let sound = '';
  for (const char of text) {
    const part = HAN_SOUND.get(char);
    if (part === undefined) break;
    if (part !== sound.at(-1)) sound += part;
    sounds.push(sound);
  }
  return sounds;
}

/**
 * Katakana, which Japanese uses for foreign names (`ショルツ`, `ゼレンスキー`,
 * `マクロン`): the kana's consonant in the same classes. `ン` is a nasal
 * ending, as in the Chinese and Latin readings; `ー` (a long vowel) and
 * `ッ` (a doubled consonant) add nothing. `ブ` writes both b and v
 * (`ラブロフ` Lavrov), so a v written with it does not meet its Latin spelling.
 */
const KANA_SOUND = soundsOf({
  B: 'バビブベボパピプペポ',
  D: 'タテトダデド',
  G: 'カキクケコガギグゲゴヵヶ',
  F: 'ワヰヱヴフ',
  H: 'ハヒヘホ',
  L: 'ラリルレロ',
  M: 'マミムメモ',
  N: 'ナニヌネノ',
  S: 'サシスセソ',
  C: 'ザジズゼゾチツヂヅ',
  '': 'アイウエオヤユヨァィゥェォャュョヮヲーッン',
});

/** Sound of a name written in katakana (one word, no `・`), or null when it holds anything else. */
export function katakanaNameSound(word: string): string | null {
  const kana = [...word.normalize('NFKC')];
  let sound = '';
  for (let at = 0; at < kana.length; at += 1) {
    const char = kana[at] as string;
    const part = KANA_SOUND.get(char);
    if (part === undefined) return null;
    // `ウィ`, `ウェ`, `ウォ` write wi, we, wo (`ウィリアムズ`), as `ワ` writes wa.
    if (char === 'ウ' && 'ィェォ'.includes(kana[at + 1] ?? '')) sound += 'F';
    else sound += part;
  }
  return collapse(sound);
}

const VOWELS = new Set([...'aeiouy']);
/** Letter groups that write one sound, longest first (`tsch` before `sch` before `ch`). */
const DIGRAPHS: readonly [string, string][] = [
  ['tsch', 'C'], ['sch', 'S'], ['sh', 'S'], ['ch', 'C'], ['zh', 'C'], ['kh', 'H'], ['ph', 'F'], ['th', 'D'], ['gh', 'G'], ['ck', 'G'],
  ['ts', 'C'], ['tz', 'C'], ['sz', 'S'],
];

/** Sound of a name written in Latin letters (one word), or null when it holds anything else. */
export function latinNameSound(word: string): string | null {
  const letters = word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  if (!/^[a-z]+$/.test(letters)) return null;
  let sound = '';
  let at = 0;
  while (at < letters.length) {
    const digraph = DIGRAPHS.find(([spelling]) => letters.startsWith(spelling, at));
    if (digraph) {
      sound += digraph[1];
      at += digraph[0].length;
      continue;
    }
    const letter = letters[at] as string;
    at += 1;
    if (VOWELS.has(letter)) continue;
    const following = letters[at] ?? '';
    switch (letter) {
      case 'b': case 'p': sound += 'B'; break;
      case 'd': case 't': sound += 'D'; break;
      case 'g': case 'k': case 'q': sound += 'G'; break;
      case 'c': sound += following === 'e' || following === 'i' || following === 'y' ? 'C' : 'G'; break;
      case 'x': sound += 'GS'; break;
      case 'f': case 'v': case 'w': sound += 'F'; break;
      // A silent h closes a syllable (`Sarah`); before a vowel it is sounded (`Harris` 哈里斯).
      case 'h': if (VOWELS.has(following)) sound += 'H'; break;
      case 'l': case 'r': sound += 'L'; break;
      case 'm': sound += 'M'; break;
      // Chinese writes a closing n as a nasal ending (`Biden` 拜登, `Blinken` 布林肯), which has no sound here.
      case 'n': if (VOWELS.has(following)) sound += 'N'; break;
      case 's': sound += 'S'; break;
      case 'z': case 'j': sound += 'C'; break;
      default: break;
    }
  }
  return collapse(sound);
}
