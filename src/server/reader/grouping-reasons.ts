/**
 * "Why these were grouped": for every member of an event, its strongest link
 * to another member as dedup scores it (explainPair) — the names both
 * mention, whether both name the same day, how alike the headlines are, and
 * the score against the link threshold. An event can be a chain (A–B, B–C),
 * so each member is explained by its best partner, not by the lead member.
 *
 * Dedup's term vectors are hashed, so the shared phrases shown are found here
 * again on the folded text: the longest runs of Chinese characters (and the
 * Latin words) both openings contain, rarest across all events first. Term
 * weights come from the event's own members: this explains, it does not
 * re-decide. Very large events are explained for their first members only.
 */
import type { Item } from '../../item.js';
import { dedupItemOf } from '../../dedup/dedup-item-of.js';
import { explainPair, type PairExplanation } from '../../dedup/update-events.js';
import { foldText, isHan, isKana } from '../../dedup/fold-text.js';

/** Pairwise explanations grow with the square of the members; beyond this the page would only get slower. */
const MAX_EXPLAINED = 16;
/** How much of each body is compared for shared phrases: dedup itself reads only the opening. */
const COMPARED_CHARS = 1500;
const MAX_PHRASE = 12;
const PHRASES_SHOWN = 10;
/** Particles that glue phrases together; a shared run starting or ending in one is cut back to the words. */
const EDGE_FUNCTION_CHARS = new Set([...'的了在是与和及而就也都将对为把被从向于之其这那个有并但']);

export interface GroupingReason {
  member: Item;
  partner: Item;
  explanation: PairExplanation;
  /** Phrases both texts contain, most telling first. */
  sharedPhrases: string[];
}

/** In how many events a folded phrase occurs; lower is more telling. */
export type PhraseFrequency = (phrase: string) => number;

export function groupingReasons(members: readonly Item[], frequency: PhraseFrequency): GroupingReason[] {
  const explained = members.slice(0, MAX_EXPLAINED);
  if (explained.length < 2) return [];
  const dedupItems = explained.map((item) => dedupItemOf(item));
  const pairs = new Map<string, PairExplanation>();
  const pairOf = (i: number, j: number): PairExplanation => {
    const key = i < j ? `${i}:${j}` : `${j}:${i}`;
    let explanation = pairs.get(key);
    if (!explanation) {
      explanation = explainPair(dedupItems[Math.min(i, j)]!, dedupItems[Math.max(i, j)]!, undefined, dedupItems);
      pairs.set(key, explanation);
    }
    return explanation;
  };
  const reasons: GroupingReason[] = [];
  for (let i = 1; i < explained.length; i++) {
    let best: { j: number; explanation: PairExplanation } | null = null;
    for (let j = 0; j < explained.length; j++) {
      if (j === i) continue;
      const explanation = pairOf(i, j);
      if (!best || explanation.score > best.explanation.score) best = { j, explanation };
    }
    if (!best) continue;
    const member = explained[i]!;
    const partner = explained[best.j]!;
    reasons.push({ member, partner, explanation: best.explanation, sharedPhrases: sharedPhrases(member, partner, frequency) });
  }
  return reasons;
}

/**
 * Greedy longest common runs: walking the first text, the longest stretch
 * (2 to 12 han/kana characters) the second text also contains, then on past
 * it; Latin words of four letters or more whole.
 */
export function sharedPhrases(a: Item, b: Item, frequency: PhraseFrequency): string[] {
  const textA = foldText(`${a.title}\n${a.contentText.slice(0, COMPARED_CHARS)}`);
  const textB = foldText(`${b.title}\n${b.contentText.slice(0, COMPARED_CHARS)}`);
  const found = new Set<string>();
  const chars = [...textA];
  let i = 0;
  while (i < chars.length) {
    const code = chars[i]!.codePointAt(0) ?? 0;
    if (isHan(code) || isKana(code)) {
      let run = i;
      while (run < chars.length && run - i < MAX_PHRASE && (isHan(chars[run]!.codePointAt(0) ?? 0) || isKana(chars[run]!.codePointAt(0) ?? 0))) run += 1;
      let length = run - i;
      while (length >= 2 && !textB.includes(chars.slice(i, i + length).join(''))) length -= 1;
      if (length >= 2) {
        found.add(chars.slice(i, i + length).join(''));
        i += length;
      } else {
        i += 1;
      }
      continue;
    }
    if (/[a-z]/.test(chars[i]!)) {
      let end = i;
      while (end < chars.length && /[a-z0-9]/.test(chars[end]!)) end += 1;
      const word = chars.slice(i, end).join('');
      if (word.length >= 4 && new RegExp(`(^|[^a-z0-9])${word}([^a-z0-9]|$)`).test(textB)) found.add(word);
      i = end;
      continue;
    }
    i += 1;
  }
  const trimmed = new Set([...found].map(trimFunctionChars).filter((phrase) => [...phrase].length >= 2));
  // `副国务卿` says nothing `常务副国务卿` does not.
  const kept = [...trimmed].filter((phrase) => ![...trimmed].some((other) => other !== phrase && other.includes(phrase)));
  const scored = kept.map((phrase) => ({ phrase, frequency: frequency(phrase), length: [...phrase].length }));
  scored.sort((x, y) => x.frequency - y.frequency || y.length - x.length || (x.phrase < y.phrase ? -1 : 1));
  return scored.slice(0, PHRASES_SHOWN).map((entry) => entry.phrase);
}

function trimFunctionChars(phrase: string): string {
  const chars = [...phrase];
  while (chars.length > 0 && EDGE_FUNCTION_CHARS.has(chars[0]!)) chars.shift();
  while (chars.length > 0 && EDGE_FUNCTION_CHARS.has(chars.at(-1)!)) chars.pop();
  return chars.join('');
}
