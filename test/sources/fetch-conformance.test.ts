/**
 * feedparser's well-formed test documents, served from 127.0.0.1 with their
 * `Header:` lines, go through the whole feed-URL path (fetch → decode →
 * parse) without an error on the source. The title/link/date counts are a
 * report (bench/feedparser-conformance.ts), not assertions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshFeedSource } from '../../src/sources/source-feed.js';
import { newSourceRecord } from '../../src/sources/source-records.js';
import type { FixtureServer } from '../fixtures/http/server.js';
import { loadCases, serveCases } from './fetch-conformance-cases.js';

/**
 * Microsoft CDF (1997) is not a feed format feedfold reads (the issue asks for
 * RSS 0.9x/1.0/2.0, Atom 0.3/1.0 and JSON Feed), so its documents are expected
 * to fail — with a parse error, not a crash.
 */
const NOT_A_SUPPORTED_FORMAT = new Set(['wellformed/cdf']);

const cases = loadCases().filter((c) => c.wellFormed);
let server: FixtureServer;
beforeAll(async () => {
  server = await serveCases(cases);
});
afterAll(() => server.close());

async function run(path: string) {
  const record = newSourceRecord(server.url(`/tests/${path}`));
  return refreshFeedSource(record);
}

describe('feedparser well-formed documents through fetch → decode → parse', () => {
  it(`has the documents (${cases.length} well-formed)`, () => {
    expect(cases.length).toBeGreaterThan(1400);
  });

  for (const folder of [...new Set(cases.map((c) => c.folder))].sort()) {
    const inFolder = cases.filter((c) => c.folder === folder);
    it(`${folder}: ${inFolder.length} documents ${NOT_A_SUPPORTED_FORMAT.has(folder) ? 'fail with a clear parse error' : 'parse without error'}`, async () => {
      const failures: string[] = [];
      for (const c of inFolder) {
        const result = await run(c.path);
        if (NOT_A_SUPPORTED_FORMAT.has(folder)) {
          if (result.error?.kind !== 'parse' && result.error?.kind !== 'unrecognised') failures.push(`${c.path}: ${result.status}`);
        } else if (result.error) {
          failures.push(`${c.path}: ${result.error.kind}: ${result.error.message}`);
        }
      }
      expect(failures).toEqual([]);
    });
  }
});
