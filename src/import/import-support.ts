import type { ManagedTransaction, ResultSummary, Transaction } from 'neo4j-driver';
import { AppError, ErrorCode } from '../errors.ts';
import { hasPublicLabelCypher } from '../graph/internal-names.ts';
import type { Logger } from '../logger.ts';
import { readRows, withSession, type DatabaseHandle } from '../neo4j/database-handle.ts';
import { mapDriverError } from '../neo4j/map-driver-error.ts';
import { cypherName } from '../values/cypher-literal.ts';

export interface ImportOptions extends DatabaseHandle {
  logger: Logger;
  /** Import even though the database already holds nodes (they stay; conflicts fail the import). */
  force?: boolean;
  /** Called now and then with the numbers so far. */
  onProgress?: (done: { statements: number; nodes: number; relationships: number }) => void;
}

export interface ImportStats {
  nodes: number;
  relationships: number;
  schemaStatements: number;
  ms: number;
}

/**
 * What every importer shares: refuse a database that holds nodes, remember its schema, run the
 * import (which creates schema through `schema` and writes its data with inOneTransaction), and
 * on any failure drop the constraints and indexes the import created before rethrowing.
 */
export async function runImport(
  options: ImportOptions,
  body: (schema: SchemaChanges) => Promise<{ nodes: number; relationships: number }>,
): Promise<ImportStats> {
  const started = Date.now();
  await assertEmptyDatabase(options);
  const schema = new SchemaChanges(options);
  await schema.snapshot();
  try {
    const { nodes, relationships } = await body(schema);
    return { nodes, relationships, schemaStatements: schema.count, ms: Date.now() - started };
  } catch (error) {
    await schema.undo();
    throw error;
  }
}

/** Refuses a database that holds nodes (Entente's internal-only nodes do not count) unless forced. */
export async function assertEmptyDatabase(options: ImportOptions): Promise<void> {
  const rows = await readQuery(options, `MATCH (n) WHERE ${hasPublicLabelCypher('n')} RETURN count(n) AS count`);
  const count = Number(rows[0]?.count ?? 0);
  if (count > 0 && !options.force) {
    throw new AppError(ErrorCode.DATABASE_NOT_EMPTY, `The database "${options.database}" already holds ${count} nodes; an import expects an empty one.`, {
      details: { nodes: count },
      hint: 'Import into an empty database, or pass --force to add the export to what is there.',
    });
  }
  if (count > 0) options.logger.warn(`Importing into a database that already holds ${count} nodes (--force)`);
}

/**
 * Constraints and indexes cannot be created inside the data transaction, so an import creates
 * them first, each in its own transaction, and this undoes exactly those it created when the
 * data transaction fails.
 */
export class SchemaChanges {
  private before = new Set<string>();
  private readonly options: ImportOptions;
  count = 0;

  constructor(options: ImportOptions) {
    this.options = options;
  }

  async snapshot(): Promise<void> {
    this.before = new Set(await this.names());
  }

  async run(statement: string): Promise<void> {
    try {
      await withSession(this.options, undefined, (session) => session.run(statement));
      this.count += 1;
    } catch (error) {
      throw importError(error, 'A schema statement failed', statement);
    }
  }

  /** Drops what this import created; failures here are logged, the original error matters more. */
  async undo(): Promise<void> {
    const created = (await this.names().catch(() => [])).filter((name) => !this.before.has(name));
    for (const name of created) {
      const [kind, bare] = name.split('\u0000') as [string, string];
      try {
        await withSession(this.options, undefined, (session) => session.run(`DROP ${kind} ${cypherName(bare)} IF EXISTS`));
        this.options.logger.info(`Dropped ${kind.toLowerCase()} ${bare}, created by the failed import`);
      } catch (error) {
        this.options.logger.warn(`Could not drop ${kind.toLowerCase()} ${bare} after the failed import`, { error: String(error) });
      }
    }
  }

  private async names(): Promise<string[]> {
    const constraints = await readQuery(this.options, 'SHOW CONSTRAINTS YIELD name RETURN name');
    const indexes = await readQuery(this.options, "SHOW INDEXES YIELD name, type, owningConstraint WHERE owningConstraint IS NULL AND type <> 'LOOKUP' RETURN name");
    return [...constraints.map((r) => `CONSTRAINT\u0000${String(r.name)}`), ...indexes.map((r) => `INDEX\u0000${String(r.name)}`)];
  }
}

/**
 * Runs `body` in ONE explicit write transaction: committed only if everything succeeded. Not a
 * managed transaction, because a retry would replay a stream that is already consumed.
 */
export async function inOneTransaction<T>(options: ImportOptions, body: (tx: Transaction) => Promise<T>): Promise<T> {
  return withSession(options, 'WRITE', async (session) => {
    const tx = session.beginTransaction();
    try {
      const result = await body(tx);
      await tx.commit();
      return result;
    } catch (error) {
      if (tx.isOpen()) await tx.rollback().catch(() => undefined);
      throw importError(error, 'The import transaction failed');
    }
  });
}

/**
 * neo4j-driver keeps every result of an open transaction until it commits, and a result keeps
 * its query text and parameters (in its summary, and in private fields): for an import in one
 * transaction that is the whole data set, held here as well as in Neo4j. Once a result is
 * consumed nothing reads them again, so let them go. If the private fields change name, only
 * the memory saving is lost.
 */
export async function runAndRelease(tx: Transaction, query: string, parameters?: Record<string, unknown>): Promise<ResultSummary> {
  const result = tx.run(query, parameters);
  const { summary } = await result;
  const kept = summary.query as { text: string; parameters: Record<string, unknown> };
  kept.text = '';
  kept.parameters = {};
  const fields = result as unknown as { _query?: unknown; _parameters?: unknown };
  if ('_query' in fields) fields._query = '';
  if ('_parameters' in fields) fields._parameters = {};
  return summary;
}

export function importError(error: unknown, context: string, statement?: string, line?: number): unknown {
  if (isTransactionMemoryError(error)) {
    return new AppError(ErrorCode.IMPORT_TOO_LARGE, `${context}: the import no longer fits in Neo4j's transaction memory (${(error as Error).message}).`, {
      cause: error,
      hint:
        'The import is one transaction, so Neo4j must hold all of it before committing. Give Neo4j more heap ' +
        '(ENTENTE_NEO4J_HEAP_MB for the embedded one; dbms.memory.transaction.total.max on a server), or load a big ' +
        'CSV export with neo4j-admin (neo4j-admin-import.sh in the export). Nothing was imported.',
    });
  }
  const mapped = mapDriverError(error, context);
  if (mapped instanceof AppError && mapped.code === ErrorCode.QUERY_FAILED) {
    return new AppError(ErrorCode.IMPORT_INVALID, `${context}${line ? ` (line ${line})` : ''}: ${(error as Error).message}`, {
      cause: error,
      details: { ...mapped.details, ...(line ? { line } : {}), ...(statement ? { statement: statement.slice(0, 300) } : {}) },
      hint: 'Nothing was imported: the transaction was rolled back.',
    });
  }
  return mapped;
}

/** Neo4j's transaction memory guard (dbms.memory.transaction.*), whatever the exact code. */
function isTransactionMemoryError(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  const message = error instanceof Error ? error.message : '';
  return code === 'Neo.TransientError.General.MemoryPoolOutOfMemoryError' || /dbms\.memory\.transaction/.test(message);
}

async function readQuery(options: ImportOptions, cypher: string): Promise<Record<string, unknown>[]> {
  try {
    return (await readRows(options, cypher)).map((r) => r.toObject());
  } catch (error) {
    throw mapDriverError(error, 'Inspecting the database');
  }
}

export type { ManagedTransaction };
