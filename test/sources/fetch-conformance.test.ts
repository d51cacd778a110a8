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
 * RSS 0.9x/1.0/2.0, Atom 0.3/1.0 and JSON Feed), so its documents (the cdf
 * folder and `cdf_*` files elsewhere) are expected to fail — with a clear
 * parse error, not a crash.
 */
const isCdf = (path: string) => path.startsWith('wellformed/cdf/') || /\/cdf_[^/]+$/.test(path);

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

  it('resolves relative links against the Content-Location header, else the URL fetched (wellformed/base/http_*)', async () => {
    const [byHeader] = (await run('wellformed/base/http_item_link_base_content_location.xml')).items;
    expect(byHeader?.url).toBe('http://example.com/relative/uri');
    const [byUrl] = (await run('wellformed/base/http_item_link_base_docuri.xml')).items;
    expect(byUrl?.url).toBe(server.url('/relative/uri'));
    const [content] = (await run('wellformed/base/http_entry_content_base_content_location.xml')).items;
    expect(content?.contentHtml).toContain('href="http://example.com/relative/uri"');
  });

  for (const folder of [...new Set(cases.map((c) => c.folder))].sort()) {
    const inFolder = cases.filter((c) => c.folder === folder);
    const cdf = inFolder.filter((c) => isCdf(c.path)).length;
    const title = cdf === inFolder.length ? 'fail with a clear parse error (CDF)' : `parse without error${cdf ? ` (${cdf} CDF documents fail clearly)` : ''}`;
    it(`${folder}: ${inFolder.length} documents ${title}`, async () => {
      const failures: string[] = [];
      for (const c of inFolder) {
        const result = await run(c.path);
        if (isCdf(c.path)) {
          if (result.error?.kind !== 'parse' && result.error?.kind !== 'unrecognised') failures.push(`${c.path}: ${result.status}`);
        } else if (result.error) {
          failures.push(`${c.path}: ${result.error.kind}: ${result.error.message}`);
        }
      }
      expect(failures).toEqual([]);
    });
  }
});
