/**
 * `feedfold eval-dedup DIR LABELS`: reads every article file of a folder in
 * memory (nothing is stored), folds them into events and scores the grouping
 * against gold labels (`{"items": {"<file>": "<event id>"}}`). All files are
 * clustered, labelled or not, so unlabelled ones act as distractors; only
 * labelled ones are scored. Prints pairwise and B-cubed figures and every
 * wrong and missed merge by file and title.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { ConfigError, describeError } from '../errors.js';
import { readArticleFile } from '../sources/article-file.js';
import { dedupItemOf } from '../dedup/dedup-item-of.js';
import type { DedupItem } from '../dedup/dedup-item.js';
import { scoreClustering, type ClusteringScore } from '../dedup/score-clustering.js';
import { updateEvents } from '../dedup/update-events.js';
import { defaultDedupConfig, type DedupConfig } from '../dedup/config.js';
import type { CommandContext } from './context.js';

export interface DedupEvaluation {
  score: ClusteringScore;
  /** File -> title, for reporting. */
  titles: Map<string, string>;
  events: number;
  failed: string[];
}

export async function readLabels(path: string): Promise<Map<string, string>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (cause) {
    throw new ConfigError(`${path}: cannot read labels: ${(cause as Error).message}`);
  }
  const items = (parsed as { items?: unknown }).items;
  if (!items || typeof items !== 'object') throw new ConfigError(`${path}: labels need an "items" object of file -> event id`);
  const labels = new Map<string, string>();
  for (const [file, event] of Object.entries(items as Record<string, unknown>)) {
    if (typeof event !== 'string') throw new ConfigError(`${path}: label of ${file} is not a string`);
    labels.set(file, event);
  }
  return labels;
}

/** Reads a folder's article files (one level) into dedup items keyed by file name. */
export async function readFolderItems(dir: string): Promise<{ items: Map<string, DedupItem>; failed: string[] }> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => !name.startsWith('.')).sort();
  } catch (cause) {
    throw new ConfigError(`${dir}: cannot list folder: ${(cause as Error).message}`);
  }
  const items = new Map<string, DedupItem>();
  const failed: string[] = [];
  const firstSeen = new Date(0).toISOString();
  for (const name of names) {
    try {
      items.set(name, dedupItemOf(await readArticleFile(join(dir, name), name), { firstSeen }));
    } catch (error) {
      failed.push(`${name}: ${describeError(error)}`);
    }
  }
  return { items, failed };
}

export function evaluateItems(items: ReadonlyMap<string, DedupItem>, labels: ReadonlyMap<string, string>, config: DedupConfig = defaultDedupConfig): DedupEvaluation {
  const { events } = updateEvents({ events: [], index: null }, [...items.values()], config);
  const eventOfItem = new Map<string, string>();
  for (const event of events) for (const member of event.items) eventOfItem.set(member.id, event.id);
  const predicted = new Map<string, string>();
  const titles = new Map<string, string>();
  for (const [file, item] of items) {
    const eventId = eventOfItem.get(item.id);
    if (eventId) predicted.set(file, eventId);
    titles.set(file, item.title);
  }
  return { score: scoreClustering(predicted, labels), titles, events: events.length, failed: [] };
}

function percent(value: number): string {
  return value.toFixed(3);
}

export function formatEvaluation(evaluation: DedupEvaluation, labels: ReadonlyMap<string, string>): string {
  const { score, titles } = evaluation;
  const lines = [
    `items scored: ${score.items} (events formed over the whole folder: ${evaluation.events})`,
    `pairwise  precision ${percent(score.pairwise.precision)}  recall ${percent(score.pairwise.recall)}  F1 ${percent(score.pairwise.f1)}  ` +
      `(${score.pairwise.correctPairs} correct of ${score.pairwise.predictedPairs} predicted, ${score.pairwise.truePairs} gold pairs)`,
    `B-cubed   precision ${percent(score.bcubed.precision)}  recall ${percent(score.bcubed.recall)}  F1 ${percent(score.bcubed.f1)}`,
  ];
  const describe = ([a, b]: [string, string]) =>
    `  ${a} ${titles.get(a) ?? ''} [${labels.get(a)}]\n  ${b} ${titles.get(b) ?? ''} [${labels.get(b)}]`;
  lines.push(`wrong merges: ${score.wrongMerges.length}`);
  for (const pair of score.wrongMerges) lines.push(describe(pair));
  lines.push(`missed merges: ${score.missedMerges.length}`);
  for (const pair of score.missedMerges) lines.push(describe(pair));
  for (const failure of evaluation.failed) lines.push(`failed to read: ${failure}`);
  return lines.join('\n');
}

export function register(program: Command, _ctx: CommandContext): void {
  program
    .command('eval-dedup')
    .description('cluster a folder of article files in memory and score the events against gold labels')
    .argument('<dir>', 'folder of article files')
    .argument('<labels>', 'JSON file {"items": {"<file>": "<event id>"}}')
    .option('--json', 'print the scores as JSON')
    .action(async (dir: string, labelsPath: string, options: { json?: boolean }) => {
      const labels = await readLabels(labelsPath);
      const { items, failed } = await readFolderItems(dir);
      const evaluation = { ...evaluateItems(items, labels), failed };
      if (options.json) process.stdout.write(`${JSON.stringify(evaluation.score, null, 2)}\n`);
      else console.log(formatEvaluation(evaluation, labels));
      if (failed.length > 0) process.exitCode = 1;
    });
}
