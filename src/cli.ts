#!/usr/bin/env node
/**
 * The `feedfold` command line: parses arguments, resolves the config and
 * hands over to the command modules. No pipeline logic lives here.
 */
import { Command } from 'commander';
import { loadConfig, type Config } from './config.js';
import { ConfigError, SourceError, StoreError, describeError } from './errors.js';
import { openLowdbStore } from './store/lowdb-store.js';
import type { CommandContext } from './commands/context.js';
import { register as registerEvalDedup } from './commands/eval-dedup.js';
import { register as registerEvents } from './commands/events.js';
import { register as registerExplain } from './commands/explain.js';
import { register as registerIngest } from './commands/ingest.js';
import { register as registerItems } from './commands/items.js';
import { register as registerOpml } from './commands/opml.js';
import { register as registerPublish } from './commands/publish.js';
import { register as registerRun } from './commands/run.js';
import { register as registerServe } from './commands/serve.js';
import { register as registerSources } from './commands/sources.js';
import { register as registerStart } from './commands/start.js';

const program = new Command()
  .name('feedfold')
  .description('Fold the same story from many outlets into one event, and republish it as Atom, RSS and JSON Feed.')
  .option('--data <dir>', 'data directory (env FEEDFOLD_DATA, default ./data)')
  .showHelpAfterError();

let config: Config | undefined;
const ctx: CommandContext = {
  config() {
    config ??= loadConfig({ data: program.opts<{ data?: string }>().data });
    return config;
  },
  openStore() {
    return openLowdbStore(ctx.config().dataDir);
  },
};

for (const register of [
  registerIngest,
  registerItems,
  registerEvents,
  registerExplain,
  registerPublish,
  registerRun,
  registerServe,
  registerStart,
  registerSources,
  registerOpml,
  registerEvalDedup,
]) {
  register(program, ctx);
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // Expected failures get one clear line; anything else is a bug and keeps its stack.
  if (error instanceof ConfigError || error instanceof StoreError || error instanceof SourceError) {
    console.error(`feedfold: ${describeError(error)}`);
    process.exitCode = 2;
  } else {
    throw error;
  }
}
