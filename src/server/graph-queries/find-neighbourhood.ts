import { STRUCTURAL_TYPES } from '../../graph/graph-plan.ts';
import neo4j from 'neo4j-driver';
import {
  EDGE_PROJECTION,
  type Graph,
  NODE_PROJECTION,
  matchNodeById,
  readRecords,
  toGraphEdge,
  toGraphNode,
} from './read-records.ts';
import type { DatabaseHandle } from '../../neo4j/database-handle.ts';
import { assertIntegerInRange, assertNonEmpty, notFound } from './validate-arguments.ts';

export interface NeighbourhoodOptions {
  depth?: number;
  limit?: number;
}

export interface Neighbourhood extends Graph {
  /** True when more nodes lay within depth than limit allowed. */
  truncated: boolean;
}

export const MAX_DEPTH = 3;
export const MAX_NEIGHBOURHOOD_LIMIT = 500;

/** The node `$id` and the nodes within `depth` fact relationships, at most `$limit`, with the edges among them. */
export function neighbourhoodQuery(depth: number): string {
  return `${matchNodeById('centre', 'id')}
  OPTIONAL MATCH path = (centre)-[rels*1..${depth}]-(other)
  WHERE other <> centre AND other.id IS NOT NULL AND none(r IN rels WHERE type(r) IN $structural)
  WITH centre, other, min(length(path)) AS distance
  ORDER BY distance, other.id
  WITH centre, [o IN collect(other) WHERE o IS NOT NULL] AS others
  WITH centre, others[0..$limit - 1] AS kept, size(others) >= $limit AS truncated
  WITH [centre] + kept AS nodes, truncated
  CALL {
    WITH nodes
    UNWIND nodes AS a
    MATCH (a)-[r]->(b)
    WHERE b IN nodes AND NOT type(r) IN $structural
    WITH r ORDER BY startNode(r).id, type(r), endNode(r).id
    RETURN collect(${EDGE_PROJECTION('r')}) AS edges
  }
  RETURN [n IN nodes | ${NODE_PROJECTION('n')}] AS nodes, edges, truncated`;
}

/**
 * The node and the nodes within `depth` fact relationships of it (nearest first, then by id, at
 * most `limit` including the centre), with every fact relationship among them.
 */
export async function findNeighbourhood(db: DatabaseHandle, id: string, options: NeighbourhoodOptions = {}): Promise<Neighbourhood> {
  const centre = assertNonEmpty('id', id);
  const depth = assertIntegerInRange('depth', options.depth ?? 1, 1, MAX_DEPTH);
  const limit = assertIntegerInRange('limit', options.limit ?? 100, 1, MAX_NEIGHBOURHOOD_LIMIT);
  // depth is a validated integer: variable-length bounds cannot be parameters.
  const records = await readRecords(
    db,
    neighbourhoodQuery(depth),
    { id: centre, structural: STRUCTURAL_TYPES, limit: neo4j.int(limit) },
  );
  const record = records[0];
  if (record === undefined) throw notFound('node', centre, 'id');
  return {
    nodes: (record.get('nodes') as unknown[]).map(toGraphNode),
    edges: (record.get('edges') as unknown[]).map(toGraphEdge),
    truncated: record.get('truncated') as boolean,
  };
}
