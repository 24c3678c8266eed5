import neo4j, { type Record as Neo4jRecord } from 'neo4j-driver';
import { NODE_LABELS, type NodeLabel, type RelationshipType } from '../../graph/graph-plan.ts';
import { readRows, type DatabaseHandle } from '../../neo4j/database-handle.ts';
import { isInternalName } from '../../graph/internal-names.ts';
import { ENTITY_LABEL, SOURCE_LABEL } from '../../store/labels.ts';
import { PROVENANCE_SOURCES, toFactProvenance, type FactProvenance, type ProvenanceSources } from './fact-provenance.ts';
import { currentRequestDriver } from '../limits/request-transactions.ts';

/** Keeps an analyst query from holding the database for long; the whole graph is small. */
export const QUERY_TIMEOUT_MS = 15_000;

/** The database as an analyst query should use it: while serving a request, that request's read-only, time-limited, cancellable view of the driver. */
export function requestDatabase(db: DatabaseHandle): DatabaseHandle {
  return { ...db, driver: currentRequestDriver() ?? db.driver };
}

/** Runs one read-only query and returns its records. */
export function readRecords(db: DatabaseHandle, cypher: string, parameters: Record<string, unknown>): Promise<Neo4jRecord[]> {
  return readRows(requestDatabase(db), cypher, parameters, { timeoutMs: QUERY_TIMEOUT_MS });
}

/**
 * A Cypher fragment binding `variable` to the node with id `$<parameter>` (no row when there is
 * none), keeping the variables in `carry`: every graph node carries the Entity or Source label,
 * each with a uniqueness constraint (so an index) on id.
 */
export function matchNodeById(variable: string, parameter: string, carry: readonly string[] = []): string {
  return `CALL { MATCH (found:${ENTITY_LABEL} {id: $${parameter}}) RETURN found
    UNION MATCH (found:${SOURCE_LABEL} {id: $${parameter}}) RETURN found }
  WITH ${[...carry, `found AS ${variable}`].join(', ')}`;
}

/** Cypher returning, as `ids`, those of `$<parameter>` (a list) that are ids of graph nodes. */
export function knownIdsQuery(parameter: string): string {
  return `OPTIONAL MATCH (entity:${ENTITY_LABEL}) WHERE entity.id IN $${parameter}
  WITH collect(entity.id) AS entities
  OPTIONAL MATCH (source:${SOURCE_LABEL}) WHERE source.id IN $${parameter}
  WITH entities, collect(source.id) AS sources
  RETURN entities + sources AS ids`;
}

/** The node's label from the graph model (the category and internal labels are skipped). */
export function primaryLabel(labels: readonly string[]): NodeLabel {
  const label = NODE_LABELS.find((candidate) => labels.includes(candidate));
  if (label === undefined) throw new Error(`node has no graph-model label: ${labels.join(', ')}`);
  return label;
}

/** Integers become numbers, dates ISO strings, lists and maps recursively; the rest as is. */
export function toPlain(value: unknown): unknown {
  if (neo4j.isInt(value)) return value.toNumber();
  if (neo4j.isDate(value) || neo4j.isDateTime(value) || neo4j.isLocalDateTime(value)) return value.toString();
  if (Array.isArray(value)) return value.map(toPlain);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, toPlain(inner)]));
  }
  return value;
}

/** A property value as display text: dates as YYYY-MM-DD, lists joined by '; '. */
export function propertyText(value: unknown): string {
  const plain = toPlain(value);
  return Array.isArray(plain) ? plain.map(String).join('; ') : String(plain);
}

/** Public properties (internal `_` names left out), sorted by key. */
export function propertyEntries(properties: Record<string, unknown>, skip: readonly string[] = []): { key: string; value: string }[] {
  return Object.keys(properties)
    .filter((key) => !isInternalName(key) && !skip.includes(key) && properties[key] !== null)
    .sort()
    .map((key) => ({ key, value: propertyText(properties[key]) }));
}

export interface GraphNode {
  id: string;
  type: NodeLabel;
  name: string;
}

export interface GraphEdge {
  source: string;
  target: string;
  type: RelationshipType;
  provenance: FactProvenance;
}

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** Cypher projecting node `n` to the map `toGraphNode` reads. */
export const NODE_PROJECTION = (n: string) => `{id: ${n}.id, labels: labels(${n}), name: coalesce(${n}.name, ${n}.title, ${n}.id)}`;

/** Cypher projecting relationship `r` to the map `toGraphEdge` reads. */
export const EDGE_PROJECTION = (r: string) =>
  `{source: startNode(${r}).id, target: endNode(${r}).id, type: type(${r}), properties: properties(${r}), ${PROVENANCE_SOURCES(r)}}`;

export function toGraphNode(raw: unknown): GraphNode {
  const node = raw as { id: string; labels: string[]; name: string };
  return { id: node.id, type: primaryLabel(node.labels), name: node.name };
}

export function toGraphEdge(raw: unknown): GraphEdge {
  const edge = raw as { source: string; target: string; type: RelationshipType; properties: Record<string, unknown> } & ProvenanceSources;
  return { source: edge.source, target: edge.target, type: edge.type, provenance: toFactProvenance(edge.properties, edge) };
}
