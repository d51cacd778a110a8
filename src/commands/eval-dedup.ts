/**
 * `feedfold eval-dedup DIR LABELS`: scores dedup on a labelled folder
 * (use-cases/evaluate-dedup.ts) and prints pairwise and B-cubed figures and
 * every wrong and missed merge by file and title.
 */
import type { Command } from 'commander';
import type { DedupEvaluation } from '../use-cases/evaluate-dedup.js';

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

export function register(program: Command): void {
  program
    .command('eval-dedup')
    .description('cluster a folder of article files in memory and score the events against gold labels')
    .argument('<dir>', 'folder of article files')
    .argument('<labels>', 'JSON file {"items": {"<file>": "<event id>"}}')
    .option('--json', 'print the scores as JSON')
    .action(async (dir: string, labelsPath: string, options: { json?: boolean }) => {
      const { evaluateItems, readFolderItems, readLabels } = await import('../use-cases/evaluate-dedup.js');
      const labels = await readLabels(labelsPath);
      const { items, failed } = await readFolderItems(dir);
      const evaluation = { ...evaluateItems(items, labels), failed };
      if (options.json) process.stdout.write(`${JSON.stringify(evaluation.score, null, 2)}\n`);
      else console.log(formatEvaluation(evaluation, labels));
      if (failed.length > 0) process.exitCode = 1;
    });
}
