/**
 * `feedfold items [--json]`: every stored item. The JSON form is the full
 * record, bodies included, for scripts and tests.
 */
import type { Command } from 'commander';
import type { CommandContext } from './context.js';

export function register(program: Command, ctx: CommandContext): void {
  program
    .command('items')
    .description('list stored items')
    .option('--json', 'print a JSON array of full items (bodies included)')
    .action(async (options: { json?: boolean }) => {
      const store = await ctx.openStore();
      try {
        const summaries = await store.listItems();
        if (options.json) {
          const items = await store.getItems(summaries.map((summary) => summary.id));
          process.stdout.write(`${JSON.stringify(items, null, 2)}\n`);
          return;
        }
        for (const item of summaries) {
          const date = item.published ? item.published.slice(0, 10) : '—'.padEnd(10);
          console.log(`${item.id}  ${date}  ${item.outlet}  ${item.title}`);
        }
        console.log(`${summaries.length} items`);
      } finally {
        await store.close();
      }
    });
}
