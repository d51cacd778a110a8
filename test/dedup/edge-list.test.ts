import { describe, expect, it } from 'vitest';
import { deleteEdge, setEdge, type EdgeList } from '../../src/dedup/edge-list.js';

describe('EdgeList', () => {
  it('keeps one score per neighbour, in the order links were made, as a Map would', () => {
    const edges: EdgeList = [];
    setEdge(edges, 7, 5.5);
    setEdge(edges, 3, 6.25);
    setEdge(edges, 12, 10.25);
    setEdge(edges, 3, 5.75);
    expect(edges).toEqual([7, 5.5, 3, 5.75, 12, 10.25]);
    deleteEdge(edges, 3);
    deleteEdge(edges, 99);
    expect(edges).toEqual([7, 5.5, 12, 10.25]);
    setEdge(edges, 3, 6);
    expect(edges).toEqual([7, 5.5, 12, 10.25, 3, 6]);
    // A score equal to a neighbour's ordinal is not taken for that neighbour.
    setEdge(edges, 6, 1);
    deleteEdge(edges, 6);
    expect(edges).toEqual([7, 5.5, 12, 10.25, 3, 6]);
  });
});
