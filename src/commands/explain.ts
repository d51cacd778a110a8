/**
 * `feedfold explain ITEM_ID ITEM_ID`: the dedup features of two stored items
 * and the decision taken for the pair, with term weights from all stored items
 * as in a real run. An unknown id is an error, not an empty answer.
 */
import type { Command } from 'commander';
import { ConfigError } from '../errors.js';
import { dedupItemOf } from '../dedup/dedup-item-of.js';
import { explainPair, type PairExplanation } from '../dedup/update-events.js';
import type { CommandContext } from './context.js';

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

export function register(program: Command, ctx: CommandContext): void {
  program
    .command('explain')
    .description('show the dedup features and the decision for two items')
    .argument('<a>', 'item id')
    .argument('<b>', 'item id')
    .option('--json', 'print the explanation as JSON')
    .action(async (a: string, b: string, options: { json?: boolean }) => {
      const store = await ctx.openStore();
      try {
        const summaries = await store.listItems();
        const items = await store.getItems(summaries.map((summary) => summary.id));
        const firstSeen = new Map(summaries.map((summary) => [summary.id, summary.firstSeen]));
        const corpus = items.map((item) => dedupItemOf(item, { firstSeen: firstSeen.get(item.id) }));
        const itemA = corpus.find((item) => item.id === a);
        const itemB = corpus.find((item) => item.id === b);
        if (!itemA || !itemB) throw new ConfigError(`unknown item id: ${[!itemA ? a : null, !itemB ? b : null].filter(Boolean).join(', ')}`);
        const explanation = explainPair(itemA, itemB, undefined, corpus);
        if (options.json) process.stdout.write(`${JSON.stringify(explanation, null, 2)}\n`);
        else console.log(formatExplanation(explanation));
      } finally {
        await store.close();
      }
    });
}
