/**
 * `feedfold sources add URL|DIR [--name NAME] [--every 30m]`, `sources list`,
 * `sources remove ID`: argument parsing and printing for the subscription use
 * cases (use-cases/manage-sources.ts).
 */
import type { Command } from 'commander';
import { readFetchState } from '../sources/fetch-schedule.js';
import { formatEvery, parseEvery } from '../sources/source-records.js';
import type { SourceRecord } from '../store/store.js';
import type { Workspace } from '../use-cases/workspace.js';

const waiting = () => console.error('waiting for the running feedfold cycle to finish…');

export function register(program: Command, workspace: Workspace): void {
  const sources = program.command('sources').description('manage the feeds and article folders feedfold polls');

  sources
    .command('add')
    .description('add a feed URL or a folder of article files')
    .argument('<location>', 'http(s) feed URL, or a folder path')
    .option('--name <name>', 'a name to show instead of the URL')
    .option('--every <interval>', 'poll interval: 30m, 2h, 1d', '30m')
    .action(async (location: string, options: { name?: string; every: string }) => {
      const every = parseEvery(options.every);
      const { subscribe } = await import('../use-cases/manage-sources.js');
      const record = await subscribe(workspace, location, { name: options.name ?? null, every }, waiting);
      console.log(`added ${record.id}  ${record.kind}  ${record.location}  every ${formatEvery(record.every)}`);
    });

  sources
    .command('list')
    .description('list sources with their last fetch, status, error and item count')
    .option('--json', 'print the source records as JSON')
    .action(async (options: { json?: boolean }) => {
      const { listWorkspaceSources } = await import('../use-cases/manage-sources.js');
      const list = await listWorkspaceSources(workspace);
      if (options.json) {
        process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
        return;
      }
      for (const line of formatSourceList(list)) console.log(line);
    });

  sources
    .command('remove')
    .description('stop polling a source (its stored items stay)')
    .argument('<id>', 'source id from `sources list` (or its URL / folder)')
    .action(async (id: string) => {
      const { unsubscribe } = await import('../use-cases/manage-sources.js');
      const removed = await unsubscribe(workspace, id, waiting);
      console.log(`removed ${removed.id}  ${removed.location}`);
    });
}

/** One block per source: what it is, then how its last fetch went. */
export function formatSourceList(list: readonly SourceRecord[]): string[] {
  if (list.length === 0) return ['no sources; add one with `feedfold sources add URL|DIR`'];
  const lines: string[] = [];
  for (const source of list) {
    const state = readFetchState(source.state);
    const name = source.name ? `${source.name}  ` : '';
    lines.push(`${source.id}  ${source.kind}  ${name}${source.location}  every ${formatEvery(source.every)}`);
    const status = state.lastStatus ?? 'never fetched';
    const when = state.lastFetchAt ? `last fetch ${state.lastFetchAt}` : 'not fetched yet';
    const next = state.nextFetchAt ? `, next ${state.nextFetchAt}` : '';
    const count = source.kind === 'folder' ? `${state.itemCount} files` : `${state.itemCount} items`;
    lines.push(`    ${status}, ${when}${next}, ${count}${state.failures > 1 ? `, ${state.failures} failures in a row` : ''}`);
    if (state.lastError) lines.push(`    error: ${state.lastError.kind}: ${state.lastError.message}`);
    if (source.categories.length > 0) lines.push(`    categories: ${source.categories.join(' / ')}`);
  }
  lines.push(`${list.length} source${list.length === 1 ? '' : 's'}`);
  return lines;
}
