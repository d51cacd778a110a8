/**
 * HTTP benchmark: feedfold's Hono server against bare node:http serving the
 * same prepared Buffers, for `/feed.atom` (~200 KB, gzip) and its 304 path.
 * The server and the load generator (autocannon, in a child process) are each
 * pinned to their own core with taskset, and the rounds alternate A/B so
 * drift (thermal, other load) hits both sides alike. Reports req/s and p99
 * latency per side (median over rounds) and the ratio Hono / bare.
 * Targets: ratio ≥ 0.8 on both paths, p99 < 20 ms at 32 connections.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { availableParallelism, loadavg } from 'node:os';

const SERVER_SCRIPT = fileURLToPath(new URL('./http-server.js', import.meta.url));
const AUTOCANNON = fileURLToPath(new URL('../../node_modules/autocannon/autocannon.js', import.meta.url));
const CONNECTIONS = 32;
const SECONDS = 5;
const ROUNDS = 3;

interface Started {
  child: ChildProcess;
  port: number;
  size: number;
  gzipSize: number;
  gzipEtag: string;
}

interface Measure {
  rps: number;
  p99: number;
  /** Server CPU time per request, µs (null where /proc is not there to read). */
  cpuPerRequest: number | null;
  non2xx: number;
  errors: number;
}

function pinned(core: number, command: string, args: string[]): [string, string[]] {
  const canPin = availableParallelism() >= 2 && spawnSync('taskset', ['-c', '0', 'true']).status === 0;
  return canPin ? ['taskset', ['-c', String(core), command, ...args]] : [command, args];
}

async function startServer(mode: 'hono' | 'bare'): Promise<Started> {
  const [command, args] = pinned(0, process.execPath, [SERVER_SCRIPT, mode]);
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) {
    const match = /^ready (\d+) (\d+) (\d+) (\S+)$/.exec(line);
    if (match) return { child, port: Number(match[1]), size: Number(match[2]), gzipSize: Number(match[3]), gzipEtag: match[4]! };
  }
  throw new Error(`the ${mode} bench server exited before it was ready`);
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/**
 * User + system CPU time of a process in ms, from /proc (Linux). Under
 * contention req/s falls for reasons outside the server; its CPU time per
 * request does not, so it is the steadier comparison of the two servers.
 */
async function cpuMs(pid: number | undefined): Promise<number | null> {
  if (pid === undefined) return null;
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of stat(5) (utime, stime) are the 12th and 13th after the command name, in clock ticks.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

async function load(server: Started, headers: Record<string, string>, expectedStatus: number): Promise<Measure> {
  const cpuBefore = await cpuMs(server.child.pid);
  const measure = await loadOnce(server.port, headers, expectedStatus);
  const cpuAfter = await cpuMs(server.child.pid);
  return {
    ...measure,
    cpuPerRequest: cpuBefore !== null && cpuAfter !== null && measure.total > 0 ? ((cpuAfter - cpuBefore) * 1000) / measure.total : null,
  };
}

function loadOnce(port: number, headers: Record<string, string>, expectedStatus: number): Promise<Omit<Measure, 'cpuPerRequest'> & { total: number }> {
  const headerArgs = Object.entries(headers).flatMap(([name, value]) => ['-H', `${name}=${value}`]);
  const [command, args] = pinned(1, process.execPath, [AUTOCANNON, '--json', '-c', String(CONNECTIONS), '-d', String(SECONDS), ...headerArgs, `http://127.0.0.1:${port}/feed.atom`]);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited with ${code}`));
      const result = JSON.parse(out) as { requests: { average: number; total: number }; latency: { p99: number }; non2xx: number; errors: number; statusCodeStats?: Record<string, { count: number }> };
      const wrongStatus = Object.entries(result.statusCodeStats ?? {}).filter(([status]) => Number(status) !== expectedStatus).reduce((sum, [, stat]) => sum + stat.count, 0);
      resolve({ rps: result.requests.average, total: result.requests.total, p99: result.latency.p99, non2xx: wrongStatus, errors: result.errors });
    });
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export async function runHttpBench(): Promise<void> {
  // Pinning gives each side a core, not the whole core: other work on the machine still competes, so say how busy it was.
  const loadBefore = loadavg()[0]!;
  const hono = await startServer('hono');
  const bare = await startServer('bare');
  try {
    if (hono.size !== bare.size || hono.gzipEtag !== bare.gzipEtag) throw new Error('the two servers do not serve the same document');
    const cases: { name: string; headers: Record<string, string>; status: number }[] = [
      { name: '/feed.atom 200 gzip', headers: { 'accept-encoding': 'gzip' }, status: 200 },
      { name: '/feed.atom 304 (If-None-Match)', headers: { 'accept-encoding': 'gzip', 'if-none-match': hono.gzipEtag }, status: 304 },
    ];
    const results = new Map<string, { hono: Measure[]; bare: Measure[] }>();
    for (const entry of cases) results.set(entry.name, { hono: [], bare: [] });
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const entry of cases) {
        // Alternate which side goes first, so neither always runs on a warmer machine.
        const order = round % 2 === 0 ? (['hono', 'bare'] as const) : (['bare', 'hono'] as const);
        for (const side of order) {
          const server = side === 'hono' ? hono : bare;
          results.get(entry.name)![side].push(await load(server, entry.headers, entry.status));
        }
      }
    }
    console.log(`\n## HTTP: feedfold (Hono on @hono/node-server) vs bare node:http, same prepared Buffers`);
    console.log(
      `\n/feed.atom: ${(hono.size / 1024).toFixed(0)} KB, ${(hono.gzipSize / 1024).toFixed(0)} KB gzip; ${CONNECTIONS} connections, ${SECONDS} s × ${ROUNDS} alternating rounds, ` +
        `server on core 0, autocannon on core 1; medians. Load average ${loadBefore.toFixed(1)} before, ${loadavg()[0]!.toFixed(1)} after ` +
        `(on ${availableParallelism()} cores; above ~1 other processes were competing and the figures are pessimistic for both sides).\n`,
    );
    console.log('| path | Hono req/s | bare req/s | ratio | Hono p99 ms | bare p99 ms | Hono CPU µs/req | bare CPU µs/req | CPU ratio (bare/Hono) | wrong status / errors | target |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
    for (const entry of cases) {
      const { hono: h, bare: b } = results.get(entry.name)!;
      const honoRps = median(h.map((m) => m.rps));
      const bareRps = median(b.map((m) => m.rps));
      const ratio = honoRps / bareRps;
      const honoP99 = median(h.map((m) => m.p99));
      const bareP99 = median(b.map((m) => m.p99));
      const wrong = [...h, ...b].reduce((sum, m) => sum + m.non2xx + m.errors, 0);
      const cpu = (measures: Measure[]) => (measures.every((m) => m.cpuPerRequest !== null) ? median(measures.map((m) => m.cpuPerRequest!)) : null);
      const honoCpu = cpu(h);
      const bareCpu = cpu(b);
      const met = ratio >= 0.8 && honoP99 < 20 ? 'met' : 'NOT met';
      console.log(
        `| ${entry.name} | ${honoRps.toFixed(0)} | ${bareRps.toFixed(0)} | ${ratio.toFixed(2)} | ${honoP99.toFixed(1)} | ${bareP99.toFixed(1)} | ` +
          `${honoCpu?.toFixed(0) ?? 'n/a'} | ${bareCpu?.toFixed(0) ?? 'n/a'} | ${honoCpu && bareCpu ? (bareCpu / honoCpu).toFixed(2) : 'n/a'} | ${wrong} | ratio ≥ 0.8, p99 < 20 ms: ${met} |`,
      );
    }
  } finally {
    await stop(hono.child);
    await stop(bare.child);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await runHttpBench();
