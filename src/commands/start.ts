/**
 * `feedfold start` (what `npm start` runs after building): ingests the
 * bundled seeds/ into an empty store (use-cases/seed-store.ts), then serves
 * like `feedfold serve`, with the refresh schedule running.
 */
import type { Command } from 'commander';
import type { Workspace } from '../use-cases/workspace.js';
import { failureLine } from './ingest.js';
import { serveCommand, serveUntilSignalled, type ServeFlags } from './serve.js';

export function register(program: Command, workspace: Workspace): void {
  serveCommand(program.command('start'), 'ingest the bundled seeds/ if the store is empty, then serve (what `npm start` runs)').action(async (flags: ServeFlags) => {
    const { seedIfEmpty } = await import('../use-cases/seed-store.js');
    const seeded = await seedIfEmpty(workspace);
    if (seeded) {
      console.error(`start: empty store, ingested seeds/: ${seeded.added} items added, ${seeded.failed.length} failed`);
      for (const failure of seeded.failed) console.error(failureLine(failure));
    }
    await serveUntilSignalled(workspace, flags);
  });
}
