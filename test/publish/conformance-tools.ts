/**
 * The Debian tools the conformance tests run (jing, python3-feedparser,
 * newsboat). CI installs them (.ci/run), so there a missing tool fails the
 * test; on a developer machine without them the test is skipped with a message
 * saying what to install.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const PYTHON = '/usr/bin/python3';

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
export function requireTool(tool: 'jing' | 'feedparser' | 'newsboat' | 'sqlite3'): boolean {
  if (available(tool)) return true;
  const message = `${tool} is not installed (apt-get install ${tool === 'feedparser' ? 'python3-feedparser' : tool}); see .ci/run`;
  if (process.env.CI === 'true') throw new Error(message);
  console.warn(`skipped: ${message}`);
  return false;
}

export function run(command: string, args: string[], input?: string): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { encoding: 'utf8', input, maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export interface FeedparserResult {
  version: string;
  bozo: number;
  bozoException: string;
  entries: { id: string | null; title: string | null; link: string | null; links: { rel: string; href: string }[]; authors: string[] }[];
}

/** Parses a file or URL with Debian's python3-feedparser. */
export function feedparser(fileOrUrl: string): FeedparserResult {
  const script = `
import sys, json, feedparser
d = feedparser.parse(sys.argv[1])
print(json.dumps({
  "version": d.version, "bozo": int(bool(d.bozo)), "bozoException": repr(d.get("bozo_exception", "")),
  "entries": [{"id": e.get("id"), "title": e.get("title"), "link": e.get("link"),
               "links": [{"rel": l.get("rel"), "href": l.get("href")} for l in e.get("links", [])],
               "authors": [a.get("name") for a in e.get("authors", [])]} for e in d.entries]}))
`;
  return JSON.parse(execFileSync(PYTHON, ['-c', script, fileOrUrl], { encoding: 'utf8' })) as FeedparserResult;
}
