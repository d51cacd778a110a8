/**
 * `npm run soak` (not part of the tests): the real server under autocannon on
 * 127.0.0.1 for SOAK_SECONDS (default 60) on the three feeds and the reader
 * page, while an ingest run writes half of the corpus into its store. Reports
 * requests/s, p99 latency, errors (must be 0: the script exits 1 otherwise)
 * and the server's resident memory at start and end.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'dist/src/cli.js');
const AUTOCANNON = join(ROOT, 'node_modules/autocannon/autocannon.js');
const CORPUS = join(ROOT, 'test/fixtures/corpus/news-zh-2022');
const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
const PATHS = ['/feed.atom', '/feed.rss', '/feed.json', '/'];

async function rssMB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** The server's log lines, kept so the report can show its reloads. */
const serverLog: string[] = [];

async function startServer(data: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [CLI, '--data', data, 'serve', '--port', '0', '--no-schedule'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, FEEDFOLD_FEEDS: join(data, 'feeds') },
  });
  return new Promise((resolve, reject) => {
    // Keep reading after "listening": a server whose stdout pipe is full would stall on its next log line.
    createInterface({ input: child.stdout! }).on('line', (line) => {
      serverLog.push(line);
      const match = /"event":"listening","url":"http:\/\/127\.0\.0\.1:(\d+)\//.exec(line);
      if (match) resolve({ child, port: Number(match[1]) });
    });
    child.on('exit', () => reject(new Error('the server exited before listening')));
  });
}

interface AutocannonResult {
  requests: { average: number };
  latency: { p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
}

function load(port: number): Promise<AutocannonResult> {
  return new Promise((resolve, reject) => {
    const requests = JSON.stringify(PATHS.map((path) => ({ method: 'GET', path })));
    const script = `
      const autocannon = require(${JSON.stringify(AUTOCANNON)});
      autocannon({ url: 'http://127.0.0.1:${port}', connections: 16, duration: ${SECONDS},
        headers: { 'accept-encoding': 'gzip, br' }, requests: ${requests} },
        (error, result) => { if (error) { console.error(error); process.exit(1); } process.stdout.write(JSON.stringify(result)); });`;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as AutocannonResult) : reject(new Error(`autocannon exited ${code}`))));
  });
}

const dir = await mkdtemp(join(tmpdir(), 'feedfold-soak-'));
let server: ChildProcess | undefined;
try {
  const files = (await readdir(CORPUS)).sort();
  const halves = [join(dir, 'first'), join(dir, 'second')];
  for (const [i, half] of halves.entries()) {
    await mkdir(half);
    for (const name of files.filter((_, n) => n % 2 === i)) await cp(join(CORPUS, name), join(half, name));
  }
  const data = join(dir, 'data');
  spawnSync(process.execPath, [CLI, '--data', data, 'ingest', halves[0]!], { stdio: 'inherit' });

  const started = await startServer(data);
  server = started.child;
  const rssStart = await rssMB(server.pid!);
  const running = load(started.port);
  // Mid-run, a cycle writes the other half: the server reloads under load.
  await new Promise((resolve) => setTimeout(resolve, (SECONDS * 1000) / 3));
  const ingest = spawnSync(process.execPath, [CLI, '--data', data, 'ingest', halves[1]!], { encoding: 'utf8' });
  const result = await running;
  // The server notices the other process's write within its watch interval (5 s).
  await new Promise((resolve) => setTimeout(resolve, 6000));
  const rssEnd = await rssMB(server.pid!);
  const health = await (await fetch(`http://127.0.0.1:${started.port}/healthz`)).json();

  const errors = result.errors + result.timeouts + result.non2xx;
  console.log(`# feedfold soak — ${SECONDS} s, 16 connections, ${PATHS.join(' ')}`);
  console.log('| req/s | p99 (ms) | 2xx | errors + timeouts + non-2xx | server RSS start (MB) | end (MB) |');
  console.log('|---:|---:|---:|---:|---:|---:|');
  console.log(`| ${result.requests.average.toFixed(0)} | ${result.latency.p99} | ${result['2xx']} | ${errors} | ${rssStart.toFixed(0)} | ${rssEnd.toFixed(0)} |`);
  console.log(`mid-run ingest: ${ingest.stdout.trim()} (exit ${ingest.status}); server after: ${JSON.stringify(health)}`);
  console.log(`server reloads: ${serverLog.filter((line) => line.includes('"feeds-reloaded"')).length}`);
  if (errors > 0 || ingest.status !== 0) process.exitCode = 1;
} finally {
  server?.kill('SIGTERM');
  await rm(dir, { recursive: true, force: true });
}
