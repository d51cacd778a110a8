/**
 * Shutting the server down while its data-directory watcher is reloading: a
 * cron run changed the store, the watcher saw it and is waiting for the lock
 * to reopen the reader's store. close() must wait for that reload, or the
 * reload opens a store after close() has closed the last one (leaked, and the
 * lock file written into a directory the caller may be removing).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { workspaceOf, type Workspace } from '../../src/use-cases/workspace.js';
import { startServer } from '../../src/use-cases/serve.js';
import { acquireLock } from '../../src/schedule/lock.js';
import { openLowdbStore } from '../../src/store/lowdb-store.js';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('startServer().close()', () => {
  it('waits for a reload in flight, so every store it opened is closed', async () => {
    dir = await mkdtemp(join(tmpdir(), 'feedfold-serve-close-'));
    const config = loadConfig({ data: join(dir, 'data'), out: join(dir, 'feeds') }, {}, dir);
    const open = new Set<object>();
    const ctx: Workspace = {
      config: () => config,
      openStore: async () => {
        const store = await openLowdbStore(config.dataDir);
        open.add(store);
        const close = store.close.bind(store);
        store.close = async () => {
          open.delete(store);
          await close();
        };
        return store;
      },
    };
    const server = await startServer(ctx, { port: 0, host: '127.0.0.1', schedule: false, watchMs: 20 });
    expect(open.size).toBe(1);

    // Another writer holds the lock and changes the data directory; the watcher sees it and waits for the lock.
    const release = await acquireLock(config.dataDir, { purpose: 'test: a cron run' });
    await writeFile(join(config.dataDir, 'changed-by-cron'), 'x');
    await delay(200);
    const closed = server.close();
    await delay(100);
    await release();
    await closed;

    await delay(300);
    expect(open.size).toBe(0);
  }, 30_000);
});
