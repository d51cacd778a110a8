/**
 * `feedfold sources …` and `feedfold opml …` on a real store in a temporary
 * data directory, through commander as the CLI runs them.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { register as registerOpml } from '../../src/commands/opml.js';
import { sourcesFromOpml } from '../../src/sources/opml-subscriptions.js';
import { register as registerSources } from '../../src/commands/sources.js';
import { workspaceOf, type Workspace } from '../../src/use-cases/workspace.js';
import { parseOpml } from '../../src/sources/opml.js';
import { openLowdbStore } from '../../src/store/lowdb-store.js';
import type { SourceRecord } from '../../src/store/store.js';

let data: string;
let ctx: Workspace;
let out: string[];

beforeEach(async () => {
  data = await mkdtemp(join(tmpdir(), 'feedfold-sources-cmd-'));
  const config = loadConfig({ data }, {});
  ctx = workspaceOf(config);
  out = [];
  vi.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
  vi.spyOn(console, 'error').mockImplementation((line: string) => void out.push(line));
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out.push(String(chunk));
    return true;
  });
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(data, { recursive: true, force: true });
});

async function feedfold(...args: string[]) {
  const program = new Command().exitOverride();
  registerSources(program, ctx);
  registerOpml(program, ctx);
  await program.parseAsync(args, { from: 'user' });
}

async function stored(): Promise<SourceRecord[]> {
  const store = await ctx.openStore();
  try {
    return await store.listSources();
  } finally {
    await store.close();
  }
}

describe('feedfold sources', () => {
  it('a new store has seeds/ as its source; add, list and remove work and persist', async () => {
    await feedfold('sources', 'list');
    const initial = await stored();
    expect(initial.map((s) => [s.kind, s.name])).toEqual([['folder', 'seeds']]);

    await feedfold('sources', 'add', 'https://www.voachinese.com/api/feed', '--name', 'VOA', '--every', '2h');
    const [, voa] = await stored();
    expect(voa).toMatchObject({ kind: 'feed', name: 'VOA', every: 7200 });

    out = [];
    await feedfold('sources', 'list');
    expect(out.join('\n')).toContain(`${voa!.id}  feed  VOA  https://www.voachinese.com/api/feed  every 2h`);
    expect(out.join('\n')).toContain('never fetched, not fetched yet');
    expect(out.at(-1)).toBe('2 sources');

    await feedfold('sources', 'remove', initial[0]!.id);
    expect((await stored()).map((s) => s.id)).toEqual([voa!.id]);
    // Removing seeds/ is remembered: it does not come back.
    await feedfold('sources', 'list');
    expect((await stored()).map((s) => s.id)).toEqual([voa!.id]);
  });

  it('refuses a duplicate and a bad interval with clear errors', async () => {
    await feedfold('sources', 'add', 'https://example.com/feed.xml');
    await expect(feedfold('sources', 'add', 'https://example.com/feed.xml')).rejects.toThrow(/already a source/);
    await expect(feedfold('sources', 'add', 'https://example.com/other.xml', '--every', 'hourly')).rejects.toThrow(/--every must look like/);
  });
});

describe('feedfold opml', () => {
  const fixture = join(import.meta.dirname, '../fixtures/opml/freshrss-export.opml');

  it('imports feeds with their folders as categories, skips known ones, and exports them back', async () => {
    await feedfold('opml', 'import', fixture);
    expect(out.at(-1)).toBe('opml import: 3 added, 0 already subscribed, 1 skipped');
    const sources = await stored();
    expect(sources.find((s) => s.location === 'https://www.rfa.org/mandarin/RSS')).toMatchObject({
      name: '自由亞洲電台',
      categories: ['新聞 & 評論'],
    });

    out = [];
    await feedfold('opml', 'import', fixture);
    expect(out.at(-1)).toBe('opml import: 0 added, 3 already subscribed, 1 skipped');

    out = [];
    await feedfold('opml', 'export');
    const exported = parseOpml(out.filter((chunk) => chunk.startsWith('<?xml')).join(''), 'export');
    const original = parseOpml(readFileSync(fixture, 'utf8'), 'fixture');
    expect(exported.feeds.map((f) => [f.xmlUrl, f.title, f.categories]).sort()).toEqual(
      original.feeds.map((f) => [f.xmlUrl, f.title, f.categories]).sort(),
    );
    expect(out.join('')).toContain('1 article folder source(s) are not in the OPML');
  });

  it('reports outlines whose URL is not usable instead of adding them', () => {
    const summary = sourcesFromOpml(
      { title: null, feeds: [{ xmlUrl: 'feed://example.com/rss', htmlUrl: null, title: 'x', categories: [] }] },
      [],
    );
    expect(summary.added).toEqual([]);
    expect(summary.skipped[0]!.reason).toMatch(/only http and https/);
  });
});

describe('formatSourceList', () => {
  it('shows the last fetch, status, error, failure streak and item count of each source', async () => {
    const { formatSourceList } = await import('../../src/commands/sources.js');
    const { withFetchState, EMPTY_FETCH_STATE } = await import('../../src/sources/fetch-schedule.js');
    const { newSourceRecord } = await import('../../src/sources/source-records.js');
    const record = newSourceRecord('https://example.com/feed.xml', { name: 'Example', categories: ['新闻', '香港'] });
    record.state = withFetchState({}, {
      ...EMPTY_FETCH_STATE,
      lastFetchAt: '2022-01-10T00:00:00.000Z',
      lastStatus: 'error',
      lastError: { kind: 'timeout', message: 'no complete response within 30 s' },
      failures: 3,
      nextFetchAt: '2022-01-10T02:00:00.000Z',
      itemCount: 12,
    });
    expect(formatSourceList([record])).toEqual([
      `${record.id}  feed  Example  https://example.com/feed.xml  every 30m`,
      '    error, last fetch 2022-01-10T00:00:00.000Z, next 2022-01-10T02:00:00.000Z, 12 items, 3 failures in a row',
      '    error: timeout: no complete response within 30 s',
      '    categories: 新闻 / 香港',
      '1 source',
    ]);
  });
});
