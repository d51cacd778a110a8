/**
 * The default Store: one lowdb JSON document for item metadata, events and
 * sources, plus write-once content-addressed files for item bodies and one file
 * per stage state.
 *
 * lowdb rewrites its whole file on every write, so the main document holds
 * only what every run needs (no bodies, events as id lists) and a run's changes
 * go out in one write. Bodies never change once written: a changed body is a
 * new blob. Writes go through steno (temp file + rename), so a crash leaves
 * either the old or the new document, never half of one.
 *
 * It does not decide anything about items or events: callers hand it records.
 */
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, readdir, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';
import { eventMemberOf, type Event, type EventMember } from '../event.js';
import type { Item, ItemSummary } from '../item.js';
import { StoreError } from '../errors.js';
import type { SourceRecord, Store, UpsertResult } from './store.js';

const SCHEMA_VERSION = 1;

/** Events are kept as member id lists; members are rebuilt from the items on read. */
interface StoredEvent {
  id: string;
  aliases: string[];
  title: string;
  published: string | null;
  updated: string | null;
  itemIds: string[];
}

/**
 * An item summary as written: null and empty fields are left out, because at
 * 50k items every byte of the document costs write time on every run.
 */
type StoredItem = Partial<ItemSummary> & Pick<ItemSummary, 'id' | 'title' | 'outlet' | 'contentKey' | 'firstSeen' | 'lastChanged'>;

interface Document {
  version: number;
  /** Bumped on every write, so readers (the server) can tell that something changed. */
  revision: number;
  items: Record<string, StoredItem>;
  events: StoredEvent[];
  sources: SourceRecord[];
}

interface Body {
  contentHtml: string;
  contentText: string;
}

export interface LowdbStore extends Store {
  /** Path of the main document. */
  readonly file: string;
  /** Counter bumped on every write. */
  revision(): number;
}

export interface OpenOptions {
  /** Called when there was no store at `dataDir` and a new, empty one was made there. */
  onCreate?: () => void;
}

export async function openLowdbStore(dataDir: string, options: OpenOptions = {}): Promise<LowdbStore> {
  const file = join(dataDir, 'db.json');
  const contentDir = join(dataDir, 'content');
  const stateDir = join(dataDir, 'state');
  let created: string | undefined;
  try {
    // Every store has content/ from its first opening on (the lock file may have made the directory itself).
    created = await mkdir(contentDir, { recursive: true });
    await mkdir(stateDir, { recursive: true });
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const why = code === 'ENOTDIR' || code === 'EEXIST' ? 'it is a file, not a folder' : (cause as Error).message;
    throw new StoreError(dataDir, `cannot use ${dataDir} as the data directory: ${why}`, { cause });
  }
  await removeStaleTempFiles(dataDir);
  await removeStaleTempFiles(stateDir);

  const db = new Low<Document>(
    new DataFile<Document>(file, { parse: JSON.parse, stringify: (data) => JSON.stringify(data) }),
    emptyDocument(),
  );
  try {
    await db.read();
  } catch (cause) {
    // Never reset a store we cannot read: keep a copy and stop with the file named.
    const backup = await keepUnreadableCopy(file);
    throw new StoreError(
      file,
      `cannot read the store document ${file} (${(cause as Error).message}); ${backup ? `a copy was kept at ${backup}` : 'no copy could be kept'}. ` +
        'Restore it from a backup or move it away to start an empty store.',
      { cause },
    );
  }
  checkShape(db.data, file);
  if (created !== undefined) options.onCreate?.();

  // Inside batch(): writes are held back and made once when the outermost batch ends.
  let batchDepth = 0;
  let heldBack = false;

  async function persist(): Promise<void> {
    if (batchDepth > 0) {
      heldBack = true;
      return;
    }
    db.data.revision += 1;
    try {
      await db.write();
    } catch (cause) {
      db.data.revision -= 1;
      throw new StoreError(file, `cannot write the store document: ${(cause as Error).message}`, { cause });
    }
  }

  async function writeBody(item: Item): Promise<string> {
    const json = JSON.stringify({ contentHtml: item.contentHtml, contentText: item.contentText } satisfies Body);
    const key = createHash('sha256').update(json).digest('hex');
    const path = blobPath(contentDir, key);
    if (await exists(path)) return key;
    await mkdir(dirname(path), { recursive: true });
    const temp = `${path}.${process.pid}.tmp`;
    await writeFile(temp, json, 'utf8');
    await rename(temp, path);
    return key;
  }

  async function readBody(key: string): Promise<Body> {
    const path = blobPath(contentDir, key);
    try {
      return JSON.parse(await readFile(path, 'utf8')) as Body;
    } catch (cause) {
      throw new StoreError(path, `cannot read an item body: ${(cause as Error).message}`, { cause });
    }
  }

  function membersOf(stored: StoredEvent): EventMember[] {
    const members: EventMember[] = [];
    for (const id of stored.itemIds) {
      const record = db.data.items[id];
      if (record) members.push(eventMemberOf(expandItem(record)));
    }
    return members;
  }

  return {
    file,
    revision: () => db.data.revision,

    async listItems() {
      return Object.values(db.data.items).map(expandItem);
    },

    async getItems(ids) {
      const items: Item[] = [];
      for (const id of ids) {
        const stored = db.data.items[id];
        if (!stored) continue;
        const body = await readBody(stored.contentKey);
        const { contentKey: _key, firstSeen: _first, lastChanged: _changed, ...rest } = expandItem(stored);
        items.push({ ...rest, ...body });
      }
      return items;
    },

    async upsertItems(items, now = new Date()) {
      const result: UpsertResult = { added: [], updated: [], unchanged: [] };
      const stamp = now.toISOString();
      for (const item of items) {
        const contentKey = await writeBody(item);
        const previous = db.data.items[item.id];
        const { contentHtml: _html, contentText: _text, ...fields } = item;
        const summary = compactItem({
          ...fields,
          contentKey,
          firstSeen: previous?.firstSeen ?? stamp,
          lastChanged: previous?.lastChanged ?? stamp,
        });
        if (!previous) {
          result.added.push(item.id);
        } else if (sameRecord(previous, summary)) {
          result.unchanged.push(item.id);
          continue;
        } else {
          summary.lastChanged = stamp;
          result.updated.push(item.id);
        }
        db.data.items[item.id] = summary;
      }
      if (result.added.length + result.updated.length > 0) await persist();
      return result;
    },

    async listEvents() {
      return db.data.events.map((stored) => ({
        id: stored.id,
        aliases: [...stored.aliases],
        title: stored.title,
        published: stored.published,
        updated: stored.updated,
        items: membersOf(stored),
      }));
    },

    async saveEvents(events) {
      const next: StoredEvent[] = events.map((event) => ({
        id: event.id,
        aliases: [...event.aliases],
        title: event.title,
        published: event.published,
        updated: event.updated,
        itemIds: event.items.map((member) => member.id),
      }));
      if (JSON.stringify(next) === JSON.stringify(db.data.events)) return;
      db.data.events = next;
      await persist();
    },

    async listSources() {
      return structuredClone(db.data.sources);
    },

    async saveSources(sources) {
      db.data.sources = structuredClone([...sources]);
      await persist();
    },

    async loadState<T>(name: string) {
      const path = statePath(stateDir, name);
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw new StoreError(path, `cannot read state "${name}": ${(error as Error).message}`, { cause: error });
      }
      try {
        return JSON.parse(text) as T;
      } catch (cause) {
        throw new StoreError(path, `state "${name}" is not valid JSON: ${(cause as Error).message}`, { cause });
      }
    },

    async saveState(name, value) {
      const path = statePath(stateDir, name);
      const temp = join(stateDir, `.${name}.json.tmp`);
      try {
        await writeFile(temp, JSON.stringify(value), 'utf8');
        await rename(temp, path);
      } catch (cause) {
        await rm(temp, { force: true });
        throw new StoreError(path, `cannot write state "${name}": ${(cause as Error).message}`, { cause });
      }
    },

    async prune(cutoff) {
      const limit = cutoff.toISOString();
      // Retention counts from when feedfold stored an item, not from its date:
      // an archive ingested today is kept for the whole retention period.
      const keepEvent = (stored: StoredEvent) =>
        stored.itemIds.some((id) => (db.data.items[id]?.lastChanged ?? '') >= limit);
      const removedEvents = db.data.events.filter((stored) => !keepEvent(stored));
      const removed = new Set(removedEvents.flatMap((stored) => stored.itemIds));
      const inEvents = new Set(db.data.events.flatMap((stored) => stored.itemIds));
      for (const [id, item] of Object.entries(db.data.items)) {
        if (!inEvents.has(id) && item.lastChanged < limit) removed.add(id);
      }
      if (removed.size === 0) return [];
      db.data.events = db.data.events.filter(keepEvent);
      for (const id of removed) delete db.data.items[id];
      await persist();
      await removeUnreferencedBlobs(contentDir, new Set(Object.values(db.data.items).map((item) => item.contentKey)));
      return [...removed];
    },

    async batch(work) {
      batchDepth += 1;
      try {
        return await work();
      } finally {
        batchDepth -= 1;
        if (batchDepth === 0 && heldBack) {
          heldBack = false;
          await persist();
        }
      }
    },

    async close() {
      // Every write is awaited when it is made; nothing is buffered here.
    },
  };
}

function emptyDocument(): Document {
  return { version: SCHEMA_VERSION, revision: 0, items: {}, events: [], sources: [] };
}

function checkShape(data: Document, file: string): void {
  const ok =
    data !== null &&
    typeof data === 'object' &&
    data.version === SCHEMA_VERSION &&
    typeof data.items === 'object' &&
    Array.isArray(data.events) &&
    Array.isArray(data.sources);
  if (!ok) {
    throw new StoreError(file, `not a feedfold store document of version ${SCHEMA_VERSION}`);
  }
}

function compactItem(summary: ItemSummary): StoredItem {
  const stored: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(summary)) {
    if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    stored[key] = value;
  }
  return stored as StoredItem;
}

function expandItem(stored: StoredItem): ItemSummary {
  return {
    id: stored.id,
    origin: stored.origin ?? '',
    format: stored.format ?? '',
    guid: stored.guid ?? null,
    url: stored.url ?? null,
    title: stored.title,
    published: stored.published ?? null,
    author: stored.author ?? null,
    outlet: stored.outlet,
    categories: stored.categories ?? [],
    image: stored.image ?? null,
    media: stored.media ?? [],
    related: stored.related ?? [],
    lang: stored.lang ?? '',
    contentHash: stored.contentHash ?? '',
    fetchedAt: stored.fetchedAt ?? null,
    contentKey: stored.contentKey,
    firstSeen: stored.firstSeen,
    lastChanged: stored.lastChanged,
  };
}

function sameRecord(a: StoredItem, b: StoredItem): boolean {
  const strip = ({ firstSeen: _f, lastChanged: _l, fetchedAt: _t, ...rest }: StoredItem) => rest;
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
}

function blobPath(contentDir: string, key: string): string {
  return join(contentDir, key.slice(0, 2), `${key}.json`);
}

function statePath(stateDir: string, name: string): string {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new StoreError(stateDir, `invalid state name "${name}"`);
  return join(stateDir, `${name}.json`);
}

/**
 * One copy of an unreadable document beside it, however many commands meet
 * it: a copy that already holds these bytes is the one named again.
 */
async function keepUnreadableCopy(file: string): Promise<string | null> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    return null;
  }
  const backup = `${file}.unreadable-${createHash('sha256').update(bytes).digest('hex').slice(0, 12)}`;
  if (await exists(backup)) return backup;
  try {
    await copyFile(file, backup);
    return backup;
  } catch {
    return null;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * steno and saveState write `.name.tmp` beside the target; one left behind
 * means a crash mid-write. A fresh one may belong to another process writing
 * right now (the server opens the store for reading while a cron run writes),
 * so only temp files older than a minute are removed.
 */
async function removeStaleTempFiles(dir: string): Promise<void> {
  const cutoff = Date.now() - 60_000;
  for (const name of await readdir(dir)) {
    if (!name.startsWith('.') || !name.endsWith('.tmp')) continue;
    const path = join(dir, name);
    const info = await stat(path).catch(() => null);
    if (info && info.mtimeMs < cutoff) await unlink(path).catch(() => undefined);
  }
}

async function removeUnreferencedBlobs(contentDir: string, keep: Set<string>): Promise<void> {
  for (const shard of await readdir(contentDir)) {
    const dir = join(contentDir, shard);
    for (const name of await readdir(dir)) {
      const key = name.replace(/\.json$/, '');
      if (!keep.has(key)) await rm(join(dir, name), { force: true });
    }
  }
}
