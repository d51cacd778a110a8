/**
 * Read/unread and starred marks of this installation (one reader, no
 * accounts), kept as the store state document `reader-state`: two small sets
 * of event ids. Marks on an event that was later absorbed into another follow
 * it through the alias; marks on events that no longer exist are dropped when
 * the state is next written, so the document stays as small as the store.
 *
 * Writes are queued one after another and read the stored state afresh, so
 * two quick clicks (or two servers) cannot lose each other's mark. It does not decide who may write (write-access.ts does).
 */
import type { Store } from '../../store/store.js';
import { StoreError } from '../../errors.js';

export const READER_STATE = 'reader-state';

interface StoredReaderState {
  version: 1;
  read: string[];
  starred: string[];
}

export interface EventMarks {
  read: boolean;
  starred: boolean;
}

export class ReaderMarks {
  private state: Promise<{ read: Set<string>; starred: Set<string> }> | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly store: () => Store) {}

  /** The marks of one event (by its live id, its aliases resolved by the caller). */
  async of(eventId: string): Promise<EventMarks> {
    const state = await this.load();
    return { read: state.read.has(eventId), starred: state.starred.has(eventId) };
  }

  async all(): Promise<{ read: ReadonlySet<string>; starred: ReadonlySet<string> }> {
    return this.load();
  }

  /**
   * Applies a change and writes the state.
   * @param live ids of the events that exist now, with their aliases: marks are kept only for those
   */
  update(live: { ids: Iterable<string>; aliases: ReadonlyMap<string, string> }, change: (state: { read: Set<string>; starred: Set<string> }) => void): Promise<void> {
    const run = this.queue.then(async () => {
      // Read again before writing: another process (a second server on the same data) may have written since.
      const state = parseState(await this.store().loadState<unknown>(READER_STATE));
      change(state);
      const ids = new Set(live.ids);
      const keep = (marks: Set<string>) => {
        const next = new Set<string>();
        for (const id of marks) {
          const liveId = ids.has(id) ? id : live.aliases.get(id);
          if (liveId !== undefined && ids.has(liveId)) next.add(liveId);
        }
        return next;
      };
      state.read = keep(state.read);
      state.starred = keep(state.starred);
      const stored: StoredReaderState = { version: 1, read: [...state.read].sort(), starred: [...state.starred].sort() };
      await this.store().saveState(READER_STATE, stored);
      this.state = Promise.resolve(state);
    });
    // A failed write is reported to its caller; the next write still runs.
    this.queue = run.catch(() => undefined);
    return run;
  }

  private load(): Promise<{ read: Set<string>; starred: Set<string> }> {
    if (!this.state) {
      this.state = this.store().loadState<unknown>(READER_STATE).then(parseState);
      this.state.catch(() => {
        this.state = null;
      });
    }
    return this.state;
  }
}

function parseState(value: unknown): { read: Set<string>; starred: Set<string> } {
  if (value === null) return { read: new Set(), starred: new Set() };
  const record = value as Partial<StoredReaderState>;
  const ids = (list: unknown) => Array.isArray(list) && list.every((id) => typeof id === 'string');
  if (typeof value !== 'object' || record.version !== 1 || !ids(record.read) || !ids(record.starred)) {
    throw new StoreError(READER_STATE, `the reader state document "${READER_STATE}" is not {version: 1, read: [ids], starred: [ids]}; move it away to start over`);
  }
  return { read: new Set(record.read), starred: new Set(record.starred) };
}
