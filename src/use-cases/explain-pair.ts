/**
 * Explain: the dedup features of two stored items and the decision taken for
 * the pair, with term weights from all stored items as in a real run. An
 * unknown id is an error, not an empty answer.
 */
import { ConfigError } from '../errors.js';
import { dedupItemOf } from '../dedup/dedup-item-of.js';
import { explainPair, type PairExplanation } from '../dedup/update-events.js';
import { withStore, type Workspace } from './workspace.js';

export function explainStoredPair(workspace: Workspace, a: string, b: string): Promise<PairExplanation> {
  return withStore(workspace, async (store) => {
    const summaries = await store.listItems();
    const items = await store.getItems(summaries.map((summary) => summary.id));
    const firstSeen = new Map(summaries.map((summary) => [summary.id, summary.firstSeen]));
    const corpus = items.map((item) => dedupItemOf(item, { firstSeen: firstSeen.get(item.id) }));
    const itemA = corpus.find((item) => item.id === a);
    const itemB = corpus.find((item) => item.id === b);
    if (!itemA || !itemB) throw new ConfigError(`unknown item id: ${[!itemA ? a : null, !itemB ? b : null].filter(Boolean).join(', ')}`);
    return explainPair(itemA, itemB, undefined, corpus);
  });
}
