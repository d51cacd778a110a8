/**
 * Level 2 of dedup, near-identical copies: one-permutation MinHash over
 * character shingles, with LSH band keys so copies find each other through an
 * index instead of all-pairs comparison. One hash per shingle (not one per
 * shingle per permutation) is what makes 100k items affordable; empty bins
 * are filled from the next non-empty bin (optimal densification, simplified).
 *
 * Pure functions over folded text; no index is kept here.
 */

import { isHan, isKana } from './fold-text.js';

const EMPTY = 0xffffffff;

function isWordCode(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || isHan(code) || isKana(code) || (code >= 0xc0 && code < 0x2000);
}

/** 32-bit FNV-1a over UTF-16 code units, then a murmur finaliser for better low bits. */
export function hashString(text: string, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return finalise(hash);
}

/** murmur3's 32-bit finaliser: spreads every input bit over the low bits that buckets and bins use. */
export function finalise(value: number): number {
  let hash = value >>> 0;
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** Letters and digits only: punctuation and spacing differ between copies of one article. */
function shingleSource(text: string): number[] {
  const codes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (isWordCode(code)) codes.push(code);
  }
  return codes;
}

export function minhashSignature(foldedText: string, shingleSize: number, bins: number): Uint32Array {
  const signature = new Uint32Array(bins).fill(EMPTY);
  const codes = shingleSource(foldedText);
  if (codes.length === 0) return signature;
  const size = Math.min(shingleSize, codes.length);
  for (let start = 0; start + size <= codes.length; start += 1) {
    let hash = 0x811c9dc5;
    for (let offset = 0; offset < size; offset += 1) {
      hash ^= codes[start + offset] ?? 0;
      hash = Math.imul(hash, 0x01000193);
    }
    hash = finalise(hash);
    const bin = hash % bins;
    const value = Math.floor(hash / bins);
    if (value < (signature[bin] ?? EMPTY)) signature[bin] = value;
  }
  for (let bin = 0; bin < bins; bin += 1) {
    if (signature[bin] !== EMPTY) continue;
    for (let step = 1; step < bins; step += 1) {
      const donor = signature[(bin + step) % bins] ?? EMPTY;
      if (donor !== EMPTY) {
        // Mixing in the distance keeps a filled bin from colliding with its donor by construction.
        signature[bin] = finalise(donor ^ Math.imul(step, 0x9e3779b1));
        break;
      }
    }
  }
  return signature;
}

/** Estimated Jaccard similarity of the two shingle sets. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length || a.length === 0) return 0;
  let equal = 0;
  for (let index = 0; index < a.length; index += 1) if (a[index] === b[index] && a[index] !== EMPTY) equal += 1;
  return equal / a.length;
}

/** One key per band of `rows` bins; two signatures sharing a key are near-duplicate candidates. */
export function bandKeys(signature: Uint32Array, rows: number): string[] {
  const keys: string[] = [];
  if (signature[0] === EMPTY) return keys;
  for (let start = 0; start + rows <= signature.length; start += rows) {
    let hash = start;
    for (let offset = 0; offset < rows; offset += 1) hash = finalise(hash ^ (signature[start + offset] ?? 0)) + offset;
    keys.push(`m${start / rows}:${(hash >>> 0).toString(36)}`);
  }
  return keys;
}
