/**
 * Scores a clustering against gold event labels: pairwise precision, recall
 * and F1 (over pairs of labelled items put together), B-cubed precision,
 * recall and F1 (per item, over its cluster), and the wrong and missed merges
 * as item pairs. Only items present in both maps are scored, so unlabelled
 * distractors can be clustered alongside without counting.
 */

export interface ClusteringScore {
  items: number;
  pairwise: { precision: number; recall: number; f1: number; truePairs: number; predictedPairs: number; correctPairs: number };
  bcubed: { precision: number; recall: number; f1: number };
  /** Pairs put together that belong to different events. */
  wrongMerges: [string, string][];
  /** Pairs of one event left apart. */
  missedMerges: [string, string][];
}

function f1(precision: number, recall: number): number {
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

export function scoreClustering(predicted: ReadonlyMap<string, string>, gold: ReadonlyMap<string, string>): ClusteringScore {
  const keys = [...gold.keys()].filter((key) => predicted.has(key)).sort();
  const wrongMerges: [string, string][] = [];
  const missedMerges: [string, string][] = [];
  let truePairs = 0;
  let predictedPairs = 0;
  let correctPairs = 0;
  for (let i = 0; i < keys.length; i += 1) {
    for (let j = i + 1; j < keys.length; j += 1) {
      const a = keys[i] as string;
      const b = keys[j] as string;
      const sameGold = gold.get(a) === gold.get(b);
      const samePredicted = predicted.get(a) === predicted.get(b);
      if (sameGold) truePairs += 1;
      if (samePredicted) predictedPairs += 1;
      if (sameGold && samePredicted) correctPairs += 1;
      if (samePredicted && !sameGold) wrongMerges.push([a, b]);
      if (sameGold && !samePredicted) missedMerges.push([a, b]);
    }
  }
  const precision = predictedPairs === 0 ? 1 : correctPairs / predictedPairs;
  const recall = truePairs === 0 ? 1 : correctPairs / truePairs;
  let bPrecision = 0;
  let bRecall = 0;
  for (const key of keys) {
    const predictedCluster = keys.filter((other) => predicted.get(other) === predicted.get(key));
    const goldCluster = keys.filter((other) => gold.get(other) === gold.get(key));
    const both = predictedCluster.filter((other) => gold.get(other) === gold.get(key)).length;
    bPrecision += both / predictedCluster.length;
    bRecall += both / goldCluster.length;
  }
  const count = keys.length;
  const bp = count === 0 ? 1 : bPrecision / count;
  const br = count === 0 ? 1 : bRecall / count;
  return {
    items: count,
    pairwise: { precision, recall, f1: f1(precision, recall), truePairs, predictedPairs, correctPairs },
    bcubed: { precision: bp, recall: br, f1: f1(bp, br) },
    wrongMerges,
    missedMerges,
  };
}
