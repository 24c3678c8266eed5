import neo4j, { type Driver } from 'neo4j-driver';
import type { Config, Neo4jConnectionConfig } from '../config.ts';
import type { Logger } from '../logger.ts';
import { EmbeddedNeo4j } from './embedded-neo4j.ts';
import { mapDriverError } from './map-driver-error.ts';

export interface Database {
  driver: Driver;
  database: string;
  uri: string;
  /** True when this process started the database and will stop it in close(). */
  embedded: boolean;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** PATH to look for `java` in; tests use it to simulate a machine without Java. */
  searchPath?: string | undefined;
  /** Stops an embedded start-up under way (Ctrl-C). */
  signal?: AbortSignal;
}

/**
 * Connects to NEO4J_URI when set, otherwise starts the embedded Neo4j; either way returns only
 * once Bolt answers and APOC works, which @neo4j/graphql needs.
 */
export async function openDatabase(config: Config, logger: Logger, options: OpenDatabaseOptions = {}): Promise<Database> {
  let embedded: EmbeddedNeo4j | undefined;
  let connection: Neo4jConnectionConfig;
  if (config.neo4j) {
    connection = config.neo4j;
    logger.info(`Using the Neo4j at ${connection.uri} (database ${connection.database})`);
  } else {
    embedded = new EmbeddedNeo4j({ config: config.embedded, logger, searchPath: options.searchPath });
    connection = { ...(await embedded.start(options.signal)), database: config.database };
  }
  const driver = createDriver(connection);
  try {
    await verifyDatabase(driver, connection.database);
  } catch (error) {
    await driver.close();
    await embedded?.stop();
    throw mapDriverError(error, `Connecting to ${connection.uri}`);
  }
  let closing: Promise<void> | undefined;
  return {
    driver,
    database: connection.database,
    uri: connection.uri,
    embedded: embedded !== undefined,
    close: () => {
      closing ??= (async () => {
        await driver.close();
        await embedded?.stop();
      })();
      return closing;
    },
  };
}

export function createDriver(connection: Neo4jConnectionConfig): Driver {
  return neo4j.driver(connection.uri, neo4j.auth.basic(connection.username, connection.password), {
    // The driver's defaults (60 s to get a connection, 30 s of retries) make a dead database
    // look like a hung request; fail within seconds instead.
    connectionAcquisitionTimeout: 10_000,
    connectionTimeout: 5_000,
    maxTransactionRetryTime: 5_000,
    disableLosslessIntegers: false,
  });
}

/** Bolt answering is not enough: @neo4j/graphql needs APOC, so check it is callable too. */
export async function verifyDatabase(driver: Driver, database: string): Promise<{ apoc: string }> {
  await driver.verifyConnectivity({ database });
  const result = await driver.executeQuery('RETURN apoc.version() AS apoc', {}, { database, routing: 'READ' });
  return { apoc: String(result.records[0]?.get('apoc')) };
}
