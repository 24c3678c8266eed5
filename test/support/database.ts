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

/**
 * Empties the database, data only: constraints and indexes stay. Refuses a database this run did
 * not start unless ENTENTE_TEST_USE_EXTERNAL=1 explicitly allows wiping it.
 */
export async function clearDatabase(driver: Driver, database: string): Promise<void> {
  assertMayWipe(inject('neo4jStartedByRun'), process.env.ENTENTE_TEST_USE_EXTERNAL);
  // CALL ... IN TRANSACTIONS needs an auto-commit transaction, hence session.run.
  await withSession({ driver, database }, undefined, (session) => session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS'));
}

/** Throws unless the tests started the database themselves or the caller allowed wiping an external one. */
export function assertMayWipe(startedByRun: boolean, useExternal: string | undefined): void {
  if (startedByRun || useExternal === '1') return;
  throw new Error('Refusing to clear a Neo4j this test run did not start: set ENTENTE_TEST_USE_EXTERNAL=1 to allow wiping its data.');
}
