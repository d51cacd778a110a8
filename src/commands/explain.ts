/**
 * `feedfold explain ITEM_ID ITEM_ID`: prints the dedup features of two stored
 * items and the decision for the pair (use-cases/explain-pair.ts).
 */
import type { Command } from 'commander';
import type { PairExplanation } from '../dedup/update-events.js';
import type { Workspace } from '../use-cases/workspace.js';

export function formatExplanation(explanation: PairExplanation): string {
  const f = explanation.features;
  const number = (value: number) => value.toFixed(3);
  return [
    `A ${explanation.a.id}  ${explanation.a.title}`,
    `B ${explanation.b.id}  ${explanation.b.title}`,
    `same item (GUID/URL/hash)   ${f.sameItem}`,
    `copy (shingle Jaccard)      ${number(f.copy)}`,
    `headline cosine             ${number(f.title)}`,
    `rarest shared headline term ${number(f.titleRare)}`,
    `headline+lead cosine        ${number(f.lead)}`,
    `headline covered by other   ${number(f.headlineCover)}  (weaker way ${number(f.headlineCoverMin)})`,
    `rare vocabulary shared      ${number(f.rareShared)}`,
    `entities                    ${number(f.entities)}  ${f.sharedEntities.join(' ')}`,
    `occurrence days             ${f.occurrence.map((day) => day ?? '—').join(' / ')}  agree ${f.dateAgree}  conflict ${f.dateConflict}`,
    `days apart (publication)    ${f.daysApart === null ? '— (undated)' : f.daysApart.toFixed(1)}`,
    `score ${number(explanation.score)} (link threshold ${explanation.linkThreshold})  decision: ${explanation.decision}`,
  ].join('\n');
}

export function register(program: Command, workspace: Workspace): void {
  program
    .command('explain')
    .description('show the dedup features and the decision for two items')
    .argument('<a>', 'item id')
    .argument('<b>', 'item id')
    .option('--json', 'print the explanation as JSON')
    .action(async (a: string, b: string, options: { json?: boolean }) => {
      const { explainStoredPair } = await import('../use-cases/explain-pair.js');
      const explanation = await explainStoredPair(workspace, a, b);
      if (options.json) process.stdout.write(`${JSON.stringify(explanation, null, 2)}\n`);
      else console.log(formatExplanation(explanation));
    });
}
