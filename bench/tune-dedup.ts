/**
 * How dedup's weights and thresholds were chosen, reproducibly: fits the
 * level-3 weights by class-weighted logistic regression (Newton steps, L2) on
 * every labelled pair of the dev set that is close enough in time to be
 * scored, reports pairwise recall at 0.95 precision under leave-events-out
 * cross-validation, and sweeps the link and merge thresholds over the whole
 * clustering, printing pairwise precision / F1 for each cell so a plateau can
 * be chosen rather than a lucky point.
 *
 * `npm run build && node dist/bench/tune-dedup.js [DIR LABELS]` (defaults: the
 * corpus copy and dev labels under test/fixtures/corpus). Prints only; the
 * chosen values are written into src/dedup/config.ts by hand, with the
 * reasoning beside them. Unlabelled files are clustered as distractors.
 */
import { resolve } from 'node:path';
import { evaluateItems, readFolderItems, readLabels } from '../src/use-cases/evaluate-dedup.js';
import { defaultDedupConfig, resolveDedupConfig, type DedupConfig } from '../src/dedup/config.js';
import type { DedupItem } from '../src/dedup/dedup-item.js';
import { profileItem, type ItemProfile } from '../src/dedup/fingerprint.js';
import { PairScorer } from '../src/dedup/pair-score.js';
import { TermWeights } from '../src/dedup/term-weights.js';

type WeightName = keyof DedupConfig['weights'];
/** Feature order of a row; penalties enter as negative values so every fitted weight should come out positive. */
const FEATURES: WeightName[] = ['title', 'titleRare', 'lead', 'headlineCover', 'headlineCoverMin', 'rareShared', 'entities', 'dateAgree', 'dateConflict', 'timeGap'];

interface PairRow {
  x: number[];
  positive: boolean;
  events: [string, string];
}

function pairRows(items: ReadonlyMap<string, DedupItem>, labels: ReadonlyMap<string, string>, config: DedupConfig): PairRow[] {
  const weights = new TermWeights();
  const profiles = new Map<string, ItemProfile>();
  for (const [file, item] of items) {
    const profile = profileItem(item, config);
    profiles.set(file, profile);
    weights.add(profile.bodyTerms);
  }
  const scorer = new PairScorer(weights, config);
  const files = [...labels.keys()].filter((file) => profiles.has(file));
  const rows: PairRow[] = [];
  for (let i = 0; i < files.length; i += 1) {
    for (let j = i + 1; j < files.length; j += 1) {
      const a = files[i] as string;
      const b = files[j] as string;
      const { features: f, decision } = scorer.score(profiles.get(a) as ItemProfile, profiles.get(b) as ItemProfile);
      // Levels 1-2 and the time limit decide without weights: they teach the weights nothing.
      if (decision !== 'same-event' && decision !== 'different') continue;
      const gap = f.daysApart === null ? 0 : Math.min(1, f.daysApart / config.maxDaysApart);
      const x = [f.title, f.titleRare, f.lead, f.headlineCover, f.headlineCoverMin, f.rareShared, f.entities, f.dateAgree ? 1 : 0, f.dateConflict ? -1 : 0, -gap];
      const eventA = labels.get(a) as string;
      const eventB = labels.get(b) as string;
      rows.push({ x, positive: eventA === eventB, events: [eventA, eventB] });
    }
  }
  return rows;
}

/** Logistic regression by Newton's method; classes weighed equally, L2 on the weights (not the bias). */
export function fitLogistic(rows: readonly PairRow[], l2 = 1, iterations = 30): { weights: number[]; bias: number } {
  const size = (rows[0]?.x.length ?? 0) + 1;
  const theta = new Array<number>(size).fill(0);
  const positives = rows.filter((row) => row.positive).length;
  const classWeight = (positive: boolean) => rows.length / (2 * (positive ? positives : rows.length - positives));
  for (let step = 0; step < iterations; step += 1) {
    const gradient = new Array<number>(size).fill(0);
    const hessian = Array.from({ length: size }, () => new Array<number>(size).fill(0));
    for (const row of rows) {
      const x = [...row.x, 1];
      const z = x.reduce((sum, value, k) => sum + value * (theta[k] as number), 0);
      const p = 1 / (1 + Math.exp(-z));
      const c = classWeight(row.positive);
      for (let k = 0; k < size; k += 1) {
        gradient[k] = (gradient[k] as number) + c * (p - (row.positive ? 1 : 0)) * (x[k] as number);
        for (let m = 0; m < size; m += 1) (hessian[k] as number[])[m] = ((hessian[k] as number[])[m] as number) + c * p * (1 - p) * (x[k] as number) * (x[m] as number);
      }
    }
    for (let k = 0; k < size - 1; k += 1) {
      gradient[k] = (gradient[k] as number) + l2 * (theta[k] as number);
      (hessian[k] as number[])[k] = ((hessian[k] as number[])[k] as number) + l2;
    }
    const delta = solve(hessian, gradient);
    for (let k = 0; k < size; k += 1) theta[k] = (theta[k] as number) - (delta[k] as number);
  }
  return { weights: theta.slice(0, size - 1), bias: theta[size - 1] as number };
}

/** Gaussian elimination with partial pivoting (the system is ten or so unknowns). */
function solve(matrix: number[][], vector: number[]): number[] {
  const n = vector.length;
  const rows = matrix.map((row, index) => [...row, vector[index] as number]);
  for (let col = 0; col < n; col += 1) {
    let pivot = col;
    for (let row = col + 1; row < n; row += 1) if (Math.abs((rows[row] as number[])[col] as number) > Math.abs((rows[pivot] as number[])[col] as number)) pivot = row;
    [rows[col], rows[pivot]] = [rows[pivot] as number[], rows[col] as number[]];
    const head = rows[col] as number[];
    for (let row = col + 1; row < n; row += 1) {
      const current = rows[row] as number[];
      const factor = (current[col] as number) / (head[col] as number);
      for (let k = col; k <= n; k += 1) current[k] = (current[k] as number) - factor * (head[k] as number);
    }
  }
  const result = new Array<number>(n).fill(0);
  for (let row = n - 1; row >= 0; row -= 1) {
    const current = rows[row] as number[];
    let sum = current[n] as number;
    for (let k = row + 1; k < n; k += 1) sum -= (current[k] as number) * (result[k] as number);
    result[row] = sum / (current[row] as number);
  }
  return result;
}

/** Share of positive pairs ranked above the point where precision last stays >= `precision`. */
function recallAtPrecision(scored: { score: number; positive: boolean }[], precision = 0.95): number {
  const total = scored.filter((entry) => entry.positive).length;
  let truePositives = 0;
  let falsePositives = 0;
  let best = 0;
  for (const entry of [...scored].sort((a, b) => b.score - a.score)) {
    if (entry.positive) truePositives += 1;
    else falsePositives += 1;
    if (truePositives / (truePositives + falsePositives) >= precision) best = truePositives / total;
  }
  return total === 0 ? 0 : best;
}

/** Leave-events-out: a pair is tested by the fold holding one of its events, trained on pairs of other events only. */
function crossValidatedRecall(rows: readonly PairRow[], folds = 4): number {
  const foldOf = (event: string) => [...event].reduce((hash, char) => (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0, 7) % folds;
  const scored: { score: number; positive: boolean }[] = [];
  for (let fold = 0; fold < folds; fold += 1) {
    const held = (row: PairRow) => foldOf(row.events[0]) === fold || foldOf(row.events[1]) === fold;
    const fit = fitLogistic(rows.filter((row) => !held(row)));
    for (const row of rows.filter(held)) scored.push({ score: row.x.reduce((sum, value, k) => sum + value * (fit.weights[k] as number), fit.bias), positive: row.positive });
  }
  return recallAtPrecision(scored);
}

export async function tuneDedup(dir: string, labelsPath: string): Promise<void> {
  const labels = await readLabels(labelsPath);
  const { items } = await readFolderItems(dir);
  const rows = pairRows(items, labels, defaultDedupConfig);
  const current = defaultDedupConfig.weights;
  const currentScore = rows.map((row) => ({ score: row.x.reduce((sum, value, k) => sum + value * current[FEATURES[k] as WeightName], 0), positive: row.positive }));
  console.log(`labelled pairs scored: ${rows.length} (${rows.filter((row) => row.positive).length} same event)`);
  console.log(`current weights: pairwise recall at precision 0.95 (pairs alone, no clustering) ${recallAtPrecision(currentScore).toFixed(3)}`);
  for (const l2 of [1, 3]) {
    const fit = fitLogistic(rows, l2);
    const named = FEATURES.map((name, k) => `${name} ${(fit.weights[k] as number).toFixed(2)}`).join(', ');
    console.log(`logistic fit (L2 ${l2}): ${named}; boundary ${(-fit.bias).toFixed(2)}`);
  }
  console.log(`leave-events-out recall at precision 0.95 of a refit: ${crossValidatedRecall(rows).toFixed(3)}`);
  console.log('threshold sweep with the current weights: pairwise precision/F1 (link rows, merge columns)');
  const link = defaultDedupConfig.linkThreshold;
  const merge = defaultDedupConfig.mergeThreshold;
  const merges = [-0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3].map((delta) => +(merge + delta).toFixed(2));
  console.log(`link\\merge ${merges.map((value) => value.toFixed(2).padStart(12)).join('')}`);
  for (const linkValue of [-0.4, -0.2, 0, 0.2, 0.4].map((delta) => +(link + delta).toFixed(2))) {
    const cells = merges.map((mergeValue) => {
      const { pairwise } = evaluateItems(items, labels, resolveDedupConfig({ linkThreshold: linkValue, mergeThreshold: mergeValue })).score;
      return `${pairwise.precision.toFixed(3)}/${pairwise.f1.toFixed(3)}`.padStart(12);
    });
    console.log(`${linkValue.toFixed(2).padStart(10)} ${cells.join('')}`);
  }
}

if (process.argv[1] && import.meta.url === new URL(`file://${resolve(process.argv[1])}`).href) {
  const [dir, labels] = process.argv.slice(2);
  await tuneDedup(resolve(dir ?? 'test/fixtures/corpus/news-zh-2022'), resolve(labels ?? 'test/fixtures/corpus/news-zh-2022.dev-labels.json'));
}
