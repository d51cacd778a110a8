/**
 * `feedfold publish [--out DIR] [--limit N]`: writes atom.xml, rss.xml and
 * feed.json from the stored events (use-cases/publish-feeds.ts).
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { ConfigError } from '../errors.js';
import { DEFAULT_ENTRY_LIMIT } from '../publish/entry-limit.js';
import type { Workspace } from '../use-cases/workspace.js';

export function register(program: Command, workspace: Workspace): void {
  program
    .command('publish')
    .description('write atom.xml, rss.xml and feed.json from the stored events (only files whose content changed)')
    .option('--out <dir>', 'folder to write to (env FEEDFOLD_FEEDS, default ./feeds)')
    .option('--limit <n>', `entries per feed, newest changes first (default ${DEFAULT_ENTRY_LIMIT})`)
    .action(async (options: { out?: string; limit?: string }) => {
      const limit = options.limit === undefined ? undefined : Number(options.limit);
      if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw new ConfigError(`--limit must be a whole number above 0, got "${options.limit}"`);
      const { publishWorkspace } = await import('../use-cases/publish-feeds.js');
      const summary = await publishWorkspace(workspace, { ...(options.out ? { dir: resolve(options.out) } : {}), ...(limit === undefined ? {} : { limit }) });
      console.log(
        `publish: ${summary.entries} entries to ${summary.dir} — written: ${summary.written.join(', ') || 'none'}; unchanged: ${summary.unchanged.join(', ') || 'none'}`,
      );
    });
}
