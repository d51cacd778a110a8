/**
 * The first-run step of `feedfold start` (what `npm start` runs): a store
 * without items gets the bundled seeds/ articles, so the feeds have something
 * in them. A store that already has items is left as it is.
 */
import { ConfigError } from '../errors.js';
import { withLock } from '../schedule/lock.js';
import { bundledSeedsDir } from '../sources/source-records.js';
import { ingestPaths, type IngestSummary } from './ingest-paths.js';
import { withStore, type Workspace } from './workspace.js';

/** Ingests the seeds when the store is empty; null when it already had items. */
export async function seedIfEmpty(workspace: Workspace, seedsDir = bundledSeedsDir()): Promise<IngestSummary | null> {
  if (!seedsDir) throw new ConfigError('cannot find the seeds/ folder beside package.json');
  return withLock(
    workspace.config().dataDir,
    () =>
      withStore(workspace, async (store) => {
        if ((await store.listItems()).length > 0) return null;
        return ingestPaths(store, [seedsDir], { retentionDays: workspace.config().retentionDays });
      }),
    { wait: 30_000, purpose: 'start: seeding an empty store' },
  );
}
