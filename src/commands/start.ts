/**
 * `feedfold start` (what `npm start` runs after building): the first-run path
 * of the README. When the store has no items yet it ingests the bundled
 * seeds/ articles, so the feeds have something in them, then serves on the
 * configured port (8080) with the refresh schedule running. A store that
 * already has items is left as it is.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { ConfigError } from '../errors.js';
import { withLock } from '../schedule/lock.js';
import type { CommandContext } from './context.js';
import { ingestPaths, type IngestSummary } from './ingest.js';
import { serveOptions, serveUntilSignalled, startServer } from './serve.js';

/** The seeds/ folder shipped with feedfold (beside package.json, wherever it was built to). */
export function bundledSeedsDir(from = fileURLToPath(import.meta.url)): string {
  for (let dir = dirname(from); dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'seeds'))) return join(dir, 'seeds');
  }
  throw new ConfigError(`cannot find the seeds/ folder above ${from}`);
}

/** Ingests the seeds when the store is empty; null when it already had items. */
export async function seedIfEmpty(ctx: CommandContext, seedsDir = bundledSeedsDir()): Promise<IngestSummary | null> {
  return withLock(
    ctx.config().dataDir,
    async () => {
      const store = await ctx.openStore();
      try {
        if ((await store.listItems()).length > 0) return null;
        return await ingestPaths(store, [seedsDir]);
      } finally {
        await store.close();
      }
    },
    { wait: 30_000, purpose: 'start: seeding an empty store' },
  );
}

export function register(program: Command, ctx: CommandContext): void {
  program
    .command('start')
    .description('ingest the bundled seeds/ if the store is empty, then serve (what `npm start` runs)')
    .option('--port <port>', 'port to listen on (env FEEDFOLD_PORT, default 8080)')
    .option('--host <host>', 'address to listen on (env FEEDFOLD_HOST, default 127.0.0.1)')
    .action(async (flags: { port?: string; host?: string }) => {
      const seeded = await seedIfEmpty(ctx);
      if (seeded) {
        console.log(`start: empty store, ingested seeds/: ${seeded.added} items added, ${seeded.failed.length} failed`);
        for (const failure of seeded.failed) console.error(`failed: ${failure.source}: ${failure.reason}`);
      }
      const server = await startServer(ctx, serveOptions(ctx.config(), flags));
      await serveUntilSignalled(server);
    });
}
