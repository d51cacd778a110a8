/**
 * Serving: the Hono app on @hono/node-server, with the refresh cycle on
 * `config.schedule` inside.
 *
 * The feeds are reloaded after each cycle, and when the data directory
 * changes under the server (a cron `feedfold run`, a manual ingest), checked
 * every few seconds. Reads take the data-directory lock briefly, like a cycle,
 * so they never meet a half-done write or its temporary files.
 *
 * `close()` stops accepting connections, abandons the cycle in flight (what
 * it fetched is still stored) and closes the store. What the server has to say
 * (listening, reloads, cycles) goes to the `log` it is given; it prints nothing
 * itself.
 */
import { serve as serveNode, type ServerType } from '@hono/node-server';
import cron from 'node-cron';
import { ConfigError, describeError } from '../errors.js';
import { DedupSession } from '../dedup/dedup-session.js';
import { loadFeedEntries } from '../publish/load-entries.js';
import { createApp, type CycleStatus } from '../server/app.js';
import type { ReaderDeps } from '../server/reader/reader-app.js';
import { dataFingerprint } from '../server/data-fingerprint.js';
import { FeedLibrary } from '../server/feed-library.js';
import { LOCK_FILE, LockHeldError, withLock } from '../schedule/lock.js';
import { startScheduler, type Scheduler } from '../schedule/scheduler.js';
import { SILENT_CYCLE_LOG, type CycleLog } from './cycle-log.js';
import { pipelineStages, runCycleUnderLock } from './refresh-cycle.js';
import { withStore, type Workspace } from './workspace.js';

/** One thing the server has to say: `{ event: 'listening', url, … }`, `{ event: 'cycle-failed', reason }`… */
export type ServerEvent = { event: string } & Record<string, unknown>;

export interface ServeOptions {
  port: number;
  host: string;
  /** Run the refresh cycle on the schedule (and once at start). Default true. */
  schedule?: boolean;
  /** How often to look for changes made by other processes, ms. Default 5000. */
  watchMs?: number;
  /** Where the server's own events go (listening, reloads, failures). Default: nowhere. */
  log?: (event: ServerEvent) => void;
  /** Where each scheduled cycle reports its sources and summary. Default: nowhere. */
  cycleLog?: CycleLog;
}

export interface RunningServer {
  /** The port actually bound (useful with port 0). */
  port: number;
  library: FeedLibrary;
  close(): Promise<void>;
}

const READ_LOCK_WAIT_MS = 30_000;

export async function startServer(workspace: Workspace, options: ServeOptions): Promise<RunningServer> {
  const config = workspace.config();
  const log = options.log ?? (() => undefined);
  const library = new FeedLibrary({
    baseUrl: config.baseUrl,
    title: config.title,
    language: config.language,
    load: () =>
      withLock(
        config.dataDir,
        () => withStore(workspace, (store) => loadFeedEntries(store, config.baseUrl)),
        { wait: READ_LOCK_WAIT_MS, purpose: 'serve: reading feeds' },
      ),
  });
  await library.refresh();
  let fingerprint = await dataFingerprint(config.dataDir, [LOCK_FILE]);
  // The reader reads this store instance; it is reopened whenever the data changes under it.
  let readerStore = await workspace.openStore();

  let lastCycle: CycleStatus | null = null;
  const reload = async (why: string) => {
    try {
      if (await library.refresh()) log({ event: 'feeds-reloaded', reason: why, entries: library.snapshot.entries.length });
      const previousStore = readerStore;
      readerStore = await withLock(config.dataDir, () => workspace.openStore(), { wait: READ_LOCK_WAIT_MS, purpose: 'serve: reading' });
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
          await runCycleUnderLock(workspace, pipelineStages(config, dedup), { log: options.cycleLog ?? SILENT_CYCLE_LOG, wait: 0, signal, purpose: 'serve' });
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
  const reader: ReaderDeps = {
    store: () => readerStore,
    config,
    adminToken: config.adminToken ?? undefined,
    // Source changes go to a fresh store under the lock, so they never overwrite what a cycle just stored.
    exclusive: (change) =>
      withLock(
        config.dataDir,
        () => withStore(workspace, change),
        { wait: READ_LOCK_WAIT_MS, purpose: 'reader: changing sources' },
      ),
  };
  const app = createApp({
    library,
    lastCycle: () => lastCycle,
    nextRefreshAt,
    reader,
    onBug: (error, c) => log({ event: 'request-failed', path: c.req.path, reason: describeError(error), stack: error instanceof Error ? error.stack : undefined }),
  });
  const { server, port } = await listen(app.fetch, options);
  log({ event: 'listening', url: openableUrl(options.host, port), host: options.host, port, entries: library.snapshot.entries.length });

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

/**
 * The address as a person can open it: a server on loopback or on every
 * interface is reached at localhost on this machine.
 */
export function openableUrl(host: string, port: number): string {
  const local = host === '127.0.0.1' || host === '::1' || host === 'localhost' || host === '0.0.0.0' || host === '::';
  const shown = local ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}/`;
}
