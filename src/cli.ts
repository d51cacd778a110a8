#!/usr/bin/env node
/**
 * The `feedfold` command line: declares the commands, resolves the config
 * and hands over to the command modules. A command's code (and the pipeline
 * behind it) is loaded only when that command runs, so `--help` and
 * `--version` answer at once. No pipeline logic lives here.
 */
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { loadConfig, type Config } from './config.js';
import { ConfigError, SourceError, StoreError, describeError } from './errors.js';
import { EXIT_BUG, EXIT_NOT_DONE } from './commands/exit-status.js';
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
import type { Workspace } from './use-cases/workspace.js';

const program = new Command()
  .name('feedfold')
  .description('Fold the same story from many outlets into one event, and republish it as Atom, RSS and JSON Feed.')
  .version(packageVersion(), '-V, --version', 'print the version of feedfold')
  .option('--data <dir>', 'data directory (env FEEDFOLD_DATA, default ./data)')
  .showHelpAfterError();

let config: Config | undefined;
const workspace: Workspace = {
  config() {
    config ??= loadConfig({ data: program.opts<{ data?: string }>().data });
    return config;
  },
  async openStore() {
    const { openLowdbStore } = await import('./store/lowdb-store.js');
    const dir = workspace.config().dataDir;
    // A mistyped --data would otherwise pass for an empty store.
    return openLowdbStore(dir, { onCreate: () => console.error(`feedfold: created a new store at ${dir}`) });
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
  register(program, workspace);
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // Expected failures get one clear line; anything else is a bug and keeps its stack.
  if (error instanceof ConfigError || error instanceof StoreError || error instanceof SourceError) {
    console.error(`feedfold: ${describeError(error)}`);
    process.exitCode = EXIT_NOT_DONE;
  } else {
    console.error(error);
    process.exitCode = EXIT_BUG;
  }
}

/** The version in feedfold's own package.json, found above this file wherever it was built to. */
function packageVersion(): string {
  for (const path of ['../package.json', '../../package.json']) {
    try {
      const json = JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (json.name === 'feedfold' && json.version) return json.version;
    } catch {
      // Not at this depth: src/cli.ts runs from dist/src/, one level deeper than from src/.
    }
  }
  return 'unknown';
}
