import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import type { Driver } from 'neo4j-driver';
import { DEFAULT_REQUEST_LIMITS, DEFAULT_SECURITY, type RequestLimits, type SecurityConfig } from '../config.ts';
import type { Logger } from '../logger.ts';
import { formatGraphqlError } from './format-graphql-error.ts';
import { registerHealthRoutes } from './health.ts';
import { mountExplorer } from './mount-explorer.ts';
import { type AvailabilityProbe, availabilityGate } from './http/availability-gate.ts';
import { bearerAuth } from './http/bearer-auth.ts';
import { jsonErrorHandler, jsonNotFound } from './http/json-errors.ts';
import { securityHeaders } from './http/security-headers.ts';
import { readTrustedDocuments, trustedDocumentsOnly } from './http/trusted-documents.ts';
import { depthAndAliasRules } from './limits/depth-and-alias-rules.ts';
import { requestLimitsPlugin } from './limits/request-limits-plugin.ts';
import { createTransactionGate, runInRequestScope } from './limits/request-transactions.ts';
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
  /** What one request may cost; the documented defaults when absent. */
  limits?: RequestLimits;
  /** Production mode, trusted documents, bearer tokens; all off when absent. */
  security?: SecurityConfig;
  /** Whether the database is up (the embedded one's supervisor knows when it restarts). */
  availability?: AvailabilityProbe;
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
  const limits = options.limits ?? DEFAULT_REQUEST_LIMITS;
  const security = options.security ?? DEFAULT_SECURITY;
  const availability = options.availability ?? (() => ({ up: true, retryAfterSeconds: 0 }));
  const trusted = security.trustedDocumentsFile === undefined ? undefined : await readTrustedDocuments(security.trustedDocumentsFile);
  const transactions = createTransactionGate({ driver, database, limits, logger });
  const app = express();
  // Naming the framework helps nobody but an attacker.
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer({
    schema: options.schema,
    // The local IDE (mount-explorer.ts) replaces Apollo's landing page, which loads its Sandbox
    // from a CDN and reports telemetry.
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // Apollo's default cache-control plugin hooks every resolved field (thousands per list
      // request) to compute a policy the schema never sets; answers are never cacheable here, so
      // the /graphql middleware says `no-store` itself, as the plugin did.
      ApolloServerPluginCacheControlDisabled(),
      requestLimitsPlugin(limits),
      listLimitPlugin(),
    ],
    // Production hides the schema: no introspection, no "did you mean" in validation errors.
    introspection: !security.production,
    hideSchemaDetailsFromClientErrors: security.production,
    // The token limit stops a huge document inside the parser, before any AST is built.
    parseOptions: { maxTokens: limits.maxTokens },
    // Apollo would stop itself on SIGINT and then re-raise the signal, which reads as a second
    // Ctrl-C; the CLI owns shutdown order (server first, then Neo4j).
    stopOnTerminationSignals: false,
    formatError: (formatted, error) => formatGraphqlError(formatted, error, logger),
    // The API is read-only: a mutation is a client error, not an execution failure.
    validationRules: [KnownOperationTypesRule, ...depthAndAliasRules(limits)],
    // Clients get a stable shape; a stack trace would leak internals.
    includeStacktraceInErrorResponses: false,
  });
  await apollo.start();

  app.use(securityHeaders());
  registerHealthRoutes(app, { driver, database, availability });
  mountExplorer(app, { logger });
  app.use(
    '/graphql',
    cors({ origin: options.corsOrigins === '*' ? '*' : options.corsOrigins }),
    ...(security.jwt ? [bearerAuth(security.jwt)] : []),
    availabilityGate(availability),
    express.json({ limit: limits.maxBodyBytes }),
    ...(trusted ? [trustedDocumentsOnly(trusted)] : []),
    (request, response, next) => {
      response.setHeader('cache-control', 'no-store');
      const scope = transactions.forRequest();
      response.locals.transactions = scope;
      // A client that goes away before its answer must not keep Neo4j busy.
      response.on('close', () => {
        if (!response.writableFinished) void scope.cancel();
      });
      runInRequestScope(scope, next);
    },
    expressMiddleware(apollo, {
      context: async ({ res }) => {
        const scope = res.locals.transactions as ReturnType<typeof transactions.forRequest>;
        // @neo4j/graphql runs its generated queries through this driver, in READ transactions with our timeout.
        return { sessionConfig: { database }, executionContext: scope.driver, transaction: scope.transaction };
      },
    }),
  );
  app.use(jsonNotFound);
  app.use(jsonErrorHandler(logger));

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
