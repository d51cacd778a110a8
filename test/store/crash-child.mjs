// Child process of crash-safety.test.ts: runs ingest cycles over fixed batches
// of corpus files until it is killed, printing `done <cycle>` after each
// completed cycle. Usage: node crash-child.mjs DATA_DIR BATCHES_JSON FIRST_CYCLE
import { ingestPaths } from '../../dist/src/use-cases/ingest-paths.js';
import { withLock } from '../../dist/src/schedule/lock.js';
import { openLowdbStore } from '../../dist/src/store/lowdb-store.js';

const [dataDir, batchesJson, first] = process.argv.slice(2);
const batches = JSON.parse(batchesJson);
for (let cycle = Number(first); cycle < batches.length; cycle += 1) {
  await withLock(dataDir, async () => {
    const store = await openLowdbStore(dataDir);
    const summary = await ingestPaths(store, batches[cycle]);
    if (summary.failed.length > 0) throw new Error(`cycle ${cycle}: ${JSON.stringify(summary.failed)}`);
  }, { wait: 10_000, purpose: 'crash-test' });
  process.stdout.write(`done ${cycle}\n`);
}
process.stdout.write('finished\n');
