/**
 * The refresh schedule inside `feedfold serve`: node-cron fires on
 * `config.schedule`, and each tick runs one cycle unless the previous one is
 * still going (a slow cycle is never doubled up; the tick is skipped and said
 * so). Stopping waits for the cycle in flight, or cuts it short when asked.
 *
 * It does not know what a cycle does (the caller passes it, with the lock) and
 * does not handle signals itself (the serve command decides what SIGTERM means).
 */
import cron from 'node-cron';
import type { Config } from '../config.js';
import { ConfigError } from '../errors.js';

export interface Scheduler {
  /** Run a cycle now (at start-up, or on demand); false when one is already running. */
  runNow(): Promise<boolean>;
  /** Stop firing; waits for a running cycle, after aborting it when `abandon` is set. */
  stop(options?: { abandon?: boolean }): Promise<void>;
  readonly running: boolean;
}

export interface SchedulerOptions {
  /** A tick found the previous cycle still running. */
  onSkip?: () => void;
  /** A cycle threw; the scheduler keeps going. */
  onError?: (error: unknown) => void;
}

export function startScheduler(
  config: Pick<Config, 'schedule'>,
  runCycle: (signal: AbortSignal) => Promise<void>,
  options: SchedulerOptions = {},
): Scheduler {
  if (!cron.validate(config.schedule)) {
    throw new ConfigError(`FEEDFOLD_SCHEDULE is not a valid cron expression: "${config.schedule}"`);
  }
  let current: Promise<void> | null = null;
  let controller: AbortController | null = null;
  let stopped = false;

  const runNow = async (): Promise<boolean> => {
    if (stopped) return false;
    if (current) {
      options.onSkip?.();
      return false;
    }
    controller = new AbortController();
    current = runCycle(controller.signal)
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        current = null;
        controller = null;
      });
    await current;
    return true;
  };

  const task = cron.schedule(config.schedule, () => void runNow(), { name: 'feedfold-refresh', noOverlap: true });

  return {
    runNow,
    get running() {
      return current !== null;
    },
    async stop({ abandon = false } = {}) {
      stopped = true;
      await task.stop();
      await task.destroy();
      if (abandon) controller?.abort();
      await current;
    },
  };
}
