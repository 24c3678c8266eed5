import type { Record as Neo4jRecord } from 'neo4j-driver';
import { AppError, ErrorCode } from '../errors.ts';
import { hasPublicLabelCypher, isInternalName, isPublicNameCypher } from '../graph/internal-names.ts';
import { readRows, streamRows, type DatabaseHandle } from '../neo4j/database-handle.ts';
import { mapDriverError } from '../neo4j/map-driver-error.ts';
import type {
  ExportNode,
  ExportRelationship,
  GraphSchema,
  GraphSource,
  NodeGroup,
  PropertyColumn,
  RelationshipGroup,
} from './graph-source.ts';
import { mergePropertyTypes, parseCypherValueType, type PropertyType } from '../values/property-types.ts';
import { checkSelection } from './check-selection.ts';

/** Which part of the graph to export; all given conditions must hold. Empty = the whole graph. */
export interface GraphSelection {
  /** Nodes carrying at least one of these labels. */
  labels?: string[] | undefined;
  /** Nodes with one of these `id`s. */
  ids?: string[] | undefined;
  /** Nodes within `depth` hops (either direction) of the node with this `id`. */
  around?: { id: string; depth: number } | undefined;
  /** Only relationships of these types (nodes are chosen by the other conditions). */
  types?: string[] | undefined;
}

const SORTED_LABELS = (v: string) => `COLLECT { UNWIND labels(${v}) AS l WITH l WHERE ${isPublicNameCypher('l')} RETURN l ORDER BY l }`;

// Rows in an order that depends on the data alone, not on how or when it was stored: two exports
// of the same graph are the same bytes (diff and caches work). Maps are orderable in Cypher, so
// properties break the ties that ids and types leave.
const NODE_ORDER = 'ORDER BY properties.id, labels, properties';
const RELATIONSHIP_ORDER = 'ORDER BY startId, type, endId, properties';

/**
 * Reads the graph's shape, then exposes nodes and relationships, each sorted (by id, then by
 * start, type and end), as streams pulled from Neo4j record by record (the driver fetches in batches and pauses while we write), so memory stays
 * flat however large the graph is. Relationships are those whose two ends are both selected.
 */
export async function readGraph(db: DatabaseHandle, wanted: GraphSelection = {}): Promise<GraphSource> {
  const selection = normaliseSelection(wanted);
  const query = buildSelectionQueries(selection);
  const params = selectionParams(selection);
  const run = (cypher: string) => collect(db, cypher, params);

  await checkSelection(db, selection);

  const [groupCounts, groupProps, relCounts, relProps, constraints, indexes] = await Promise.all([
    run(`${query.nodes} WITH ${SORTED_LABELS('n')} AS labels RETURN labels, count(*) AS count`),
    run(`${query.nodes} WITH n, ${SORTED_LABELS('n')} AS labels UNWIND [k IN keys(n) WHERE ${isPublicNameCypher('k')}] AS key
         RETURN labels, key, collect(DISTINCT valueType(n[key])) AS types`),
    run(`${query.relationships} RETURN type(r) AS type, count(*) AS count`),
    run(`${query.relationships} UNWIND [k IN keys(r) WHERE ${isPublicNameCypher('k')}] AS key RETURN type(r) AS type, key, collect(DISTINCT valueType(r[key])) AS types`),
    collect(db, 'SHOW CONSTRAINTS YIELD type, entityType, labelsOrTypes, properties, createStatement RETURN *', {}),
    collect(db, `SHOW INDEXES YIELD type, labelsOrTypes, owningConstraint, createStatement
                      WHERE type <> 'LOOKUP' AND owningConstraint IS NULL RETURN *`, {}),
  ]);

  const nodeGroups = new Map<string, NodeGroup>();
  const nodeTypes = new Map<string, Map<string, string[]>>();
  for (const row of groupCounts) {
    const labels = row.labels as string[];
    nodeGroups.set(labels.join(':'), { labels, count: Number(row.count), properties: [] });
  }
  for (const row of groupProps) {
    const key = (row.labels as string[]).join(':');
    const byName = nodeTypes.get(key) ?? new Map<string, string[]>();
    byName.set(row.key as string, row.types as string[]);
    nodeTypes.set(key, byName);
  }
  for (const [key, group] of nodeGroups) group.properties = columns(nodeTypes.get(key));

  const relationshipGroups = new Map<string, RelationshipGroup>();
  const relTypes = new Map<string, Map<string, string[]>>();
  for (const row of relCounts) {
    relationshipGroups.set(row.type as string, { type: row.type as string, count: Number(row.count), properties: [] });
  }
  for (const row of relProps) {
    const byName = relTypes.get(row.type as string) ?? new Map<string, string[]>();
    byName.set(row.key as string, row.types as string[]);
    relTypes.set(row.type as string, byName);
  }
  for (const [type, group] of relationshipGroups) group.properties = columns(relTypes.get(type));

  const onlyInternal = (names: unknown) => (names as string[] | null ?? []).every(isInternalName);
  const keyLabels = constraints
    .filter((c) => ['UNIQUENESS', 'NODE_KEY'].includes(c.type as string) && c.entityType === 'NODE')
    .filter((c) => (c.properties as string[]).length === 1 && (c.properties as string[])[0] === 'id')
    .flatMap((c) => c.labelsOrTypes as string[])
    .filter((label) => !isInternalName(label))
    .sort();

  const schema: GraphSchema = {
    nodeGroups: [...nodeGroups.values()].sort((a, b) => a.labels.join(':').localeCompare(b.labels.join(':'))),
    relationshipGroups: [...relationshipGroups.values()].sort((a, b) => a.type.localeCompare(b.type)),
    constraints: constraints.filter((c) => !onlyInternal(c.labelsOrTypes)).map((c) => c.createStatement as string).sort(),
    indexes: indexes.filter((i) => !onlyInternal(i.labelsOrTypes)).map((i) => i.createStatement as string).sort(),
    keyLabels,
    nodeCount: [...nodeGroups.values()].reduce((sum, g) => sum + g.count, 0),
    relationshipCount: [...relationshipGroups.values()].reduce((sum, g) => sum + g.count, 0),
  };

  return {
    schema,
    nodes: () =>
      stream(db, `${query.nodes} RETURN ${SORTED_LABELS('n')} AS labels, properties(n) AS properties ${NODE_ORDER}`, params, (record) => ({
        labels: record.get('labels') as string[],
        properties: publicProperties(record.get('properties') as ExportNode['properties']),
      })),
    relationships: () =>
      stream(
        db,
        `${query.relationships}
         RETURN n.id AS startId, ${SORTED_LABELS('n')} AS startLabels, type(r) AS type, properties(r) AS properties,
                m.id AS endId, ${SORTED_LABELS('m')} AS endLabels
         ${RELATIONSHIP_ORDER}`,
        params,
        (record): ExportRelationship => {
          const startId = record.get('startId');
          const endId = record.get('endId');
          if (typeof startId !== 'string' || typeof endId !== 'string') {
            throw new AppError(ErrorCode.EXPORT_FAILED, `A ${String(record.get('type'))} relationship has an end without a string id.`, {
              details: { startId, endId },
              hint: 'Every node needs a unique string `id` property to be exported.',
            });
          }
          return {
            type: record.get('type') as string,
            start: { id: startId, labels: record.get('startLabels') as string[] },
            end: { id: endId, labels: record.get('endLabels') as string[] },
            properties: publicProperties(record.get('properties') as ExportRelationship['properties']),
          };
        },
      ),
  };
}

/** Properties whose name starts with `_` are Entente's bookkeeping (`_seedKey`): never exported. */
export function publicProperties(properties: Record<string, unknown>): Record<string, unknown> {
  let internal = false;
  for (const key in properties) if (isInternalName(key)) internal = true;
  if (!internal) return properties;
  const copy: Record<string, unknown> = {};
  for (const key in properties) if (!isInternalName(key)) copy[key] = properties[key];
  return copy;
}

function normaliseSelection(selection: GraphSelection): GraphSelection {
  const labels = selection.labels?.filter((l) => l !== '');
  const ids = selection.ids?.filter((i) => i !== '');
  const types = selection.types?.filter((t) => t !== '');
  if (selection.around && (!Number.isInteger(selection.around.depth) || selection.around.depth < 0)) {
    throw new AppError(ErrorCode.USAGE, `--depth must be a whole number of hops, 0 or more (got ${selection.around.depth}).`);
  }
  return {
    labels: labels && labels.length > 0 ? labels : undefined,
    ids: ids && ids.length > 0 ? ids : undefined,
    around: selection.around,
    types: types && types.length > 0 ? types : undefined,
  };
}

/** The Cypher that binds `n` to each selected node, and `(n)-[r]->(m)` to each selected relationship. */
export function buildSelectionQueries(selection: GraphSelection): { nodes: string; relationships: string } {
  const predicate = (v: string) => {
    const parts = [hasPublicLabelCypher(v)];
    if (selection.labels) parts.push(`any(l IN labels(${v}) WHERE l IN $labels)`);
    if (selection.ids) parts.push(`${v}.id IN $ids`);
    return parts.join(' AND ');
  };
  const typed = selection.types ? ' AND type(r) IN $types' : '';
  if (selection.around) {
    // DISTINCT over a bounded variable-length pattern is planned as a pruning breadth-first
    // expansion, which visits each node once instead of enumerating paths.
    const reach = `MATCH (c {id: $aroundId}) MATCH (c)-[*0..${selection.around.depth}]-(n) WITH DISTINCT n WHERE ${predicate('n')}`;
    return {
      nodes: reach,
      relationships: `${reach} WITH collect(n) AS selected UNWIND selected AS n MATCH (n)-[r]->(m) WHERE m IN selected${typed}`,
    };
  }
  return {
    nodes: `MATCH (n) WHERE ${predicate('n')}`,
    relationships: `MATCH (n)-[r]->(m) WHERE ${predicate('n')} AND ${predicate('m')}${typed}`,
  };
}

function selectionParams(selection: GraphSelection): Record<string, unknown> {
  return {
    labels: selection.labels ?? [],
    ids: selection.ids ?? [],
    types: selection.types ?? [],
    aroundId: selection.around?.id ?? null,
  };
}

function columns(types: Map<string, string[]> | undefined): PropertyColumn[] {
  if (!types) return [];
  return [...types.entries()]
    .map(([name, names]): PropertyColumn => {
      const parsed = names.map(parseCypherValueType);
      const merged = parsed.every((t): t is PropertyType => t !== undefined) ? mergePropertyTypes(parsed) : undefined;
      return { name, type: merged ?? 'mixed' };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

async function collect(db: DatabaseHandle, cypher: string, params: Record<string, unknown>): Promise<Record<string, unknown>[]> {
  try {
    return (await readRows(db, cypher, params)).map((record) => record.toObject());
  } catch (error) {
    throw mapDriverError(error, 'Reading the graph');
  }
}

async function* stream<T>(db: DatabaseHandle, cypher: string, params: Record<string, unknown>, map: (record: Neo4jRecord) => T): AsyncGenerator<T> {
  try {
    for await (const record of streamRows(db, cypher, params, { fetchSize: 2000 })) yield map(record);
  } catch (error) {
    throw mapDriverError(error, 'Reading the graph');
  }
}
