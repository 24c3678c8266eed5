import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import type { Driver } from 'neo4j-driver';
import type { Logger } from '../logger.ts';
import { formatGraphqlError } from './format-graphql-error.ts';
import { checkHealth } from './health.ts';
import { listLimitPlugin } from './list-limit-plugin.ts';
import { KnownOperationTypesRule } from './schema/known-operation-types-rule.ts';

export interface ServerOptions {
  schema: GraphQLSchema;
  driver: Driver;
  database: string;
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  corsOrigins: string[] | '*';
  logger: Logger;
}

export interface RunningServer {
  /** e.g. http://localhost:4000/graphql */
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Apollo Server on express with `/graphql` and `/health`; resolves once it listens. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { driver, database, logger } = options;
  const app = express();
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer({
    schema: options.schema,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), listLimitPlugin()],
    // Apollo would stop itself on SIGINT and then re-raise the signal, which reads as a second
    // Ctrl-C; the CLI owns shutdown order (server first, then Neo4j).
    stopOnTerminationSignals: false,
    formatError: (formatted, error) => formatGraphqlError(formatted, error, logger),
    // The API is read-only: a mutation is a client error, not an execution failure.
    validationRules: [KnownOperationTypesRule],
    // Clients get a stable shape; a stack trace would leak internals.
    includeStacktraceInErrorResponses: false,
  });
  await apollo.start();

  app.get('/health', async (_request, response) => {
    const health = await checkHealth(driver, database);
    response.status(health.status === 'ok' ? 200 : 503).json(health);
  });
  app.use(
    '/graphql',
    cors({ origin: options.corsOrigins === '*' ? '*' : options.corsOrigins }),
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async () => ({ sessionConfig: { database } }),
    }),
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen({ port: options.port, host: options.host }, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://${options.host === '0.0.0.0' ? 'localhost' : options.host}:${port}/graphql`;
  let stopping: Promise<void> | undefined;
  return {
    url,
    port,
    stop: () => {
      // Apollo's drain plugin closes the HTTP server, letting in-flight requests finish first.
      stopping ??= apollo.stop();
      return stopping;
    },
  };
}
