/**
 * What dedup knows about one item: folded title and lead as weighted terms
 * (CJK character bigrams, Latin words, numbers), the entities and dates it
 * mentions, its MinHash signature, and the keys under which the candidate
 * index files it. Computed once per item; everything later compares profiles.
 *
 * Character bigrams rather than word segmentation: on this corpus bigrams
 * match reports of one event as well as segmented words do, without a
 * dictionary, at a tenth of the cost (see bench/dedup.ts). Does not decide
 * anything: scoring lives in pair-score.ts.
 */
import type { DedupConfig } from './config.js';
import type { WeightedVector } from './term-weights.js';
import type { DedupItem } from './dedup-item.js';
import { extractEntities } from './entities.js';
import { foldText, isHan, isKana, stripTitleLabels } from './fold-text.js';
import { localDay, mentionedDates, type DayNumber, type MentionedDates } from './mentioned-dates.js';
import { bandKeys, finalise, hashString, minhashSignature } from './minhash.js';

/** Sorted distinct term hashes with their counts. */
export interface TermVector {
  terms: Uint32Array;
  counts: Uint16Array;
  /** The scorer's cache of this vector's TF-IDF weights, and which weighing they belong to (see PairScorer); 0: none. */
  weighted: WeightedVector | null;
  weighing: number;
}

export interface ItemProfile {
  id: string;
  /** Publication time in ms, or null for an undated item. */
  time: number | null;
  /** Publication day in the outlet's offset, or null. */
  day: DayNumber | null;
  /** Headline without column labels, as shown. */
  title: string;
  titleTerms: TermVector;
  /** Title and lead together. */
  bodyTerms: TermVector;
  /** Entities and counts mentioned (entities.ts) as sorted wide hashes: only their equality counts, and a string each was most of a profile's objects. Names: `profileEntities`. */
  entities: Float64Array;
  dates: MentionedDates;
  signature: Uint32Array;
  /** Letters in the folded lead: short video posts make MinHash unreliable. */
  leadLength: number;
  /** Level-1 identity (content hash, GUID, normalised URL) as wide hashes: any shared one means the same item seen twice. */
  identity: Float64Array;
  /** Keys for the candidate index (title bigrams, opening bigrams, entities, LSH bands, identity), hashed. */
  keys: Uint32Array;
  /** Weight of each key when counting shared keys (see CandidateIndex). */
  keyWeights: Float32Array;
}

/** Characters so common that a bigram containing them says nothing. */
const FUNCTION_CHARS = new Set([...'的了是在和与及也都而被把之着们其或就对于将为以这那个']);


/** Bigrams of han/kana runs, whole Latin words and numbers. */
export function textTerms(folded: string, unigrams = false): string[] {
  const terms: string[] = [];
  let previous = '';
  let word = '';
  const flushWord = () => {
    if (word.length >= 2 || (word.length === 1 && word >= '0' && word <= '9')) terms.push(word);
    word = '';
  };
  for (const char of folded) {
    const code = char.codePointAt(0) ?? 0;
    if (isHan(code) || isKana(code)) {
      flushWord();
      if (previous && !FUNCTION_CHARS.has(previous) && !FUNCTION_CHARS.has(char)) terms.push(previous + char);
      if (unigrams && !FUNCTION_CHARS.has(char)) terms.push(char);
      previous = char;
    } else if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)) {
      previous = '';
      word += char;
    } else {
      flushWord();
      previous = '';
    }
  }
  flushWord();
  return terms;
}

/** Same terms as `textTerms`, hashed straight from the characters: no term strings to build and collect. */
export function textTermHashes(folded: string, unigrams = false): number[] {
  const hashes: number[] = [];
  let previous = 0;
  let word = 0x811c9dc5;
  let wordLength = 0;
  let wordDigit = false;
  const flushWord = () => {
    if (wordLength >= 2 || (wordLength === 1 && wordDigit)) hashes.push(finalise(word));
    word = 0x811c9dc5;
    wordLength = 0;
    wordDigit = false;
  };
  for (let index = 0; index < folded.length; index += 1) {
    let code = folded.charCodeAt(index);
    if (code >= 0xd800 && code <= 0xdbff && index + 1 < folded.length) {
      code = folded.codePointAt(index) ?? code;
      index += 1;
    }
    if (isHan(code) || isKana(code)) {
      flushWord();
      const functional = FUNCTION_CODES.has(code);
      if (previous !== 0 && !FUNCTION_CODES.has(previous) && !functional) hashes.push(finalise(Math.imul(previous, 0x9e3779b1) ^ code));
      if (unigrams && !functional) hashes.push(finalise(code ^ 0x5bd1e995));
      previous = code;
    } else if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)) {
      previous = 0;
      word = Math.imul(word ^ code, 0x01000193);
      wordLength += 1;
      wordDigit = code <= 0x39;
    } else {
      flushWord();
      previous = 0;
    }
  }
  flushWord();
  return hashes;
}

const FUNCTION_CODES = new Set([...FUNCTION_CHARS].map((char) => char.codePointAt(0) ?? 0));

export function termVector(hashes: readonly number[]): TermVector {
  const sorted = Uint32Array.from(hashes).sort();
  let distinct = 0;
  for (let index = 0; index < sorted.length; index += 1) if (index === 0 || sorted[index] !== sorted[index - 1]) distinct += 1;
  const terms = new Uint32Array(distinct);
  const counts = new Uint16Array(distinct);
  let at = -1;
  for (let index = 0; index < sorted.length; index += 1) {
    if (index === 0 || sorted[index] !== sorted[index - 1]) {
      at += 1;
      terms[at] = sorted[index] as number;
    }
    counts[at] = Math.min(65535, (counts[at] ?? 0) + 1);
  }
  return { terms, counts, weighted: null, weighing: 0 };
}

function publicationTime(item: DedupItem): number | null {
  if (!item.published) return null;
  const time = Date.parse(item.published);
  return Number.isNaN(time) ? null : time;
}

// Photo captions and credits, datelines and reporter bylines are an outlet's furniture, shared by all its
// items and by no other outlet's, and captions often describe an older picture with an older date.

/** `(Doug Mills-Pool/Getty Images)` closing a line: the line is a photo caption (Epoch Times). */
const CAPTION_CREDIT = /[（(][^（）()\n]*(?:getty|afp|reuters|photo|pool|epa)[^（）()\n]*[)）]\s*$/iu;
const CAPTION_START = /^\s*(?:图为|圖為|[（(［[]图)/u;
/** `图为…` after a sentence: the caption of a picture, running to the end of its line. */
const CAPTION_AFTER = /(?<=[。！？!?\s])(?:图为|圖為).*$/u;
/** Image sources inside a paragraph: `（图片来源：白宫）`, `图片来源：`, a scraper's `…上善若水图片来源美日在…`. */
const IMAGE_SOURCE = /[（(]\s*(?:图片来源|圖片來源|图片来自|圖片來自)[^（）()\n]*[)）]|(?:图片来源|圖片來源)(?:于本文链接|於本文鏈接|于网络|於網絡)?[：:]?/gu;
const DATELINE = /【[^】]{0,24}(?:讯|訊|电|電)】|[（(][^（）()]{0,30}(?:报导|报道|報導|報道|综合|綜合)[）)]/gu;
/** Credit labels of translation teams (`撰稿：东京樱花团/上善若水`, `翻译/整理：…`, `信息来源：…`). */
const CREDIT_LABEL = /^[*[]*(?:撰稿|翻译|翻譯|整理|编辑|編輯|编译|編譯|校对|校對|责编|总编|作者|音频|素材整理|信息来源|信息源|资料来源|参考链接|新闻来源|新闻链接|新闻连接|署名|撰稿日期)(?:[/与和](?:撰稿|翻译|整理|编辑|校对))*[\]*]*\s*[：:]\s*/u;
/** A credit longer than this is a credit with the article glued on. */
const CREDIT_MAX_CHARS = 40;

/**
 * A line without its picture caption: captions describe an older picture
 * (often with an older date) and credits name agencies every outlet uses.
 * Only the caption goes: scrapers glue captions and credits onto paragraphs,
 * and dropping such a line whole lost the sentence that states the occurrence.
 */
function stripCaption(line: string): string {
  if (CAPTION_START.test(line)) return '';
  const text = line.replace(IMAGE_SOURCE, ' ');
  const after = CAPTION_AFTER.exec(text);
  if (after) return text.slice(0, after.index);
  return CAPTION_CREDIT.test(text) ? '' : text;
}

/** A line without a translation team's credit: the team is a farm's furniture, shared by its posts on every subject. */
function stripCredit(line: string): string {
  const label = CREDIT_LABEL.exec(line);
  if (!label) return line;
  const rest = line.slice(label[0].length);
  if (rest.length <= CREDIT_MAX_CHARS) return '';
  // `撰稿：东京樱花团/上善若水 美日在周五…`: the name ends at the first space; without one, only the label can go.
  const space = rest.search(/\s/);
  return space >= 0 && space <= CREDIT_MAX_CHARS ? rest.slice(space) : rest;
}

export function leadText(lead: string, chars: number): string {
  return lead
    .split('\n')
    .map((line) => stripCredit(stripCaption(line).trim()))
    .join('\n')
    .replace(DATELINE, ' ')
    .replace(/\n{2,}/g, '\n')
    .trim()
    .slice(0, chars);
}

/** The headline without column labels and the lead without furniture, as a profile reads them, raw and folded. */
function profileText(item: DedupItem, config: DedupConfig) {
  const title = stripTitleLabels(item.title);
  const lead = leadText(item.lead, config.leadChars);
  const foldedTitle = foldText(title);
  const foldedLead = foldText(lead);
  return { title, foldedTitle, foldedLead, entityText: `${title}\n${lead}`, bodyText: `${foldedTitle}\n${foldedLead}` };
}

export function profileItem(item: DedupItem, config: DedupConfig): ItemProfile {
  const { title, foldedTitle, foldedLead, entityText, bodyText } = profileText(item, config);
  const time = publicationTime(item);
  const day = time === null || !item.published ? null : localDay(item.published);
  const titleTermList = textTerms(foldedTitle);
  const entities = extractEntities(entityText, bodyText);
  const signature = minhashSignature(foldedLead.length > 0 ? foldedLead : foldedTitle, config.shingleSize, config.minhashBins);
  const identity = [`h:${item.contentHash}`];
  if (item.guid) identity.push(`g:${item.guid}`);
  if (item.url) identity.push(`u:${normaliseUrl(item.url)}`);
  // Hashed at once: keeping ~130 key strings per item was most of the memory at 100k items.
  const keys = new Map<number, number>();
  const addKey = (key: string, weight: number) => {
    const hash = hashString(key);
    keys.set(hash, Math.max(weight, keys.get(hash) ?? 0));
  };
  for (const term of titleTermList) addKey(`t:${term}`, 1);
  // The opening sentence states the occurrence; a rewrite with a new headline still shares it.
  for (const term of textTerms(foldedLead.slice(0, config.openingChars))) addKey(`l:${term}`, 0.5);
  for (const entity of entities) addKey(`e:${entity}`, 1.5);
  // One MinHash band or one identity key alone makes two items candidates.
  for (const key of bandKeys(signature, config.lshRows)) addKey(key, 3);
  for (const key of identity) addKey(key, 3);
  const arrays = packArrays({
    entities: Float64Array.from(entities, wideHash).sort(),
    identity: Float64Array.from(identity, wideHash),
    title: termVector(textTermHashes(foldedTitle, config.unigrams)),
    body: termVector(textTermHashes(bodyText, config.unigrams)),
    signature,
    keys: Uint32Array.from(keys.keys()),
    keyWeights: Float32Array.from(keys.values()),
  });
  return {
    id: item.id,
    time,
    day,
    title,
    titleTerms: arrays.title,
    bodyTerms: arrays.body,
    entities: arrays.entities,
    dates: mentionedDates(bodyText, day),
    signature: arrays.signature,
    leadLength: foldedLead.replace(/[^\p{L}\p{N}]/gu, '').length,
    identity: arrays.identity,
    keys: arrays.keys,
    keyWeights: arrays.keyWeights,
  };
}

/** The entities of an item as its profile reads them (sorted), by name: for explanations; profiles keep only their hashes. */
export function profileEntities(item: DedupItem, config: DedupConfig): string[] {
  const { entityText, bodyText } = profileText(item, config);
  return extractEntities(entityText, bodyText);
}

/**
 * A 53-bit hash (an exact integer in a double) of an entity or identity key:
 * these are only ever compared for equality, and at 53 bits two different
 * keys meeting by chance is not to be expected among the pairs of millions of items.
 */
function wideHash(text: string): number {
  return hashString(text) * 2 ** 21 + (hashString(text, WIDE_HASH_SEED) >>> 11);
}

const WIDE_HASH_SEED = 0x9747b28c;

interface ProfileArrays {
  entities: Float64Array;
  identity: Float64Array;
  title: TermVector;
  body: TermVector;
  signature: Uint32Array;
  keys: Uint32Array;
  keyWeights: Float32Array;
}

/**
 * A profile's typed arrays as views of one ArrayBuffer: at 100k items nine
 * buffers per profile were 900k ArrayBuffer objects and native backing
 * stores, each visited by the garbage collector and swept when freed.
 */
function packArrays(parts: ProfileArrays): ProfileArrays {
  const { entities, identity, title, body, signature, keys, keyWeights } = parts;
  const bytes =
    (entities.length + identity.length) * 8 +
    (title.terms.length + body.terms.length + signature.length + keys.length + keyWeights.length) * 4 +
    (title.counts.length + body.counts.length) * 2;
  const buffer = new ArrayBuffer(bytes);
  let offset = 0;
  const place = <T extends Float64Array | Uint32Array | Float32Array | Uint16Array>(source: T, View: new (buffer: ArrayBuffer, offset: number, length: number) => T): T => {
    const view = new View(buffer, offset, source.length);
    view.set(source);
    offset += source.byteLength;
    return view;
  };
  // Widest elements first, so that every view starts on a multiple of its element size.
  const packedEntities = place(entities, Float64Array);
  const packedIdentity = place(identity, Float64Array);
  const titleTerms = place(title.terms, Uint32Array);
  const bodyTerms = place(body.terms, Uint32Array);
  const packedSignature = place(signature, Uint32Array);
  const packedKeys = place(keys, Uint32Array);
  const packedKeyWeights = place(keyWeights, Float32Array);
  return {
    entities: packedEntities,
    identity: packedIdentity,
    title: { terms: titleTerms, counts: place(title.counts, Uint16Array), weighted: null, weighing: 0 },
    body: { terms: bodyTerms, counts: place(body.counts, Uint16Array), weighted: null, weighing: 0 },
    signature: packedSignature,
    keys: packedKeys,
    keyWeights: packedKeyWeights,
  };
}

/** Scheme, `www.`, trailing slash, fragment and tracking parameters do not make another article. */
export function normaliseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    for (const name of [...parsed.searchParams.keys()]) if (/^(utm_|fbclid|gclid|ref$|from$)/.test(name)) parsed.searchParams.delete(name);
    const host = parsed.hostname.replace(/^www\./, '');
    const path = parsed.pathname.replace(/\/+$/, '');
    const query = parsed.searchParams.toString();
    return `${host}${path}${query ? `?${query}` : ''}`;
  } catch {
    return url.trim();
  }
}
