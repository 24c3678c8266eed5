import type { DatabaseHandle } from '../../neo4j/database-handle.ts';
import { NODE_LABELS, type NodeLabel, STRUCTURAL_TYPES } from '../../graph/graph-plan.ts';
import { AppError, ErrorCode } from '../../errors.ts';
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
import { assertIntegerInRange, assertNonEmpty, notFound } from './validate-arguments.ts';

export const MAX_PATH_LENGTH = 10;
export const MAX_PATHS = 10;

export interface PathOptions {
  /** How many paths at most (1 to MAX_PATHS). */
  k?: number;
  maxLength?: number;
  /** No node of these types between the two ends. */
  excludeTypes?: readonly NodeLabel[];
  /** No node with these ids between the two ends (hubs such as the meeting or a country). */
  excludeIds?: readonly string[];
  /** COMMITMENTS: every node between the two ends is a commitment. */
  via?: 'ANY' | 'COMMITMENTS';
}

/**
 * Up to `k` shortest paths of at most `maxLength` fact relationships between `$from` and `$to`,
 * avoiding `$excludeIds` and `$excludeTypes` (and anything but commitments `via` COMMITMENTS).
 * k and maxLength are validated integers: SHORTEST and quantifier bounds cannot be parameters.
 * The predicates sit inside the quantified pattern so that the search itself avoids the excluded
 * nodes; in a WHERE after the pattern they would only filter the paths it had chosen.
 */
export function pathsQuery(k: number, maxLength: number, via: 'ANY' | 'COMMITMENTS'): string {
  const onlyCommitments = via === 'COMMITMENTS' ? ' AND step:Commitment' : '';
  return `${matchNodeById('a', 'from')}
  ${matchNodeById('b', 'to', ['a'])}
  MATCH p = SHORTEST ${k} GROUPS (a)(()-[r WHERE NOT type(r) IN $structural]-(step WHERE step = b OR (
    NOT step.id IN $excludeIds AND none(label IN labels(step) WHERE label IN $excludeTypes)${onlyCommitments}
  ))){1,${maxLength}}(b)
  WITH p ORDER BY length(p), [n IN nodes(p) | n.id], [r IN relationships(p) | type(r)],
    [r IN relationships(p) | [coalesce(r.passageId, ''), coalesce(r.referenceId, ''), coalesce(r.quote, '')]] LIMIT ${k}
  RETURN [n IN nodes(p) | ${NODE_PROJECTION('n')}] AS nodes,
         [r IN relationships(p) | ${EDGE_PROJECTION('r')}] AS edges`;
}

/**
 * Up to k shortest chains of fact relationships (either direction; MENTIONED_IN, PART_OF and
 * EXTERNAL_SOURCE excluded) from one node to another, shortest first, nodes in path order;
 * empty when none lies within maxLength. NOT_FOUND when either id is unknown.
 *
 * The k shortest path *lengths* are searched (`SHORTEST k GROUPS`, the filters applied during the
 * search, not after) and their paths sorted by length, then node ids, then relationship types,
 * before k are kept: the answer is stable, whatever order the database finds them in.
 */
export async function findPaths(db: DatabaseHandle, from: string, to: string, options: PathOptions = {}): Promise<Graph[]> {
  const fromId = assertNonEmpty('from', from);
  const toId = assertNonEmpty('to', to);
  const k = assertIntegerInRange('k', options.k ?? 3, 1, MAX_PATHS);
  const max = assertIntegerInRange('maxLength', options.maxLength ?? 6, 1, MAX_PATH_LENGTH);
  const excludeTypes = [...(options.excludeTypes ?? [])];
  for (const type of excludeTypes) {
    if (!(NODE_LABELS as readonly string[]).includes(type)) {
      throw new AppError(ErrorCode.BAD_USER_INPUT, `excludeTypes: "${type}" is not a node type.`, { details: { argument: 'excludeTypes', value: type } });
    }
  }
  const ends = await readRecords(db, knownIdsQuery('ids'), { ids: [fromId, toId] });
  const known = new Set(ends[0]?.get('ids') as string[]);
  if (!known.has(fromId)) throw notFound('node', fromId, 'from');
  if (!known.has(toId)) throw notFound('node', toId, 'to');
  if (fromId === toId) {
    const only = await readRecords(db, `${matchNodeById('n', 'id')} RETURN ${NODE_PROJECTION('n')} AS node`, { id: fromId });
    return [{ nodes: only.map((record) => toGraphNode(record.get('node'))), edges: [] }];
  }
  const records = await readRecords(
    db,
    pathsQuery(k, max, options.via ?? 'ANY'),
    { from: fromId, to: toId, structural: STRUCTURAL_TYPES, excludeIds: [...(options.excludeIds ?? [])], excludeTypes },
  );
  return records.map((record) => ({
    nodes: (record.get('nodes') as unknown[]).map(toGraphNode),
    edges: (record.get('edges') as unknown[]).map(toGraphEdge),
  }));
}
