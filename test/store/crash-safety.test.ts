/**
 * Crash safety of the store: ingest cycles in a child process killed with
 * SIGKILL at seeded random moments, and a write that fails for lack of space.
 * After each kill the data directory must open, the document must parse, and
 * every item of every completed cycle must be there with its body.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFile, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLowdbStore } from '../../src/store/lowdb-store.js';
import { seededRandom } from '../../bench/seeded-random.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const corpus = join(root, 'test/fixtures/corpus/news-zh-2022');
const child = join(root, 'test/store/crash-child.mjs');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'feedfold-crash-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface ChildRun {
  completed: number[];
  finished: boolean;
}

/** Runs the child from `first`; kills it after `killAfterMs` (or lets it finish when null). */
function runChild(batches: string[][], first: number, killAfterMs: number | null): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child, join(dir, 'data'), JSON.stringify(batches), String(first)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const completed: number[] = [];
    let finished = false;
    let stderr = '';
    let buffer = '';
    proc.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      let newline;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        if (line.startsWith('done ')) completed.push(Number(line.slice(5)));
        if (line === 'finished') finished = true;
      }
    });
    proc.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = killAfterMs === null ? null : setTimeout(() => proc.kill('SIGKILL'), killAfterMs);
    proc.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal === 'SIGKILL' || code === 0) resolve({ completed, finished });
      else reject(new Error(`crash child exited with ${code}: ${stderr}`));
    });
  });
}

describe('store crash safety', () => {
  it('survives 24 SIGKILLs at random moments: the store opens and keeps every completed cycle', async () => {
    const files = (await readdir(corpus)).filter((name) => name.endsWith('.txt')).sort();
    // Small batches, so that 24 kills find work left even when a cycle is fast.
    const batchSize = 3;
    const batches: string[][] = [];
    for (let start = 0; start < files.length; start += batchSize) {
      batches.push(files.slice(start, start + batchSize).map((name) => join(corpus, name)));
    }
    const random = seededRandom(20221230);
    const expected = new Set<string>();
    let next = 0;
    let kills = 0;
    while (kills < 24 && next < batches.length) {
      // Node starts in ~0.3 s and a cycle takes 0.1–0.5 s here: this spreads kills over start-up, reads, writes and renames.
      const run = await runChild(batches, next, 150 + Math.floor(random() * 1200));
      if (run.finished) break;
      kills += 1;
      for (const cycle of run.completed) for (const path of batches[cycle]!) expected.add(basename(path));
      if (run.completed.length > 0) next = Math.max(...run.completed) + 1;

      const document = JSON.parse(await readFile(join(dir, 'data/db.json'), 'utf8').catch(() => '{"items":{}}'));
      expect(typeof document.items).toBe('object');
      const store = await openLowdbStore(join(dir, 'data'));
      const summaries = await store.listItems();
      const origins = new Set(summaries.map((summary) => summary.origin));
      for (const origin of expected) expect(origins.has(origin), `${origin} lost after kill ${kills}`).toBe(true);
      // Bodies are readable, and events only name stored items.
      const items = await store.getItems(summaries.map((summary) => summary.id));
      expect(items).toHaveLength(summaries.length);
      const ids = new Set(summaries.map((summary) => summary.id));
      for (const event of await store.listEvents()) for (const member of event.items) expect(ids.has(member.id)).toBe(true);
    }
    expect(kills).toBeGreaterThanOrEqual(20);
    // After the kills, the rest of the work completes on the same directory (stale lock taken over).
    const last = await runChild(batches, next, null);
    expect(last.finished).toBe(true);
    const store = await openLowdbStore(join(dir, 'data'));
    expect(await store.listItems()).toHaveLength(files.length);
  }, 180_000);

  it('a write that fails for lack of space fails the run cleanly and leaves the old document intact', async () => {
    const data = join(dir, 'data');
    const first = join(dir, 'first');
    const second = join(dir, 'second');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(first);
    await mkdir(second);
    const files = (await readdir(corpus)).filter((name) => name.endsWith('.txt')).sort();
    for (const name of files.slice(0, 3)) await copyFile(join(corpus, name), join(first, name));
    for (const name of files.slice(3, 120)) await copyFile(join(corpus, name), join(second, name));
    const cli = join(root, 'dist/src/cli.js');

    expect(spawnSync(process.execPath, [cli, '--data', data, 'ingest', first], { encoding: 'utf8' }).status).toBe(0);
    const before = await readFile(join(data, 'db.json'), 'utf8');

    // RLIMIT_FSIZE makes any write past the limit fail with EFBIG, as a full
    // disk fails it with ENOSPC: the new document cannot be written.
    const limitKb = Math.ceil(Buffer.byteLength(before) / 1024) + 4;
    const run = spawnSync('bash', ['-c', `trap '' XFSZ; ulimit -f ${limitKb}; exec "$0" "$@"`, process.execPath, cli, '--data', data, 'ingest', second], {
      encoding: 'utf8',
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/db\.json|EFBIG|File too large|cannot write/i);
    expect(await readFile(join(data, 'db.json'), 'utf8')).toBe(before);
    const store = await openLowdbStore(data);
    expect(await store.listItems()).toHaveLength(3);
  });
});
