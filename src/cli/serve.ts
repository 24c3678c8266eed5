import type { Command } from 'commander';
import { startServer } from '../server/start-server.ts';
import { buildGraphqlSchema } from '../server/schema/build-graphql-schema.ts';
import { runWithDatabase, untilAborted } from './run-with-database.ts';
import { seedIfNeeded } from '../store/load-seed.ts';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Start Neo4j (embedded unless NEO4J_URI is set), seed it if empty or outdated, and serve GraphQL')
    .action(async () => {
      await runWithDatabase(async (db, { config, logger, signal }) => {
        await seedIfNeeded(db, logger);
        if (signal.aborted) return;
        const schema = await buildGraphqlSchema(db);
        const server = await startServer({
          schema,
          driver: db.driver,
          database: db.database,
          host: config.http.host,
          port: config.http.port,
          corsOrigins: config.http.corsOrigins,
          limits: config.limits,
          security: config.security,
          availability: db.availability,
          logger,
        });
        logger.info(`GraphQL ready at ${server.url} (health: ${server.url.replace(/graphql$/, 'health')})`);
        await untilAborted(signal);
        await server.stop();
        logger.info('GraphQL server stopped');
      }, { graceful: true });
    });
}
