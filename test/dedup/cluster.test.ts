import { describe, expect, it } from 'vitest';
import { clusterNeighbourhood, type ClusterInput } from '../../src/dedup/cluster.js';

/** A neighbourhood of items 0..n-1 with the given pair scores (unlisted pairs score 0). */
function neighbourhood(count: number, scores: Record<string, number>, overrides: Partial<ClusterInput> = {}): ClusterInput {
  const score = (a: number, b: number) => scores[a < b ? `${a}-${b}` : `${b}-${a}`] ?? 0;
  const members = Array.from({ length: count }, (_, index) => index);
  const edges = members.flatMap((a) => members.filter((b) => b > a && score(a, b) >= 5.2).map((b) => ({ a, b, score: score(a, b) })));
  return {
    members,
    edges,
    pairScore: score,
    keyOf: (ordinal) => `item-${ordinal}`,
    mergeThreshold: 4.9,
    groupMergeMargin: 0.5,
    scoreCap: 7.8,
    linkageSample: 20,
    ...overrides,
  };
}

describe('clusterNeighbourhood', () => {
  it('does not chain two occurrences through one bridging report (average linkage)', () => {
    // 0-1 one meeting, 2-3 another; 1-2 is a report recapping both.
    const groups = clusterNeighbourhood(neighbourhood(4, { '0-1': 7, '2-3': 7, '1-2': 5.5 }));
    expect(groups).toEqual([[0, 1], [2, 3]]);
  });

  it('lets one item join a group on an average that two formed groups would need a margin above', () => {
    // Item 2 averages 5.0 with group {0, 1}: above the merge threshold, so it joins.
    expect(clusterNeighbourhood(neighbourhood(3, { '0-1': 7, '0-2': 5.3, '1-2': 4.7 }))).toEqual([[0, 1, 2]]);
    // Groups {0, 1} and {2, 3} average 5.0 across their four pairs: below threshold + margin, they stay apart.
    const twoGroups = { '0-1': 7, '2-3': 7, '0-2': 5.3, '0-3': 4.7, '1-2': 5.3, '1-3': 4.7 };
    expect(clusterNeighbourhood(neighbourhood(4, twoGroups))).toEqual([[0, 1], [2, 3]]);
    expect(clusterNeighbourhood(neighbourhood(4, twoGroups, { groupMergeMargin: 0 }))).toEqual([[0, 1, 2, 3]]);
  });

  it('gives the same groups whatever order the edges come in', () => {
    const input = neighbourhood(5, { '0-1': 6, '1-2': 5.6, '0-2': 5.4, '3-4': 6.5, '2-3': 5.3 });
    const reversed = { ...input, edges: [...input.edges].reverse(), members: [...input.members].reverse() };
    expect(clusterNeighbourhood(reversed)).toEqual(clusterNeighbourhood(input));
  });

  it('gives the same groups whichever item of each pair arrived first', () => {
    // Two formed groups whose four cross pairs average 5.4, the group threshold, give or take the last bit
    // of a sum taken in another order: which way the edges point (by arrival) must not decide the merge.
    const scores: Record<string, number> = { '0-1': 7, '2-3': 7, '0-2': 5.998, '0-3': 5.179, '1-2': 5.822, '1-3': 4.601 };
    const groupsWhenArriving = (arrival: number[]): string[][] => {
      const item = (ordinal: number) => arrival[ordinal] as number;
      const score = (a: number, b: number) => scores[item(a) < item(b) ? `${item(a)}-${item(b)}` : `${item(b)}-${item(a)}`] ?? 0;
      // Edges point from the lower ordinal, as regrouping builds them.
      const edges = [0, 1, 2, 3].flatMap((a) => [0, 1, 2, 3].filter((b) => b > a && score(a, b) >= 5.2).map((b) => ({ a, b, score: score(a, b) })));
      const input = neighbourhood(4, {}, { edges, pairScore: score, keyOf: (ordinal) => `item-${item(ordinal)}` });
      return clusterNeighbourhood(input).map((group) => group.map((ordinal) => `item-${item(ordinal)}`));
    };
    expect(groupsWhenArriving([3, 2, 1, 0])).toEqual(groupsWhenArriving([0, 1, 2, 3]));
  });

  it('takes equally strong edges in the order of their items\' keys, not of their ordinals, and lists groups by key', () => {
    // Ordinal 2 has the lowest key: edge 1-2 (keys a, b) comes before edge 0-1 (b, c), and item 0 then fails to join.
    const keys = ['c', 'b', 'a'];
    const input = neighbourhood(3, { '0-1': 6, '1-2': 6 }, { keyOf: (ordinal) => keys[ordinal] as string });
    expect(clusterNeighbourhood(input)).toEqual([[2, 1], [0]]);
  });

  it('asks again about two groups it refused to merge once one of them has grown', () => {
    // {0, 1} and {2, 3} average 5.3 and stay apart at edge 0-2; item 4 then joins {0, 1}, and its strong
    // scores with 2 and 3 (pairs without an edge of their own) lift the average to 5.43 for edge 0-3.
    const scores = { '0-1': 7, '2-3': 7, '0-2': 5.35, '0-3': 5.3, '1-2': 5.3, '1-3': 5.25, '0-4': 5.32, '1-4': 5, '2-4': 5.7, '3-4': 5.7 };
    const edges = ['0-1', '2-3', '0-2', '0-4', '0-3', '1-2', '1-3'].map((pair) => {
      const [a, b] = pair.split('-').map(Number) as [number, number];
      return { a, b, score: scores[pair as keyof typeof scores] };
    });
    expect(clusterNeighbourhood(neighbourhood(5, scores, { edges }))).toEqual([[0, 1, 2, 3, 4]]);
  });
});
