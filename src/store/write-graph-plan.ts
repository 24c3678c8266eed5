/**
 * Writes a graph plan into Neo4j. The plan is compared with what the seed owns batch by batch
 * (converge-graph.ts, diff-graph.ts) and only the differences are written, so a re-run of an
 * unchanged seed writes nothing and a changed seed converges: what the seed no longer holds is
 * deleted, and properties a record lost disappear (maps are replaced whole). The stored graph is
 * never read into memory whole: one batch of stored rows at a time, and the identities alone to
 * find what to delete.
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
import type { GraphPlan, NodeLabel, RelationshipType } from '../graph/graph-plan.ts';
import type { Logger } from '../logger.ts';
import { streamRows, withSession, writeTransaction, type DatabaseHandle } from '../neo4j/database-handle.ts';
import { mapDriverError } from '../neo4j/map-driver-error.ts';
import { batchesOf, convergeGraph, type ChangeCounts, type ConvergeIo, type GraphChanges } from './converge-graph.ts';
import { checkPlanWritable } from './diff-graph.ts';
import { ENTITY_LABEL, META_LABEL, META_SEED_ID, SEED_LABEL, SOURCE_LABEL } from './labels.ts';

export type { ChangeCounts } from './converge-graph.ts';

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
  changes: GraphChanges;
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
  checkPlanWritable(plan);
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
  const fresh = options.reset === true || !(await holdsSeedNodes(tx));
  const io: ConvergeIo = { read: (cypher, parameters) => tx.run(cypher, parameters), stream: (cypher, parameters) => tx.run(cypher, parameters), write: run };
  const { changes, wrote } = await convergeGraph(plan, io, { batchRows: options.batchRows ?? BATCH_SIZE, fresh });

  const hashChanged = options.seedHash !== undefined && options.seedHash !== previousSeedHash;
  const changed = options.reset === true || wrote || hashChanged;
  if (changed && options.seedHash !== undefined) {
    await run(`MERGE (m:\`${META_LABEL}\` {id: $id}) SET m.seedHash = $seedHash, m.loadedAt = datetime()`, {
      id: META_SEED_ID,
      seedHash: options.seedHash,
    });
  }

  return {
    nodes: countBy(plan.nodes.map((node) => node.label)),
    relationships: countBy(plan.relationships.map((rel) => rel.type)),
    changes,
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
 * The staged load: each statement is its own transaction. Before the first write the meta node
 * is marked (load under way, no seed hash) and only after the last one is the seed's hash
 * recorded. Every write is idempotent (MERGE on id or on the relationship's identity, properties
 * replaced whole), so a re-run after an interruption simply continues the convergence.
 */
async function writeInStages(db: DatabaseHandle, plan: GraphPlan, options: WriteGraphPlanOptions, started: number): Promise<WriteGraphPlanResult> {
  const { logger } = options;
  const batchRows = options.batchRows ?? BATCH_SIZE;
  const counters = emptyCounters();
  let statements = 0;
  const write = async (cypher: string, parameters: Record<string, unknown> = {}) => {
    const result = await writeTransaction(db, (tx) => tx.run(cypher, parameters));
    addCounters(counters, result.summary.counters.updates());
    statements += 1;
    if (statements % 100 === 0) logger.info(`Staged load: ${statements} batches written`);
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
    const loading = await read(readLoadingMark);
    const fresh = options.reset === true || !(await read(holdsSeedNodes));
    // Everything that could refuse the load is checked before the first write.
    await assertNoForeignIds(read, plan, batchRows);
    const markLoading = async () => {
      // From here until the last batch, the database says that no complete seed is loaded.
      await write(`MERGE (m:\`${META_LABEL}\` {id: $id}) SET m.loadingSeedHash = $loading, m.loadStartedAt = datetime() REMOVE m.seedHash, m.loadedAt`, {
        id: META_SEED_ID,
        loading: options.seedHash ?? 'unknown',
      });
    };
    const io: ConvergeIo = {
      read: (cypher, parameters) => read((tx) => tx.run(cypher, parameters)),
      stream: (cypher, parameters) => streamRows(db, cypher, parameters, { fetchSize: 2_000 }),
      write,
      beforeFirstWrite: markLoading,
    };
    const { changes, wrote } = await convergeGraph(plan, io, { batchRows, fresh });
    const hashChanged = options.seedHash !== undefined && options.seedHash !== previousSeedHash;
    const changed = options.reset === true || wrote || hashChanged || loading;
    if (changed) {
      await write(
        `MERGE (m:\`${META_LABEL}\` {id: $id})
         SET m.seedHash = $seedHash, m.loadedAt = CASE WHEN $seedHash IS NULL THEN null ELSE datetime() END
         REMOVE m.loadingSeedHash, m.loadStartedAt`,
        { id: META_SEED_ID, seedHash: options.seedHash ?? null },
      );
    }
    const durationMs = Math.round(performance.now() - started);
    logger.info(
      changed
        ? `Graph written in stages in ${durationMs} ms: nodes ${formatChanges(changes.nodes)}, relationships ${formatChanges(changes.relationships)}`
        : `Graph already up to date (${durationMs} ms): nothing written`,
    );
    return {
      nodes: countBy(plan.nodes.map((node) => node.label)),
      relationships: countBy(plan.relationships.map((rel) => rel.type)),
      changes,
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

/** Whether any node the seed owns is stored; when none is, a load has nothing to read back or delete. */
async function holdsSeedNodes(tx: ManagedTransaction): Promise<boolean> {
  const result = await tx.run(`MATCH (n:\`${SEED_LABEL}\`) RETURN n LIMIT 1`);
  return result.records.length > 0;
}

/**
 * A planned node whose id a node the seed does not own already has would break a constraint
 * half-way through a staged load: refuse it before anything is written, as the one-transaction
 * load does by rolling back.
 */
async function assertNoForeignIds(
  read: <T>(work: (tx: ManagedTransaction) => Promise<T>) => Promise<T>,
  plan: GraphPlan,
  batchRows: number,
): Promise<void> {
  for (const nodes of batchesOf(plan.nodes, batchRows)) {
    const foreign = await read(async (tx) => {
      const result = await tx.run(
        `UNWIND $ids AS id
         CALL (id) { MATCH (n:${ENTITY_LABEL} {id: id}) RETURN n UNION MATCH (n:${SOURCE_LABEL} {id: id}) RETURN n }
         WITH n WHERE NOT n:\`${SEED_LABEL}\`
         RETURN collect(n.id)[0..10] AS ids`,
        { ids: nodes.map((node) => node.id) },
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

