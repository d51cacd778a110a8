/**
 * One writer at a time per data directory: a cron `feedfold run` and a
 * running `feedfold serve` must not write the store at once. The lock is a
 * file created with O_EXCL holding the holder's pid and start time; a lock
 * left by a process that died (crash, SIGKILL, container restart that reused
 * the pid) is taken over.
 *
 * It does not lock between machines sharing a network file system.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { link, mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { StoreError } from '../errors.js';

export const LOCK_FILE = 'feedfold.lock';

export interface LockHolder {
  pid: number;
  hostname: string;
  /** When the lock was taken, ISO 8601. */
  lockedAt: string;
  /** When the holding process started (ms since epoch), to tell a reused pid from the holder. */
  processStartedAt: number;
  /** What the holder is doing (`run`, `serve`), for the message others see. */
  purpose: string;
  token: string;
}

/** The lock is held by a live process and waiting (if asked) did not help. */
export class LockHeldError extends StoreError {
  constructor(
    location: string,
    readonly holder: LockHolder | null,
  ) {
    super(
      location,
      holder
        ? `another feedfold (${holder.purpose}, pid ${holder.pid} on ${holder.hostname}) has held the lock since ${holder.lockedAt}; try again when it has finished`
        : 'another feedfold holds the lock; try again when it has finished',
    );
  }
}

export interface LockOptions {
  /** How long to wait for a live holder, in ms. 0 (default) = fail at once. */
  wait?: number;
  /** What this process is doing, shown to whoever finds the lock held. */
  purpose?: string;
  /** Called once when the lock is held by someone else and we start waiting. */
  onWait?: (holder: LockHolder | null) => void;
}

const POLL_MS = 200;
/** Process start times are measured with clock-tick precision; allow for it. */
const START_TIME_TOLERANCE_MS = 2000;

/** Runs `fn` while holding the data directory's lock; the lock is released however `fn` ends. */
export async function withLock<T>(dataDir: string, fn: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const release = await acquireLock(dataDir, options);
  try {
    return await fn();
  } finally {
    await release();
  }
}

/** Takes the lock and returns the function that releases it. */
export async function acquireLock(dataDir: string, options: LockOptions = {}): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE);
  const me: LockHolder = {
    pid: process.pid,
    hostname: hostname(),
    lockedAt: new Date().toISOString(),
    processStartedAt: ownStartTime(),
    purpose: options.purpose ?? 'run',
    token: randomUUID(),
  };
  const deadline = Date.now() + (options.wait ?? 0);
  let announced = false;
  for (;;) {
    if (await tryCreate(path, me)) break;
    const holder = await readHolder(path);
    if (holder === 'missing') continue;
    if (holder === null || !isAlive(holder)) {
      await takeOver(path, holder);
      continue;
    }
    if (Date.now() >= deadline) throw new LockHeldError(path, holder);
    if (!announced) {
      options.onWait?.(holder);
      announced = true;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_MS, Math.max(1, deadline - Date.now()))));
  }
  return async () => {
    // Only remove the lock if it is still ours: after a takeover it may belong to someone else.
    const current = await readHolder(path);
    if (current !== 'missing' && current?.token === me.token) await unlink(path).catch(() => undefined);
  };
}

async function tryCreate(path: string, me: LockHolder): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new StoreError(path, `cannot create the lock file: ${(error as Error).message}`, { cause: error });
  }
  try {
    await handle.writeFile(JSON.stringify(me) + '\n');
  } finally {
    await handle.close();
  }
  return true;
}

/** The holder recorded in the lock, `null` when the file is unreadable garbage, `missing` when it is gone. */
async function readHolder(path: string): Promise<LockHolder | null | 'missing'> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw new StoreError(path, `cannot read the lock file: ${(error as Error).message}`, { cause: error });
  }
  try {
    const parsed = JSON.parse(text) as Partial<LockHolder>;
    if (typeof parsed.pid === 'number' && typeof parsed.token === 'string') return parsed as LockHolder;
  } catch {
    // An empty or half-written file: the creator died between open and write, or is writing right now.
  }
  return null;
}

/**
 * Moves a dead holder's lock aside. Renaming (not deleting) makes the takeover
 * safe between two waiters: only one rename of the stale file can succeed, and
 * if a live lock replaced it in the meantime it is put back.
 */
async function takeOver(path: string, stale: LockHolder | null): Promise<void> {
  if (stale === null) {
    // Give a creator that is writing right now the chance to finish.
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    const again = await readHolder(path);
    if (again !== null) return;
  }
  const aside = `${path}.stale-${process.pid}-${randomUUID()}`;
  try {
    await rename(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new StoreError(path, `cannot take over a stale lock: ${(error as Error).message}`, { cause: error });
  }
  const moved = await readHolder(aside);
  const wasStale = moved === null || moved === 'missing' || (stale !== null && moved.token === stale.token) || !isAlive(moved);
  if (!wasStale) await link(aside, path).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
}

function isAlive(holder: LockHolder): boolean {
  if (holder.hostname !== hostname()) return true; // cannot check another machine: assume alive
  if (holder.pid === process.pid) {
    // Our own pid but not our lock in this process: a previous incarnation (container restart).
    return Math.abs(holder.processStartedAt - ownStartTime()) < START_TIME_TOLERANCE_MS;
  }
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const started = processStartTime(holder.pid);
  if (started !== null && typeof holder.processStartedAt === 'number') {
    return Math.abs(started - holder.processStartedAt) < START_TIME_TOLERANCE_MS;
  }
  return true;
}

let ownStart: number | null = null;

/**
 * This process's start time, measured the way `isAlive` measures a holder's:
 * from /proc where there is one. Node's own clock (now minus uptime) starts
 * after the runtime has booted, which on a loaded machine is more than the
 * tolerance after the kernel's start time: another process then took a live
 * lock for a dead one's and both wrote at once.
 */
function ownStartTime(): number {
  ownStart ??= processStartTime(process.pid) ?? Math.round(Date.now() - process.uptime() * 1000);
  return ownStart;
}

/** Start time of a process from /proc (Linux), or null elsewhere. */
export function processStartTime(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime, in clock ticks since boot) comes after the parenthesised command name.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    const bootLine = readFileSync('/proc/stat', 'utf8')
      .split('\n')
      .find((line) => line.startsWith('btime '));
    const boot = Number(bootLine?.split(' ')[1]);
    if (!Number.isFinite(ticks) || !Number.isFinite(boot)) return null;
    // USER_HZ is 100 on every mainstream Linux build.
    return boot * 1000 + ticks * 10;
  } catch {
    return null;
  }
}
