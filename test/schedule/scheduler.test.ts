import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { startScheduler } from '../../src/schedule/scheduler.js';

/** A schedule that does not fire while the test runs: cycles are started with runNow. */
const NEVER_DURING_TEST = { schedule: '0 0 1 1 *' };

describe('startScheduler', () => {
  it('never runs two cycles at once: a run requested during a cycle is skipped and reported', async () => {
    let release!: () => void;
    let started = 0;
    let skipped = 0;
    const scheduler = startScheduler(
      NEVER_DURING_TEST,
      async () => {
        started++;
        await new Promise<void>((resolve) => (release = resolve));
      },
      { onSkip: () => skipped++ },
    );
    const first = scheduler.runNow();
    expect(scheduler.running).toBe(true);
    expect(await scheduler.runNow()).toBe(false);
    expect(skipped).toBe(1);
    release();
    expect(await first).toBe(true);
    expect(scheduler.running).toBe(false);
    const second = scheduler.runNow();
    release();
    expect(await second).toBe(true);
    expect(started).toBe(2);
    await scheduler.stop();
  });

  it('stop waits for the running cycle, or aborts it when asked to abandon', async () => {
    let sawAbort = false;
    const scheduler = startScheduler(NEVER_DURING_TEST, (signal) =>
      new Promise<void>((resolve) => {
        signal.addEventListener('abort', () => {
          sawAbort = true;
          resolve();
        });
      }),
    );
    const run = scheduler.runNow();
    await scheduler.stop({ abandon: true });
    expect(sawAbort).toBe(true);
    expect(await run).toBe(true);
    expect(await scheduler.runNow()).toBe(false);
  });

  it('keeps going after a cycle throws, and reports the error', async () => {
    const errors: unknown[] = [];
    const scheduler = startScheduler(NEVER_DURING_TEST, async () => { throw new Error('store is read-only'); }, { onError: (e) => errors.push(e) });
    expect(await scheduler.runNow()).toBe(true);
    expect(await scheduler.runNow()).toBe(true);
    expect(errors).toHaveLength(2);
    await scheduler.stop();
  });

  it('rejects an invalid cron expression with a clear config error', () => {
    expect(() => startScheduler({ schedule: 'every 15 minutes' }, async () => undefined)).toThrow(ConfigError);
  });
});
