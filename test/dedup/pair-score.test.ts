import { beforeAll, describe, expect, it } from 'vitest';
import { loadNewsCorpus } from './load-fixtures.js';
import type { DedupItem } from '../../src/dedup/dedup-item.js';
import { explainPair } from '../../src/dedup/update-events.js';
import { TermWeights, overlap, weighVector } from '../../src/dedup/term-weights.js';
import { termVector, textTermHashes } from '../../src/dedup/fingerprint.js';
import { foldText } from '../../src/dedup/fold-text.js';


let items: Map<string, DedupItem>;
let all: DedupItem[];
const byPrefix = (prefix: string): DedupItem => {
  for (const [file, item] of items) if (file.startsWith(`${prefix}_`)) return item;
  throw new Error(`no corpus file ${prefix}`);
};

beforeAll(async () => {
  items = await loadNewsCorpus();
  all = [...items.values()];
}, 60_000);

describe('overlap', () => {
  it('gives the idf of the rarest term two vectors share, and 0 when they share none', () => {
    const weights = new TermWeights();
    const vectorOf = (text: string) => termVector(textTermHashes(foldText(text), true));
    for (const text of ['俄罗斯入侵乌克兰', '俄罗斯与乌克兰会谈', '索罗斯说四大危机']) weights.add(vectorOf(text));
    const a = weighVector(vectorOf('索罗斯说四大危机'), weights);
    const b = weighVector(vectorOf('索罗斯警告俄罗斯'), weights);
    const c = weighVector(vectorOf('日本宣布'), weights);
    // `索罗` is in one document of three; `罗斯` is in all three.
    expect(overlap(a, b).rarest).toBeCloseTo(weights.idf(termVector(textTermHashes('索罗', false)).terms[0] as number), 6);
    expect(overlap(a, c)).toEqual({ cosine: 0, shared: 0, rarest: 0 });
    expect(overlap(a, a).cosine).toBeCloseTo(1, 6);
    // Shared vocabulary counts only terms at least as rare as asked for.
    const rarest = overlap(a, b).rarest;
    expect(overlap(a, b, 0).shared).toBeGreaterThan(overlap(a, b, rarest).shared);
    // Both `索罗` and `索` are that rare.
    expect(overlap(a, b, rarest).shared).toBeCloseTo(2 * rarest, 5);
    expect(overlap(a, b).shared).toBe(0);
  });
});

describe('titleRare', () => {
  it('is high for two headlines naming the same rare person, low for two sharing only topic words', () => {
    // 037 and 133: two GNews write-ups of Soros's Hoover speech; their headlines share little but 索罗斯 and 习近平.
    const soros = explainPair(byPrefix('037'), byPrefix('133'), undefined, all);
    // 008 and 110: Japan's sanctions and Biden's first sanctions, a day apart: 宣布, 俄罗斯, 制裁 in both headlines.
    const sanctions = explainPair(byPrefix('008'), byPrefix('110'), undefined, all);
    expect(soros.features.titleRare).toBeGreaterThan(0.65);
    expect(sanctions.features.titleRare).toBeLessThan(0.6);
    expect(soros.features.titleRare).toBeGreaterThan(sanctions.features.titleRare + 0.1);
  });
});
