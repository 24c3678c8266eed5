import { STRUCTURAL_TYPES } from '../../graph/graph-plan.ts';
import {
  EDGE_PROJECTION,
  type Graph,
  NODE_PROJECTION,
  knownIdsQuery,
  matchNodeById,
  readRecords,
  toGraphEdge,
  toGraphNode,
} from './read-records.ts';
import type { DatabaseHandle } from '../../neo4j/database-handle.ts';
import { assertIntegerInRange, assertNonEmpty, notFound } from './validate-arguments.ts';

export const MAX_PATH_LENGTH = 10;

/** The first shortest path of at most `maxLength` fact relationships between `$from` and `$to`. */
export function pathQuery(maxLength: number): string {
  return `${matchNodeById('a', 'from')}
  ${matchNodeById('b', 'to', ['a'])}
  MATCH p = allShortestPaths((a)-[*..${maxLength}]-(b))
  WHERE none(r IN relationships(p) WHERE type(r) IN $structural)
  WITH p ORDER BY [n IN nodes(p) | n.id], [r IN relationships(p) | type(r)] LIMIT 1
  RETURN [n IN nodes(p) | ${NODE_PROJECTION('n')}] AS nodes,
         [r IN relationships(p) | ${EDGE_PROJECTION('r')}] AS edges`;
}

/**
 * A shortest chain of fact relationships (either direction; MENTIONED_IN, PART_OF and
 * EXTERNAL_SOURCE excluded) from one node to another, nodes in path order; null when the two are
 * not connected within maxLength. NOT_FOUND when either id is unknown. Of several shortest
 * paths, the first by node ids, so that the answer is stable.
 */
export async function findPath(db: DatabaseHandle, from: string, to: string, maxLength = 6): Promise<Graph | null> {
  const fromId = assertNonEmpty('from', from);
  const toId = assertNonEmpty('to', to);
  const max = assertIntegerInRange('maxLength', maxLength, 1, MAX_PATH_LENGTH);
  const ends = await readRecords(db, knownIdsQuery('ids'), { ids: [fromId, toId] });
  const known = new Set(ends[0]?.get('ids') as string[]);
  if (!known.has(fromId)) throw notFound('node', fromId, 'from');
  if (!known.has(toId)) throw notFound('node', toId, 'to');
  if (fromId === toId) {
    const only = await readRecords(db, `${matchNodeById('n', 'id')} RETURN ${NODE_PROJECTION('n')} AS node`, { id: fromId });
    return { nodes: only.map((record) => toGraphNode(record.get('node'))), edges: [] };
  }
  // max is a validated integer: variable-length bounds cannot be parameters.
  const records = await readRecords(
    db,
    pathQuery(max),
    { from: fromId, to: toId, structural: STRUCTURAL_TYPES },
  );
  const record = records[0];
  if (record === undefined) return null;
  return {
    nodes: (record.get('nodes') as unknown[]).map(toGraphNode),
    edges: (record.get('edges') as unknown[]).map(toGraphEdge),
  };
}
