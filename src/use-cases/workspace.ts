/** What every command gets from the CLI: the resolved config and a way to open the store. */
import type { Config } from '../config.js';
import type { Store } from '../store/store.js';

export interface CommandContext {
  config(): Config;
  openStore(): Promise<Store>;
}
