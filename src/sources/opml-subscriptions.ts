/**
 * Between OPML documents and source records: which sources an imported OPML
 * adds, and the OPML of the feed sources. Pure; the opml command and the
 * server's /opml route both use it. Reading and writing OPML text is opml.ts.
 */
import type { SourceRecord } from '../store/store.js';
import type { OpmlDocument } from './opml.js';
import { newSourceRecord } from './source-records.js';

export interface OpmlImportSummary {
  added: SourceRecord[];
  /** Feeds already subscribed (same URL). */
  existing: string[];
  /** Outlines that are not feeds or have an unusable URL, with why. */
  skipped: { xmlUrl: string; reason: string }[];
}

/** The sources an OPML document adds to the list; pure, so import can be tested without a store. */
export function sourcesFromOpml(document: OpmlDocument, list: readonly SourceRecord[], now = new Date()): OpmlImportSummary {
  const summary: OpmlImportSummary = {
    added: [],
    existing: [],
    skipped: (document.skipped ?? []).map(({ xmlUrl, reason }) => ({ xmlUrl, reason })),
  };
  const known = new Set(list.map((s) => s.location));
  for (const feed of document.feeds) {
    let record: SourceRecord;
    try {
      record = newSourceRecord(feed.xmlUrl, { name: feed.title, categories: feed.categories }, now);
    } catch (error) {
      summary.skipped.push({ xmlUrl: feed.xmlUrl, reason: (error as Error).message });
      continue;
    }
    if (record.kind !== 'feed') {
      summary.skipped.push({ xmlUrl: feed.xmlUrl, reason: 'not an http(s) feed URL' });
      continue;
    }
    if (known.has(record.location)) {
      summary.existing.push(record.location);
      continue;
    }
    known.add(record.location);
    summary.added.push(record);
  }
  return summary;
}

export function opmlFromSources(list: readonly SourceRecord[], title: string): OpmlDocument {
  return {
    title,
    feeds: list
      .filter((s) => s.kind === 'feed')
      .map((s) => ({ xmlUrl: s.location, htmlUrl: null, title: s.name, categories: s.categories })),
  };
}
