/**
 * Makes what the seed owns in the database equal to a plan, batch by batch, so that the loader's
 * memory does not grow with what is stored: each batch of planned nodes (then relationships)
 * reads back only its own stored counterparts, is diffed (diff-graph.ts) and written; what the
 * plan no longer holds is found last by streaming the stored identities alone (no properties).
 * Beside the plan, the loader holds one batch in its stored form and one batch of stored rows,
 * then the plan's identities and the list of what to delete.
 *
 * Whether the writes land in one transaction or one per statement is the caller's choice
 * (write-graph-plan.ts): this only decides what to write and in which order.
 */
import type { Record as Neo4jRecord } from 'neo4j-driver';
import { AppError, ErrorCode } from '../errors.ts';
import { NODE_LABELS, type GraphPlan, type NodeLabel, type RelationshipType } from '../graph/graph-plan.ts';
import { diffWritable, isEmptyDiff, relationshipIdentity, toNodeWrite, toRelationshipWrite, type GraphDiff, type StoredNode, type StoredRelationship } from './diff-graph.ts';
import { categoryOf, ENTITY_LABEL, SEED_KEY_PROPERTY, SEED_LABEL, SOURCE_LABEL } from './labels.ts';

export interface ChangeCounts {
  created: number;
  updated: number;
  deleted: number;
}

export interface GraphChanges {
  nodes: ChangeCounts;
  relationships: ChangeCounts;
  byLabel: Partial<Record<NodeLabel, ChangeCounts>>;
  byType: Partial<Record<RelationshipType, ChangeCounts>>;
}

export type RunStatement = (cypher: string, parameters?: Record<string, unknown>) => Promise<{ records: readonly Neo4jRecord[] }>;

export interface ConvergeIo {
  /** A read whose records all come back (one batch's stored rows). */
  read: RunStatement;
  /** A read whose records are consumed one by one (every stored identity). */
  stream: (cypher: string, parameters?: Record<string, unknown>) => AsyncIterable<Neo4jRecord>;
  /** One write statement. */
  write: RunStatement;
  /** Runs once, before the first write (the staged load marks the load as under way). */
  beforeFirstWrite?: () => Promise<void>;
}

export interface ConvergeOptions {
  batchRows: number;
  /** The database holds no seed-owned node (empty, or just reset): nothing to read back or delete. */
  fresh: boolean;
}

export interface ConvergeResult {
  changes: GraphChanges;
  /** False when the database already matched the plan: nothing was written. */
  wrote: boolean;
}

const EMPTY_STATE = { nodes: [], relationships: [] };

/** `plan` must have passed checkPlanWritable: each batch is converted to its stored form only when its turn comes. */
export async function convergeGraph(plan: GraphPlan, io: ConvergeIo, options: ConvergeOptions): Promise<ConvergeResult> {
  const changes = emptyChanges();
  let wrote = false;
  const apply = async (diff: GraphDiff) => {
    if (isEmptyDiff(diff)) return;
    if (!wrote) await io.beforeFirstWrite?.();
    wrote = true;
    addChanges(changes, diff);
    await applyDiff(diff, io.write, options.batchRows);
  };

  // Nodes before relationships: a relationship is written between nodes that exist.
  for (const batch of batchesOf(plan.nodes, options.batchRows)) {
    const nodes = batch.map(toNodeWrite);
    const stored = options.fresh ? [] : await readStoredNodes(io.read, nodes.map((node) => node.id));
    await apply(diffWritable({ nodes: stored, relationships: [] }, { nodes, relationships: [] }));
  }
  for (const batch of batchesOf(plan.relationships, options.batchRows)) {
    const relationships = batch.map(toRelationshipWrite);
    const stored = options.fresh ? [] : await readStoredRelationships(io.read, relationships);
    await apply(diffWritable({ nodes: [], relationships: stored }, { nodes: [], relationships }));
  }
  if (!options.fresh) {
    const stale = await findStale(io.stream, plan);
    // diffWritable with an empty plan lists exactly the deletions, in the shape applyDiff expects.
    await apply(diffWritable(stale, EMPTY_STATE));
  }
  return { changes, wrote };
}

async function readStoredNodes(read: RunStatement, ids: string[]): Promise<StoredNode[]> {
  const { records } = await read(
    `UNWIND $ids AS id MATCH (n:\`${SEED_LABEL}\` {id: id})
     RETURN elementId(n) AS elementId, n.id AS id, labels(n) AS labels, properties(n) AS properties`,
    { ids },
  );
  return records.map((record) => ({
    elementId: record.get('elementId') as string,
    id: record.get('id') as string,
    labels: record.get('labels') as string[],
    properties: record.get('properties') as Record<string, unknown>,
  }));
}

async function readStoredRelationships(read: RunStatement, planned: readonly { from: string; type: string; key: string; to: string }[]): Promise<StoredRelationship[]> {
  const { records } = await read(
    `UNWIND $rows AS row
     MATCH (a:\`${SEED_LABEL}\` {id: row.from})-[r]->(b:\`${SEED_LABEL}\` {id: row.to})
     WHERE type(r) = row.type AND r.\`${SEED_KEY_PROPERTY}\` = row.key
     RETURN elementId(r) AS elementId, a.id AS from, type(r) AS type, r.\`${SEED_KEY_PROPERTY}\` AS key, b.id AS to, properties(r) AS properties`,
    { rows: planned.map(({ from, type, key, to }) => ({ from, type, key, to })) },
  );
  return records.map(toStoredRelationship);
}

/** Stored nodes and relationships the plan does not hold, read as identities only. */
async function findStale(stream: ConvergeIo['stream'], plan: GraphPlan): Promise<{ nodes: StoredNode[]; relationships: StoredRelationship[] }> {
  const plannedIds = new Set(plan.nodes.map((node) => node.id));
  const nodes: StoredNode[] = [];
  for await (const record of stream(`MATCH (n:\`${SEED_LABEL}\`) RETURN elementId(n) AS elementId, n.id AS id, labels(n) AS labels`)) {
    const id = record.get('id') as string;
    if (!plannedIds.has(id)) nodes.push({ elementId: record.get('elementId') as string, id, labels: record.get('labels') as string[], properties: {} });
  }
  plannedIds.clear();
  const plannedRelationships = new Set(plan.relationships.map(relationshipIdentity));
  const relationships: StoredRelationship[] = [];
  for await (const record of stream(
    `MATCH (a:\`${SEED_LABEL}\`)-[r]->(b:\`${SEED_LABEL}\`) WHERE r.\`${SEED_KEY_PROPERTY}\` IS NOT NULL
     RETURN elementId(r) AS elementId, a.id AS from, type(r) AS type, r.\`${SEED_KEY_PROPERTY}\` AS key, b.id AS to, {} AS properties`,
  )) {
    const relationship = toStoredRelationship(record);
    if (!plannedRelationships.has(relationshipIdentity(relationship))) relationships.push(relationship);
  }
  return { nodes, relationships };
}

function toStoredRelationship(record: Neo4jRecord): StoredRelationship {
  return {
    elementId: record.get('elementId') as string,
    from: record.get('from') as string,
    type: record.get('type') as string,
    key: String(record.get('key')),
    to: record.get('to') as string,
    properties: record.get('properties') as Record<string, unknown>,
  };
}

/**
 * Writes one diff: its deletions first, then nodes, then relationships (the stale deletions of a
 * whole load come as the last diff, once every batch is written).
 * Labels and types are passed as data (`$(...)`, Neo4j 5.26) rather than spliced into the text:
 * a handful of statement shapes instead of one per label and type, which matters because every
 * new shape is compiled, at up to a second each on a freshly started database.
 */
async function applyDiff(diff: GraphDiff, run: RunStatement, batchRows: number): Promise<void> {
  const batches = <T>(items: T[]) => batchesOf(items, batchRows);
  const allModelLabels = [...NODE_LABELS, ENTITY_LABEL, SOURCE_LABEL].map((label) => `\`${label}\``).join(':');

  for (const ids of batches(diff.deleteRelationships.map((rel) => rel.elementId))) {
    await run('UNWIND $ids AS id MATCH ()-[r]->() WHERE elementId(r) = id DELETE r', { ids });
  }
  for (const ids of batches(diff.deleteNodes.map((node) => node.elementId))) {
    await run('UNWIND $ids AS id MATCH (n) WHERE elementId(n) = id DETACH DELETE n', { ids });
  }
  for (const rows of batches(diff.relabelNodes.map((node) => ({ elementId: node.elementId, labels: [node.label, categoryOf(node.label)] })))) {
    await run(`UNWIND $rows AS row MATCH (n) WHERE elementId(n) = row.elementId REMOVE n:${allModelLabels} SET n:$(row.labels)`, { rows });
  }
  for (const rows of batches(diff.updateNodes.map((node) => ({ elementId: node.elementId, properties: node.properties })))) {
    await run('UNWIND $rows AS row MATCH (n) WHERE elementId(n) = row.elementId SET n = row.properties', { rows });
  }
  // A node with this id that the seed does not own makes the label's id constraint fail the
  // whole transaction: the seed never silently takes over data it did not write.
  for (const rows of batches(diff.createNodes.map((node) => ({ id: node.id, labels: [node.label, categoryOf(node.label)], properties: node.properties })))) {
    await run(`UNWIND $rows AS row MERGE (n:\`${SEED_LABEL}\` {id: row.id}) SET n = row.properties, n:$(row.labels)`, { rows });
  }
  for (const rows of batches(diff.updateRelationships.map((rel) => ({ elementId: rel.elementId, properties: rel.properties })))) {
    await run('UNWIND $rows AS row MATCH ()-[r]->() WHERE elementId(r) = row.elementId SET r = row.properties', { rows });
  }
  for (const rows of batches(diff.createRelationships.map((rel) => ({ from: rel.from, to: rel.to, type: rel.type, key: rel.key, properties: rel.properties })))) {
    const result = await run(
      `UNWIND $rows AS row
       MATCH (a:\`${SEED_LABEL}\` {id: row.from})
       MATCH (b:\`${SEED_LABEL}\` {id: row.to})
       MERGE (a)-[r:$(row.type) {\`${SEED_KEY_PROPERTY}\`: row.key}]->(b)
       SET r = row.properties
       RETURN count(r) AS written`,
      { rows },
    );
    const written = Number(result.records[0]?.get('written'));
    if (written !== rows.length) {
      // Endpoints were checked against the plan, so this means the nodes did not get written.
      throw new AppError(ErrorCode.QUERY_FAILED, `Wrote ${written} of ${rows.length} relationships: an endpoint is missing`);
    }
  }
}

function emptyChanges(): GraphChanges {
  return {
    nodes: { created: 0, updated: 0, deleted: 0 },
    relationships: { created: 0, updated: 0, deleted: 0 },
    byLabel: {},
    byType: {},
  };
}

/** Adds one batch's diff to the running counts (a node relabelled and updated counts once). */
function addChanges(changes: GraphChanges, diff: GraphDiff): void {
  const bump = <K extends string>(table: Partial<Record<K, ChangeCounts>>, key: K, field: keyof ChangeCounts) => {
    const counts = (table[key] ??= { created: 0, updated: 0, deleted: 0 });
    counts[field] += 1;
  };
  for (const node of diff.createNodes) bump(changes.byLabel, node.label, 'created');
  const updated = new Map<string, NodeLabel>();
  for (const node of diff.updateNodes) updated.set(node.id, node.label);
  for (const node of diff.relabelNodes) updated.set(node.id, node.label);
  for (const label of updated.values()) bump(changes.byLabel, label, 'updated');
  for (const node of diff.deleteNodes) if (node.label) bump(changes.byLabel, node.label, 'deleted');
  for (const rel of diff.createRelationships) bump(changes.byType, rel.type, 'created');
  for (const rel of diff.updateRelationships) bump(changes.byType, rel.type, 'updated');
  for (const rel of diff.deleteRelationships) bump(changes.byType, rel.type as RelationshipType, 'deleted');
  changes.nodes.created += diff.createNodes.length;
  changes.nodes.updated += updated.size;
  changes.nodes.deleted += diff.deleteNodes.length;
  changes.relationships.created += diff.createRelationships.length;
  changes.relationships.updated += diff.updateRelationships.length;
  changes.relationships.deleted += diff.deleteRelationships.length;
}

export function* batchesOf<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}
