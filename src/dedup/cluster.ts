/**
 * Grouping of one connected neighbourhood of items into events: agglomerative
 * clustering along the scored edges, strongest first, where two groups merge
 * only when the average score over their member pairs clears the merge
 * threshold. Single linkage would chain the Geneva talks to the NATO-Russia
 * Council through one bridging report; average linkage does not.
 *
 * The result depends only on the set of items and their pair scores (edges are
 * taken in a fixed order, ties broken by item key), never on arrival order,
 * which is what lets an incremental run agree with a run over everything.
 */

export interface ScoredEdge {
  a: number;
  b: number;
  score: number;
}

export interface ClusterInput {
  /** The items of the neighbourhood (ordinals). */
  members: readonly number[];
  /** Edges between members with score at or above the link threshold. */
  edges: readonly ScoredEdge[];
  /** Pair score for any two members (called for pairs without an edge too). */
  pairScore(a: number, b: number): number;
  /** Stable sort key of an item (its id), for tie-breaking. */
  keyOf(ordinal: number): string;
  mergeThreshold: number;
  /** Added to the merge threshold when both groups already hold two or more items. */
  groupMergeMargin: number;
  /** Highest pair score counted when averaging (see pair-score.ts). */
  scoreCap: number;
  /** Most members per side compared when averaging, so huge groups stay affordable. */
  linkageSample: number;
}

export function clusterNeighbourhood(input: ClusterInput): number[][] {
  const parent = new Map<number, number>();
  const groups = new Map<number, number[]>();
  for (const member of input.members) {
    parent.set(member, member);
    groups.set(member, [member]);
  }
  const find = (ordinal: number): number => {
    let root = ordinal;
    while (parent.get(root) !== root) root = parent.get(root) ?? root;
    let current = ordinal;
    while (current !== root) {
      const next = parent.get(current) ?? root;
      parent.set(current, root);
      current = next;
    }
    return root;
  };
  const pairKey = (edge: ScoredEdge): string => {
    const ka = input.keyOf(edge.a);
    const kb = input.keyOf(edge.b);
    return ka < kb ? `${ka}\u0000${kb}` : `${kb}\u0000${ka}`;
  };
  const ordered = [...input.edges]
    .map((edge) => ({ edge, key: pairKey(edge) }))
    .sort((x, y) => y.edge.score - x.edge.score || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  for (const { edge } of ordered) {
    const rootA = find(edge.a);
    const rootB = find(edge.b);
    if (rootA === rootB) continue;
    const groupA = groups.get(rootA) ?? [];
    const groupB = groups.get(rootB) ?? [];
    // Folding two formed groups claims |A|x|B| pairs at once, and on the dev labels those merges were
    // the worst mistakes (a reaction's reports joining the event's); one item joining a group claims |B|.
    const threshold = groupA.length > 1 && groupB.length > 1 ? input.mergeThreshold + input.groupMergeMargin : input.mergeThreshold;
    if (averageLinkage(groupA, groupB, input) < threshold) continue;
    const [keep, drop] = input.keyOf(rootA) < input.keyOf(rootB) ? [rootA, rootB] : [rootB, rootA];
    parent.set(drop, keep);
    groups.set(keep, [...groupA, ...groupB].sort((x, y) => compareKeys(input.keyOf(x), input.keyOf(y))));
    groups.delete(drop);
  }
  return [...groups.values()].sort((x, y) => compareKeys(input.keyOf(x[0] ?? 0), input.keyOf(y[0] ?? 0)));
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function averageLinkage(groupA: readonly number[], groupB: readonly number[], input: ClusterInput): number {
  const sampleA = groupA.slice(0, input.linkageSample);
  const sampleB = groupB.slice(0, input.linkageSample);
  let sum = 0;
  for (const a of sampleA) for (const b of sampleB) sum += Math.min(input.scoreCap, input.pairScore(a, b));
  return sum / (sampleA.length * sampleB.length);
}
