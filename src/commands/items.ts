/**
 * `feedfold items [--json]`: every stored item. The JSON form is the full
 * record, bodies included, for scripts and tests.
 */
import type { Command } from 'commander';
import type { Workspace } from '../use-cases/workspace.js';

export function register(program: Command, workspace: Workspace): void {
  program
    .command('items')
    .description('list stored items')
    .option('--json', 'print a JSON array of full items (bodies included)')
    .action(async (options: { json?: boolean }) => {
      const { listStoredItems, readStoredItems } = await import('../use-cases/read-store.js');
      if (options.json) {
        process.stdout.write(`${JSON.stringify(await readStoredItems(workspace), null, 2)}\n`);
        return;
      }
      const summaries = await listStoredItems(workspace);
      for (const item of summaries) {
        const date = item.published ? item.published.slice(0, 10) : '—'.padEnd(10);
        console.log(`${item.id}  ${date}  ${item.outlet}  ${item.title}`);
      }
      console.log(`${summaries.length} items`);
    });
}
