/**
 * `feedfold sources add URL|DIR [--name NAME] [--every 30m]`, `sources list`,
 * `sources remove ID`: the subscriptions kept in the store. Changes are made
 * under the data-directory lock so they cannot race a running cycle.
 *
 * A new store starts with the bundled `seeds/` folder as a source; once a user
 * has changed the list (even removed seeds/), it is never added back.
 */
import type { Command } from 'commander';
import { withLock } from '../schedule/lock.js';
import { readFetchState } from '../sources/fetch-schedule.js';
import {
  SOURCES_INITIALISED_STATE,
  addSource,
  bundledSeedsDir,
  formatEvery,
  newSourceRecord,
  parseEvery,
  removeSource,
} from '../sources/source-records.js';
import type { SourceRecord, Store } from '../store/store.js';
import type { CommandContext } from './context.js';

/** How long a sources/opml change waits for a running cycle to finish. */
export const CHANGE_LOCK_WAIT_MS = 120_000;

/** The stored sources, with the default seeds/ source put in on a store's first use. */
export async function loadSources(store: Store, now = new Date()): Promise<SourceRecord[]> {
  const sources = await store.listSources();
  if (await store.loadState<boolean>(SOURCES_INITIALISED_STATE)) return sources;
  const seeds = bundledSeedsDir();
  let result = sources;
  if (sources.length === 0 && seeds) {
    result = [newSourceRecord(seeds, { name: 'seeds' }, now)];
    await store.saveSources(result);
  }
  await store.saveState(SOURCES_INITIALISED_STATE, true);
  return result;
}

/** Runs a change to the source list with the store open, under the lock. */
export async function changeSources<T>(
  ctx: CommandContext,
  purpose: string,
  change: (store: Store, sources: SourceRecord[]) => Promise<T>,
): Promise<T> {
  const config = ctx.config();
  return withLock(
    config.dataDir,
    async () => {
      const store = await ctx.openStore();
      try {
        return await change(store, await loadSources(store));
      } finally {
        await store.close();
      }
    },
    { wait: CHANGE_LOCK_WAIT_MS, purpose, onWait: () => console.error('waiting for the running feedfold cycle to finish…') },
  );
}

export function register(program: Command, ctx: CommandContext): void {
  const sources = program.command('sources').description('manage the feeds and article folders feedfold polls');

  sources
    .command('add')
    .description('add a feed URL or a folder of article files')
    .argument('<location>', 'http(s) feed URL, or a folder path')
    .option('--name <name>', 'a name to show instead of the URL')
    .option('--every <interval>', 'poll interval: 30m, 2h, 1d', '30m')
    .action(async (location: string, options: { name?: string; every: string }) => {
      const every = parseEvery(options.every);
      const record = newSourceRecord(location, { name: options.name ?? null, every });
      await changeSources(ctx, 'sources add', async (store, list) => {
        await store.saveSources(addSource(list, record));
      });
      console.log(`added ${record.id}  ${record.kind}  ${record.location}  every ${formatEvery(record.every)}`);
    });

  sources
    .command('list')
    .description('list sources with their last fetch, status, error and item count')
    .option('--json', 'print the source records as JSON')
    .action(async (options: { json?: boolean }) => {
      const store = await ctx.openStore();
      try {
        const list = await loadSources(store);
        if (options.json) {
          process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
          return;
        }
        for (const line of formatSourceList(list)) console.log(line);
      } finally {
        await store.close();
      }
    });

  sources
    .command('remove')
    .description('stop polling a source (its stored items stay)')
    .argument('<id>', 'source id from `sources list` (or its URL / folder)')
    .action(async (id: string) => {
      const removed = await changeSources(ctx, 'sources remove', async (store, list) => {
        const result = removeSource(list, id);
        await store.saveSources(result.sources);
        return result.removed;
      });
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
