/**
 * The data-directory lock between real processes: the built module (dist/) is
 * run by two node processes at once.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCK_FILE, LockHeldError, processStartTime, withLock } from '../../src/schedule/lock.js';

const lockModule = pathToFileURL(join(import.meta.dirname, '../../dist/src/schedule/lock.js')).href;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'feedfold-lock-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A process that takes the lock, logs start, holds it until `release` appears, logs end. */
function holder(name: string, wait: number) {
  const script = `
    import { appendFileSync, existsSync } from 'node:fs';
    import { withLock } from ${JSON.stringify(lockModule)};
    const [dir, name, wait] = process.argv.slice(1);
    try {
      await withLock(dir, async () => {
        appendFileSync(dir + '/log', 'start ' + name + '\\n');
        while (!existsSync(dir + '/release-' + name)) await new Promise((r) => setTimeout(r, 20));
        appendFileSync(dir + '/log', 'end ' + name + '\\n');
      }, { wait: Number(wait), purpose: 'run', onWait: () => appendFileSync(dir + '/log', 'waiting ' + name + '\\n') });
    } catch (error) {
      console.error(error.message);
      process.exit(3);
    }`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script, dir, name, String(wait)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, stderr })),
  );
  return { exited, pid: child.pid };
}

async function logLines(): Promise<string[]> {
  return (await readFile(join(dir, 'log'), 'utf8').catch(() => '')).split('\n').filter(Boolean);
}

async function until(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((r) => setTimeout(r, 20));
}

describe('withLock between processes', () => {
  it.runIf(process.platform === 'linux')('records when its holder started as the kernel counts it, which is how others check it is alive', async () => {
    // Node's own clock starts after the runtime has booted; on a loaded machine that was more than the
    // tolerance later, and a waiting process took the live lock for a dead one's.
    const first = holder('a', 0);
    await until(async () => (await logLines()).includes('start a'));
    const recorded = JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8')) as { pid: number; processStartedAt: number };
    expect(recorded.pid).toBe(first.pid);
    expect(Math.abs(recorded.processStartedAt - (processStartTime(recorded.pid) as number))).toBeLessThan(50);
    await writeFile(join(dir, 'release-a'), '');
    expect((await first.exited).code).toBe(0);
  });

  it('a second process that will not wait exits with a clear message while the first runs', async () => {
    const first = holder('a', 0);
    await until(async () => (await logLines()).includes('start a'));
    const second = await holder('b', 0).exited;
    expect(second.code).toBe(3);
    expect(second.stderr).toMatch(/another feedfold \(run, pid \d+ on .+\) has held the lock since/);
    await writeFile(join(dir, 'release-a'), '');
    expect((await first.exited).code).toBe(0);
    expect(await logLines()).toEqual(['start a', 'end a']);
  });

  it('a second process that waits runs after the first has finished, never alongside it', async () => {
    const first = holder('a', 0);
    await until(async () => (await logLines()).includes('start a'));
    const second = holder('b', 20_000);
    await until(async () => (await logLines()).includes('waiting b'));
    await writeFile(join(dir, 'release-a'), '');
    await writeFile(join(dir, 'release-b'), '');
    expect((await first.exited).code).toBe(0);
    expect((await second.exited).code).toBe(0);
    expect(await logLines()).toEqual(['start a', 'waiting b', 'end a', 'start b', 'end b']);
  });
});

describe('stale locks', () => {
  it('takes over a lock whose process is dead', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
    const pid = Number(dead.stdout.trim());
    await writeFile(
      join(dir, LOCK_FILE),
      JSON.stringify({ pid, hostname: hostname(), lockedAt: '2022-01-01T00:00:00Z', processStartedAt: 0, purpose: 'run', token: 'old' }),
    );
    await expect(withLock(dir, async () => 'ran')).resolves.toBe('ran');
  });

  it('takes over a lock with our own pid left by an earlier incarnation (container restart)', async () => {
    await writeFile(
      join(dir, LOCK_FILE),
      JSON.stringify({ pid: process.pid, hostname: hostname(), lockedAt: '2022-01-01T00:00:00Z', processStartedAt: 0, purpose: 'serve', token: 'old' }),
    );
    await expect(withLock(dir, async () => 'ran')).resolves.toBe('ran');
  });

  it('does not take over a live holder, and releases the lock when fn throws', async () => {
    await expect(
      withLock(dir, async () => {
        await expect(withLock(dir, async () => 'inner')).rejects.toBeInstanceOf(LockHeldError);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await expect(withLock(dir, async () => 'again')).resolves.toBe('again');
  });
});
