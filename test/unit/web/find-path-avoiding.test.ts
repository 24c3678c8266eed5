import { describe, expect, it } from 'vitest';
import { findPathAvoiding } from '../../../web/src/graph/find-path-avoiding.ts';

const node = (id: string, type: 'Person' | 'Country' | 'Organisation' | 'Commitment' = 'Organisation') => ({ id, type, name: id });
const edge = (source: string, target: string) => ({ source, target, type: 'CONCERNS' as const, provenance: { documentId: null, passageId: null, quote: null, referenceId: null } });

// a - FR(country) - b is the short way; a - c - d - b the long way round.
const graph = {
  nodes: [node('a', 'Person'), node('FR', 'Country'), node('b'), node('c', 'Commitment'), node('d')],
  edges: [edge('a', 'FR'), edge('FR', 'b'), edge('a', 'c'), edge('d', 'c'), edge('d', 'b')],
  truncated: false,
};

describe('findPathAvoiding', () => {
  it('goes round a country, following edges in either direction', () => {
    const path = findPathAvoiding(graph, 'a', 'b');
    expect(path?.nodes.map((n) => n.id)).toEqual(['a', 'c', 'd', 'b']);
    expect(path?.edges).toHaveLength(3);
  });

  it('goes round a node with many links', () => {
    const spokes = Array.from({ length: 5 }, (_, i) => node(`s${i}`));
    const hubbed = {
      nodes: [...graph.nodes, node('hub'), ...spokes],
      edges: [...graph.edges.filter((e) => e.source !== 'FR' && e.target !== 'FR'), edge('a', 'hub'), edge('hub', 'b'), ...spokes.map((s) => edge('hub', s.id))],
      truncated: false,
    };
    expect(findPathAvoiding(hubbed, 'a', 'b', 5)?.nodes.map((n) => n.id)).toEqual(['a', 'c', 'd', 'b']);
  });

  it('answers null when only hubs connect the two', () => {
    const onlyThroughFrance = { ...graph, edges: [edge('a', 'FR'), edge('FR', 'b')] };
    expect(findPathAvoiding(onlyThroughFrance, 'a', 'b')).toBeNull();
  });

  it('may start or end at a hub', () => {
    expect(findPathAvoiding(graph, 'FR', 'b')?.nodes.map((n) => n.id)).toEqual(['FR', 'b']);
  });
});
