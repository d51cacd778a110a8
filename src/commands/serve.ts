/**
 * `feedfold serve [--port 8080] [--host 127.0.0.1]`: the Hono app on
 * @hono/node-server, with the refresh cycle on `config.schedule` inside.
 *
 * The feeds are reloaded after each cycle, and when the data directory
 * changes under the server (a cron `feedfold run`, a manual ingest), checked
 * every few seconds. Reads take the data-directory lock briefly, like a cycle,
 * so they never meet a half-done write or its temporary files.
 *
 * SIGINT/SIGTERM: stop accepting connections, abandon the cycle in flight
 * (what it fetched is still stored), close, exit; a second signal exits at once.
 */
import { serve as serveNode, type ServerType } from '@hono/node-server';
import type { Command } from 'commander';
import cron from 'node-cron';
import type { Config } from '../config.js';
import { ConfigError, describeError } from '../errors.js';
import { DedupSession } from '../dedup/dedup-session.js';
import { loadFeedEntries } from '../publish/load-entries.js';
import { createApp, type CycleStatus } from '../server/app.js';
import { dataFingerprint } from '../server/data-fingerprint.js';
import { FeedLibrary } from '../server/feed-library.js';
import { createReaderApp, readerNotFound } from '../server/reader/reader-app.js';
import { LOCK_FILE, LockHeldError, withLock } from '../schedule/lock.js';
import { startScheduler, type Scheduler } from '../schedule/scheduler.js';
import type { CommandContext } from './context.js';
import { pipelineStages, runCycleUnderLock } from './run.js';

export interface ServeOptions {
  port: number;
  host: string;
  /** Run the refresh cycle on the schedule (and once at start). Default true. */
  schedule?: boolean;
  /** How often to look for changes made by other processes, ms. Default 5000. */
  watchMs?: number;
}

export interface RunningServer {
  /** The port actually bound (useful with port 0). */
  port: number;
  library: FeedLibrary;
  close(): Promise<void>;
}

const READ_LOCK_WAIT_MS = 30_000;

export async function startServer(ctx: CommandContext, options: ServeOptions): Promise<RunningServer> {
  const config = ctx.config();
  const library = new FeedLibrary({
    baseUrl: config.baseUrl,
    title: config.title,
    language: config.language,
    load: () =>
      withLock(
        config.dataDir,
        async () => {
          const store = await ctx.openStore();
          try {
            return await loadFeedEntries(store, config.baseUrl);
          } finally {
            await store.close();
          }
        },
        { wait: READ_LOCK_WAIT_MS, purpose: 'serve: reading feeds' },
      ),
  });
  await library.refresh();
  let fingerprint = await dataFingerprint(config.dataDir, [LOCK_FILE]);
  // The reader reads this store instance; it is reopened whenever the data changes under it.
  let readerStore = await ctx.openStore();

  let lastCycle: CycleStatus | null = null;
  const reload = async (why: string) => {
    try {
      if (await library.refresh()) log({ event: 'feeds-reloaded', reason: why, entries: library.snapshot.entries.length });
      const previousStore = readerStore;
      readerStore = await withLock(config.dataDir, () => ctx.openStore(), { wait: READ_LOCK_WAIT_MS, purpose: 'serve: reading' });
      await previousStore.close();
      fingerprint = await dataFingerprint(config.dataDir, [LOCK_FILE]);
    } catch (error) {
      log({ event: 'feeds-reload-failed', reason: describeError(error) });
    }
  };

  let scheduler: Scheduler | null = null;
  // Kept across cycles: a cycle then profiles only what it fetched, not every stored item again.
  const dedup = new DedupSession();
  const nextRun = options.schedule === false ? null : cron.createTask(config.schedule, () => undefined);
  if (options.schedule !== false) {
    scheduler = startScheduler(
      config,
      async (signal) => {
        try {
          await runCycleUnderLock(ctx, pipelineStages(config, dedup), { log: 'json', wait: 0, signal, purpose: 'serve' });
          lastCycle = { finishedAt: new Date().toISOString(), ok: true };
        } catch (error) {
          lastCycle = { finishedAt: new Date().toISOString(), ok: error instanceof LockHeldError, error: describeError(error) };
          throw error;
        } finally {
          await reload('cycle');
        }
      },
      {
        onSkip: () => log({ event: 'cycle-skipped', reason: 'previous cycle still running' }),
        onError: (error) => log({ event: error instanceof LockHeldError ? 'cycle-skipped' : 'cycle-failed', reason: describeError(error) }),
      },
    );
    void scheduler.runNow();
  }

  // The check in flight, if any: a reload can wait for the lock longer than the interval, and close() must
  // wait for it, or it would reopen the reader's store after close() closed it and write the lock file into a
  // directory that may already be going away.
  let watching: Promise<void> | null = null;
  const watcher = setInterval(() => {
    if (watching) return;
    watching = dataFingerprint(config.dataDir, [LOCK_FILE])
      .then((current) => (current !== fingerprint && !scheduler?.running ? reload('data directory changed') : undefined))
      .catch((error: unknown) => log({ event: 'watch-failed', reason: describeError(error) }))
      .finally(() => (watching = null));
  }, options.watchMs ?? 5000);
  watcher.unref();

  // node-cron takes ~0.5 ms to work out the next run (measured), which would cap the server near 2000 req/s if
  // asked per request; the answer only changes once that time has passed. (`getNextRun()` answers null for a
  // task that is not started, and this one is only asked, never run.)
  let nextAt: Date | null = null;
  const nextRefreshAt = (): Date | null => {
    if (!nextRun) return null;
    if (!nextAt || nextAt.getTime() <= Date.now()) nextAt = nextRun.getNextRuns(1)[0] ?? null;
    return nextAt;
  };
  const reader = createReaderApp({
    store: () => readerStore,
    config,
    adminToken: config.adminToken ?? undefined,
    // Source changes go to a fresh store under the lock, so they never overwrite what a cycle just stored.
    exclusive: (change) =>
      withLock(
        config.dataDir,
        async () => {
          const store = await ctx.openStore();
          try {
            return await change(store);
          } finally {
            await store.close();
          }
        },
        { wait: READ_LOCK_WAIT_MS, purpose: 'reader: changing sources' },
      ),
  });
  const app = createApp({
    library,
    lastCycle: () => lastCycle,
    nextRefreshAt,
    pages: { app: reader, notFound: readerNotFound(config) },
  });
  const { server, port } = await listen(app.fetch, options);
  log({ event: 'listening', url: `http://${options.host}:${port}/`, entries: library.snapshot.entries.length });

  return {
    port,
    library,
    async close() {
      clearInterval(watcher);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Idle keep-alive connections would hold close() open until they time out.
        if ('closeIdleConnections' in server) server.closeIdleConnections();
      });
      await scheduler?.stop({ abandon: true });
      await watching;
      await nextRun?.destroy();
      await readerStore.close();
    },
  };
}

function listen(fetch: Parameters<typeof serveNode>[0]['fetch'], options: ServeOptions): Promise<{ server: ServerType; port: number }> {
  return new Promise((resolve, reject) => {
    const server = serveNode({ fetch, port: options.port, hostname: options.host }, (info) => resolve({ server, port: info.port }));
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new ConfigError(`port ${options.port} on ${options.host} is already in use (--port to choose another)`) : error),
    );
  });
}

function log(fields: Record<string, unknown>): void {
  console.log(JSON.stringify({ ...fields, time: new Date().toISOString() }));
}

/** Port and host from flags over the config, validated like the config. */
export function serveOptions(config: Config, flags: { port?: string; host?: string }): ServeOptions {
  const port = flags.port === undefined ? config.port : Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`--port must be an integer from 0 to 65535, got "${flags.port}"`);
  return { port, host: flags.host ?? config.host };
}

/** Runs until SIGINT/SIGTERM, then closes gracefully; a second signal exits at once. */
export async function serveUntilSignalled(server: RunningServer): Promise<void> {
  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) {
        console.error(`${signal} again: exiting now`);
        process.exit(130);
      }
      stopping = true;
      log({ event: 'stopping', signal });
      void server.close().then(resolve, (error: unknown) => {
        console.error(`feedfold: ${describeError(error)}`);
        process.exitCode = 1;
        resolve();
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  log({ event: 'stopped' });
}

export function register(program: Command, ctx: CommandContext): void {
  program
    .command('serve')
    .description('serve the feeds over HTTP and refresh the sources on the schedule (FEEDFOLD_SCHEDULE)')
    .option('--port <port>', 'port to listen on (env FEEDFOLD_PORT, default 8080)')
    .option('--host <host>', 'address to listen on (env FEEDFOLD_HOST, default 127.0.0.1)')
    .option('--no-schedule', 'serve only; leave refreshing to cron (`feedfold run`)')
    .action(async (flags: { port?: string; host?: string; schedule: boolean }) => {
      const server = await startServer(ctx, { ...serveOptions(ctx.config(), flags), schedule: flags.schedule });
      await serveUntilSignalled(server);
    });
}
