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
  // Members by position; every order and tie below compares ranks by key, computed once, never the key strings.
  const local = new Map<number, number>();
  const members: number[] = [];
  for (const member of input.members) {
    if (local.has(member)) continue;
    local.set(member, members.length);
    members.push(member);
  }
  const rank = keyRanks(members, input.keyOf);
  const parent = Int32Array.from(members, (_, index) => index);
  // Members of the group each root stands for, in key order; null once merged into another.
  const groups: (number[] | null)[] = members.map((_, index) => [index]);
  const find = (index: number): number => {
    let root = index;
    while (parent[root] !== root) root = parent[root] as number;
    let current = index;
    while (current !== root) {
      const next = parent[current] as number;
      parent[current] = root;
      current = next;
    }
    return root;
  };
  // Edges in typed columns, ordered through an index: at 100k items a batch regroups ~16k edges, and an
  // object per edge lived long enough to be promoted and collected by a full collection.
  const edgeCount = input.edges.length;
  const ends = new Int32Array(edgeCount * 2);
  const scores = new Float64Array(edgeCount);
  const lows = new Int32Array(edgeCount);
  const highs = new Int32Array(edgeCount);
  const order = new Uint32Array(edgeCount);
  input.edges.forEach((edge, at) => {
    const a = local.get(edge.a) as number;
    const b = local.get(edge.b) as number;
    const rankA = rank[a] as number;
    const rankB = rank[b] as number;
    ends[at * 2] = a;
    ends[at * 2 + 1] = b;
    scores[at] = edge.score;
    lows[at] = rankA < rankB ? rankA : rankB;
    highs[at] = rankA < rankB ? rankB : rankA;
    order[at] = at;
  });
  // Strongest first, ties by the pair's keys (lower key first, then the higher).
  order.sort((x, y) => (scores[y] as number) - (scores[x] as number) || (lows[x] as number) - (lows[y] as number) || (highs[x] as number) - (highs[y] as number));
  // Two groups are often joined by several edges, and a merge refused for the first is asked again for
  // each: 60% of the pairs averaged at 100k items. A group only grows, and keeps its root, so a root
  // and a size name its members; the average of two unchanged groups is looked up, not summed again.
  const averages = new Map<number, { sizeA: number; sizeB: number; average: number }>();
  const linkage = (rootA: number, rootB: number, groupA: readonly number[], groupB: readonly number[]): number => {
    const key = rootA * members.length + rootB;
    const known = averages.get(key);
    if (known && known.sizeA === groupA.length && known.sizeB === groupB.length) return known.average;
    const average = averageLinkage(groupA, groupB, members, input);
    averages.set(key, { sizeA: groupA.length, sizeB: groupB.length, average });
    return average;
  };
  for (const at of order) {
    let rootA = find(ends[at * 2] as number);
    let rootB = find(ends[at * 2 + 1] as number);
    if (rootA === rootB) continue;
    // An edge points from the item that arrived first; the average sums its pairs group by group, and
    // the other way round its last bit may differ at the threshold. Groups in key order sum one way only.
    if ((rank[rootA] as number) > (rank[rootB] as number)) [rootA, rootB] = [rootB, rootA];
    const groupA = groups[rootA] as number[];
    const groupB = groups[rootB] as number[];
    // Folding two formed groups claims |A|x|B| pairs at once, and on the dev labels those merges were
    // the worst mistakes (a reaction's reports joining the event's); one item joining a group claims |B|.
    const threshold = groupA.length > 1 && groupB.length > 1 ? input.mergeThreshold + input.groupMergeMargin : input.mergeThreshold;
    if (linkage(rootA, rootB, groupA, groupB) < threshold) continue;
    const [keep, drop] = (rank[rootA] as number) < (rank[rootB] as number) ? [rootA, rootB] : [rootB, rootA];
    parent[drop] = keep;
    groups[keep] = mergeByRank(groupA, groupB, rank);
    groups[drop] = null;
  }
  const result = groups.filter((group): group is number[] => group !== null);
  result.sort((x, y) => (rank[x[0] as number] as number) - (rank[y[0] as number] as number));
  return result.map((group) => group.map((index) => members[index] as number));
}

/** Each member's position in key order; equal keys share a rank. */
function keyRanks(members: readonly number[], keyOf: (ordinal: number) => string): Int32Array {
  const keyed = members.map((ordinal, index) => ({ key: keyOf(ordinal), index }));
  keyed.sort((x, y) => compareKeys(x.key, y.key));
  const rank = new Int32Array(members.length);
  keyed.forEach((entry, at) => {
    const previous = keyed[at - 1];
    rank[entry.index] = previous && previous.key === entry.key ? (rank[previous.index] as number) : at;
  });
  return rank;
}

/** Two groups in key order as one; on equal keys the first group's member comes first, as a stable sort of both would put it. */
function mergeByRank(first: readonly number[], second: readonly number[], rank: Int32Array): number[] {
  const merged: number[] = [];
  let i = 0;
  let j = 0;
  while (i < first.length && j < second.length) {
    if ((rank[first[i] as number] as number) <= (rank[second[j] as number] as number)) merged.push(first[i++] as number);
    else merged.push(second[j++] as number);
  }
  while (i < first.length) merged.push(first[i++] as number);
  while (j < second.length) merged.push(second[j++] as number);
  return merged;
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function averageLinkage(groupA: readonly number[], groupB: readonly number[], members: readonly number[], input: ClusterInput): number {
  const countA = Math.min(groupA.length, input.linkageSample);
  const countB = Math.min(groupB.length, input.linkageSample);
  let sum = 0;
  for (let i = 0; i < countA; i += 1) {
    const a = members[groupA[i] as number] as number;
    for (let j = 0; j < countB; j += 1) sum += Math.min(input.scoreCap, input.pairScore(a, members[groupB[j] as number] as number));
  }
  return sum / (countA * countB);
}
