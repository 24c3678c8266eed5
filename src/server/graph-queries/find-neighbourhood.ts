import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import { STRUCTURAL_TYPES } from '../../graph/graph-plan.ts';
import { withSession, type DatabaseHandle } from '../../neo4j/database-handle.ts';
import { EDGE_PROJECTION, QUERY_TIMEOUT_MS, requestDatabase, type Graph, NODE_PROJECTION, matchNodeById, toGraphEdge, toGraphNode } from './read-records.ts';
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

/** The element id of the node `$id`. */
export const NEIGHBOURHOOD_CENTRE_QUERY = `${matchNodeById('centre', 'id')}
  RETURN elementId(centre) AS elementId`;

/**
 * The next ring: neighbours of the `$frontier` nodes over fact relationships that are not in
 * `$seen`, by id, at most `$take` of them. Reads at most the frontier's relationships, never paths.
 */
export const NEIGHBOURHOOD_RING_QUERY = `UNWIND $frontier AS fromElement
  MATCH (from) WHERE elementId(from) = fromElement
  MATCH (from)-[r]-(other)
  WHERE NOT type(r) IN $structural AND other.id IS NOT NULL AND NOT elementId(other) IN $seen
  WITH DISTINCT other
  ORDER BY other.id
  LIMIT $take
  RETURN elementId(other) AS elementId`;

/** Whether any node outside `$seen` lies one fact relationship from the `$frontier`. */
export const NEIGHBOURHOOD_MORE_QUERY = `UNWIND $frontier AS fromElement
  MATCH (from) WHERE elementId(from) = fromElement
  MATCH (from)-[r]-(other)
  WHERE NOT type(r) IN $structural AND other.id IS NOT NULL AND NOT elementId(other) IN $seen
  WITH other LIMIT 1
  RETURN count(other) > 0 AS more`;

/** The `$kept` nodes in their order, and every fact relationship among them. */
export const NEIGHBOURHOOD_GRAPH_QUERY = `UNWIND range(0, size($kept) - 1) AS position
  MATCH (n) WHERE elementId(n) = $kept[position]
  WITH n ORDER BY position
  WITH collect(n) AS nodes
  CALL (nodes) {
    UNWIND nodes AS a
    MATCH (a)-[r]->(b)
    WHERE NOT type(r) IN $structural AND b IN nodes
    WITH r ORDER BY startNode(r).id, type(r), endNode(r).id, coalesce(r.passageId, ''), coalesce(r.referenceId, ''), coalesce(r.quoteStart, -1), coalesce(r.quote, '')
    RETURN collect(${EDGE_PROJECTION('r')}) AS edges
  }
  RETURN [n IN nodes | ${NODE_PROJECTION('n')}] AS nodes, edges`;

/**
 * The node and the nodes within `depth` fact relationships of it (nearest first, then by id, at
 * most `limit` including the centre), with every fact relationship among them.
 *
 * Breadth-first, one ring at a time, within the node budget: enumerating paths
 * (`-[*1..depth]-`) costs degree^depth, which around a hub (a country party to thousands of
 * commitments) means millions of paths for a hundred nodes kept. A ring is read only while the
 * budget lasts, and only `budget + 1` of its nodes (the extra one says "truncated").
 */
export async function findNeighbourhood(db: DatabaseHandle, id: string, options: NeighbourhoodOptions = {}): Promise<Neighbourhood> {
  const centreId = assertNonEmpty('id', id);
  const depth = assertIntegerInRange('depth', options.depth ?? 1, 1, MAX_DEPTH);
  const limit = assertIntegerInRange('limit', options.limit ?? 100, 1, MAX_NEIGHBOURHOOD_LIMIT);
  const found = await withSession(requestDatabase(db), 'READ', (session) =>
    session.executeRead((tx) => expand(tx, centreId, depth, limit), { timeout: QUERY_TIMEOUT_MS }),
  );
  if (found === undefined) throw notFound('node', centreId, 'id');
  return found;
}

async function expand(tx: ManagedTransaction, centreId: string, depth: number, limit: number): Promise<Neighbourhood | undefined> {
  const centre = await tx.run(NEIGHBOURHOOD_CENTRE_QUERY, { id: centreId });
  const centreElement = centre.records[0]?.get('elementId') as string | undefined;
  if (centreElement === undefined) return undefined;

  const structural = STRUCTURAL_TYPES;
  const kept: string[] = [centreElement];
  let frontier: string[] = [centreElement];
  let truncated = false;
  for (let ring = 1; ring <= depth && frontier.length > 0; ring += 1) {
    const budget = limit - kept.length;
    if (budget <= 0) {
      // The budget is spent: any node in the next ring is one the answer leaves out.
      const more = await tx.run(NEIGHBOURHOOD_MORE_QUERY, { frontier, seen: kept, structural });
      truncated = more.records[0]?.get('more') === true;
      break;
    }
    const next = await tx.run(NEIGHBOURHOOD_RING_QUERY, { frontier, seen: kept, structural, take: neo4j.int(budget + 1) });
    const reached = next.records.map((record) => record.get('elementId') as string);
    if (reached.length > budget) {
      truncated = true;
      kept.push(...reached.slice(0, budget));
      break;
    }
    kept.push(...reached);
    frontier = reached;
  }

  const graph = await tx.run(NEIGHBOURHOOD_GRAPH_QUERY, { kept, structural });
  const record = graph.records[0];
  return {
    nodes: ((record?.get('nodes') as unknown[] | undefined) ?? []).map(toGraphNode),
    edges: ((record?.get('edges') as unknown[] | undefined) ?? []).map(toGraphEdge),
    truncated,
  };
}
