/**
 * `feedfold run`: one refresh cycle under the data-directory lock, then exit
 * — for system cron (`*\/15 * * * * cd /srv/feedfold && npx feedfold run`).
 * If another feedfold (a server, a slow earlier run) holds the lock, it exits
 * with status 2 and a message, or waits with `--wait`. Exit status 1 when
 * some sources failed (the others were stored).
 *
 * SIGTERM / Ctrl-C stops fetching, still stores what was fetched, and exits;
 * a second one exits at once (store writes are atomic, so nothing stored is
 * lost either way).
 */
import type { Command } from 'commander';
import { ConfigError } from '../errors.js';
import type { Workspace } from '../use-cases/workspace.js';
import { EXIT_SOME_FAILED } from './exit-status.js';
import { logFormat } from './log-format.js';

export function register(program: Command, workspace: Workspace): void {
  program
    .command('run')
    .description('fetch the sources that are due, fold new items into events, re-publish, and exit (for cron)')
    .option('--force', 'fetch every source now, due or not')
    .option('--wait <seconds>', 'wait this long for a running feedfold to finish instead of exiting', '0')
    .option('--log <format>', 'json: one JSON line per source (for logs); text: progress and a summary; auto: text on a terminal', 'auto')
    .option('--jitter <seconds>', 'each host starts after a random delay below this', '3')
    .action(async (options: { force?: boolean; wait: string; log: string; jitter: string }) => {
      const wait = seconds('--wait', options.wait);
      const jitter = seconds('--jitter', options.jitter);
      const format = logFormat(options.log);
      const [{ pipelineStages, runCycleUnderLock }, { createCycleLog }] = await Promise.all([
        import('../use-cases/refresh-cycle.js'),
        import('../use-cases/cycle-log.js'),
      ]);

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
        const summary = await runCycleUnderLock(workspace, pipelineStages(workspace.config()), {
          log: createCycleLog(format, process.stdout, process.stderr.isTTY ? process.stderr : null),
          wait: wait * 1000,
          jitterMs: jitter * 1000,
          signal: controller.signal,
          ...(options.force ? { force: true } : {}),
        });
        if (summary.reports.some((report) => report.status === 'error')) process.exitCode = EXIT_SOME_FAILED;
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
