import type { NeighbourhoodQuery } from '../api/generated.ts';

type GraphData = NeighbourhoodQuery['neighbourhood'];
type GraphNode = GraphData['nodes'][number];
type GraphEdge = GraphData['edges'][number];

/**
 * Shortest path over a fetched subgraph that does not pass through hubs (countries, and any node
 * linked to at least `hubDegree` others, such as the meeting): the API's path query takes the
 * shortest route, which nearly always runs through them. Edges are followed in either direction.
 */
export function findPathAvoiding(graph: GraphData, from: string, to: string, hubDegree = 15): { nodes: GraphNode[]; edges: GraphEdge[] } | null {
  const degree = new Map<string, number>();
  for (const e of graph.edges) {
    degree.set(e.source, (degree.get(e.source) ?? 0) + 1);
    degree.set(e.target, (degree.get(e.target) ?? 0) + 1);
  }
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const isHub = (id: string) => id !== from && id !== to && (byId.get(id)?.type === 'Country' || (degree.get(id) ?? 0) >= hubDegree);
  const adjacent = new Map<string, { next: string; edge: GraphEdge }[]>();
  for (const edge of graph.edges) {
    adjacent.set(edge.source, [...(adjacent.get(edge.source) ?? []), { next: edge.target, edge }]);
    adjacent.set(edge.target, [...(adjacent.get(edge.target) ?? []), { next: edge.source, edge }]);
  }
  const came = new Map<string, { previous: string; edge: GraphEdge }>();
  const seen = new Set([from]);
  const queue = [from];
  while (queue.length > 0) {
    const at = queue.shift()!;
    if (at === to) break;
    for (const { next, edge } of adjacent.get(at) ?? []) {
      if (seen.has(next) || isHub(next)) continue;
      seen.add(next);
      came.set(next, { previous: at, edge });
      queue.push(next);
    }
  }
  if (!came.has(to)) return null;
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  for (let at = to; at !== from; ) {
    const step = came.get(at)!;
    nodes.unshift(byId.get(at)!);
    edges.unshift(step.edge);
    at = step.previous;
  }
  nodes.unshift(byId.get(from)!);
  return { nodes, edges };
}
