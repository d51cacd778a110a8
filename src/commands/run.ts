/**
 * `feedfold run`: one full refresh cycle under the data-directory lock, then
 * exit — for system cron (`*\/15 * * * * cd /srv/feedfold && npx feedfold run`).
 * If another feedfold (a server, a slow earlier run) holds the lock, it exits
 * at once with a message, or waits with `--wait`.
 *
 * SIGTERM / Ctrl-C stops fetching, still stores what was fetched, and exits;
 * a second one exits at once (store writes are atomic, so nothing stored is
 * lost either way).
 */
import type { Command } from 'commander';
import { ConfigError } from '../errors.js';
import { runCycle, type CycleOptions, type CycleStages, type CycleSummary } from '../schedule/cycle.js';
import { createCycleLog, type LogFormat } from '../schedule/cycle-log.js';
import { foldRun } from '../schedule/refold-events.js';
import type { DedupSession } from '../dedup/dedup-session.js';
import { withLock } from '../schedule/lock.js';
import type { Config } from '../config.js';
import type { CommandContext } from './context.js';
import { publishFeeds } from './publish.js';
import { loadSources } from './sources.js';

/**
 * The real dedup and publish stages of a cycle: the same refold as `ingest`, the same files as `publish`.
 * @param dedup a session kept by a long-lived process between its cycles
 */
export function pipelineStages(config: Config, dedup?: DedupSession): CycleStages {
  return {
    async foldEvents(store, changed) {
      await foldRun(store, changed, { days: config.retentionDays }, dedup);
    },
    async publish(store) {
      await publishFeeds(store, config, config.feedsDir);
    },
  };
}

export interface CycleRunOptions extends Omit<CycleOptions, 'onSource'> {
  log: LogFormat;
  /** Wait this long for the lock, ms; 0 = give up at once. */
  wait?: number;
  purpose?: string;
}

/** One cycle with the store open and the lock held; what `run` does once and `serve` does on each tick. */
export async function runCycleUnderLock(ctx: CommandContext, stages: CycleStages, options: CycleRunOptions): Promise<CycleSummary> {
  const config = ctx.config();
  const log = createCycleLog(options.log, process.stdout, process.stderr.isTTY ? process.stderr : null);
  return withLock(
    config.dataDir,
    async () => {
      const store = await ctx.openStore();
      try {
        await loadSources(store);
        const summary = await runCycle(store, stages, { limits: config.limits, allowPrivateHosts: config.allowPrivateHosts, ...options, onSource: log.source });
        log.summary(summary);
        return summary;
      } finally {
        await store.close();
      }
    },
    { wait: options.wait ?? 0, purpose: options.purpose ?? 'run' },
  );
}

export function register(program: Command, ctx: CommandContext): void {
  program
    .command('run')
    .description('fetch the sources that are due, fold new items into events, re-publish, and exit (for cron)')
    .option('--force', 'fetch every source now, due or not')
    .option('--wait <seconds>', 'wait this long for a running feedfold to finish instead of exiting', '0')
    .option('--log <format>', 'json: one JSON line per source (for logs); text: progress and a summary', 'auto')
    .option('--jitter <seconds>', 'each host starts after a random delay below this', '3')
    .action(async (options: { force?: boolean; wait: string; log: string; jitter: string }) => {
      const wait = seconds('--wait', options.wait);
      const jitter = seconds('--jitter', options.jitter);
      const log: LogFormat =
        options.log === 'auto' ? (process.stderr.isTTY ? 'text' : 'json') : options.log === 'json' || options.log === 'text' ? options.log : badLog(options.log);

      const controller = new AbortController();
      const stop = (signal: NodeJS.Signals) => {
        if (controller.signal.aborted) {
          console.error(`${signal} again: exiting now`);
          process.exit(130);
        }
        console.error(`${signal}: stopping after storing what was fetched (send again to exit at once)`);
        controller.abort();
      };
      process.on('SIGTERM', stop);
      process.on('SIGINT', stop);
      try {
        await runCycleUnderLock(ctx, pipelineStages(ctx.config()), {
          log,
          wait: wait * 1000,
          jitterMs: jitter * 1000,
          signal: controller.signal,
          ...(options.force ? { force: true } : {}),
        });
      } finally {
        process.off('SIGTERM', stop);
        process.off('SIGINT', stop);
      }
    });
}

function seconds(option: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new ConfigError(`${option} must be a number of seconds, got "${value}"`);
  return n;
}

function badLog(value: string): never {
  throw new ConfigError(`--log must be json, text or auto, got "${value}"`);
}
