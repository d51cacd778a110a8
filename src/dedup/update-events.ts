/**
 * The public face of dedup: fold the current items into events, keeping the
 * event ids already handed out, and explain the decision for one pair.
 *
 * `updateEvents` wants every current item (the store's summaries): the saved
 * index state holds only assignments, so items it does not see cannot be
 * matched against, and items it no longer sees are taken as removed. Only the
 * neighbourhood of new, changed and removed items is regrouped.
 */
import type { Event } from '../event.js';
import { defaultDedupConfig, type DedupConfig } from './config.js';
import type { DedupItem } from './dedup-item.js';
import { DedupIndex, type DedupIndexState } from './dedup-index.js';
import { profileEntities, profileItem } from './fingerprint.js';
import { PairScorer, type PairDecision, type PairFeatures } from './pair-score.js';
import { TermWeights } from './term-weights.js';

export type { DedupItem } from './dedup-item.js';
export type { DedupIndexState } from './dedup-index.js';

export interface DedupResult {
  events: Event[];
  index: DedupIndexState;
}

/**
 * @param previous the events and index state saved by the last run (`index` null on a first run)
 * @param items every current item; items missing from a previous run are dropped from their events
 */
export function updateEvents(previous: { events: Event[]; index: DedupIndexState | null }, items: readonly DedupItem[], config: DedupConfig = defaultDedupConfig): DedupResult {
  const index = new DedupIndex(config);
  index.restore(previous.index, previous.events);
  index.apply(items, true);
  return { events: index.events(), index: index.state() };
}

export interface PairExplanation {
  a: { id: string; title: string };
  b: { id: string; title: string };
  features: PairFeatures;
  score: number;
  linkThreshold: number;
  decision: PairDecision;
}

/**
 * Features and decision for one pair. Term weights come from `corpus` (e.g.
 * all stored items) when given, else from the two items alone, where every
 * shared term weighs the same.
 */
export function explainPair(a: DedupItem, b: DedupItem, config: DedupConfig = defaultDedupConfig, corpus: readonly DedupItem[] = []): PairExplanation {
  const weights = new TermWeights();
  const profileA = profileItem(a, config);
  const profileB = profileItem(b, config);
  const seen = new Set<string>();
  for (const item of corpus) {
    if (seen.has(item.id)) continue;
    seen.add(item.id);
    weights.add(item.id === a.id ? profileA.bodyTerms : item.id === b.id ? profileB.bodyTerms : profileItem(item, config).bodyTerms);
  }
  if (!seen.has(a.id)) weights.add(profileA.bodyTerms);
  if (!seen.has(b.id)) weights.add(profileB.bodyTerms);
  const result = new PairScorer(weights, config).score(profileA, profileB, true);
  if (result.decision !== 'too-far-apart') {
    // Profiles keep entity hashes only: the names both mention are read again for the explanation.
    const namesB = new Set(profileEntities(b, config));
    result.features.sharedEntities = profileEntities(a, config).filter((name) => namesB.has(name));
  }
  return {
    a: { id: a.id, title: profileA.title },
    b: { id: b.id, title: profileB.title },
    features: result.features,
    score: result.score,
    linkThreshold: config.linkThreshold,
    decision: result.decision,
  };
}
