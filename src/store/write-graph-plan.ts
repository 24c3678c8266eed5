/**
 * Writes a graph plan into Neo4j. The loader reads what the seed owns, diffs it against the plan
 * (diff-graph.ts) and writes only the differences, so a re-run of an unchanged seed writes
 * nothing and a changed seed converges: what the seed no longer holds is deleted, and properties
 * a record lost disappear (maps are replaced whole).
 *
 * A plan of up to `transactionRows` nodes and relationships (the curated seed) is written in ONE
 * transaction: all of it or nothing. A larger one would need the database to hold the whole load
 * in its heap (a 200k-node corpus needs over 2 GiB), so it is written in stages: each batch is
 * its own transaction, and the meta node says a load is under way (`loadingSeedHash`, no
 * `seedHash`) until the last batch is in. A load cut short (kill -9, power cut) therefore leaves a
 * graph that start-up sees as not loaded, and the next run, diffing against what did get
 * written, converges on exactly the graph a clean load gives.
 */
import type { ManagedTransaction } from 'neo4j-driver';
import { AppError, ErrorCode } from '../errors.ts';
import { NODE_LABELS, type GraphPlan, type NodeLabel, type RelationshipType } from '../graph/graph-plan.ts';
import type { Logger } from '../logger.ts';
import { withSession, writeTransaction, type DatabaseHandle } from '../neo4j/database-handle.ts';
import { mapDriverError } from '../neo4j/map-driver-error.ts';
import { assertPlanWritable, diffGraph, isEmptyDiff, type GraphDiff, type GraphState } from './diff-graph.ts';
import { categoryOf, ENTITY_LABEL, META_LABEL, META_SEED_ID, SEED_KEY_PROPERTY, SEED_LABEL, SOURCE_LABEL } from './labels.ts';

/** Rows per UNWIND statement: keeps each message to the server small. */
const BATCH_SIZE = 500;
/** The largest plan written in one transaction; the curated seed is about 800 rows. */
const TRANSACTION_ROWS = 20_000;

export interface WriteGraphPlanOptions {
  logger: Logger;
  /** Delete every node of the database (not only the seed's) in the same transaction first. */
  reset?: boolean;
  /** Recorded in `(:_EntenteMeta {id: 'seed'})` when given. */
  seedHash?: string;
  /** Plans with more nodes plus relationships than this are written in stages (default 20,000). */
  transactionRows?: number;
  /** Rows per statement, and per transaction in a staged load (default 500). */
  batchRows?: number;
}

export interface ChangeCounts {
  created: number;
  updated: number;
  deleted: number;
}

/** The database's own statistics, summed over the transaction's statements. */
export interface WriteCounters {
  nodesCreated: number;
  nodesDeleted: number;
  relationshipsCreated: number;
  relationshipsDeleted: number;
  propertiesSet: number;
  labelsAdded: number;
  labelsRemoved: number;
}

export interface WriteGraphPlanResult {
  /** Nodes by label and relationships by type that the seed now owns (= the plan's counts). */
  nodes: Partial<Record<NodeLabel, number>>;
  relationships: Partial<Record<RelationshipType, number>>;
  /** What this run changed, as diffed (a relabelled node counts as updated). */
  changes: {
    nodes: ChangeCounts;
    relationships: ChangeCounts;
    byLabel: Partial<Record<NodeLabel, ChangeCounts>>;
    byType: Partial<Record<RelationshipType, ChangeCounts>>;
  };
  counters: WriteCounters;
  /** False when the database already matched the plan (and the seed hash): nothing was written. */
  changed: boolean;
  /** True when the plan was written batch by batch, each in its own transaction. */
  staged: boolean;
  reset: boolean;
  /** Nodes of any kind removed by `reset`. */
  resetNodesDeleted: number;
  previousSeedHash: string | undefined;
  durationMs: number;
}

export async function writeGraphPlan(db: DatabaseHandle, plan: GraphPlan, options: WriteGraphPlanOptions): Promise<WriteGraphPlanResult> {
  const { logger } = options;
  const started = performance.now();
  // An unwritable plan is refused before the database is touched at all.
  assertPlanWritable(plan);
  if (plan.nodes.length + plan.relationships.length > (options.transactionRows ?? TRANSACTION_ROWS)) {
    return writeInStages(db, plan, options, started);
  }
  try {
    const result = await writeTransaction(db, (tx) => writeInTransaction(tx, plan, options));
    result.durationMs = Math.round(performance.now() - started);
    logger.info(
      result.changed
        ? `Graph written in ${result.durationMs} ms: nodes ${formatChanges(result.changes.nodes)}, relationships ${formatChanges(result.changes.relationships)}`
        : `Graph already up to date (${result.durationMs} ms): nothing written`,
    );
    return result;
  } catch (error) {
    throw mapDriverError(error, 'Writing the graph (nothing was written)');
  }
}

async function writeInTransaction(tx: ManagedTransaction, plan: GraphPlan, options: WriteGraphPlanOptions): Promise<WriteGraphPlanResult> {
  const { logger } = options;
  const counters = emptyCounters();
  const run = async (cypher: string, parameters: Record<string, unknown> = {}) => {
    const started = performance.now();
    const result = await tx.run(cypher, parameters);
    addCounters(counters, result.summary.counters.updates());
    logger.debug('Statement run', { ms: Math.round(performance.now() - started), cypher: cypher.replace(/\s+/g, ' ').slice(0, 100) });
    return result;
  };

  let resetNodesDeleted = 0;
  if (options.reset) {
    const reset = await run('MATCH (n) DETACH DELETE n');
    resetNodesDeleted = reset.summary.counters.updates().nodesDeleted;
    logger.info(`Reset: deleted ${resetNodesDeleted} node(s)`);
  }

  const previousSeedHash = await readSeedHash(tx);
  const state = options.reset ? { nodes: [], relationships: [] } : await readSeedState(tx);
  const diff = diffGraph(state, plan);
  logger.debug('Diffed the plan against the database', {
    storedNodes: state.nodes.length,
    storedRelationships: state.relationships.length,
    plannedNodes: plan.nodes.length,
    plannedRelationships: plan.relationships.length,
  });

  const hashChanged = options.seedHash !== undefined && options.seedHash !== previousSeedHash;
  const changed = options.reset === true || !isEmptyDiff(diff) || hashChanged;
  if (changed) {
    await applyDiff(diff, run, options.batchRows ?? BATCH_SIZE);
    if (options.seedHash !== undefined) {
      await run(`MERGE (m:\`${META_LABEL}\` {id: $id}) SET m.seedHash = $seedHash, m.loadedAt = datetime()`, {
        id: META_SEED_ID,
        seedHash: options.seedHash,
      });
    }
  }

  return {
    nodes: countBy(plan.nodes.map((node) => node.label)),
    relationships: countBy(plan.relationships.map((rel) => rel.type)),
    changes: summariseDiff(diff),
    counters,
    changed,
    staged: false,
    reset: options.reset === true,
    resetNodesDeleted,
    previousSeedHash,
    durationMs: 0,
  };
}

/**
 * The staged load: diff, then (when anything changes) mark the load as under way, write batch by
 * batch, and only then record the seed's hash. Every write is idempotent (MERGE on id or on the
 * relationship's identity, properties replaced whole), so a re-run after an interruption simply
 * continues the convergence.
 */
async function writeInStages(db: DatabaseHandle, plan: GraphPlan, options: WriteGraphPlanOptions, started: number): Promise<WriteGraphPlanResult> {
  const { logger } = options;
  const counters = emptyCounters();
  const write = async (cypher: string, parameters: Record<string, unknown> = {}) => {
    const result = await writeTransaction(db, (tx) => tx.run(cypher, parameters));
    addCounters(counters, result.summary.counters.updates());
    return result;
  };
  const read = <T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> => withSession(db, 'READ', (session) => session.executeRead(work));
  try {
    let resetNodesDeleted = 0;
    if (options.reset) {
      // Auto-commit batches: emptying a large database in one transaction would need its heap too.
      const reset = await withSession(db, undefined, (session) => session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS'));
      resetNodesDeleted = reset.summary.counters.updates().nodesDeleted;
      logger.info(`Reset: deleted ${resetNodesDeleted} node(s)`);
    }
    const previousSeedHash = await read(readSeedHash);
    const state = options.reset ? { nodes: [], relationships: [] } : await read(readSeedState);
    const diff = diffGraph(state, plan);
    const hashChanged = options.seedHash !== undefined && options.seedHash !== previousSeedHash;
    const loading = await read(readLoadingMark);
    const changed = options.reset === true || !isEmptyDiff(diff) || hashChanged || loading;
    if (changed) {
      await assertNoForeignIds(read, diff, options.batchRows ?? BATCH_SIZE);
      // From here until the last batch, the database says that no complete seed is loaded.
      await write(`MERGE (m:\`${META_LABEL}\` {id: $id}) SET m.loadingSeedHash = $loading, m.loadStartedAt = datetime() REMOVE m.seedHash, m.loadedAt`, {
        id: META_SEED_ID,
        loading: options.seedHash ?? 'unknown',
      });
      let batches = 0;
      await applyDiff(
        diff,
        async (cypher, parameters) => {
          const result = await write(cypher, parameters);
          batches += 1;
          if (batches % 100 === 0) logger.info(`Staged load: ${batches} batches written`);
          return result;
        },
        options.batchRows ?? BATCH_SIZE,
      );
      await write(
        `MATCH (m:\`${META_LABEL}\` {id: $id})
         SET m.seedHash = $seedHash, m.loadedAt = CASE WHEN $seedHash IS NULL THEN null ELSE datetime() END
         REMOVE m.loadingSeedHash, m.loadStartedAt`,
        { id: META_SEED_ID, seedHash: options.seedHash ?? null },
      );
    }
    const durationMs = Math.round(performance.now() - started);
    logger.info(
      changed
        ? `Graph written in stages in ${durationMs} ms: nodes ${formatChanges(summariseDiff(diff).nodes)}, relationships ${formatChanges(summariseDiff(diff).relationships)}`
        : `Graph already up to date (${durationMs} ms): nothing written`,
    );
    return {
      nodes: countBy(plan.nodes.map((node) => node.label)),
      relationships: countBy(plan.relationships.map((rel) => rel.type)),
      changes: summariseDiff(diff),
      counters,
      changed,
      staged: true,
      reset: options.reset === true,
      resetNodesDeleted,
      previousSeedHash,
      durationMs,
    };
  } catch (error) {
    throw mapDriverError(error, 'Writing the graph in stages (the load is marked unfinished; run it again to complete it)');
  }
}

async function readLoadingMark(tx: ManagedTransaction): Promise<boolean> {
  const result = await tx.run(`MATCH (m:\`${META_LABEL}\` {id: $id}) RETURN m.loadingSeedHash IS NOT NULL AS loading`, { id: META_SEED_ID });
  return result.records[0]?.get('loading') === true;
}

/**
 * A planned node whose id a node the seed does not own already has would break a constraint
 * half-way through a staged load: refuse it before anything is written, as the one-transaction
 * load does by rolling back.
 */
async function assertNoForeignIds(
  read: <T>(work: (tx: ManagedTransaction) => Promise<T>) => Promise<T>,
  diff: GraphDiff,
  batchRows: number,
): Promise<void> {
  for (const ids of batches(diff.createNodes.map((node) => node.id), batchRows)) {
    const foreign = await read(async (tx) => {
      const result = await tx.run(
        `UNWIND $ids AS id
         CALL (id) { MATCH (n:${ENTITY_LABEL} {id: id}) RETURN n UNION MATCH (n:${SOURCE_LABEL} {id: id}) RETURN n }
         WITH n WHERE NOT n:\`${SEED_LABEL}\`
         RETURN collect(n.id)[0..10] AS ids`,
        { ids },
      );
      return (result.records[0]?.get('ids') as string[] | undefined) ?? [];
    });
    if (foreign.length > 0) {
      throw new AppError(ErrorCode.WRITE_REFUSED, `Nodes the seed does not own already use the ids ${foreign.join(', ')}; nothing was written`, {
        details: { ids: foreign },
        hint: 'Remove or rename those nodes, or load with --reset to rebuild the database from the seed.',
      });
    }
  }
}

async function readSeedHash(tx: ManagedTransaction): Promise<string | undefined> {
  const result = await tx.run(`MATCH (m:\`${META_LABEL}\` {id: $id}) RETURN m.seedHash AS seedHash`, { id: META_SEED_ID });
  const value = result.records[0]?.get('seedHash');
  return typeof value === 'string' ? value : undefined;
}

async function readSeedState(tx: ManagedTransaction): Promise<GraphState> {
  const nodes = await tx.run(
    `MATCH (n:\`${SEED_LABEL}\`) RETURN elementId(n) AS elementId, n.id AS id, labels(n) AS labels, properties(n) AS properties`,
  );
  const relationships = await tx.run(
    `MATCH (a:\`${SEED_LABEL}\`)-[r]->(b:\`${SEED_LABEL}\`) WHERE r.\`${SEED_KEY_PROPERTY}\` IS NOT NULL
     RETURN elementId(r) AS elementId, a.id AS from, type(r) AS type, r.\`${SEED_KEY_PROPERTY}\` AS key, b.id AS to, properties(r) AS properties`,
  );
  return {
    nodes: nodes.records.map((record) => ({
      elementId: record.get('elementId') as string,
      id: record.get('id') as string,
      labels: record.get('labels') as string[],
      properties: record.get('properties') as Record<string, unknown>,
    })),
    relationships: relationships.records.map((record) => ({
      elementId: record.get('elementId') as string,
      from: record.get('from') as string,
      type: record.get('type') as string,
      key: String(record.get('key')),
      to: record.get('to') as string,
      properties: record.get('properties') as Record<string, unknown>,
    })),
  };
}

type Run = (cypher: string, parameters?: Record<string, unknown>) => Promise<{ records: { get(key: string): unknown }[] }>;

/**
 * Deletes first (so a relabelled id never meets its old self), then nodes, then relationships.
 * Labels and types are passed as data (`$(...)`, Neo4j 5.26) rather than spliced into the text:
 * a handful of statement shapes instead of one per label and type, which matters because every
 * new shape is compiled, at up to a second each on a freshly started database.
 */
async function applyDiff(diff: GraphDiff, run: Run, batchRows: number): Promise<void> {
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

function summariseDiff(diff: GraphDiff): WriteGraphPlanResult['changes'] {
  const byLabel: Partial<Record<NodeLabel, ChangeCounts>> = {};
  const byType: Partial<Record<RelationshipType, ChangeCounts>> = {};
  const bump = <K extends string>(table: Partial<Record<K, ChangeCounts>>, key: K, field: keyof ChangeCounts) => {
    const counts = (table[key] ??= { created: 0, updated: 0, deleted: 0 });
    counts[field] += 1;
  };
  for (const node of diff.createNodes) bump(byLabel, node.label, 'created');
  const updated = new Map<string, NodeLabel>();
  for (const node of diff.updateNodes) updated.set(node.id, node.label);
  for (const node of diff.relabelNodes) updated.set(node.id, node.label);
  for (const label of updated.values()) {
    bump(byLabel, label, 'updated');
  }
  const nodes = { created: diff.createNodes.length, updated: updated.size, deleted: diff.deleteNodes.length };
  for (const node of diff.deleteNodes) if (node.label) bump(byLabel, node.label, 'deleted');
  for (const rel of diff.createRelationships) bump(byType, rel.type, 'created');
  for (const rel of diff.updateRelationships) bump(byType, rel.type, 'updated');
  for (const rel of diff.deleteRelationships) bump(byType, rel.type as RelationshipType, 'deleted');
  const relationships = {
    created: diff.createRelationships.length,
    updated: diff.updateRelationships.length,
    deleted: diff.deleteRelationships.length,
  };
  return { nodes, relationships, byLabel, byType };
}

function formatChanges(counts: ChangeCounts): string {
  return `+${counts.created} ~${counts.updated} -${counts.deleted}`;
}

function emptyCounters(): WriteCounters {
  return { nodesCreated: 0, nodesDeleted: 0, relationshipsCreated: 0, relationshipsDeleted: 0, propertiesSet: 0, labelsAdded: 0, labelsRemoved: 0 };
}

function addCounters(total: WriteCounters, updates: Record<string, number>): void {
  for (const key of Object.keys(total) as (keyof WriteCounters)[]) total[key] += updates[key] ?? 0;
}

function countBy<K extends string>(keys: K[]): Partial<Record<K, number>> {
  const counts: Partial<Record<K, number>> = {};
  for (const key of [...keys].sort()) counts[key] = (counts[key] ?? 0) + 1;
  return counts;
}

function* batchesOf<T>(items: T[], size: number): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}

const batches = batchesOf;
