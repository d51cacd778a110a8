import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CycleSummary, SourceReport } from '../../src/use-cases/refresh-cycle.js';
import { createCycleLog, summaryLine } from '../../src/use-cases/cycle-log.js';

const report = (over: Partial<SourceReport>): SourceReport => ({
  time: '2022-01-10T00:00:00.000Z',
  source: 's_1',
  kind: 'feed',
  location: 'https://example.com/feed',
  name: 'Example',
  status: 'ok',
  items: 3,
  failedFiles: 0,
  error: null,
  durationMs: 120,
  nextFetchAt: '2022-01-10T00:30:00.000Z',
  ...over,
});
const failed = report({ source: 's_2', status: 'error', items: 0, error: { kind: 'http', message: 'HTTP 500' } });
const summary: CycleSummary = { sources: 3, due: 2, reports: [report({}), failed], added: 3, updated: 0, unchanged: 1, abandoned: false };

function capture() {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  return { stream, text: () => chunks.join('') };
}

describe('cycle log', () => {
  it('writes one JSON line per source and one per cycle for the daemon', () => {
    const { stream, text } = capture();
    const log = createCycleLog('json', stream, null);
    log.source(report({}), 1, 2);
    log.source(failed, 2, 2);
    log.summary(summary);
    const lines = text().trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ event: 'source', source: 's_1', status: 'ok', items: 3 });
    expect(lines[1]).toMatchObject({ event: 'source', source: 's_2', status: 'error', error: { kind: 'http', message: 'HTTP 500' } });
    expect(lines[2]).toMatchObject({ event: 'cycle', sources: 3, due: 2, added: 3 });
  });

  it('writes failures and a summary as text for a person', () => {
    const { stream, text } = capture();
    const log = createCycleLog('text', stream, null);
    log.source(report({}), 1, 2);
    log.source(failed, 2, 2);
    log.summary(summary);
    expect(text()).toBe(`failed: Example: http: HTTP 500\n${summaryLine(summary)}\n`);
    expect(summaryLine(summary)).toBe(
      'cycle: 2 of 3 sources due — 1 fetched, 0 not modified, 1 failed; items 3 added, 0 updated, 1 unchanged',
    );
  });
});
