/**
 * Report (not a test): how many of feedparser's test documents yield, through
 * feedfold's fetch → decode → parse, the title / link / date their `Expect:`
 * line states, by folder. Serves the documents on 127.0.0.1:8097 (the port
 * their expected URLs hard-code) with their `Header:` lines.
 *
 *   npm run build && node dist/bench/feedparser-conformance.js [--misses]
 *
 * Feed-level expectations (`feed['title']`, `feed.link`) are counted apart:
 * an Item carries no feed title or feed link, so they cannot be compared.
 * Titles are compared as the reader sees them: feedparser keeps markup in
 * titles (`<b>&amp;</b>`), an Item title is plain text (`&`).
 */
import * as cheerio from 'cheerio';
import { refreshFeedSource } from '../src/sources/source-feed.js';
import { newSourceRecord } from '../src/sources/source-records.js';
import type { Item } from '../src/item.js';
import { expectations, loadCases, serveCases, tupleToTime, type Expectation } from '../test/sources/fetch-conformance-cases.js';

interface Tally {
  documents: number;
  parsed: number;
  stated: number;
  matched: number;
  feedLevel: number;
  fields: Record<string, [matched: number, stated: number]>;
}

const showMisses = process.argv.includes('--misses');
const cases = loadCases();
const server = await serveCases(cases, 8097).catch(() => serveCases(cases));
const tallies = new Map<string, Tally>();
const misses: string[] = [];

for (const c of cases) {
  const tally = tallies.get(c.folder) ?? { documents: 0, parsed: 0, stated: 0, matched: 0, feedLevel: 0, fields: {} };
  tallies.set(c.folder, tally);
  tally.documents++;
  const result = await refreshFeedSource(newSourceRecord(server.url(`/tests/${c.path}`)));
  if (!result.error) tally.parsed++;
  for (const expected of expectations(c.expect)) {
    if (expected.scope === 'feed') {
      tally.feedLevel++;
      continue;
    }
    tally.stated++;
    const field = (tally.fields[expected.field] ??= [0, 0]);
    field[1]++;
    const got = actual(result.items[expected.index], expected);
    if (matches(got, expected)) {
      tally.matched++;
      field[0]++;
    } else {
      misses.push(`${c.path}: ${expected.field} expected ${JSON.stringify(expected.value)}, got ${JSON.stringify(got)}${result.error ? ` (${result.error.message})` : ''}`);
    }
  }
}
await server.close();

function actual(item: Item | undefined, expected: Expectation): string | null {
  if (!item) return null;
  if (expected.field === 'title') return item.title;
  if (expected.field === 'link') return item.url;
  return item.published;
}

function matches(got: string | null, expected: Expectation): boolean {
  if (got === null) return false;
  if (expected.field === 'date') return Date.parse(got) === tupleToTime(expected.value as number[]);
  return got === expected.value || normalise(got) === plainText(expected.value as string);
}

function plainText(html: string): string {
  return normalise(cheerio.load(`<div>${html}</div>`)('div').first().text());
}

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const rows = [...tallies.entries()].sort(([a], [b]) => a.localeCompare(b));
const total = { documents: 0, parsed: 0, stated: 0, matched: 0, feedLevel: 0 };
const totalFields: Record<string, [number, number]> = {};
console.log('folder\tdocuments\tparsed without error\tentry title/link/date stated\tmatched\t(by field)\tfeed-level (not comparable)');
for (const [folder, t] of rows) {
  for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += t[key];
  for (const [name, [m, s]] of Object.entries(t.fields)) {
    const sum = (totalFields[name] ??= [0, 0]);
    sum[0] += m;
    sum[1] += s;
  }
  const fields = Object.entries(t.fields)
    .map(([name, [m, s]]) => `${name} ${m}/${s}`)
    .join(', ');
  console.log(`${folder}\t${t.documents}\t${t.parsed}\t${t.stated}\t${t.matched}\t${fields || '-'}\t${t.feedLevel}`);
}
const fieldTotals = Object.entries(totalFields)
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([name, [m, s]]) => `${name} ${m}/${s}`)
  .join(', ');
console.log(`total\t${total.documents}\t${total.parsed}\t${total.stated}\t${total.matched}\t${fieldTotals}\t${total.feedLevel}`);
if (showMisses) for (const miss of misses) console.log(`miss: ${miss}`);
