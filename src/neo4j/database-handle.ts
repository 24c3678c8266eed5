import neo4j, { type Driver, type ManagedTransaction, type Record as Neo4jRecord, type Session } from 'neo4j-driver';

/** Where queries go: a driver and the name of the database on it. Every reader and writer takes this. */
export interface DatabaseHandle {
  driver: Driver;
  database: string;
}

export type AccessMode = 'READ' | 'WRITE';

export interface SessionOptions {
  /** Records pulled per batch when streaming; the driver pauses while the consumer works. */
  fetchSize?: number;
}

/**
 * Opens a session on `db`, runs `body` and always closes the session again. The other helpers
 * are built on it; use it directly for explicit transactions and auto-commit statements (schema
 * commands, `CALL ... IN TRANSACTIONS`). `access` undefined leaves the driver's default.
 */
export async function withSession<T>(db: DatabaseHandle, access: AccessMode | undefined, body: (session: Session) => Promise<T>, options: SessionOptions = {}): Promise<T> {
  const session = db.driver.session({
    database: db.database,
    ...(access ? { defaultAccessMode: access === 'READ' ? neo4j.session.READ : neo4j.session.WRITE } : {}),
    ...(options.fetchSize ? { fetchSize: options.fetchSize } : {}),
  });
  try {
    return await body(session);
  } finally {
    await session.close();
  }
}

/** Runs one read-only query in a managed read transaction and returns all its records. */
export function readRows(db: DatabaseHandle, cypher: string, parameters: Record<string, unknown> = {}, options: { timeoutMs?: number } = {}): Promise<Neo4jRecord[]> {
  return withSession(db, 'READ', async (session) => {
    const result = await session.executeRead((tx) => tx.run(cypher, parameters), options.timeoutMs ? { timeout: options.timeoutMs } : {});
    return result.records;
  });
}

/** Streams a read query's records one by one, so memory stays flat however many rows come. */
export async function* streamRows(db: DatabaseHandle, cypher: string, parameters: Record<string, unknown> = {}, options: SessionOptions = {}): AsyncGenerator<Neo4jRecord> {
  const session = db.driver.session({ database: db.database, defaultAccessMode: neo4j.session.READ, ...(options.fetchSize ? { fetchSize: options.fetchSize } : {}) });
  try {
    for await (const record of session.run(cypher, parameters)) yield record;
  } finally {
    await session.close();
  }
}

/** Runs `work` in one managed write transaction (retried by the driver on transient errors). */
export function writeTransaction<T>(db: DatabaseHandle, work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
  return withSession(db, 'WRITE', (session) => session.executeWrite(work));
}
