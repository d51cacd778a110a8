/**
 * The links of one item (neighbour ordinal and pair score, alternating) in
 * one plain array of numbers. V8 keeps such an array as unboxed doubles: a
 * Map per item held a hash table and a boxed number per score, and at 100k
 * items those 600k objects were work for every garbage collection. An item
 * has a handful of links, so finding one is a short scan. Keeps insertion
 * order, as a Map would. Knows nothing of what a score means.
 */
export type EdgeList = number[];

/** Links `neighbour` with `score`, or gives an existing link the new score. */
export function setEdge(edges: EdgeList, neighbour: number, score: number): void {
  for (let at = 0; at < edges.length; at += 2) {
    if (edges[at] !== neighbour) continue;
    edges[at + 1] = score;
    return;
  }
  edges.push(neighbour, score);
}

export function deleteEdge(edges: EdgeList, neighbour: number): void {
  for (let at = 0; at < edges.length; at += 2) {
    if (edges[at] !== neighbour) continue;
    edges.splice(at, 2);
    return;
  }
}
