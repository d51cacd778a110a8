/**
 * What every use case is given: the resolved config and a way to open the
 * store it names. The CLI builds one from its flags, the server and the tests
 * from their own config; the use cases never read flags or the environment.
 */
import type { Config } from '../config.js';
import type { Store } from '../store/store.js';

export interface Workspace {
  config(): Config;
  openStore(): Promise<Store>;
}

/** The workspace of a config: the default (lowdb) store under `config.dataDir`. */
export function workspaceOf(config: Config): Workspace {
  return {
    config: () => config,
    async openStore() {
      const { openLowdbStore } = await import('../store/lowdb-store.js');
      return openLowdbStore(config.dataDir);
    },
  };
}

/** Runs `work` with the workspace's store open, and closes it however `work` ends. */
export async function withStore<T>(workspace: Workspace, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await workspace.openStore();
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
