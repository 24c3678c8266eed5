import { inject } from 'vitest';
import type { Driver } from 'neo4j-driver';
import { createDriver } from '../../src/neo4j/open-database.ts';
import type { Neo4jConnectionConfig } from '../../src/config.ts';
import { withSession, type DatabaseHandle } from '../../src/neo4j/database-handle.ts';

export interface TestDatabase extends DatabaseHandle {
  connection: Neo4jConnectionConfig;
  close(): Promise<void>;
}

/** A driver to the run's real Neo4j (started by global-setup.ts). */
export async function connectTestDatabase(): Promise<TestDatabase> {
  const connection = inject('neo4j');
  const driver = createDriver(connection);
  await driver.verifyConnectivity({ database: connection.database });
  return { driver, database: connection.database, connection, close: () => driver.close() };
}

/** Empties the database, data only: constraints and indexes stay. */
export async function clearDatabase(driver: Driver, database: string): Promise<void> {
  // CALL ... IN TRANSACTIONS needs an auto-commit transaction, hence session.run.
  await withSession({ driver, database }, undefined, (session) => session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS'));
}
