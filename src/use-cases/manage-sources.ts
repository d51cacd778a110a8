/**
 * The subscriptions kept in the store: loading them (with the default seeds/
 * source a new store starts with) and changing them under the data-directory
 * lock, so a change cannot race a running cycle.
 *
 * A new store starts with the bundled `seeds/` folder as a source; once a user
 * has changed the list (even removed seeds/), it is never added back.
 */
import { readFile } from 'node:fs/promises';
import { SourceError } from '../errors.js';
import { withLock } from '../schedule/lock.js';
import { decodeDocument } from '../sources/decode-charset.js';
import { parseOpml, renderOpml } from '../sources/opml.js';
import { opmlFromSources, sourcesFromOpml, type OpmlImportSummary } from '../sources/opml-subscriptions.js';
import { SOURCES_INITIALISED_STATE, addSource, bundledSeedsDir, newSourceRecord, removeSource } from '../sources/source-records.js';
import type { SourceRecord, Store } from '../store/store.js';
import { withStore, type Workspace } from './workspace.js';

/** How long a sources/opml change waits for a running cycle to finish. */
export const CHANGE_LOCK_WAIT_MS = 120_000;

/** The stored sources, with the default seeds/ source put in on a store's first use. */
export async function loadSources(store: Store, now = new Date()): Promise<SourceRecord[]> {
  const sources = await store.listSources();
  if (await store.loadState<boolean>(SOURCES_INITIALISED_STATE)) return sources;
  const seeds = bundledSeedsDir();
  let result = sources;
  if (sources.length === 0 && seeds) {
    result = [newSourceRecord(seeds, { name: 'seeds' }, now)];
    await store.saveSources(result);
  }
  await store.saveState(SOURCES_INITIALISED_STATE, true);
  return result;
}

/** The workspace's sources, read without the lock (a listing may be a cycle old). */
export function listWorkspaceSources(workspace: Workspace): Promise<SourceRecord[]> {
  return withStore(workspace, (store) => loadSources(store));
}

/**
 * Runs a change to the source list with the store open, under the lock.
 * @param onWait called once when a running cycle holds the lock and the change waits for it
 */
export async function changeSources<T>(
  workspace: Workspace,
  purpose: string,
  change: (store: Store, sources: SourceRecord[]) => Promise<T>,
  onWait?: () => void,
): Promise<T> {
  return withLock(
    workspace.config().dataDir,
    () => withStore(workspace, async (store) => change(store, await loadSources(store))),
    { wait: CHANGE_LOCK_WAIT_MS, purpose, ...(onWait ? { onWait } : {}) },
  );
}

/** Subscribes to a feed URL or an article folder; a source already there is a ConfigError. */
export async function subscribe(
  workspace: Workspace,
  location: string,
  options: { name?: string | null; every?: number },
  onWait?: () => void,
): Promise<SourceRecord> {
  const record = newSourceRecord(location, { name: options.name ?? null, ...(options.every === undefined ? {} : { every: options.every }) });
  await changeSources(workspace, 'sources add', async (store, list) => store.saveSources(addSource(list, record)), onWait);
  return record;
}

/** Stops polling a source (by id or location); its stored items stay. */
export function unsubscribe(workspace: Workspace, idOrLocation: string, onWait?: () => void): Promise<SourceRecord> {
  return changeSources(
    workspace,
    'sources remove',
    async (store, list) => {
      const result = removeSource(list, idOrLocation);
      await store.saveSources(result.sources);
      return result.removed;
    },
    onWait,
  );
}

/** Subscribes to every feed of an OPML file that is not subscribed yet. */
export async function importOpmlFile(workspace: Workspace, file: string, onWait?: () => void): Promise<OpmlImportSummary> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (cause) {
    throw new SourceError(file, 'io', `cannot read: ${(cause as Error).message}`, { cause });
  }
  const document = parseOpml(decodeDocument(bytes, null, file).text, file);
  return changeSources(
    workspace,
    'opml import',
    async (store, list) => {
      const result = sourcesFromOpml(document, list);
      if (result.added.length > 0) await store.saveSources([...list, ...result.added]);
      return result;
    },
    onWait,
  );
}

/** The feed sources as an OPML 2.0 document, and how many folder sources it leaves out (they have no URL). */
export async function exportOpml(workspace: Workspace, now = new Date()): Promise<{ text: string; foldersLeftOut: number }> {
  const list = await listWorkspaceSources(workspace);
  const text = renderOpml(opmlFromSources(list, `${workspace.config().title} subscriptions`), { dateCreated: now });
  return { text, foldersLeftOut: list.filter((source) => source.kind === 'folder').length };
}
