/**
 * One refresh cycle: fetch the sources that are due → store their items in one
 * write → save each source's fetch state → fold the changed items into events
 * → re-publish. Used by `feedfold run` (once, under the lock) and by the
 * scheduler inside `feedfold serve`.
 *
 * Politeness: a bounded number of hosts are fetched at once, one request at a
 * time per host with a pause between them, and a random start delay per host
 * so many feedfolds (or many sources of one) do not all hit at the same second.
 *
 * Stopping (the signal) abandons fetches in flight and starts no new ones, but
 * what was already fetched is still stored, folded and published, and an
 * abandoned source keeps its old state, so nothing is lost or mis-recorded.
 *
 * `runCycle` does not take the lock and knows dedup and publish only as the
 * two functions it is given; `runCycleUnderLock` is the cycle as `feedfold
 * run` and the server's schedule run it, with the real stages.
 */
import { describeError } from '../errors.js';
import type { Item } from '../item.js';
import type { SourceRecord, Store } from '../store/store.js';
import { refreshFolderSource } from '../sources/folder-source.js';
import { EMPTY_FETCH_STATE, isDue, nextFetchAt, readFetchState, withFetchState, type FetchState } from '../sources/fetch-schedule.js';
import type { FetchFeedOptions } from '../sources/fetch-feed.js';
import type { AllowList } from '../sources/address-guard.js';
import { refreshFeedSource, type FeedParser } from '../sources/source-feed.js';
import type { Config } from '../config.js';
import type { DedupSession } from '../dedup/dedup-session.js';
import { withLock } from '../schedule/lock.js';
import type { CycleLog } from './cycle-log.js';
import { foldRun } from './fold-events.js';
import { loadSources } from './manage-sources.js';
import { publishFeeds } from './publish-feeds.js';
import { withStore, type Workspace } from './workspace.js';

export interface CycleStages {
  /** Dedup: fold these new or changed items (by id) into the stored events. */
  foldEvents(store: Store, changed: ReadonlyMap<string, Item>): Promise<void>;
  /** Write the static feeds from the stored events. */
  publish(store: Store): Promise<void>;
}

export interface CycleOptions {
  now?: () => Date;
  signal?: AbortSignal;
  /** Hosts fetched at the same time. Default 4. */
  concurrency?: number;
  /** Pause between two requests to the same host, ms. Default 1000. */
  hostDelayMs?: number;
  /** Each host starts after a random delay below this, ms. Default 3000. */
  jitterMs?: number;
  /** Fetch every source, due or not. */
  force?: boolean;
  fetch?: Pick<FetchFeedOptions, 'timeoutMs' | 'maxBytes' | 'maxRedirects'>;
  /** One report per source, as soon as it is done (structured log, progress). */
  onSource?: (report: SourceReport, done: number, total: number) => void;
  random?: () => number;
  parse?: FeedParser;
  /** Per-feed bounds (config.limits); `fetch` overrides the fetch ones. */
  limits?: Partial<Config['limits']>;
  /** Private hosts that remotely added sources may reach (config.allowPrivateHosts). */
  allowPrivateHosts?: AllowList;
}

export interface SourceReport {
  time: string;
  source: string;
  kind: SourceRecord['kind'];
  location: string;
  name: string | null;
  status: 'ok' | 'not-modified' | 'error' | 'abandoned';
  /** Items produced (new or changed files for folders). */
  items: number;
  /** Files that could not be read (folders). */
  failedFiles: number;
  error: { kind: string; message: string } | null;
  durationMs: number;
  nextFetchAt: string | null;
  /** Set when a permanent redirect moved the source. */
  movedTo?: string;
}

export interface CycleSummary {
  sources: number;
  due: number;
  reports: SourceReport[];
  added: number;
  updated: number;
  unchanged: number;
  /** The cycle was stopped before every due source was fetched. */
  abandoned: boolean;
}

interface SourceOutcome {
  report: SourceReport;
  items: Item[];
  /** The record to save, or null to keep the stored one (abandoned). */
  record: SourceRecord | null;
}

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
  log: CycleLog;
  /** Wait this long for the lock, ms; 0 = give up at once. */
  wait?: number;
  purpose?: string;
}

/** One cycle with the store open and the lock held; what `run` does once and `serve` does on each tick. */
export async function runCycleUnderLock(workspace: Workspace, stages: CycleStages, options: CycleRunOptions): Promise<CycleSummary> {
  const config = workspace.config();
  const { log, wait, purpose, ...cycle } = options;
  return withLock(
    config.dataDir,
    () =>
      withStore(workspace, async (store) => {
        await loadSources(store);
        const summary = await runCycle(store, stages, { limits: config.limits, allowPrivateHosts: config.allowPrivateHosts, ...cycle, onSource: log.source });
        log.summary(summary);
        return summary;
      }),
    { wait: wait ?? 0, purpose: purpose ?? 'run' },
  );
}

export async function runCycle(store: Store, stages: CycleStages, options: CycleOptions = {}): Promise<CycleSummary> {
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const sources = await store.listSources();
  const started = now();
  const due = sources.filter((source) => options.force || isDue(readFetchState(source.state), started));

  // Group by host so each host sees one request at a time.
  const groups = new Map<string, SourceRecord[]>();
  for (const source of due) {
    const key = hostKey(source);
    groups.set(key, [...(groups.get(key) ?? []), source]);
  }
  const queue = [...groups.values()];
  const outcomes: SourceOutcome[] = [];
  let done = 0;

  const worker = async () => {
    for (let group = queue.shift(); group; group = queue.shift()) {
      await pause(random() * (options.jitterMs ?? 3000), options.signal);
      for (const [index, source] of group.entries()) {
        if (index > 0) await pause(options.hostDelayMs ?? 1000, options.signal);
        const outcome = options.signal?.aborted ? abandoned(source, now()) : await refresh(source, options, now);
        outcomes.push(outcome);
        done++;
        options.onSource?.(outcome.report, done, due.length);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 4, queue.length)) }, worker));

  const items = new Map<string, Item>();
  for (const outcome of outcomes) for (const item of outcome.items) items.set(item.id, item);
  // Items, the sources' fetch state and the events go out in one write: a crash leaves all or none, so a
  // 304 can never hide items that were not stored.
  const result = await store.batch(async () => {
    const stored = await store.upsertItems([...items.values()], now());
    const records = new Map(outcomes.flatMap((o) => (o.record ? [[o.record.id, o.record] as const] : [])));
    if (records.size > 0) {
      // Re-read so a source added or removed while we fetched is not undone.
      const current = await store.listSources();
      await store.saveSources(current.map((source) => records.get(source.id) ?? source));
    }
    const changed = new Map<string, Item>();
    for (const id of [...stored.added, ...stored.updated]) {
      const item = items.get(id);
      if (item) changed.set(id, item);
    }
    if (changed.size > 0) await stages.foldEvents(store, changed);
    return stored;
  });
  await stages.publish(store);

  return {
    sources: sources.length,
    due: due.length,
    reports: outcomes.map((o) => o.report),
    added: result.added.length,
    updated: result.updated.length,
    unchanged: result.unchanged.length,
    abandoned: outcomes.some((o) => o.report.status === 'abandoned'),
  };
}

async function refresh(source: SourceRecord, options: CycleOptions, now: () => Date): Promise<SourceOutcome> {
  const started = now();
  if (source.kind === 'feed') {
    const refreshed = await refreshFeedSource(source, {
      now,
      fetch: { ...options.fetch, ...(options.signal ? { signal: options.signal } : {}) },
      ...(options.parse ? { parse: options.parse } : {}),
      ...(options.limits ? { limits: options.limits } : {}),
      ...(options.allowPrivateHosts ? { allowPrivateHosts: options.allowPrivateHosts } : {}),
    });
    // A fetch cut short by shutdown says nothing about the source: keep its old state.
    if (refreshed.status === 'error' && options.signal?.aborted) return abandoned(source, started);
    const state = readFetchState(refreshed.record.state);
    return {
      items: refreshed.items,
      record: refreshed.record,
      report: {
        ...reportBase(source, started, now()),
        status: refreshed.status,
        items: refreshed.items.length,
        error: refreshed.error ? { kind: refreshed.error.kind, message: refreshed.error.message } : null,
        nextFetchAt: state.nextFetchAt,
        ...(refreshed.record.location !== source.location ? { movedTo: refreshed.record.location } : {}),
      },
    };
  }

  const previous = readFetchState(source.state);
  try {
    const refreshed = await refreshFolderSource(source);
    const finished = now();
    const next = nextFetchAt(previous, { kind: 'ok', maxAgeSeconds: null, ttlMinutes: null }, finished, source.every);
    const first = refreshed.failed[0];
    const state: FetchState = {
      ...previous,
      lastFetchAt: finished.toISOString(),
      lastSuccessAt: finished.toISOString(),
      lastStatus: 'ok',
      lastError: first
        ? { kind: 'io', message: `${refreshed.failed.length} file(s) could not be read; first: ${first.origin}: ${first.reason}` }
        : null,
      failures: 0,
      nextFetchAt: next.nextFetchAt.toISOString(),
      itemCount: Object.keys(refreshed.files).length,
    };
    return {
      items: refreshed.items,
      record: { ...source, state: { ...withFetchState(source.state, state), files: refreshed.files } },
      report: {
        ...reportBase(source, started, finished),
        status: 'ok',
        items: refreshed.items.length,
        failedFiles: refreshed.failed.length,
        error: state.lastError,
        nextFetchAt: state.nextFetchAt,
      },
    };
  } catch (error) {
    const finished = now();
    const next = nextFetchAt(previous, { kind: 'error', retryAfter: null }, finished, source.every);
    const lastError = { kind: 'io' as const, message: describeError(error) };
    const state: FetchState = {
      ...previous,
      lastFetchAt: finished.toISOString(),
      lastStatus: 'error',
      lastError,
      failures: next.failures,
      nextFetchAt: next.nextFetchAt.toISOString(),
    };
    return {
      items: [],
      record: { ...source, state: withFetchState(source.state, state) },
      report: { ...reportBase(source, started, finished), status: 'error', error: lastError, nextFetchAt: state.nextFetchAt },
    };
  }
}

function reportBase(source: SourceRecord, started: Date, finished: Date): SourceReport {
  return {
    time: finished.toISOString(),
    source: source.id,
    kind: source.kind,
    location: source.location,
    name: source.name,
    status: 'ok',
    items: 0,
    failedFiles: 0,
    error: null,
    durationMs: Math.max(0, finished.getTime() - started.getTime()),
    nextFetchAt: null,
  };
}

function abandoned(source: SourceRecord, at: Date): SourceOutcome {
  return {
    items: [],
    record: null,
    report: {
      ...reportBase(source, at, at),
      status: 'abandoned',
      nextFetchAt: readFetchState(source.state).nextFetchAt ?? EMPTY_FETCH_STATE.nextFetchAt,
    },
  };
}

function hostKey(source: SourceRecord): string {
  if (source.kind === 'folder') return `folder:${source.location}`;
  try {
    return new URL(source.location).host;
  } catch {
    return source.location;
  }
}

/** A delay that ends early when the cycle is stopped. */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
