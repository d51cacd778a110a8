/**
 * Dedup evaluation: read every article file of a folder in memory (nothing
 * is stored), fold them into events and score the grouping against gold
 * labels (`{"items": {"<file>": "<event id>"}}`). All files are clustered,
 * labelled or not, so unlabelled ones act as distractors; only labelled ones
 * are scored. `feedfold eval-dedup` prints it; `npm run tune:dedup` fits on it.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError, describeError } from '../errors.js';
import { readArticleFile } from '../sources/article-file.js';
import { dedupItemOf } from '../dedup/dedup-item-of.js';
import type { DedupItem } from '../dedup/dedup-item.js';
import { scoreClustering, type ClusteringScore } from '../dedup/score-clustering.js';
import { updateEvents } from '../dedup/update-events.js';
import { defaultDedupConfig, type DedupConfig } from '../dedup/config.js';

export interface DedupEvaluation {
  score: ClusteringScore;
  /** File -> title, for reporting. */
  titles: Map<string, string>;
  events: number;
  failed: string[];
}

export async function readLabels(path: string): Promise<Map<string, string>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (cause) {
    throw new ConfigError(`${path}: cannot read labels: ${(cause as Error).message}`);
  }
  const items = (parsed as { items?: unknown }).items;
  if (!items || typeof items !== 'object') throw new ConfigError(`${path}: labels need an "items" object of file -> event id`);
  const labels = new Map<string, string>();
  for (const [file, event] of Object.entries(items as Record<string, unknown>)) {
    if (typeof event !== 'string') throw new ConfigError(`${path}: label of ${file} is not a string`);
    labels.set(file, event);
  }
  return labels;
}

/** Reads a folder's article files (one level) into dedup items keyed by file name. */
export async function readFolderItems(dir: string): Promise<{ items: Map<string, DedupItem>; failed: string[] }> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => !name.startsWith('.')).sort();
  } catch (cause) {
    throw new ConfigError(`${dir}: cannot list folder: ${(cause as Error).message}`);
  }
  const items = new Map<string, DedupItem>();
  const failed: string[] = [];
  const firstSeen = new Date(0).toISOString();
  for (const name of names) {
    try {
      items.set(name, dedupItemOf(await readArticleFile(join(dir, name), name), { firstSeen }));
    } catch (error) {
      failed.push(`${name}: ${describeError(error)}`);
    }
  }
  return { items, failed };
}

export function evaluateItems(items: ReadonlyMap<string, DedupItem>, labels: ReadonlyMap<string, string>, config: DedupConfig = defaultDedupConfig): DedupEvaluation {
  const { events } = updateEvents({ events: [], index: null }, [...items.values()], config);
  const eventOfItem = new Map<string, string>();
  for (const event of events) for (const member of event.items) eventOfItem.set(member.id, event.id);
  const predicted = new Map<string, string>();
  const titles = new Map<string, string>();
  for (const [file, item] of items) {
    const eventId = eventOfItem.get(item.id);
    if (eventId) predicted.set(file, eventId);
    titles.set(file, item.title);
  }
  return { score: scoreClustering(predicted, labels), titles, events: events.length, failed: [] };
}
