/**
 * feedparser's test documents as cases for the fetch → decode → parse
 * pipeline: reads each document's header comment (`Header:` lines become HTTP
 * response headers, `Expect:` is feedparser's Python assertion), serves the
 * folder from a 127.0.0.1 server the way feedparser's own test server does,
 * and pulls out of `Expect:` the title / link / date it states so the report
 * can compare ours.
 *
 * Used by fetch-conformance.test.ts and by bench/feedparser-conformance.ts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { ServerResponse } from 'node:http';
import { decodeDocument } from '../../src/sources/decode-charset.js';
import { startFixtureServer, type FixtureServer } from '../fixtures/http/server.js';

/** test/fixtures/feedparser, found from here whether this runs from test/ or compiled under dist/. */
export const FEEDPARSER_ROOT = ((): string => {
  for (let dir = import.meta.dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'test/fixtures/feedparser');
    if (existsSync(join(candidate, 'tests'))) return candidate;
  }
  throw new Error('test/fixtures/feedparser not found above ' + import.meta.dirname);
})();

export interface FeedparserCase {
  /** Path below `tests/`, with `/`. */
  path: string;
  /** `wellformed/rss`, `encoding`, `illformed/chardet`, … */
  folder: string;
  headers: [string, string][];
  description: string;
  expect: string;
  skipUnless: string | null;
  /** feedparser expects the document to parse cleanly (`not bozo`). */
  wellFormed: boolean;
}

export function loadCases(root = FEEDPARSER_ROOT): FeedparserCase[] {
  const tests = join(root, 'tests');
  const cases: FeedparserCase[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(xml|json)$/.test(entry.name)) cases.push(readCase(tests, path));
    }
  };
  walk(tests);
  return cases.sort((a, b) => a.path.localeCompare(b.path));
}

function readCase(tests: string, file: string): FeedparserCase {
  const path = relative(tests, file).split(sep).join('/');
  const bytes = readFileSync(file);
  let text: string;
  try {
    text = decodeDocument(bytes, null, path).text;
  } catch {
    text = bytes.toString('latin1');
  }
  const raw = /<!--([\s\S]*?)-->/.exec(text)?.[1] ?? /"__TEST__"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(text)?.[1] ?? '';
  // The JSON case packs its header on one line: put each field on its own.
  const comment = raw.replace(/-->\s*$/, '').replace(/[ \t]+(?=(?:Header|Description|Expect|SkipUnless):)/g, '\n');
  const headers: [string, string][] = [];
  for (const match of comment.matchAll(/^\s*Header:\s*([^:\n]+):\s*(.*)$/gm)) headers.push([match[1]!.trim(), match[2]!.trim()]);
  const field = (name: string) => new RegExp(`^\\s*${name}:\\s*([\\s\\S]*?)(?=^\\s*\\w+:|$(?![\\s\\S]))`, 'm').exec(comment)?.[1]?.trim() ?? null;
  const expect = (field('Expect') ?? '').replace(/\s+/g, ' ');
  const folder = path.split('/').slice(0, -1).join('/');
  return {
    path,
    folder,
    headers,
    description: field('Description') ?? '',
    expect,
    skipUnless: field('SkipUnless'),
    wellFormed: /^not bozo\b/.test(expect) || (folder.startsWith('wellformed') && !/^bozo\b/.test(expect)),
  };
}

/** Serves `tests/` below `/tests/` with each document's `Header:` lines; `Content-type` defaults to text/xml. */
export async function serveCases(cases: readonly FeedparserCase[], port = 0, root = FEEDPARSER_ROOT): Promise<FixtureServer> {
  const byPath = new Map(cases.map((c) => [`/tests/${c.path}`, c]));
  return startFixtureServer(
    {
      '*': (request, response: ServerResponse) => {
        const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
        const found = byPath.get(path);
        if (!found) {
          response.writeHead(404).end();
          return;
        }
        const headers: Record<string, string> = { 'content-type': 'text/xml' };
        for (const [name, value] of found.headers) headers[name.toLowerCase()] = value;
        response.writeHead(200, headers).end(readFileSync(join(root, 'tests', found.path)));
      },
    },
    port,
  );
}

export type ExpectedField = 'title' | 'link' | 'date';

export interface Expectation {
  scope: 'feed' | 'entry';
  /** Entry index for entry expectations. */
  index: number;
  field: ExpectedField;
  /** A string, or a UTC time tuple for dates. */
  value: string | number[];
}

const STRING = String.raw`u?'((?:[^'\\]|\\.)*)'|u?"((?:[^"\\]|\\.)*)"`;
const TUPLE = String.raw`\(([\d,\s]+)\)`;
const SUBJECT = String.raw`(feed|entries\[(\d+)\])`;
const ACCESSORS: [ExpectedField, string][] = [
  ['title', String.raw`(?:\.title|\['title'\])`],
  ['title', String.raw`(?:\.title_detail|\['title_detail'\])(?:\.value|\['value'\])`],
  ['link', String.raw`(?:\.link|\['link'\])`],
  ['date', String.raw`(?:\.|\[')(?:published|updated|created)_parsed(?:'\])?`],
];

/** The title / link / date equalities stated in an `Expect:` expression. */
export function expectations(expect: string): Expectation[] {
  const found: Expectation[] = [];
  for (const [field, accessor] of ACCESSORS) {
    const value = field === 'date' ? TUPLE : `(?:${STRING})`;
    const pattern = new RegExp(`${SUBJECT}${accessor}\\s*==\\s*${value}`, 'g');
    for (const match of expect.matchAll(pattern)) {
      const scope = match[1] === 'feed' ? 'feed' : 'entry';
      const index = Number(match[2] ?? 0);
      if (found.some((e) => e.scope === scope && e.index === index && e.field === field)) continue;
      const raw = field === 'date' ? match[3]! : (match[3] ?? match[4] ?? '');
      found.push({
        scope,
        index,
        field,
        value: field === 'date' ? raw.split(',').map((n) => Number(n.trim())) : unescapePython(raw),
      });
    }
  }
  return found;
}

function unescapePython(literal: string): string {
  return literal.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_, escape: string) => {
    if (/^[xuU]/.test(escape) && escape.length > 1) return String.fromCodePoint(parseInt(escape.slice(1), 16));
    return { n: '\n', t: '\t', r: '\r', '0': '\0' }[escape] ?? escape;
  });
}

/** A UTC time tuple (year, month, day, hour, minute, second, …) as an instant. */
export function tupleToTime(tuple: readonly number[]): number {
  const [year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0] = tuple;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}
