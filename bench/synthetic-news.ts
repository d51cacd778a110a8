/**
 * A reproducible synthetic news stream for the dedup bench, derived from the
 * 277 articles of the news-zh-2022 corpus by edits, with the story each item
 * reports so the bench can score the events it forms.
 *
 * What it imitates, and how:
 * - Stories are distinct from each other, as real news is. Each story takes
 *   one base article (its topic) and makes it a different occurrence by a
 *   story-wide character substitution: the rarer a character in the corpus,
 *   the likelier it is replaced (names, places, verbs of the occurrence), while
 *   the most common characters are never touched and common ones seldom are
 *   (topic words such as 乌克兰 or 美国 mostly survive). Two stories from one
 *   base therefore share topic vocabulary and text structure but few
 *   five-character shingles, where re-using base sentences verbatim across
 *   thousands of stories (the previous generator) made unrelated stories
 *   near-copies of each other.
 * - Same-topic different stories: the corpus is one topic (Russia, Ukraine,
 *   China, early 2022), and each base article is reused for a new story about
 *   every 7 days at 100k items (70 at 10k). A third of the stories are also
 *   follow-ups of a story from the last four days: another base article
 *   with the parent's substitution for the characters they share, so both
 *   name the same people and places in different text (a second call between
 *   the same leaders, the next day of the same talks). These are the hard
 *   negatives.
 * - Each story is reported 1-6 times within three days of its occurrence:
 *   near-copies (syndication: a few changed characters, sometimes cut short),
 *   edits (sentences dropped, characters and numbers changed, the headline
 *   touched up) and rewrites (another headline, sentences reordered and
 *   thinned, more changed characters). One report in twenty is undated.
 * - Stories follow each other evenly over two years, so the number of items
 *   per day grows with the stream length (137 a day at 100k). The dates a
 *   base article mentions move with its story, so reports name the days of
 *   their own occurrence; figures change now and then, dates do not.
 *
 * The substituted text is not Chinese anyone would write; what it keeps is
 * what dedup measures: character and bigram statistics, shared topic words,
 * entity shapes, numbers, dates and the time structure of reports.
 */
import type { DedupItem } from '../src/dedup/dedup-item.js';
import { seededRandom } from './seeded-random.js';

export interface SyntheticStream {
  items: DedupItem[];
  /** Story of each item, by index: what a perfect dedup would group. */
  stories: number[];
  /** Per story: the base article (index into the bases) and the story it follows up, if any. */
  storyBase: number[];
  followUpOf: (number | null)[];
}

const HAN = /\p{Script=Han}/u;
const SENTENCE_END = /(?<=[。！？\n])/u;
const DAY_MS = 86_400_000;
const SPAN_DAYS = 730;
/** Characters never replaced (function characters and the most common topic characters). */
const KEEP_RANK = 40;
/** Characters up to this frequency rank are replaced with `COMMON_RATE`, rarer ones with `RARE_RATE`. */
const COMMON_RANK = 400;
const COMMON_RATE = 0.25;
const RARE_RATE = 0.8;
const FOLLOW_UP_SHARE = 1 / 3;

interface Vocabulary {
  rank: Map<string, number>;
  /** Characters and cumulative frequencies, for drawing replacements as common as corpus text. */
  chars: string[];
  cumulative: Float64Array;
}

interface Story {
  number: number;
  base: DedupItem;
  substitution: Map<string, string>;
  time: number;
}

function vocabularyOf(bases: readonly DedupItem[]): Vocabulary {
  const counts = new Map<string, number>();
  for (const base of bases) for (const char of `${base.title}${base.lead}`) if (HAN.test(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const cumulative = new Float64Array(sorted.length);
  let sum = 0;
  sorted.forEach(([, count], index) => {
    sum += count;
    cumulative[index] = sum;
  });
  return { rank: new Map(sorted.map(([char], index) => [char, index])), chars: sorted.map(([char]) => char), cumulative: cumulative.map((value) => value / sum) };
}

function drawChar(vocabulary: Vocabulary, random: () => number): string {
  const target = random();
  let low = 0;
  let high = vocabulary.cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((vocabulary.cumulative[middle] as number) < target) low = middle + 1;
    else high = middle;
  }
  return vocabulary.chars[low] as string;
}

function replacementRate(rank: number): number {
  return rank < KEEP_RANK ? 0 : rank < COMMON_RANK ? COMMON_RATE : RARE_RATE;
}

/**
 * A story's substitution of the base's characters. A follow-up (another base
 * article) keeps its parent's choices for the characters they share, so the
 * two name the same people and places in different text.
 */
function substitutionFor(base: DedupItem, vocabulary: Vocabulary, random: () => number, parent?: Map<string, string>): Map<string, string> {
  const substitution = new Map<string, string>();
  for (const char of new Set(`${base.title}${base.lead}`)) {
    if (!HAN.test(char)) continue;
    const inherited = parent?.get(char);
    if (inherited !== undefined) substitution.set(char, inherited);
    else if (random() < replacementRate(vocabulary.rank.get(char) ?? vocabulary.chars.length)) substitution.set(char, drawChar(vocabulary, random));
  }
  return substitution;
}

function substitute(text: string, substitution: Map<string, string>): string {
  let out = '';
  for (const char of text) out += substitution.get(char) ?? char;
  return out;
}

/** Replaces a share of the han characters with corpus-frequent ones, and some numbers with others of the same length. */
function noise(text: string, rate: number, vocabulary: Vocabulary, random: () => number): string {
  let out = '';
  for (const char of text) out += rate > 0 && HAN.test(char) && random() < rate ? drawChar(vocabulary, random) : char;
  // Figures get mistyped or updated; dates of the occurrence do not (they are what its reports agree on).
  return out.replace(/\d+(?![\d年月日号])/gu, (digits) => (random() < rate * 3 ? String(Math.floor(random() * 10 ** digits.length)).padStart(digits.length, '1') : digits));
}

const MENTIONED_DATE = /(\d{4})年(\d{1,2})月(\d{1,2})([日号])|(?<![\d年])(\d{1,2})月(\d{1,2})([日号])|(?<![\d月])(\d{1,2})([日号])/gu;

/** Moves the dates a base article mentions by as many days as its story is moved from the base's publication. */
function shiftDates(text: string, base: DedupItem, time: number): string {
  if (!base.published) return text;
  const baseTime = Date.parse(base.published);
  const offset = Math.round((time - baseTime) / DAY_MS) * DAY_MS;
  const baseDate = new Date(baseTime);
  const year = baseDate.getUTCFullYear();
  const month = baseDate.getUTCMonth() + 1;
  const moved = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d) + offset);
  return text.replace(MENTIONED_DATE, (whole, y, m, d, suffix, m2, d2, suffix2, d3, suffix3) => {
    if (y !== undefined) {
      const date = moved(Number(y), Number(m), Number(d));
      return `${date.getUTCFullYear()}年${date.getUTCMonth() + 1}月${date.getUTCDate()}${suffix}`;
    }
    if (m2 !== undefined) {
      const date = moved(year, Number(m2), Number(d2));
      return `${date.getUTCMonth() + 1}月${date.getUTCDate()}${suffix2}`;
    }
    if (d3 !== undefined && Number(d3) >= 1 && Number(d3) <= 31) return `${moved(year, month, Number(d3)).getUTCDate()}${suffix3}`;
    return whole;
  });
}

function sentencesOf(text: string): string[] {
  return text.split(SENTENCE_END).filter((sentence) => sentence.trim().length > 0);
}

type ReportKind = 'original' | 'copy' | 'edit' | 'rewrite';

function reportText(kind: ReportKind, title: string, lead: string, vocabulary: Vocabulary, random: () => number): { title: string; lead: string } {
  const sentences = sentencesOf(lead);
  if (kind === 'original') return { title, lead };
  if (kind === 'copy') {
    // Syndicated copies are sometimes cut short after a few sentences.
    const kept = random() < 0.3 ? sentences.slice(0, Math.max(1, Math.ceil(sentences.length * (0.5 + random() * 0.5)))) : sentences;
    return { title: noise(title, 0.02, vocabulary, random), lead: noise(kept.join(''), 0.02, vocabulary, random) };
  }
  if (kind === 'edit') {
    const kept = sentences.filter((_, index) => index === 0 || random() > 0.2);
    return { title: noise(title, 0.1, vocabulary, random), lead: noise(kept.join(''), 0.05, vocabulary, random) };
  }
  // A rewrite leads with the occurrence, then recaps in its own order and words.
  const [first = '', ...rest] = sentences;
  for (let index = rest.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [rest[index], rest[other]] = [rest[other] as string, rest[index] as string];
  }
  const kept = [first, ...rest.filter(() => random() < 0.6)];
  const parts = title.split(/[\s，,：:]+/u).filter((part) => part.length > 0);
  const headline = parts.length > 1 && random() < 0.5 ? noise(parts.reverse().join('，'), 0.2, vocabulary, random) : noise(title, 0.3, vocabulary, random);
  return { title: headline, lead: noise(kept.join(''), 0.12, vocabulary, random) };
}

function reportKind(report: number, random: () => number): ReportKind {
  if (report === 0) return 'original';
  const draw = random();
  return draw < 0.3 ? 'copy' : draw < 0.7 ? 'edit' : 'rewrite';
}

export function syntheticStream(bases: readonly DedupItem[], count: number, seed: number): SyntheticStream {
  const random = seededRandom(seed);
  const vocabulary = vocabularyOf(bases);
  const start = Date.parse('2021-01-01T00:00:00Z');
  const items: DedupItem[] = [];
  const stories: number[] = [];
  const storyBase: number[] = [];
  const followUpOf: (number | null)[] = [];
  const recent: Story[] = [];
  let storyNumber = 0;
  while (items.length < count) {
    const time = start + (items.length / count) * SPAN_DAYS * DAY_MS;
    while (recent.length > 0 && (recent[0] as Story).time < time - 4 * DAY_MS) recent.shift();
    const parent = recent.length > 0 && random() < FOLLOW_UP_SHARE ? recent[Math.floor(random() * recent.length)] : undefined;
    const baseIndex = Math.floor(random() * bases.length);
    const base = bases[baseIndex] as DedupItem;
    storyBase.push(baseIndex);
    followUpOf.push(parent?.number ?? null);
    const story: Story = { number: storyNumber, base, substitution: substitutionFor(base, vocabulary, random, parent?.substitution), time };
    storyNumber += 1;
    recent.push(story);
    const title = substitute(shiftDates(base.title, base, time), story.substitution);
    const lead = substitute(shiftDates(base.lead, base, time), story.substitution);
    const reports = 1 + Math.floor(random() * 6);
    for (let report = 0; report < reports && items.length < count; report += 1) {
      const index = items.length;
      const id = `syn-${seed}-${index}`;
      const published = random() < 0.05 ? null : new Date(time + random() * 3 * DAY_MS).toISOString();
      const text = reportText(reportKind(report, random), title, lead, vocabulary, random);
      items.push({
        ...base,
        id,
        origin: `${id}.txt`,
        url: `https://example.org/${id}`,
        guid: null,
        title: text.title,
        lead: text.lead,
        published,
        firstSeen: published ?? new Date(time).toISOString(),
        contentHash: id,
      });
      stories.push(story.number);
    }
  }
  return { items, stories, storyBase, followUpOf };
}
