/**
 * Child process of the API benchmark: Entente's real GraphQL server (the schema and server
 * `entente serve` builds) on a free loopback port, over the Neo4j in NEO4J_URI. Prints
 * `{"url": ...}` when ready; stops on SIGTERM or when its parent's stdin closes.
 */
import { createLogger } from '../../src/logger.ts';
import { createDriver } from '../../src/neo4j/open-database.ts';
import { startServer } from '../../src/server/start-server.ts';
import { buildGraphqlSchema } from '../../src/server/schema/build-graphql-schema.ts';
import { connectionFromEnv, stopOnParentExit } from './child-process.ts';

const connection = connectionFromEnv();
const driver = createDriver(connection);
const logger = createLogger({ level: 'warn' });
const schema = await buildGraphqlSchema({ driver, database: connection.database });
const server = await startServer({ schema, driver, database: connection.database, host: '127.0.0.1', port: 0, corsOrigins: '*', logger });
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
stopOnParentExit(async () => {
  await server.stop();
  await driver.close();
});
