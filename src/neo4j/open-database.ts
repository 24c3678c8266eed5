import neo4j, { type Driver } from 'neo4j-driver';
import type { Config, Neo4jConnectionConfig } from '../config.ts';
import { AppError, ErrorCode } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { DatabaseHandle } from './database-handle.ts';
import { readDataDirOwner } from './data-dir-lock.ts';
import { EmbeddedSupervisor } from './supervise-embedded.ts';
import { readStoredPassword } from './embedded-password.ts';
import { mapDriverError } from './map-driver-error.ts';

/** An open database: the handle plus what `close()` must stop. */
export interface Database extends DatabaseHandle {
  uri: string;
  /** True when this process started the database and will stop it in close(). */
  embedded: boolean;
  /** Whether the database serves now (false while the embedded one restarts after a crash). */
  availability?: () => { up: boolean; retryAfterSeconds: number };
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
  let embedded: EmbeddedSupervisor | undefined;
  let connection: Neo4jConnectionConfig;
  if (config.neo4j) {
    connection = config.neo4j;
    logger.info(`Using the Neo4j at ${connection.uri} (database ${connection.database})`);
  } else {
    const shared = await runningEmbedded(config);
    if (shared) {
      connection = shared.connection;
      logger.info(`Using the embedded Neo4j that process ${shared.pid} runs on ${connection.uri}`);
    } else {
      embedded = new EmbeddedSupervisor({ config: config.embedded, logger, searchPath: options.searchPath });
      connection = { ...(await embedded.start(options.signal)), database: config.database };
    }
  }
  const driver = createDriver(connection);
  try {
    await verifyDatabase(driver, connection.database);
  } catch (error) {
    await driver.close();
    await embedded?.stop();
    if (!config.neo4j && !embedded) throw sharedUnreachable(config, connection, error);
    throw mapDriverError(error, `Connecting to ${connection.uri}`);
  }
  let closing: Promise<void> | undefined;
  return {
    driver,
    database: connection.database,
    uri: connection.uri,
    embedded: embedded !== undefined,
    availability: () => embedded?.availability() ?? { up: true, retryAfterSeconds: 0 },
    close: () => {
      closing ??= (async () => {
        await driver.close();
        await embedded?.stop();
      })();
      return closing;
    },
  };
}

/**
 * The embedded Neo4j another Entente process (`npm start` in another terminal) already runs on
 * this data directory: the CLI uses it instead of refusing, and leaves its life to that owner.
 */
async function runningEmbedded(config: Config): Promise<{ pid: number; connection: Neo4jConnectionConfig } | undefined> {
  const owner = await readDataDirOwner(config.embedded.dataDir);
  if (owner?.boltPort === undefined) return undefined;
  if (owner.state === 'restarting') {
    throw new AppError(ErrorCode.NEO4J_UNAVAILABLE, `The embedded Neo4j of Entente process ${owner.pid} is restarting after a failure.`, {
      details: { dataDir: config.embedded.dataDir, pid: owner.pid },
      hint: 'Try again in a few seconds.',
    });
  }
  const password = config.embedded.password ?? (await readStoredPassword(config.embedded.dataDir)) ?? '';
  return {
    pid: owner.pid,
    connection: { uri: `bolt://127.0.0.1:${owner.boltPort}`, username: 'neo4j', password, database: config.database },
  };
}

function sharedUnreachable(config: Config, connection: Neo4jConnectionConfig, cause: unknown): AppError {
  return new AppError(
    ErrorCode.DATA_DIR_LOCKED,
    `The data directory ${config.embedded.dataDir} is in use by another Entente process, whose Neo4j on ${connection.uri} did not answer.`,
    {
      cause,
      details: { dataDir: config.embedded.dataDir, uri: connection.uri },
      hint: 'It may still be starting: try again once it logs "GraphQL ready". If it was started with NEO4J_PASSWORD, give the same NEO4J_PASSWORD here. Or choose another ENTENTE_DATA_DIR.',
    },
  );
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
