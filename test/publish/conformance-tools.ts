/**
 * The Debian tools the conformance tests run (jing, python3-feedparser,
 * newsboat, xmllint). CI installs them (.ci/run), so there a missing tool fails the
 * test; on a developer machine without them the test is skipped with a message
 * saying what to install.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const PYTHON = '/usr/bin/python3';

/** Where each tool comes from in Debian (what .ci/run installs). */
const DEBIAN_PACKAGE = { jing: 'jing', feedparser: 'python3-feedparser', newsboat: 'newsboat', xmllint: 'libxml2-utils' } as const;

const cache = new Map<string, boolean>();

function available(tool: string): boolean {
  let found = cache.get(tool);
  if (found === undefined) {
    if (tool === 'feedparser') found = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import feedparser'], { stdio: 'ignore' }).status === 0;
    else found = spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0;
    cache.set(tool, found);
  }
  return found;
}

/**
 * True when the tool can be used. Under CI=true a missing tool throws, so the
 * test fails instead of passing silently; otherwise it warns and returns false.
 */
export function requireTool(tool: keyof typeof DEBIAN_PACKAGE): boolean {
  if (available(tool)) return true;
  const message = `${tool} is not installed (apt-get install ${DEBIAN_PACKAGE[tool]}); see .ci/run`;
  if (process.env.CI === 'true') throw new Error(message);
  console.warn(`skipped: ${message}`);
  return false;
}

export interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a tool without blocking the event loop, so a server in the same
 * process (the end-to-end tests) can answer the tool's requests. Killed after
 * `timeoutMs` so a hung reader fails the test instead of hanging it.
 */
export function run(command: string, args: string[], input?: string, timeoutMs = 20_000): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ status: code ?? (signal ? 128 : -1), stdout, stderr });
    });
    // A tool that exits without reading its input is judged by its exit status, not by the broken pipe.
    child.stdin?.on('error', () => undefined).end(input);
  });
}

export interface FeedparserResult {
  version: string;
  bozo: number;
  bozoException: string;
  entries: { id: string | null; title: string | null; link: string | null; links: { rel: string; href: string }[]; authors: string[] }[];
}

/** Parses a file or URL with Debian's python3-feedparser. */
export async function feedparser(fileOrUrl: string): Promise<FeedparserResult> {
  const script = `
import sys, json, feedparser
d = feedparser.parse(sys.argv[1])
print(json.dumps({
  "version": d.version, "bozo": int(bool(d.bozo)), "bozoException": repr(d.get("bozo_exception", "")),
  "entries": [{"id": e.get("id"), "title": e.get("title"), "link": e.get("link"),
               "links": [{"rel": l.get("rel"), "href": l.get("href")} for l in e.get("links", [])],
               "authors": [a.get("name") for a in e.get("authors", [])]} for e in d.entries]}))
`;
  const result = await run(PYTHON, ['-c', script, fileOrUrl]);
  if (result.status !== 0) throw new Error(`feedparser failed on ${fileOrUrl}: ${result.stderr}`);
  return JSON.parse(result.stdout) as FeedparserResult;
}
